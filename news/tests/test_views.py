from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import make_article, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def kremlin_style_article(settings):
    settings.TIME_ZONE = "Europe/London"
    section = make_section("Rocket Science", slug="rocket-science")
    author = make_author("Ada Reporter", slug="ada-reporter")
    keyword = make_keyword("TESLA MOTORS", slug="tesla-motors")
    return make_article(
        "Orbital test stand fires for the first time",
        slug="orbital-test-stand-fires",
        section=section,
        author=author,
        agency="AFP",
        dateline_place="Moscow",
        dateline_date=datetime(2021, 2, 15).date(),
        published_at=datetime(2021, 2, 17, 9, 43, tzinfo=ZoneInfo("Europe/London")),
        teaser="A test stand fired on Monday.",
        body="<p>The stand fired for ninety seconds.</p><script>alert(1)</script>",
        credit_line="mp-emg/jbr/jj",
        source_url="https://example.org/original",
        keywords=[keyword],
        links=[("Launch schedule", "https://example.org/schedule")],
    )


def test_article_page_has_the_seed_anatomy(client, kremlin_style_article):
    response = client.get("/news/2021/02/17/orbital-test-stand-fires/")
    html = response.content.decode()
    assert response.status_code == 200
    # breadcrumbs Home > News > section > title
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    for crumb in ('href="/">Home</a>', 'href="/news/">News</a>', 'href="/news/section/rocket-science/">Rocket Science</a>'):
        assert crumb in html
    assert '<li aria-current="page">Orbital test stand fires for the first time</li>' in html
    assert "Written by" in html and "Ada Reporter" in html
    assert ">Feb 17, 2021 09:43</time>" in html
    assert '<p class="dateline">Moscow (AFP) Feb 15, 2021</p>' in html
    assert '<p class="teaser">A test stand fired on Monday.</p>' in html
    assert "<p>The stand fired for ninety seconds.</p>" in html
    assert "<script>alert(1)</script>" not in html
    assert '<p class="credit-line">mp-emg/jbr/jj</p>' in html
    assert '<a href="/news/keyword/tesla-motors/" rel="tag">TESLA MOTORS</a>' in html
    assert '<a href="https://example.org/schedule" rel="noopener">Launch schedule</a>' in html
    assert "Rocket Science News at" in html
    assert 'href="https://example.org/original" rel="noopener nofollow">Read more from original source...' in html
    assert "Write a comment" not in html  # closed: comments close 30 days after publication
    assert 'id="comments"' in html
    assert "Report an error" in html and "mailto:corrections@localhost" in html
    assert "mailto:?subject=Orbital" in html  # share links are plain URLs
    head = html.split("</head>")[0]
    assert head.count("<script") == head.count('<script type="application/ld+json">') == 2  # data, not code


def test_article_page_lists_its_own_keywords_by_name_and_links_in_order(client):
    zeta, alpha = make_keyword("Zeta mission", slug="zeta-mission"), make_keyword("Alpha rocket", slug="alpha-rocket")
    article = make_article(
        keywords=[zeta, alpha],
        links=[("Second? No, first link", "https://example.org/1"), ("Then this one", "https://example.org/2")],
    )
    make_article(keywords=[make_keyword("Other story's keyword")], links=[("Other story's link", "https://example.org/x")])
    article.related_links.filter(url="https://example.org/1").update(order=5)

    html = client.get(article.get_absolute_url()).content.decode()

    keywords = html.split('<ul class="keywords"')[1].split("</ul>")[0]
    assert keywords.index("Alpha rocket") < keywords.index("Zeta mission")
    links = html.split('<section class="related-links"')[1].split("</section>")[0]
    assert links.index("Then this one") < links.index("Second? No, first link")
    assert "Other story" not in html


def test_article_without_keywords_or_links_has_no_keyword_list(client):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert '<ul class="keywords"' not in html
    links = html.split('<section class="related-links"')[1].split("</section>")[0]
    assert links.count("<li>") == 1  # only the section's own link


def test_article_page_tells_search_engines_and_link_previews_what_it_is(client, kremlin_style_article):
    html = client.get("/news/2021/02/17/orbital-test-stand-fires/").content.decode()
    address = "http://testserver/news/2021/02/17/orbital-test-stand-fires/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert '<meta name="description" content="A test stand fired on Monday.">' in html
    assert '<meta property="og:description" content="A test stand fired on Monday.">' in html
    assert '<meta property="article:section" content="Rocket Science">' in html
    assert "noindex" not in html


def test_article_without_author_is_written_by_staff_writers(client):
    article = make_article(author=None, agency="", dateline_place="Paris")
    response = client.get(article.get_absolute_url())
    assert "Staff Writers" in response.content.decode()


def test_article_url_with_wrong_date_redirects_permanently(client, kremlin_style_article):
    response = client.get("/news/2020/01/01/orbital-test-stand-fires/")
    assert response.status_code == 301
    assert response["Location"] == "/news/2021/02/17/orbital-test-stand-fires/"


def test_old_slug_redirects_to_new_address(client, kremlin_style_article):
    old_url = kremlin_style_article.get_absolute_url()
    kremlin_style_article.slug = "test-stand-fires-again"
    kremlin_style_article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/news/2021/02/17/test-stand-fires-again/"


def test_changed_publication_date_redirects_old_url(client, kremlin_style_article):
    old_url = kremlin_style_article.get_absolute_url()
    kremlin_style_article.published_at += timedelta(days=3)
    kremlin_style_article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == kremlin_style_article.get_absolute_url() != old_url


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_is_404_for_the_public(client, fields):
    article = make_article(**fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/news/").content.decode()


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="pw-for-tests-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editor_previews_draft_with_banner(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_editor_sees_scheduled_banner(client, editor):
    article = make_article(published_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    assert "Scheduled for" in client.get(article.get_absolute_url()).content.decode()


def test_scheduled_article_appears_when_its_time_comes(client):
    article = make_article(published_at=timezone.now() + timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.title in client.get("/news/").content.decode()


def test_preview_link_shows_draft_to_anyone(client):
    article = make_article(status=Article.Status.DRAFT, title="Secret draft")
    response = client.get(article.get_preview_url())
    assert response.status_code == 200
    assert "Secret draft" in response.content.decode()
    assert "You are viewing a preview link." in response.content.decode()


def test_expired_or_forged_preview_link_is_404(client, settings):
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(reverse("news:preview", kwargs={"token": "forged"})).status_code == 404
    settings.PREVIEW_LINK_MAX_AGE = -1
    assert client.get(article.get_preview_url()).status_code == 404


def test_updated_article_shows_updated_and_correction(client):
    article = make_article(published_at=timezone.now() - timedelta(days=2))
    article.body = "<p>New text.</p>"
    article.correction = "An earlier version misnamed the launch site."
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="updated">Updated' in html
    assert "An earlier version misnamed the launch site." in html


def test_fresh_article_is_not_marked_updated(client):
    article = make_article(published_at=timezone.now() - timedelta(days=2))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" not in html


def test_home_shows_leads_and_latest_of_each_section(client):
    rockets = make_section("Rocket Science", slug="rocket-science")
    careers = make_section("Space Careers", slug="space-careers")
    make_article("Old rocket story", section=rockets, published_at=timezone.now() - timedelta(days=5))
    make_article("New rocket story", section=rockets, dateline_place="Houston TX", agency="SPX")
    make_article("Career fair opens", section=careers, is_lead=True)
    html = client.get("/").content.decode()
    blocks = html.split('class="section-blocks"')[1].split('class="latest"')[0]
    assert "ROCKET SCIENCE" in blocks
    assert "SPACE CAREERS" not in blocks  # its only story is the lead, shown once above
    assert "New rocket story" in blocks and "Old rocket story" not in blocks
    assert "read more" in blocks and "Houston TX (SPX)" in blocks
    assert html.index("Career fair opens") < html.index("ROCKET SCIENCE")


def test_home_shows_each_story_once(client):
    rockets = make_section("Rocket Science", slug="rocket-science")
    careers = make_section("Space Careers", slug="space-careers")
    titles = ["Lead rocket story", "Second rocket story", "Third rocket story", "Career fair opens", "Older career story"]
    for hours, title in enumerate(titles):
        make_article(
            title,
            section=careers if "areer" in title else rockets,
            is_lead=title == "Lead rocket story",
            published_at=timezone.now() - timedelta(hours=hours + 1),
        )
    html = client.get("/").content.decode()
    for title in titles:
        assert html.count(f">{title}</a>") == 1, title
    blocks = html.split('class="section-blocks"')[1].split('class="latest"')[0]
    assert "Second rocket story" in blocks and "Career fair opens" in blocks
    latest = html.split('class="latest"')[1]
    assert "Third rocket story" in latest and "Older career story" in latest


def test_news_index_is_newest_first_and_paginated(client, settings):
    section = make_section()
    for i in range(25):
        make_article(f"Paged story {i:02d}", section=section, published_at=timezone.now() - timedelta(hours=i + 1))
    page1 = client.get("/news/").content.decode()
    assert page1.index("Paged story 00") < page1.index("Paged story 01")
    assert "Paged story 24" not in page1 and "Page 1 of 2" in page1
    assert "Paged story 24" in client.get("/news/?page=2").content.decode()
    assert client.get("/news/?page=last").status_code == 200
    assert client.get("/news/?page=99").status_code == 404
    assert client.get("/news/?page=abc").status_code == 404


def test_section_keyword_and_author_pages_list_their_articles(client):
    section, keyword, author = make_section("Satellites"), make_keyword("CUBESATS"), make_author("Bo Writer")
    make_article("Tiny satellite deployed", section=section, keywords=[keyword], author=author)
    make_article("Unrelated story")
    for url in (section.get_absolute_url(), keyword.get_absolute_url(), author.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Tiny satellite deployed" in html, url
        assert "Unrelated story" not in html, url
    assert client.get("/news/section/no-such-section/").status_code == 404


def test_section_nav_and_sidebar_link_every_section_and_mark_the_current_one(client):
    satellites, rockets = make_section("Satellites"), make_section("Rockets")
    article = make_article("Tiny satellite deployed", section=satellites)
    for url in ("/", article.get_absolute_url(), satellites.get_absolute_url()):
        html = client.get(url).content.decode()
        for section in (satellites, rockets):
            assert html.count(f'<a href="{section.get_absolute_url()}">{section.name}</a>') >= 2, url
    html = client.get(satellites.get_absolute_url()).content.decode()
    assert f'<a href="{satellites.get_absolute_url()}" aria-current="page">Satellites</a>' in html
    assert 'aria-current="page">Rockets' not in html


def test_date_archives(client, settings):
    settings.TIME_ZONE = "UTC"
    section = make_section()
    make_article("March one", section=section, published_at=datetime(2024, 3, 5, 10, tzinfo=ZoneInfo("UTC")))
    make_article("March two", section=section, published_at=datetime(2024, 3, 9, 10, tzinfo=ZoneInfo("UTC")))
    make_article("May one", section=section, published_at=datetime(2024, 5, 1, 10, tzinfo=ZoneInfo("UTC")))
    year = client.get("/news/2024/").content.decode()
    assert 'href="/news/2024/03/">March 2024</a> <span class="count">(2 stories)</span>' in year
    assert "May 2024</a> <span class=\"count\">(1 story)</span>" in year
    month = client.get("/news/2024/03/").content.decode()
    assert "March one" in month and "March two" in month and "May one" not in month
    day = client.get("/news/2024/03/09/").content.decode()
    assert "March two" in day and "March one" not in day
    assert 'href="/news/2024/03/05/">&larr; Mar 5, 2024</a>' in day
    assert "<h1>News from Saturday, Mar 9, 2024</h1>" in day
    assert 'href="/news/2024/05/01/">May 1, 2024 &rarr;</a>' in day
    assert client.get("/news/2024/13/").status_code == 404
    assert client.get("/news/2024/02/30/").status_code == 404
    assert client.get("/news/2024/04/01/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/news/9999/12/31/",
        "/news/9999/12/31/?page=2",
        "/news/9999/12/",
        "/news/9999/",
        "/news/1899/12/31/",
        "/news/1899/",
        "/news/0/",
        "/news/2024/13/",
        "/news/2024/12/32/",
        "/news/99999999999999999999/01/01/",
    ],
)
def test_date_archives_outside_1900_to_next_year_are_not_found(client, path):
    make_article("Launch day")
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_date_archives_reach_back_to_1900(client, settings):
    settings.TIME_ZONE = "UTC"
    make_article("First story", published_at=datetime(1900, 1, 1, 10, tzinfo=ZoneInfo("UTC")))
    for path in ("/news/1900/", "/news/1900/01/", "/news/1900/01/01/"):
        assert "First story" in client.get(path).content.decode(), path


def test_404_page_uses_the_site_template(client):
    response = client.get("/news/section/missing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_signed_in_reader_gets_the_home_page_stories_without_their_queries_until_one_changes(
    client, local_cache, django_assert_max_num_queries
):
    make_article("Lander wakes up", is_lead=True)
    client.force_login(User.objects.create_user("reader-home", password="pw-for-tests-1"))
    assert "Lander wakes up" in client.get("/").content.decode()
    with django_assert_max_num_queries(3):  # the session's user and the listings token
        html = client.get("/").content.decode()
    assert "Lander wakes up" in html and "Signed in as reader-home" in html
    make_article("Second lander wakes up", is_lead=True)
    assert "Second lander wakes up" in client.get("/").content.decode()


def test_signed_in_reader_sees_an_articles_edit_at_once(client, local_cache):
    article = make_article("Probe reaches orbit", body="<p>First version.</p>")
    client.force_login(User.objects.create_user("reader-story", password="pw-for-tests-1"))
    assert "First version." in client.get(article.get_absolute_url()).content.decode()
    article.body = "<p>Second version.</p>"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Second version." in html and "First version." not in html
