"""Two gunicorn app servers on one PostgreSQL database and one Redis, as behind a load balancer.

Nothing one server needs may live only in the other's memory: pages, sessions, rate limits
(logins, comments) and Stripe events are shared through PostgreSQL and Redis. The `servers` fixture starts both servers once for the
module against the test database; a `Visitor` keeps its cookies whichever server it talks to.
"""

import http.cookiejar
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from news.models import Article
from news.tests.factories import make_article, make_section
from supporters.tests.fake_stripe import WEBHOOK_SECRET, sign

from .app_servers import Server, database_url

MAX_AGE = settings.PAGE_CACHE_MAX_AGE  # the longest a reader may wait for news

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="two app servers need a shared PostgreSQL database: set DATABASE_URL=postgres://...",
    ),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="two app servers need a shared Redis: set REDIS_URL=redis://..."
    ),
]


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        test_database = database_url()
    environment = {
        **os.environ,
        "DEBUG": "1",  # plain HTTP on loopback; the shared state is what is under test
        "SECRET_KEY": settings.SECRET_KEY,  # the same on every server, as in production
        "DATABASE_URL": test_database,
        "REDIS_URL": os.environ["REDIS_URL"],
        "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "PAGE_CACHE_LOCAL_SECONDS": "1",  # as in production
        # Webhooks are verified with this secret; nothing here calls Stripe itself.
        "STRIPE_SECRET_KEY": "sk_test_two_servers",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": "http://127.0.0.1:9",
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
    }
    pair = [Server(environment), Server(environment)]
    try:
        for server in pair:
            server.wait_until_healthy()
        yield pair
    finally:
        for server in pair:
            server.stop()


class Visitor:
    """A browser-like client: one cookie jar, whichever server answers."""

    def __init__(self, session_key=None):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        if session_key:
            self._set_cookie(settings.SESSION_COOKIE_NAME, session_key)

    def _set_cookie(self, name, value):
        self.cookies.set_cookie(http.cookiejar.Cookie(
            0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True, None, None, {}
        ))

    def get(self, url):
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post_form(self, page_url, data, action=None):
        """Loads the page for its CSRF token, then posts the form as a browser would."""
        _, _, html = self.get(page_url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(action or page_url, data=body, headers={"Referer": page_url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return Visitor(client.cookies[settings.SESSION_COOKIE_NAME].value)


def _wait_for(check, timeout):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_servers_share_the_database_and_the_cache(servers):
    article = make_article("Seen from both servers", section=make_section("Launchers", slug="launchers"))
    reader = Visitor()
    for server in servers:
        status, headers, html = reader.get(server.url + article.get_absolute_url())
        assert status == 200 and "Seen from both servers</h1>" in html
    # The first server rendered and stored the page; the second found it in Redis.
    assert reader.get(servers[1].url + article.get_absolute_url())[1]["X-Page-Cache"] == "hit"


def test_a_publish_on_one_server_is_seen_on_the_other(servers):
    first, second = servers
    section = make_section("Launchers", slug="launchers")
    make_article("Already out", section=section)
    draft = make_article("Published through the admin", section=section, status=Article.Status.DRAFT)
    reader = Visitor()
    for _ in range(2):
        status, headers, html = reader.get(f"{second.url}/")
        assert "Already out" in html and "Published through the admin" not in html
    assert headers["X-Page-Cache"] == "hit"

    editor = _logged_in(User.objects.create_superuser("editor", "editor@example.org", "pw"))
    status, html = editor.post_form(
        f"{first.url}/admin/news/article/",
        {"action": "publish_now", "_selected_action": draft.pk, "index": 0, "select_across": 0},
    )
    assert status == 200 and "1 article(s) published." in html

    # Within max-age: the versions the pages are keyed on are in the database both servers read.
    assert _wait_for(lambda: "Published through the admin" in reader.get(f"{second.url}/")[2], MAX_AGE)
    assert "Published through the admin</h1>" in reader.get(second.url + draft.get_absolute_url())[2]


def test_an_edit_or_unpublish_from_another_process_is_seen_on_both_within_max_age(servers):
    import subprocess
    import sys

    from .app_servers import ROOT

    article = make_article("Changed from cron", section=make_section("Launchers", slug="launchers"))
    reader = Visitor()
    for server in servers * 2:
        assert "Changed from cron</h1>" in reader.get(server.url + article.get_absolute_url())[2]
    environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url(), "LOG_LEVEL": "WARNING",
                   "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"]}
    for code, check in [
        ("a.title = 'Changed from cron, twice'; a.save()", lambda status, html: "Changed from cron, twice</h1>" in html),
        ("a.status = 'draft'; a.save()", lambda status, html: status == 404),
    ]:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             f"from news.models import Article; a = Article.objects.get(pk={article.pk}); {code}"],
            cwd=ROOT, env=environment, check=True, capture_output=True, timeout=120,
        )
        for server in servers:
            url = server.url + article.get_absolute_url()
            assert _wait_for(lambda url=url, check=check: check(*reader.get(url)[::2]), MAX_AGE), (server.url, code)


def test_a_session_started_on_one_server_works_and_ends_on_both(servers):
    first, second = servers
    reader = _logged_in(User.objects.create_user("astrid", "astrid@example.org", "pw"))
    for server in servers:
        assert "Signed in as astrid" in reader.get(f"{server.url}/")[2]
    status, _ = reader.post_form(f"{first.url}/news/", {}, action=f"{first.url}/accounts/logout/")
    assert status == 200
    html = reader.get(f"{second.url}/news/")[2]
    assert "Signed in as astrid" not in html and "Log in</a>" in html


def test_login_rate_limit_is_counted_across_both_servers(servers):
    User.objects.create_user("target", "target@example.org", "the-right-password")
    visitor = Visitor()
    answers = []
    for attempt in range(6):
        server = servers[attempt % 2]
        status, html = visitor.post_form(
            f"{server.url}/accounts/login/", {"login": "target@example.org", "password": f"wrong-{attempt}"}
        )
        answers.append("Too many failed login attempts" in html)
    # Five failures per address are allowed, three on each server; the sixth is refused.
    assert answers == [False, False, False, False, False, True]


def test_comment_cooldown_is_counted_across_both_servers(servers):
    from comments.tests.factories import make_reader

    article = make_article("Discussed on both servers", section=make_section("Launchers", slug="launchers"))
    reader = _logged_in(make_reader("talker"))
    answers = []
    for server, body in zip(servers, ["From the first server", "Straight after, on the second"], strict=True):
        page = server.url + article.get_absolute_url()
        answers.append(reader.post_form(page, {"body": body}, action=f"{server.url}/comments/article/{article.pk}/post/"))
    assert answers[0][0] == 200 and "From the first server" in answers[0][1]
    assert answers[1][0] == 429 and "You are commenting too fast" in answers[1][1]


def test_a_comment_posted_on_one_server_shows_within_a_second_to_readers_on_the_other(servers):
    from comments.tests.factories import make_comment, make_reader

    first, second = servers
    section = make_section("Launchers", slug="launchers")
    article = make_article("Debated on both servers", section=section)
    make_comment(article, make_reader("opener"), "First thoughts on the landing")
    writer = make_reader("writer")
    make_comment(make_article("An older story", section=section), writer, "Known here")  # past the new-account hold
    onlooker = _logged_in(make_reader("onlooker"))
    page = second.url + article.get_absolute_url()
    for _ in range(2):  # the second from the onlookers' rendering of the discussion
        html = onlooker.get(page)[2]
        assert "Signed in as onlooker" in html and "First thoughts on the landing" in html

    status, html = _logged_in(writer).post_form(
        first.url + article.get_absolute_url(), {"body": "Posted on the first server"},
        action=f"{first.url}/comments/article/{article.pk}/post/",
    )
    assert status == 200 and "Posted on the first server" in html
    # Within PAGE_CACHE_LOCAL_SECONDS: how long the second server may keep the article's token.
    assert _wait_for(lambda: "Posted on the first server" in onlooker.get(page)[2], 2)
    assert 'data-comment-count>(2)</span>' in onlooker.get(page)[2]


def test_the_same_stripe_event_delivered_to_both_at_once_is_recorded_once(servers):
    from supporters.models import Contribution, StripeEvent
    from supporters.tests.conftest import load_event

    payload = json.dumps(load_event("checkout_session_completed_once")).encode()
    headers = {"Content-Type": "application/json", "Stripe-Signature": sign(payload, WEBHOOK_SECRET, int(time.time()))}

    def deliver(server):
        request = urllib.request.Request(f"{server.url}/support/stripe/webhook/", data=payload, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=len(servers)) as pool:
        statuses = list(pool.map(deliver, servers))
    assert statuses == [200, 200]
    assert StripeEvent.objects.filter(stripe_id="evt_test_checkout_session_completed_once").count() == 1
    assert Contribution.objects.filter(stripe_payment_intent_id="pi_test_once").count() == 1
