"""What the page checks (e2e/test_page_checks.py) found, held in place without a browser: each
markup rule here is one the Nu HTML Checker or axe-core reported."""

import re
from datetime import UTC, datetime

import pytest

from comments.tests.factories import make_comment
from news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_list_pages_title_their_stories_one_level_below_the_page_title(client):
    section = make_section("Rocket Science", slug="rocket-science")
    make_article("Booster lands on a barge", section=section)
    page = client.get(section.get_absolute_url()).content.decode()
    assert re.search(r'<h2 class="summary-title"><a [^>]+>Booster lands on a barge</a></h2>', page)
    assert "<h3" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_times_of_comments_and_articles_carry_whole_seconds(client):
    posted = datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=UTC)
    article = make_article("Booster lands on a barge", published_at=posted)
    make_comment(article, body="Ten landings.", created_at=posted)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('datetime="2026-03-04T05:06:07+00:00"') == 2
    assert not re.search(r'datetime="[^"]*\.\d', page)


def test_a_date_that_does_not_exist_is_refused_and_not_put_back_into_the_date_field(client):
    response = client.get("/news/search/?from=2021-02-30")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD." in page
    date_input = re.search(r'<input type="date" name="from"[^>]*>', page).group(0)
    assert "value=" not in date_input


def test_a_real_date_is_put_back_into_the_date_field(client):
    page = client.get("/news/search/?from=2021-02-28&q=booster").content.decode()
    assert re.search(r'<input type="date" name="from" value="2021-02-28"', page)


def test_sign_up_states_the_password_rules_as_plain_text(client):
    page = client.get("/accounts/signup/").content.decode()
    help_text = re.search(r'<span class="helptext" id="id_password1_helptext">(.*?)</span>', page, re.S).group(1)
    assert "at least 8 characters" in help_text
    assert "<" not in help_text


def test_messages_are_a_list_inside_a_status_region(client):
    page = client.get("/support/?cancelled=1").content.decode()
    assert re.search(
        r'<div role="status">\s*<ul class="messages">\s*<li class="message message-info">Your payment was cancelled',
        page,
    )



def test_read_more_links_name_their_story_in_their_text(client):
    """Search engines (Lighthouse's "link-text") read a link's text, not its aria-label."""
    make_article("Booster lands on a barge", is_lead=True)
    make_article("Engine test fires for eight minutes")
    page = client.get("/").content.decode()
    for title in ("Booster lands on a barge", "Engine test fires for eight minutes"):
        assert re.search(
            rf'<a class="read-more" href="[^"]+">read more<span class="visually-hidden">: {title}</span></a>', page
        )
