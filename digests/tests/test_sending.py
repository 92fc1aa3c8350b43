"""send_digests against a local SMTP server: content, headers, sections, and runs that stop."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from digests.models import Delivery, Subscriber
from news.models import Article
from news.tests.factories import make_article, make_section

from .conftest import SITE_URL
from .factories import at, make_subscriber, yesterday

pytestmark = pytest.mark.django_db


def send(day=None, *extra):
    out = io.StringIO()
    call_command("send_digests", "--date", (day or yesterday()).isoformat(), *extra, stdout=out)
    return out.getvalue()


def parts(message):
    """The plain-text and HTML bodies, with the line ends of a file."""
    return tuple(message.get_body((kind,)).get_content().replace("\r\n", "\n") for kind in ("plain", "html"))


@pytest.fixture
def sections():
    return make_section("Launches", slug="launches", order=1), make_section("Mars", slug="mars", order=2)


@pytest.fixture
def day_articles(sections):
    launches, mars = sections
    day = yesterday()
    return [
        make_article("Booster lands on a barge", section=launches, published_at=at(day, 9)),
        make_article("Rover finds clay", section=mars, published_at=at(day, 23, 30)),
    ]


def test_each_subscriber_gets_the_days_articles_in_html_and_plain_text_with_absolute_links(smtp, day_articles):
    make_subscriber("ada@example.org")
    output = send()
    [(recipients, message)] = smtp.received
    assert recipients == ["ada@example.org"]
    assert message["Subject"] == f"Orbital Wire: the news of {yesterday().day} {yesterday():%B %Y}"
    text, html = parts(message)
    for article in day_articles:
        url = SITE_URL + article.get_absolute_url()
        assert f'<a href="{url}">{article.title}</a>' in html
        assert f"{article.title}\n{article.teaser}\n{url}" in text
    assert "<h2>Launches</h2>" in html and html.index("Launches") < html.index("Mars")
    assert "1 sent" in output and "(2 articles)" in output


def test_the_digest_holds_the_sites_day_and_only_published_articles(smtp, sections):
    launches, _ = sections
    day = yesterday()
    make_article("Inside the day", section=launches, published_at=at(day, 0, 5))
    make_article("The next morning in Paris", section=launches, published_at=at(day + timedelta(days=1), 0, 30))
    make_article("The evening before", section=launches, published_at=at(day, 0) - timedelta(minutes=5))
    make_article("A draft of the day", section=launches, published_at=at(day, 10), status=Article.Status.DRAFT)
    make_article("Waiting for review", section=launches, published_at=at(day, 11), status=Article.Status.REVIEW)
    make_subscriber()
    send()
    text, _ = parts(smtp.received[0][1])
    assert "Inside the day" in text
    for title in ("The next morning in Paris", "The evening before", "A draft of the day", "Waiting for review"):
        assert title not in text


def test_titles_are_escaped_in_the_html_part(smtp, sections):
    make_article('Probe </h3><script>alert("x")</script>', section=sections[0], published_at=at(yesterday(), 8))
    make_subscriber()
    send()
    text, html = parts(smtp.received[0][1])
    assert "<script>" not in html
    assert "&lt;/h3&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'Probe </h3><script>alert("x")</script>' in text


def test_the_digest_carries_one_click_unsubscribe_headers_that_work_with_one_post(smtp, day_articles):
    subscriber = make_subscriber("ada@example.org")
    make_subscriber("bob@example.org")
    send()
    message = next(message for recipients, message in smtp.received if recipients == ["ada@example.org"])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(\S+)>", message["List-Unsubscribe"].strip()).group(1)
    assert link.startswith(f"{SITE_URL}/digest/unsubscribe/")
    text, html = parts(message)
    assert link in text and f'href="{link}"' in html
    # A mail client posts once, with no session and no CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(
        link.removeprefix(SITE_URL), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "<strong>ada@example.org</strong> will receive no more digests" in response.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["bob@example.org"]


def test_section_subscribers_get_only_their_sections(smtp, sections, day_articles):
    launches, mars = sections
    make_subscriber("launches@example.org", sections=[launches])
    make_subscriber("everything@example.org")
    quiet = make_section("Policy", slug="policy")
    make_subscriber("policy@example.org", sections=[quiet])
    send()
    received = {recipients[0]: parts(message)[0] for recipients, message in smtp.received}
    assert set(received) == {"launches@example.org", "everything@example.org"}  # no empty digest for Policy
    assert "Booster lands on a barge" in received["launches@example.org"]
    assert "Rover finds clay" not in received["launches@example.org"]
    assert "Rover finds clay" in received["everything@example.org"]


def test_unconfirmed_subscribers_get_nothing(smtp, day_articles):
    make_subscriber("waiting@example.org", confirmed=False)
    assert "0 sent" in send()
    assert smtp.received == []


def test_a_second_run_sends_nothing_and_a_day_without_news_sends_nothing(smtp, day_articles):
    make_subscriber()
    send()
    assert "0 sent" in send()
    assert "(0 articles): 0 sent" in send(yesterday() - timedelta(days=3))
    assert len(smtp.received) == 1


def test_a_run_stopped_by_the_smtp_server_is_resumed_and_nobody_gets_the_digest_twice(smtp, day_articles):
    addresses = [f"reader{n}@example.org" for n in range(7)]
    for address in addresses:
        make_subscriber(address)
    smtp.fail_after = 3
    with pytest.raises(CommandError, match=r"The SMTP server failed .*3 sent.*Run the command again"):
        send(None, "--batch-size", "2")
    assert sorted(smtp.recipients()) == addresses[:3]
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 3
    assert Delivery.objects.count() == 3  # the claims of the unsent messages were given back
    smtp.fail_after = None
    assert "4 sent" in send(None, "--batch-size", "2")
    assert sorted(smtp.recipients()) == addresses  # each exactly once
    assert "0 sent" in send()
    assert len(smtp.recipients()) == 7


def test_claims_of_a_run_that_was_killed_are_not_sent_again(smtp, day_articles):
    claimed = make_subscriber("claimed@example.org")
    make_subscriber("waiting@example.org")
    Delivery.objects.create(subscriber=claimed, digest_date=yesterday(), run="killed")
    output = send()
    assert smtp.recipients() == ["waiting@example.org"]
    assert "1 sent" in output and "1 claimed by an interrupted run and not sent again" in output


def test_an_address_the_server_refuses_is_recorded_and_the_run_goes_on(smtp, day_articles):
    make_subscriber("gone@example.org")
    make_subscriber("ada@example.org")
    smtp.refused.add("gone@example.org")
    assert "1 sent, 1 refused" in send()
    assert smtp.recipients() == ["ada@example.org"]
    assert "550" in Delivery.objects.get(subscriber__email="gone@example.org").error
    assert "0 sent, 0 refused" in send()  # not tried again


def test_a_message_the_server_rejects_for_good_is_recorded_and_the_run_goes_on(smtp, day_articles):
    make_subscriber("filtered@example.org")
    make_subscriber("ada@example.org")
    smtp.rejected.add("filtered@example.org")
    assert "1 sent, 1 refused" in send()
    assert smtp.recipients() == ["ada@example.org"]
    assert Delivery.objects.get(subscriber__email="filtered@example.org").error.startswith("554 ")
    assert "0 sent, 0 refused" in send()


def test_a_message_cut_off_on_its_way_is_not_sent_again(smtp, settings, day_articles):
    settings.EMAIL_TIMEOUT = 1
    first = make_subscriber("first@example.org")
    make_subscriber("second@example.org")
    smtp.hold_after = 0  # the server takes the message and never answers
    with pytest.raises(CommandError, match=r"The SMTP server failed"):
        send()
    smtp.hold_after = None
    smtp.released.set()
    assert "1 sent" in send()
    assert smtp.recipients() == ["second@example.org"]
    assert Delivery.objects.get(subscriber=first).error.startswith("not known whether it was delivered")


def test_a_subscriber_whose_sections_are_all_gone_gets_all_the_news(smtp, sections, day_articles):
    subscriber = make_subscriber()
    subscriber.is_all_news = False
    subscriber.save()
    subscriber.sections.clear()
    assert "1 sent" in send()
    html = parts(smtp.received[0][1])[1]
    assert "Booster lands on a barge" in html and "Rover finds clay" in html


def test_the_default_day_is_yesterday(smtp, day_articles):
    make_subscriber()
    call_command("send_digests", stdout=io.StringIO())
    assert Delivery.objects.get().digest_date == yesterday()


@pytest.mark.parametrize("arguments", [["--date", "2026-13-01"], ["--date", "yesterday"], ["--batch-size", "0"]])
def test_bad_arguments_are_a_clear_error(arguments):
    with pytest.raises(CommandError, match="--date must be a date such as|--batch-size must be at least 1"):
        call_command("send_digests", *arguments)
