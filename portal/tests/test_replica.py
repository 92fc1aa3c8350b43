"""portal.replica without a replica server: which database the router names, the fallback to
the primary and how long the process then leaves the replica alone (tests/test_replica.py
runs searches against a real replica database and an unreachable one)."""

import psycopg.errors
import pytest
from django.db import OperationalError, router

from news.models import Article
from portal import outage, replica


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(replica, "has_replica", lambda: True)
    replica.replica_failure.clear()
    yield
    replica.replica_failure.clear()


def _read_databases():
    return router.db_for_read(Article), router.db_for_write(Article)


def test_only_reads_inside_on_replica_go_to_the_replica(with_replica):
    assert _read_databases() == ("default", "default")
    assert replica.on_replica(_read_databases) == ("replica", "default")
    assert _read_databases() == ("default", "default")


def test_without_a_replica_everything_reads_the_primary():
    assert replica.on_replica(_read_databases) == ("default", "default")


@pytest.mark.django_db
def test_a_failing_replica_is_read_on_the_primary_and_left_alone_for_a_while(with_replica, monkeypatch, client, caplog):
    tried = []

    def search():
        tried.append(router.db_for_read(Article))
        if tried[-1] == "replica":
            raise OperationalError("connection refused")
        return "hits"

    assert replica.on_replica(search) == "hits"
    assert tried == ["replica", "default"]
    assert "The read replica failed" in caplog.text
    assert replica.on_replica(search) == "hits"
    assert tried == ["replica", "default", "default"]  # not tried again at once
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["degraded"] == {"replica": "connection refused"}

    now = outage.time.monotonic()
    monkeypatch.setattr(outage.time, "monotonic", lambda: now + replica.RETRY_SECONDS + 1)
    replica.on_replica(search)
    assert tried[-2:] == ["replica", "default"]  # tried again after RETRY_SECONDS


def test_a_query_the_replica_cancelled_is_not_run_again_on_the_primary(with_replica):
    tried = []

    def search():
        tried.append(router.db_for_read(Article))
        try:
            raise psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
        except psycopg.errors.QueryCanceled as cause:
            raise OperationalError(str(cause)) from cause

    with pytest.raises(OperationalError):
        replica.on_replica(search)
    assert tried == ["replica"] and replica.replica_failure.current() is None
