"""A reader goes from the appeal under an article through (fake) Stripe Checkout to the thank-you page."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from news.tests.factories import make_article
from supporters.models import Contribution, Subscription
from supporters.tests.fake_stripe import fake_stripe_fixture  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stripe_site(fake_stripe, live_server):
    fake_stripe.webhook_url = f"{live_server.url}/support/stripe/webhook/"
    return fake_stripe


def _log_in(page, live_server):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "a-long-password")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return user


def test_a_logged_in_reader_becomes_a_monthly_supporter(page, live_server, stripe_site):
    user = _log_in(page, live_server)
    article = make_article("Booster lands on a barge")
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Monthly Supporter — $5+, billed monthly").click()
    page.wait_for_url("**/support/?frequency=monthly")
    assert page.get_by_label("Monthly — billed every month, cancel any time").is_checked()
    page.get_by_label("$10", exact=True).check()
    page.get_by_role("button", name="Continue to secure payment").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Pay 10.00 USD per month"
    page.get_by_role("button", name="Pay").click()
    page.wait_for_url("**/support/thanks/?session_id=*")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for supporting Orbital Wire"
    assert "monthly contribution of $10" in page.locator(".support-paid").inner_text()

    page.goto(article.get_absolute_url())
    assert page.locator(".support-appeal").count() == 0
    assert "Thank you for supporting Orbital Wire" in page.locator(".support-thanks").inner_text()
    subscription = Subscription.objects.get()
    assert (subscription.supporter, subscription.status, subscription.amount) == (user, "active", 1000)
    assert Contribution.objects.get().amount == 1000
    assert stripe_site.deliveries == [("checkout.session.completed", 200), ("invoice.paid", 200)]


def test_an_anonymous_reader_contributes_once_without_javascript(page_without_js, live_server, stripe_site):
    page = page_without_js
    article = make_article("Lander touches down")
    page.goto(article.get_absolute_url())
    assert page.locator(".support-appeal").is_visible()
    page.get_by_role("link", name="Contributor — $5, billed once").click()
    assert page.get_by_label("Once — a single contribution").is_checked()
    page.get_by_label("Another amount").check()
    page.get_by_label("Other amount, in whole USD").fill("7.50")
    page.get_by_role("button", name="Continue to secure payment").click()
    assert "Please give whole USD, without cents." in page.locator(".errorlist").inner_text()
    page.get_by_label("Other amount, in whole USD").fill("7")
    page.get_by_role("button", name="Continue to secure payment").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Pay 7.00 USD once"
    page.get_by_role("button", name="Pay").click()
    page.wait_for_url("**/support/thanks/?session_id=*")
    assert "contribution of $7" in page.locator(".support-paid").inner_text()

    page.goto(article.get_absolute_url())
    assert page.locator(".support-appeal").count() == 0
    assert page.locator(".support-thanks").is_visible()
    contribution = Contribution.objects.get()
    assert (contribution.frequency, contribution.status, contribution.amount) == ("once", "paid", 700)


def test_a_reader_who_cancels_checkout_gets_a_calm_message(page, live_server, stripe_site):
    page.goto("/support/")
    page.get_by_role("button", name="Continue to secure payment").click()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url("**/support/?cancelled=1")
    assert "Your payment was cancelled and nothing was charged." in page.locator(".messages").inner_text()
