"""Every page type carries the security headers, whichever way it was served."""

import pytest
from django.contrib.auth.models import User

from news.tests.factories import make_article, make_author, make_keyword, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    section = make_section("Launchers", slug="launchers")
    keyword = make_keyword("ARIANE", slug="ariane")
    author = make_author("Ada Reporter", slug="ada")
    article = make_article("Header story", section=section, author=author, keywords=[keyword])
    day = article.local_published_at
    return {
        "home": "/",
        "news index": "/news/",
        "year": f"/news/{day:%Y}/",
        "month": f"/news/{day:%Y/%m}/",
        "day": f"/news/{day:%Y/%m/%d}/",
        "article": article.get_absolute_url(),
        "section": "/news/section/launchers/",
        "keyword": "/news/keyword/ariane/",
        "author": "/news/author/ada/",
        "feed": "/news/feed/",
        "section feed": "/news/section/launchers/feed/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "admin login": "/admin/login/",
        "health": "/healthz",
        "robots": "/robots.txt",
        "not found": "/news/section/no-such-section/",
    }


def _assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "browsing-topics=()"):
        assert feature in permissions


@pytest.mark.parametrize(
    "name",
    [
        "home", "news index", "year", "month", "day", "article", "section", "keyword", "author", "feed",
        "section feed", "login", "signup", "admin login", "health", "robots", "not found",
    ],
)
def test_each_page_type_has_the_security_headers(client, pages, name):
    response = client.get(pages[name])
    assert response.status_code == (404 if name == "not found" else 200)
    _assert_security_headers(response)


@pytest.mark.parametrize("name", ["home", "article", "section", "feed"])
def test_pages_served_from_the_page_cache_keep_the_headers(client, pages, name):
    client.get(pages[name])
    response = client.get(pages[name])
    assert response["X-Page-Cache"] == "hit"
    _assert_security_headers(response)


@pytest.mark.parametrize("name", ["home", "article", "admin login"])
def test_logged_in_pages_have_the_headers(client, pages, name):
    client.force_login(User.objects.create_user("reader", password="pw"))
    _assert_security_headers(client.get(pages[name]))


def test_csrf_trusted_origins_come_from_the_environment():
    from .test_production_settings import _manage

    result = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.CSRF_TRUSTED_ORIGINS)",
        DEBUG="1", CSRF_TRUSTED_ORIGINS="https://news.example.org, https://www.news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['https://news.example.org', 'https://www.news.example.org']"


def test_a_local_stripe_server_is_a_form_target_only_when_configured(client, settings):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert form_action.split() == ["form-action", "'self'", "https://checkout.stripe.com", "https://billing.stripe.com"]
    settings.STRIPE_API_BASE = "http://127.0.0.1:8765/"
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "form-action 'self' https://checkout.stripe.com https://billing.stripe.com http://127.0.0.1:8765" in policy
