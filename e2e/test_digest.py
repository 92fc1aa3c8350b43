import re

import pytest
from django.core import mail

from digests.models import Subscriber
from e2e.newsroom import csp_violations
from news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_subscribes_from_the_sidebar_and_confirms_by_mail(page):
    launches = make_section("Launches", slug="launches")
    make_section("Mars", slug="mars")
    make_article("Booster lands on a barge", section=launches)
    violations = csp_violations(page)

    page.goto("/")
    sidebar = page.locator(".digest-signup-sidebar")
    sidebar.get_by_label("Your e-mail address").fill("ada@example.org")
    sidebar.get_by_role("button", name="Get the daily digest").click()
    page.wait_for_url("**/digest/?email=ada%40example.org")
    form = page.locator("form.digest-form")
    assert form.get_by_label("Your e-mail address").input_value() == "ada@example.org"
    form.get_by_label("Only the sections I choose").check()
    form.get_by_label("Launches").check()
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/digest/check-your-inbox/")
    assert "Check your inbox" in page.get_by_role("heading", level=1).inner_text()
    assert not Subscriber.objects.exists()

    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/digest/confirm/\S+/)", message.body).group(1)
    page.goto(path)
    page.get_by_role("button", name="Yes, send me the daily digest").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are subscribed"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, [section.slug for section in subscriber.sections.all()]) == ("ada@example.org", ["launches"])
    assert violations == []
