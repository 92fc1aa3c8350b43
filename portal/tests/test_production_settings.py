"""The production configuration, checked in a fresh process with production variables."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' set-up, never from production.
    skipped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in skipped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def _production(**extra):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
        "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "EMAIL_URL": "smtp://newsroom:secret@smtp.example.org:587/?tls=True",
        "STRIPE_SECRET_KEY": "sk_live_" + secrets.token_hex(12),
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(12),
        **extra,
    }


def test_check_deploy_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **_production())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_https_is_switched_off():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **_production(SECURE_SSL_REDIRECT="0"))
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_settings_use_postgres_redis_smtp_and_secure_cookies():
    code = (
        "import json; from django.conf import settings as s; db = s.DATABASES['default']; "
        "print(json.dumps([db['ENGINE'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], s.CACHES['default']['BACKEND'], "
        "s.SESSION_ENGINE, s.EMAIL_BACKEND, s.EMAIL_HOST, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.STORAGES['staticfiles']['BACKEND']]))"
    )
    result = _manage("shell", "-c", code, **_production())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "django.db.backends.postgresql",
        60,
        True,
        "portal.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        True,
        True,
        True,
        31536000,
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_production_logs_are_one_json_object_a_line_on_stdout():
    code = "import logging; logging.getLogger('portal.deploy').warning('cache is warm')"
    result = _manage("shell", "-c", code, **_production())
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["message"] == "cache is warm"
    assert record["level"] == "WARNING" and record["logger"] == "portal.deploy"
    assert {"time", "pid"} <= set(record)


def test_local_development_keeps_plain_text_logs_and_no_https_redirect():
    code = "from django.conf import settings as s; print(s.LOG_FORMAT, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    result = _manage("shell", "-c", code, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["line", "False", "False"]


def test_health_check_is_not_redirected_to_https_but_pages_are():
    code = (
        "from django.test import Client; c = Client(); "
        "print(c.get('/healthz').status_code, c.get('/robots.txt').status_code, "
        "c.get('/robots.txt', headers={'x-forwarded-proto': 'https'}).status_code)"
    )
    result = _manage("shell", "-c", code, **_production(DATABASE_URL="sqlite:///:memory:", REDIS_URL="", ALLOWED_HOSTS="testserver"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["200", "301", "200"]


def _health(**env):
    code = (
        "from django.test import Client; r = Client().get('/healthz', headers={'host': '127.0.0.1'}); "
        "import json; print(json.dumps([r.status_code, r.json(), r['Cache-Control']]))"
    )
    result = _manage("shell", "--no-imports", "-c", code, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_health_check_says_degraded_with_the_reason_when_redis_is_down():
    status, body, cache_control = _health(DATABASE_URL="sqlite:///:memory:", REDIS_URL="redis://127.0.0.1:1/0")
    assert status == 200 and body["status"] == "degraded" and body["problems"] == {}
    assert set(body["degraded"]) == {"cache"} and "127.0.0.1:1" in body["degraded"]["cache"]  # an internal address
    assert "no-cache" in cache_control


def test_health_check_names_the_failing_part_only_to_the_public():
    status, body, _ = _health(
        DATABASE_URL="sqlite:///:memory:", REDIS_URL="redis://127.0.0.1:1/0", INTERNAL_IPS="10.9.9.9"
    )
    assert (status, body) == (200, {"status": "degraded", "problems": [], "degraded": ["cache"]})


def test_health_check_answers_503_with_the_reason_when_postgres_is_down():
    status, body, _ = _health(DATABASE_URL="postgres://portal@127.0.0.1:1/portal", REDIS_URL="")
    assert status == 503 and body["status"] == "fail" and set(body["problems"]) == {"database"}
    assert "127.0.0.1" in body["problems"]["database"]
    status, body, _ = _health(DATABASE_URL="postgres://portal@127.0.0.1:1/portal", REDIS_URL="", INTERNAL_IPS="")
    assert (status, body) == (503, {"status": "fail", "problems": ["database"], "degraded": []})
