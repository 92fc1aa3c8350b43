"""Every kind of Redis failure degrades the site to the database instead of stopping it or
leaving stale pages behind: down, hung, full and read-only, each on a redis-server of the test's
own."""

import json
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.tests.factories import make_reader
from news.models import Article
from news.tests.factories import make_article
from supporters.models import Contribution, StripeEvent
from supporters.tests.conftest import WEBHOOK, load_event
from supporters.tests.fake_stripe import fake_stripe_fixture, sign  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server"),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, and the faults it can be put in."""

    def __init__(self):
        self.port = _free_port()
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        self.admin = redis.Redis(port=self.port, socket_timeout=2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.admin.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def begin(self, fault):
        if fault == "down":
            self.stop()
        elif fault == "hung":
            self.process.send_signal(signal.SIGSTOP)
        elif fault == "full":
            self.admin.config_set("maxmemory-policy", "noeviction")
            self.admin.config_set("maxmemory", 1)
        elif fault == "read-only":
            self.admin.replicaof("127.0.0.1", _free_port())  # a replica of nothing: it refuses writes

    def end(self, fault):
        if fault == "down":
            self.start()  # an empty Redis, as after a restart
        elif fault == "hung":
            self.process.send_signal(signal.SIGCONT)
        elif fault == "full":
            self.admin.config_set("maxmemory", 0)
        elif fault == "read-only":
            self.admin.replicaof("no", "one")


@pytest.fixture
def redis_server(settings):
    server = RedisServer()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "KEY_PREFIX": "fault-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield server
    server.process.send_signal(signal.SIGCONT)
    server.stop()


def test_reads_miss_writes_drop_and_counters_start_again_when_redis_is_down(redis_server):
    redis_server.stop()
    cache = caches["default"]
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("a", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.add("limit", 0) is True
    assert cache.incr("limit") == 1
    assert cache.get_or_set("built", lambda: "from the database") == "from the database"
    assert cache.delete("a") is False


def test_a_hung_redis_costs_one_timeout_per_interval_not_one_per_call(redis_server):
    cache = caches["default"]
    cache.set("warm", 1)  # a connection in the pool
    redis_server.begin("hung")
    started = time.monotonic()
    assert cache.get("warm") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(20):
        assert cache.get("warm") is None
    assert first >= 0.9 and time.monotonic() - started < 0.5


@pytest.mark.parametrize("fault", ["down", "hung", "full", "read-only"])
def test_during_a_redis_fault_pages_comments_payments_and_logins_work_and_nothing_stays_stale(
    redis_server, settings, fake_stripe, fault
):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 0  # published at once, for anonymous readers to see
    story = make_article("Station crew returns safely")
    retracted = make_article("A story that will be retracted")
    anonymous, reader = Client(), Client()
    reader.force_login(make_reader("ada"))
    User.objects.create_user("writer", password="a long passphrase")
    urls = [story.get_absolute_url(), retracted.get_absolute_url(), "/", "/news/"]
    for url in urls * 2:
        anonymous.get(url)
    assert anonymous.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    redis_server.begin(fault)
    try:
        for url in urls:
            assert anonymous.get(url).status_code == 200, url
        posted = reader.post(reverse("comments:post", args=[story.pk]), {"body": "Welcome home!"})
        assert posted.status_code == 303
        assert Comment.objects.get().body == "Welcome home!"
        retracted.status = Article.Status.DRAFT
        retracted.save()
        login = Client().post(reverse("account_login"), {"login": "writer", "password": "a long passphrase"})
        assert login.status_code == 302
        payment = json.dumps(load_event("checkout_session_completed_once", created=int(time.time()))).encode()
        paid = Client().post(WEBHOOK, payment, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE=sign(payment, settings.STRIPE_WEBHOOK_SECRET))
        assert paid.status_code == 200
        assert StripeEvent.objects.count() == 1 and Contribution.objects.count() == 1
        health = anonymous.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "degraded"
        assert list(health.json()["degraded"]) == ["cache"]
    finally:
        redis_server.end(fault)

    # Within max-age of the fault's end: at once, since freshness is decided in the database.
    assert "Welcome home!" in anonymous.get(story.get_absolute_url()).content.decode()
    assert anonymous.get(retracted.get_absolute_url()).status_code == 404
    for url in ("/", "/news/"):
        assert "A story that will be retracted" not in anonymous.get(url).content.decode(), url


def test_the_site_uses_redis_again_once_it_is_back(redis_server, client, monkeypatch):
    from portal import outage

    article = make_article("Probe wakes from hibernation")
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    redis_server.begin("down")
    assert client.get(article.get_absolute_url()).status_code == 200  # rendered afresh
    assert client.get("/healthz").json()["status"] == "degraded"
    redis_server.end("down")
    later = time.monotonic() + 60
    monkeypatch.setattr(outage.time, "monotonic", lambda: later)  # the retry interval is over
    assert client.get("/healthz").json() == {"status": "ok", "problems": {}, "degraded": {}}
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
