"""Readers' accounts: "Log in" is the one name for logging in, and verifying an e-mail address
leads back to the article the reader signed up from."""

import re

import pytest
from django.core import mail
from django.test import Client

from news.tests.factories import make_article

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-9"


def sign_up(client, next_url):
    return client.post(
        f"/accounts/signup/?next={next_url}",
        {"email": "ada@example.org", "username": "ada", "password1": PASSWORD, "password2": PASSWORD, "next": next_url},
    )


def confirmation_link():
    return re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/logout/"])
def test_account_pages_call_logging_in_log_in(client, django_user_model, path):
    if path == "/accounts/logout/":
        client.force_login(django_user_model.objects.create_user("reader", password=PASSWORD))
    html = client.get(path).content.decode()
    for other_name in ("Sign In", "Sign in", "sign in", "Sign Out", "sign out", "Login:", ">Login<", "login</a>"):
        assert other_name not in html, (path, other_name)
    assert re.search(r"Log (in|out)", html)


def test_login_page_names_its_field_and_button(client):
    html = client.get("/accounts/login/").content.decode()
    assert re.search(r"<label[^>]*>\s*Username or e-mail\s*</label>", html)
    assert "Remember me" in html and "Remember Me" not in html
    assert re.search(r"<button[^>]*type=\"submit\"[^>]*>\s*Log in\s*</button>", html)
    assert "<title>Log in | " in html


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_account_fields_are_named_by_their_labels_alone(client, path):
    html = client.get(path).content.decode()
    assert html.count("<label") >= 2 and "<input" in html
    assert "placeholder=" not in html


def test_verification_in_the_same_browser_logs_in_and_returns_to_the_article(client):
    article = make_article("Booster lands on a barge")
    back_to = f"{article.get_absolute_url()}#comments"
    assert sign_up(client, back_to).status_code == 302
    link = confirmation_link()
    assert "next=%2Faccounts%2Flogin%2F%3Fnext%3D" in link
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == back_to
    assert "Signed in as ada" in client.get(article.get_absolute_url()).content.decode()


def test_verification_in_another_browser_leads_to_log_in_and_then_to_the_article(client):
    article = make_article("Booster lands on a barge")
    sign_up(client, article.get_absolute_url())
    other_browser = Client()
    confirm_page = other_browser.get(confirmation_link()).content.decode()
    encoded = article.get_absolute_url().replace("/", "%2F")
    assert f'name="next" value="/accounts/login/?next={encoded}"' in confirm_page
    response = other_browser.post(confirmation_link())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={encoded}"
    login = other_browser.post(response["Location"], {"login": "ada", "password": PASSWORD})
    assert login.status_code == 302 and login["Location"] == article.get_absolute_url()


def test_a_foreign_next_is_not_carried_into_the_verification_link(client):
    sign_up(client, "https://evil.example/")
    assert "?next=" not in confirmation_link() and "evil" not in mail.outbox[-1].body
