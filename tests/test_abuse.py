"""The site tried as an attacker would (issue 16): addresses behind the proxy, admin logins,
Retry-After on every limit, and gunicorn kept away from slow clients."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from comments.tests.factories import PASSWORD, make_reader
from portal.client_ip import client_ip

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
BALANCER = "10.0.0.2"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Each login checks a password; the fast hasher keeps dozens of them to milliseconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def behind_nginx(settings):
    """The documented set-up: one nginx in front, appending the reader's address to X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1


def through_nginx(address):
    """A browser whose requests reach the app through the load balancer."""
    return Client(REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=address)


def log_in(client, login, password="wrong-password"):
    return client.post(LOGIN, {"login": login, "password": password})


def log_in_to_admin(client, username, password="wrong-password"):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": "/admin/"})


# 1. Client addresses behind the proxy.


@pytest.mark.parametrize(
    ("proxies", "meta", "address"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.9"}, "203.0.113.9"),
        (0, {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}, "203.0.113.9"),
        (1, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}, "198.51.100.66"),
        (1, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.66"}, "198.51.100.66"),
        (2, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.66, 10.0.0.1"}, "198.51.100.66"),
        (2, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}, "198.51.100.66"),
        (1, {"REMOTE_ADDR": BALANCER}, BALANCER),
        (1, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "not-an-address"}, BALANCER),
        (1, {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": " 2001:db8::1 "}, "2001:db8::1"),
    ],
)
def test_client_address_is_the_one_the_outermost_trusted_proxy_saw(settings, proxies, meta, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == address


def test_failed_logins_from_one_forwarded_address_do_not_lock_out_another_reader(behind_nginx):
    reader = make_reader("ada")
    attacker = through_nginx("198.51.100.66")
    for n in range(10):
        assert log_in(attacker, f"victim{n}").status_code == 200
    assert "Too many failed login attempts" in log_in(attacker, "victim10").content.decode()

    response = log_in(through_nginx("203.0.113.7"), reader.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_thirty_two_readers_behind_the_proxy_log_in_within_the_same_minute(behind_nginx):
    readers = [make_reader() for _ in range(32)]
    statuses = [log_in(through_nginx(f"203.0.113.{n}"), reader.username, PASSWORD).status_code
                for n, reader in enumerate(readers, start=1)]
    assert statuses == [302] * 32


def test_without_a_trusted_proxy_a_direct_request_cannot_spoof_its_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(10):
        log_in(Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), f"victim{n}")
    spoofed = Client(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert "Too many failed login attempts" in log_in(spoofed, "victim99").content.decode()


def _manage(*args, **env):
    environment = {**os.environ, "DEBUG": "1", **env}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_the_proxy_count_comes_from_the_environment_and_drives_allauth():
    code = "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = _manage("shell", "-c", code, TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["1", "1"]


def test_the_retired_checkout_header_setting_stops_start_up_with_its_replacement():
    result = _manage("check", SUPPORT_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    assert result.returncode != 0
    assert "SUPPORT_CLIENT_IP_HEADER is replaced by TRUSTED_PROXY_COUNT" in result.stderr


def test_the_nginx_config_appends_the_readers_address_for_the_app():
    conf = (ROOT / "deploy/nginx/portal.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "TRUSTED_PROXY_COUNT=1" in conf
    assert "TRUSTED_PROXY_COUNT" in (ROOT / "docs/deploy.md").read_text()
    assert re.search(r"^TRUSTED_PROXY_COUNT=1 ", (ROOT / ".env.example").read_text(), re.MULTILINE)


# 2. Admin logins are limited per account and per client.


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)


def test_admin_locks_an_account_after_five_wrong_passwords_even_for_the_right_one(editor, behind_nginx):
    statuses = [log_in_to_admin(through_nginx(f"203.0.113.{n}"), "chief").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    response = log_in_to_admin(through_nginx("203.0.113.99"), "chief", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_admin_locks_a_client_that_tries_many_accounts(editor, behind_nginx):
    guesser = through_nginx("198.51.100.66")
    assert [log_in_to_admin(guesser, f"admin{n}").status_code for n in range(5)] == [200, 200, 200, 200, 429]
    response = log_in_to_admin(guesser, "chief", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"


def test_an_admin_lockout_leaves_other_accounts_and_clients_alone(editor, behind_nginx):
    get_user_model().objects.create_superuser("deputy", "deputy@example.com", PASSWORD)
    for _ in range(6):
        log_in_to_admin(through_nginx("198.51.100.66"), "chief")
    assert log_in_to_admin(through_nginx("198.51.100.66"), "deputy", PASSWORD).status_code == 429
    response = log_in_to_admin(through_nginx("203.0.113.7"), "deputy", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_failed_reader_logins_never_count_against_the_admin(editor, behind_nginx):
    reader_side = through_nginx("198.51.100.66")
    for _ in range(5):
        log_in(reader_side, "chief")
    assert log_in_to_admin(reader_side, "chief", PASSWORD).status_code == 302


# 11. Every 429 says when to come back.


def test_a_login_flood_answers_429_with_retry_after(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    statuses = [log_in(Client(), f"reader{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = log_in(Client(), "reader5")
    assert response["Retry-After"] == "60"
    assert "Slow down a little" in response.content.decode()


def test_a_signup_flood_answers_429_with_retry_after(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/5m/ip"}
    for n in range(2):
        Client().post("/accounts/signup/", {"username": f"new{n}", "email": "bad"})
    response = Client().post("/accounts/signup/", {"username": "new3", "email": "bad"})
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "Try again in 5 minutes" in response.content.decode()


def test_a_password_reset_flood_answers_429_with_retry_after():
    for _ in range(5):
        assert Client().post("/accounts/password/reset/", {"email": "ada@example.com"}).status_code == 302
    response = Client().post("/accounts/password/reset/", {"email": "ada@example.com"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


# 13. Slow clients never reach gunicorn.


def test_gunicorn_binds_to_loopback_when_nothing_is_set(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8000"


def test_the_example_environment_never_binds_gunicorn_to_every_interface():
    [bind] = re.findall(r"^GUNICORN_BIND=(\S+)", (ROOT / ".env.example").read_text(), re.MULTILINE)
    assert bind == "127.0.0.1:8000"


def test_nginx_buffers_slow_clients_before_they_reach_gunicorn():
    conf = (ROOT / "deploy/nginx/portal.conf").read_text()
    for directive in ("client_header_timeout 10s;", "client_body_timeout 10s;", "send_timeout 10s;",
                      "proxy_request_buffering on;", "proxy_buffering on;"):
        assert directive in conf
    assert "buffers slow clients" in (ROOT / "docs/deploy.md").read_text()
