"""A Redis outage degrades the site to the database instead of stopping it."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from comments.models import Comment
from comments.tests.factories import make_reader
from news.tests.factories import make_article
from portal import cache as shared_cache

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_settings(port):
    return {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }


@pytest.fixture
def unreachable_redis(settings):
    """The shared cache pointed at a port where nothing listens."""
    settings.CACHES = _redis_settings(_free_port())
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return caches["default"]


def test_reads_miss_writes_drop_and_counters_start_again(unreachable_redis):
    cache = unreachable_redis
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("a", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.add("limit", 0) is True
    assert cache.incr("limit") == 1
    assert cache.get_or_set("built", lambda: "from the database") == "from the database"
    assert cache.delete("a") is False


def test_after_a_failure_redis_is_left_alone_for_a_while(unreachable_redis, monkeypatch):
    cache = unreachable_redis
    cache.get("first")
    attempts = []
    monkeypatch.setattr(cache._cache, "get", lambda *args: attempts.append(args))
    assert cache.get("second") is None
    assert attempts == []  # not even tried
    cache.outage.clear()  # the interval is over
    cache.get("third")
    assert len(attempts) == 1


def test_ping_still_raises_for_the_health_check(unreachable_redis):
    with pytest.raises(shared_cache.UNREACHABLE):
        unreachable_redis.ping()


def test_pages_comments_and_logins_keep_working_and_healthz_says_why(unreachable_redis, client):
    article = make_article("Station crew returns safely")
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Station crew returns safely" in page.content.decode()
    assert client.get("/").status_code == 200

    client.force_login(make_reader("ada"))  # a session in the database, its cached copy dropped
    posted = client.post(reverse("comments:post", args=[article.pk]), {"body": "Welcome home!"})
    assert posted.status_code == 303
    assert Comment.objects.get().body == "Welcome home!"
    assert "Welcome home!" in client.get(article.get_absolute_url()).content.decode()

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["status"] == "fail"
    assert "cache" in health.json()["problems"] and "database" not in health.json()["problems"]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server")
def test_the_site_uses_redis_again_once_it_is_back(settings, client):
    port = _free_port()
    settings.CACHES = _redis_settings(port)
    cache = caches["default"]
    article = make_article("Probe wakes from hibernation")

    def start_redis():
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                cache.ping()
                return server
            except shared_cache.UNREACHABLE:
                time.sleep(0.05)
        server.kill()
        pytest.fail("redis-server did not start")

    server = start_redis()
    try:
        client.get(article.get_absolute_url())
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        server.terminate()
        server.wait(10)
        assert client.get(article.get_absolute_url()).status_code == 200  # rendered afresh
        assert client.get("/healthz").status_code == 503
        server = start_redis()  # an empty Redis, as after a restart
        cache.outage.clear()  # RETRY_SECONDS later
        assert client.get("/healthz").status_code == 200
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    finally:
        server.terminate()
        server.wait(10)
