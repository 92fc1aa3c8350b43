import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_stops_with_one_line():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Configuration error: SECRET_KEY is not set: set SECRET_KEY in the environment, "
        "or DEBUG=1 for local development."
    )


def test_debug_without_secret_key_starts():
    # With Stripe keys, so the supporters app's "contributions are off" warning stays quiet.
    result = _manage("check", DEBUG="1", STRIPE_SECRET_KEY="sk_test_x", STRIPE_WEBHOOK_SECRET="whsec_x")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_bad_number_in_environment_is_explained():
    result = _manage("check", DEBUG="1", SUPPORT_MIN_AMOUNT="five")
    assert result.returncode != 0
    assert "SUPPORT_MIN_AMOUNT must be a whole number, not 'five'." in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    db = tmp_path / "wal.sqlite3"
    code = (
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(c.fetchone()[0], connection.transaction_mode)"
    )
    result = _manage("shell", "-c", code, DEBUG="1", DATABASE_URL=f"sqlite:///{db}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wal", "IMMEDIATE"]


def test_empty_database_url_means_the_local_sqlite_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = _manage("shell", "-c", code, DEBUG="1", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "django.db.backends.sqlite3"


def test_transaction_pooling_turns_off_persistent_connections_and_server_side_cursors():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['DISABLE_SERVER_SIDE_CURSORS'])"
    )
    database = {"DATABASE_URL": "postgres://portal@db.internal:5432/portal", "DB_CONN_MAX_AGE": "60"}
    pooled = _manage("shell", "-c", code, DEBUG="1", DB_TRANSACTION_POOLING="1", **database)
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.split()[-2:] == ["0", "True"]
    direct = _manage("shell", "-c", code, DEBUG="1", **database)
    assert direct.stdout.split()[-2:] == ["60", "False"]


def test_a_replica_url_adds_a_replica_that_tests_read_through_the_primary():
    code = (
        "from django.conf import settings; r = settings.DATABASES['replica'];"
        "print(r['HOST'], r['NAME'], r['TEST']['MIRROR'], r['OPTIONS']['connect_timeout'], r['CONN_MAX_AGE'])"
    )
    result = _manage(
        "shell", "-c", code, DEBUG="1", DATABASE_URL="postgres://portal@db.internal:5432/portal",
        DATABASE_REPLICA_URL="postgres://portal@replica.internal:5432/portal", DB_CONN_MAX_AGE="60",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == ["replica.internal", "portal", "default", "2", "60"]
