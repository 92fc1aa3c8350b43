"""A read replica (DATABASE_REPLICA_URL) answers searches; everything else reads the primary.

The "replica" is a copy of the test database made with CREATE DATABASE … TEMPLATE, where one
headline then changes: a search finds the replica's headline only if it read the replica, and
the article's own page shows the primary's. A second server's replica is a port where nothing
listens: its searches read the primary, and /healthz says the replica is away.
"""

import json
import os
import urllib.request

import psycopg
import pytest
from django.db import connection

from news.tests.factories import make_article, make_section

from .app_servers import Server, database_url, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="a read replica needs PostgreSQL: set DATABASE_URL=postgres://...",
    ),
]


@pytest.fixture
def copy_of_the_primary():
    """Makes a copy of the test database as it is then; the copy is dropped after the test."""
    name = connection.settings_dict["NAME"] + "_replica"

    def copy():
        connection.close()  # a template database must have no other session
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
        return database_url(name)

    yield copy
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server(replica_url):
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "DATABASE_REPLICA_URL": replica_url,
        "REDIS_URL": "",  # each server's own memory: only the databases are under test
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "ERROR",
    }
    server = Server(environment)
    server.wait_until_healthy()
    return server


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{url} answered {error.code}") from error


def test_searches_read_the_replica_and_the_primary_when_the_replica_is_away(copy_of_the_primary):
    article = make_article("Booster returns to the pad", section=make_section("Launchers", slug="launchers"))
    replica_url = copy_of_the_primary()
    with psycopg.connect(replica_url, autocommit=True) as replica:
        replica.execute("UPDATE news_article SET title = 'Quasar booster returns' WHERE id = %s", [article.pk])
    from_replica = _server(replica_url)
    replica_away = _server(f"postgres://postgres@127.0.0.1:{free_port()}/nowhere")
    try:

        found = _get(f"{from_replica.url}/news/search/?q=quasar")
        assert "booster returns</a>" in found and '<p class="search-count">1 result, ' in found
        assert '<p class="search-count">0 results.' in _get(f"{from_replica.url}/news/search/?q=pad")
        assert "Booster returns to the pad</h1>" in _get(from_replica.url + article.get_absolute_url())
        assert json.loads(_get(f"{from_replica.url}/healthz")) == {"status": "ok", "problems": {}, "degraded": {}}

        assert '<p class="search-count">0 results.' in _get(f"{replica_away.url}/news/search/?q=quasar")
        assert "Booster returns to the <mark>pad</mark></a>" in _get(f"{replica_away.url}/news/search/?q=pad")
        health = json.loads(_get(f"{replica_away.url}/healthz"))  # 200: the site still serves
        assert health["status"] == "degraded" and "replica" in health["degraded"]
    finally:
        from_replica.stop()
        replica_away.stop()
