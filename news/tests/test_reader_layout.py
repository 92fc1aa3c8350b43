"""The reader's pages as markup: one search form, one date per result, headed blocks after the
story, no comment counts under teasers, no inline styles. Their look (header height, dark mode,
focus, print) is tested in a browser: e2e/test_design.py."""

import re
from datetime import date

import pytest
from django.utils import timezone

from news.tests.factories import make_article, make_keyword, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def rocket_stories():
    section = make_section("Rocket Science", slug="rocket-science")
    keyword = make_keyword("REUSABLE ROCKETS", slug="reusable-rockets")
    return [
        make_article(
            f"Booster lands on barge {n}",
            section=section,
            keywords=[keyword],
            agency="AFP",
            dateline_place="Moscow",
            dateline_date=date(2021, 2, 15),
        )
        for n in range(3)
    ]


def test_search_page_has_one_search_form_and_no_sidebar_search(client, rocket_stories):
    html = client.get("/news/search/?title=booster").content.decode()
    assert html.count('role="search"') == 1
    assert 'id="search-box-title"' not in html and "Search News Archive" not in html
    sidebar = html.split('<aside class="sidebar"')[1].split("</aside>")[0]
    assert "Narrow the search" in sidebar and "?title=booster&amp;section=rocket-science" in sidebar
    assert "Sections" in sidebar


def test_search_form_folds_section_dates_and_order_under_more_options(client, rocket_stories):
    html = client.get("/news/search/?title=booster").content.decode()
    form = html.split('class="search-form"')[1].split("</form>")[0]
    main, more = form.split('<details class="search-more"')
    for name in ("title", "text", "keyword", "q"):
        assert f'name="{name}"' in main
    for name in ("section", "from", "to", "sort"):
        assert f'name="{name}"' in more and f'name="{name}"' not in main
    assert more.startswith(">")  # folded while none of them is set
    assert "<summary>More options: section, dates, order</summary>" in more


@pytest.mark.parametrize(
    "query", ["section=rocket-science", "from=2020-01-01", "to=2030-01-01", "sort=newest", "from=2021-02-30"]
)
def test_more_options_unfold_when_one_is_set_or_wrong(client, rocket_stories, query):
    html = client.get(f"/news/search/?title=booster&{query}").content.decode()
    assert '<details class="search-more" open>' in html


def test_search_field_errors_are_described_and_the_tips_are_referenced(client, rocket_stories):
    response = client.get("/news/search/?q=*")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="search-tips"' in html
    assert re.search(r'<input type="search" name="q"[^>]*aria-describedby="search-tips id_q_error"', html)
    assert '<ul class="errorlist" id="id_q_error">' in html


def test_each_search_result_writes_its_date_once(client, rocket_stories):
    html = client.get("/news/search/?title=booster").content.decode()
    hit = html.split('class="search-hit')[1].split("</li>")[0]
    dateline = re.search(r'<p class="dateline">(.*?)</p>', hit, re.S).group(1)
    day = timezone.localtime(rocket_stories[0].published_at)
    assert f">{day:%b} {day.day}, {day.year}</time>" in dateline
    shown = re.sub(r"<[^>]+>", "", dateline)
    assert shown.count(str(day.year)) == 1 and "2021" not in shown
    assert dateline.endswith(" · Moscow (AFP)")


def test_article_separates_related_links_share_links_and_the_appeal_with_headings(client, rocket_stories, payments_configured):
    html = client.get(rocket_stories[0].get_absolute_url()).content.decode()
    after = html.split('<div class="story-after">')[1]
    assert '<h2 id="related-title">Related links</h2>' in after
    assert '<nav class="share" aria-labelledby="share-title">' in after
    assert '<h2 id="share-title">Share this article</h2>' in after
    assert after.index("related-title") < after.index("share-title") < after.index('class="support-appeal"')


def test_article_dates_share_one_format(client, rocket_stories):
    article = rocket_stories[0]
    html = client.get(article.get_absolute_url()).content.decode()
    day = timezone.localtime(article.published_at)
    assert f">{day:%b} {day.day}, {day.year} {day:%H:%M}</time>" in html
    assert '<p class="dateline">Moscow (AFP) Feb 15, 2021</p>' in html


def test_listings_show_no_comment_counts(client, rocket_stories):
    for url in ("/", "/news/", "/news/section/rocket-science/", "/news/keyword/reusable-rockets/"):
        html = client.get(url).content.decode()
        assert "Booster lands on barge 1" in html
        assert not re.search(r"\d+ comments?\b", html), url


def test_pages_carry_no_inline_style_or_script(client, rocket_stories):
    for url in ("/", rocket_stories[0].get_absolute_url(), "/news/search/?title=booster", "/accounts/login/"):
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html, url
        # JSON-LD blocks are data, which the CSP does not run (news/tests/test_structured_data.py).
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", html), url
