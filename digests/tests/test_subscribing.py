"""Subscribing with double opt-in, the signed links, the limits, and the forms on every page."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core import signing

from digests.links import CONFIRM_SALT, unsubscribe_url
from digests.models import Subscriber
from news.tests.factories import make_article, make_section

from .conftest import SITE_URL
from .factories import make_subscriber

pytestmark = pytest.mark.django_db


def confirm_link(smtp, address):
    [message] = [message for recipients, message in smtp.received if recipients == [address]]
    assert message["Subject"] == "Confirm your Orbital Wire daily digest"
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"{re.escape(SITE_URL)}(/digest/confirm/\S+/)", body).group(1)


def test_every_page_carries_a_get_form_in_the_sidebar_and_footer_and_stays_cached(client, settings):
    make_article("Booster lands on a barge")
    first = client.get("/")
    html = first.content.decode()
    for place, title in (("sidebar", "The day's news by e-mail"), ("footer", "Our daily digest")):
        assert re.search(
            rf'<section class="digest-signup digest-signup-{place}"[^>]*>\s*<h2[^>]*>{title}</h2>\s*'
            rf'<form method="get" action="/digest/">.*?name="email"',
            html,
            re.S,
        )
    assert "csrfmiddlewaretoken" not in html
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_the_subscribe_page_takes_the_address_typed_in_the_sidebar(client):
    make_section("Launches")
    response = client.get("/digest/", {"email": 'ada@example.org"><b>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="ada@example.org&quot;&gt;&lt;b&gt;"' in html
    assert re.search(r'<input type="checkbox" name="sections" value="\d+"[^>]*>\s*Launches', html)
    assert "no-cache" in response["Cache-Control"]


def test_subscribing_stores_nothing_until_the_link_is_confirmed(client, smtp):
    launches = make_section("Launches")
    response = client.post("/digest/", {"email": "Ada@Example.org", "choice": "sections", "sections": [launches.pk]})
    assert response.status_code == 303 and response["Location"] == "/digest/check-your-inbox/"
    assert "Open the link within 3 days" in client.get(response["Location"]).content.decode()
    assert not Subscriber.objects.exists()
    link = confirm_link(smtp, "ada@example.org")
    page = client.get(link)  # a mail scanner opening the link subscribes nobody
    assert page.status_code == 200
    assert "Send the daily digest to <strong>ada@example.org</strong>?" in page.content.decode()
    assert not Subscriber.objects.exists()
    done = client.post(link)
    assert "You are subscribed" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.is_all_news, list(subscriber.sections.all())) == ("ada@example.org", False, [launches])
    assert subscriber.confirmed_at is not None


def test_the_answer_does_not_say_whether_an_address_is_subscribed(client, smtp):
    make_subscriber("known@example.org")
    answers = [client.post("/digest/", {"email": address, "choice": "all"}) for address in ("known@example.org", "new@example.org")]
    assert [(answer.status_code, answer["Location"]) for answer in answers] == [(303, "/digest/check-your-inbox/")] * 2
    assert sorted(smtp.recipients()) == ["known@example.org", "new@example.org"]


def test_confirming_again_changes_the_sections(client, smtp):
    subscriber = make_subscriber("ada@example.org", sections=[make_section("Launches")])
    client.post("/digest/", {"email": "ada@example.org", "choice": "all"})
    client.post(confirm_link(smtp, "ada@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.is_all_news and not subscriber.sections.exists()
    assert Subscriber.objects.count() == 1


def test_a_link_whose_account_or_sections_were_deleted_still_subscribes(client, smtp):
    reader = User.objects.create_user("ada", "ada@example.org", "pw")
    gone = make_section("Closed section")
    client.force_login(reader)
    client.post("/digest/", {"email": "work@example.org", "choice": "sections", "sections": [gone.pk]})
    link = confirm_link(smtp, "work@example.org")
    reader.delete()
    gone.delete()
    assert client.post(link).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.user, subscriber.is_all_news) == ("work@example.org", None, True)


def test_a_signed_in_reader_subscribes_their_verified_address_at_once(client, smtp):
    reader = User.objects.create_user("ada", "ada@example.org", "pw")
    EmailAddress.objects.create(user=reader, email="ada@example.org", verified=True, primary=True)
    client.force_login(reader)
    assert 'value="ada@example.org"' in client.get("/digest/").content.decode()
    response = client.post("/digest/", {"email": "ada@example.org", "choice": "all"}, follow=True)
    html = response.content.decode()
    assert "You are subscribed: the daily digest goes to ada@example.org." in html
    assert "ada@example.org: all the day's news" in html
    assert Subscriber.objects.get().user == reader
    assert smtp.received == []


def test_another_address_of_a_signed_in_reader_is_confirmed_by_mail(client, smtp):
    reader = User.objects.create_user("ada", "ada@example.org", "pw")
    client.force_login(reader)
    client.post("/digest/", {"email": "work@example.org", "choice": "all"})
    assert not Subscriber.objects.exists()
    client.post(confirm_link(smtp, "work@example.org"))
    assert Subscriber.objects.get().user == reader


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "choice": "all"}, "Enter a valid email address."),
        ({"email": "ada@example.org", "choice": "sections"}, "Choose at least one section, or all the day&#x27;s news."),
        ({"email": "ada@example.org", "choice": "weekly"}, "Select a valid choice."),
        ({"email": "ada@example.org", "choice": "sections", "sections": ["999999"]}, "Select a valid choice."),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, smtp, data, message):
    response = client.post("/digest/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert smtp.received == []


def test_subscribing_is_limited_per_address(client, smtp, settings):
    settings.DIGEST_SUBSCRIBE_LIMIT_PER_ADDRESS = 2
    statuses = [client.post("/digest/", {"email": "victim@example.org", "choice": "all"}).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    refused = client.post("/digest/", {"email": "victim@example.org", "choice": "all"})
    assert refused["Retry-After"] == str(settings.DIGEST_SUBSCRIBE_LIMIT_WINDOW)
    assert "Too many subscription requests from here or for this address." in refused.content.decode()
    assert len(smtp.received) == 2
    assert client.post("/digest/", {"email": "other@example.org", "choice": "all"}).status_code == 303


def test_subscribing_is_limited_per_reader_address(client, smtp, settings):
    settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP = 2
    statuses = [client.post("/digest/", {"email": f"r{n}@example.org", "choice": "all"}).status_code for n in range(3)]
    assert statuses == [303, 303, 429]


def test_an_smtp_server_that_is_down_gives_a_503_with_a_message(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post("/digest/", {"email": "ada@example.org", "choice": "all"})
    assert response.status_code == 503
    assert "We could not send the confirmation e-mail just now." in response.content.decode()


class _SignedDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)


def test_an_expired_confirmation_link_is_a_400_that_says_so(client):
    token = _SignedDaysAgo(salt=CONFIRM_SALT).sign_object({"email": "ada@example.org", "sections": None, "user": None})
    for method in (client.get, client.post):
        response = method(f"/digest/confirm/{token}/")
        assert response.status_code == 400
        assert "This confirmation link has expired: links work for 3 days." in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("path", ["/digest/confirm/{token}x/", "/digest/unsubscribe/{token}x/", "/digest/unsubscribe/garbage/"])
def test_forged_links_are_404_with_a_clear_message(client, path):
    subscriber = make_subscriber("ada@example.org")
    token = unsubscribe_url(subscriber).rstrip("/").rsplit("/", 1)[1]
    response = client.post(path.format(token=token))
    assert response.status_code == 404
    assert "link is not valid" in response.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_unsubscribe_link_asks_first_and_leaves_with_one_post(client):
    subscriber = make_subscriber("ada@example.org")
    path = unsubscribe_url(subscriber).removeprefix(SITE_URL)
    page = client.get(path)
    assert "Stop sending the daily digest to <strong>ada@example.org</strong>?" in page.content.decode()
    assert f'<form method="post" action="{path}">' in page.content.decode()
    assert Subscriber.objects.exists()
    assert client.post(path).status_code == 200
    assert not Subscriber.objects.exists()
    again = client.get(path)
    assert "<strong>ada@example.org</strong> does not receive the daily digest" in again.content.decode()


def test_an_old_unsubscribe_link_does_not_remove_a_later_subscription(client):
    first = make_subscriber("ada@example.org")
    path = unsubscribe_url(first).removeprefix(SITE_URL)
    first_id = first.pk
    first.delete()
    Subscriber.objects.create(id=first_id, email="bob@example.org")  # as SQLite may reuse a freed id
    client.post(path)
    assert Subscriber.objects.filter(email="bob@example.org").exists()
