import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_base_template_has_the_site_frame(client, settings):
    settings.SITE_NAME = "Test Orbit"
    settings.SITE_TAGLINE = "All the orbits"
    settings.FOLLOW_LINKS = [("Mastodon", "https://mastodon.example/@orbit")]
    make_section("Rocket Science", slug="rocket-science")
    html = client.get("/news/").content.decode()
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<a class="site-name" href="/">Test Orbit</a>' in html and "All the orbits" in html
    assert '<a href="/news/section/rocket-science/">Rocket Science</a>' in html
    for tag in ("<header", "<nav", '<main id="main"', "<aside", "<footer"):
        assert tag in html
    assert 'href="https://mastodon.example/@orbit"' in html
    assert "Log in</a>" in html and "Sign up</a>" in html
    assert "style=" not in html and "<script" not in html


def test_logged_in_reader_sees_account_state(client):
    client.force_login(User.objects.create_user("reader", password="x"))
    html = client.get("/news/").content.decode()
    assert "Signed in as reader" in html and "Log out</button>" in html


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_use_the_site_template(client, path):
    html = client.get(path).content.decode()
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "<form" in html


def test_signup_requires_email_verification(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "username": "newreader", "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body
    login = client.post("/accounts/login/", {"login": "newreader", "password": "a-long-pass-phrase-9"})
    assert login["Location"] == "/accounts/confirm-email/"


def test_healthz_checks_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "problems": {}, "degraded": {}}
    assert "no-cache" in response["Cache-Control"]


def test_robots_txt_lists_sitemaps_and_hides_private_paths(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Disallow: /news/search/" in body and "Disallow: /news/preview/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemaps_list_published_articles_only(client):
    live = make_article("Live story")
    draft = make_article("Draft story", status="draft")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert live.get_absolute_url() in articles and draft.get_absolute_url() not in articles
    news = client.get("/news-sitemap.xml").content.decode()
    assert "<news:title>Live story</news:title>" in news and "Draft story" not in news


def test_feeds_carry_published_articles(client):
    section = make_section("Satellites", slug="satellites")
    make_article("Feed story", section=section)
    make_article("Hidden draft", section=section, status="draft")
    for url in ("/news/feed/", "/news/section/satellites/feed/"):
        body = client.get(url).content.decode()
        assert "<title>Feed story</title>" in body and "Hidden draft" not in body
    assert client.get("/news/keyword/missing/feed/").status_code == 404


def test_post_without_csrf_token_is_refused_with_our_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_server_error_page_renders_without_database(rf, django_assert_num_queries):
    from portal.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_server_error_page_renders_without_collected_static_files(rf, settings, tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage

    from portal.views import server_error

    settings.STATIC_ROOT = tmp_path  # nothing collected: no manifest of hashed names
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with pytest.raises(ValueError):
        staticfiles_storage.url("css/site.css")
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert f'href="{settings.STATIC_URL}css/site.css"' in html
