import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHECKOUT = "/support/checkout/"
ATTEMPT = "a" * 32


def post(client, **data):
    return client.post(CHECKOUT, {"frequency": "once", "amount": "10", "attempt": ATTEMPT, **data})


def test_support_page_offers_presets_and_a_custom_amount_without_javascript(client, fake_stripe):
    response = client.get("/support/?frequency=once")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" action="/support/checkout/"' in html
    for preset in ("5", "10", "25"):
        assert f'value="{preset}"' in html
        assert re.search(rf'value="{preset}"( checked)?> \${preset}</label>', html)  # as the articles' appeal writes it
    assert "At least $5, at most $10,000; whole numbers only." in html
    assert "5 USD" not in html and "10,000 USD" not in html
    assert 'name="other_amount"' in html
    assert re.search(r'<input type="radio" name="frequency" value="once"[^>]*checked', html)
    assert "csrfmiddlewaretoken" in html
    assert "<script" not in html and "style=" not in html


def test_one_off_checkout_sends_minor_units_donate_and_an_idempotency_key(client, fake_stripe):
    response = post(client, amount="25")
    assert response.status_code == 303
    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    params = call.params
    assert response["Location"] == f"{fake_stripe.url}/pay/{list(fake_stripe.sessions)[0]}"
    assert params["mode"] == "payment"
    assert params["submit_type"] == "donate"
    assert params["line_items"] == [
        {"price_data": {"currency": "usd", "unit_amount": "2500", "product_data": {"name": "Orbital Wire Contribution"}},
         "quantity": "1"}
    ]
    assert "payment_method_types" not in params
    assert params["success_url"] == "http://testserver/support/thanks/?session_id={CHECKOUT_SESSION_ID}"
    assert params["cancel_url"] == "http://testserver/support/?cancelled=1"
    assert "client_reference_id" not in params and "customer_email" not in params
    assert call.headers["Idempotency-Key"] == f"checkout-{ATTEMPT}-once-2500"
    assert call.headers["Stripe-Version"] == "2026-10-28.endive"


def test_monthly_checkout_is_a_subscription_for_the_logged_in_reader(client, fake_stripe):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "pw-long-enough")
    client.force_login(user)
    response = post(client, frequency="monthly", amount="other", other_amount="12")
    assert response.status_code == 303
    params = fake_stripe.calls("POST", "/v1/checkout/sessions")[0].params
    assert params["mode"] == "subscription"
    assert "submit_type" not in params
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["line_items"][0]["price_data"]["unit_amount"] == "1200"
    assert params["client_reference_id"] == str(user.pk)
    assert params["customer_email"] == "ada@example.org"
    assert params["subscription_data"]["metadata"] == {"frequency": "monthly", "user_id": str(user.pk)}


def test_a_double_submit_reuses_the_same_checkout_session(client, fake_stripe):
    first = post(client)
    second = post(client)
    assert first["Location"] == second["Location"]
    assert len(fake_stripe.sessions) == 1


@pytest.mark.parametrize("currency, minor", [("usd", "1000"), ("jpy", "10"), ("kwd", "10000")])
def test_amounts_go_to_stripe_by_the_currency_exponent(client, fake_stripe, settings, currency, minor):
    settings.SUPPORT_CURRENCY = currency
    post(client, amount="10")
    price = fake_stripe.calls("POST", "/v1/checkout/sessions")[0].params["line_items"][0]["price_data"]
    assert (price["currency"], price["unit_amount"]) == (currency, minor)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"frequency": "yearly"}, "Choose monthly or once."),
        ({"frequency": ""}, "Choose monthly or once."),
        ({"amount": "ten"}, "Enter the amount as a whole number, for example 10."),
        ({"amount": "10.50"}, "Please give whole USD, without cents."),
        ({"amount": "-10"}, "The amount must be a positive number."),
        ({"amount": "4"}, "The smallest contribution is $5."),
        ({"amount": "0"}, "The smallest contribution is $5."),
        ({"amount": "10001"}, "The largest contribution we take online is $10,000."),
        ({"amount": "99999999999999"}, "Enter the amount as a whole number"),
        ({"amount": "other", "other_amount": ""}, "Enter the amount you would like to give."),
        ({"amount": "other", "other_amount": "3"}, "The smallest contribution is $5."),
        ({"amount": ""}, "Choose or enter an amount."),
        ({"website": "http://spam.example"}, "This form could not be sent."),
    ],
)
def test_bad_choices_show_the_page_again_with_a_clear_error(client, fake_stripe, data, message):
    response = post(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'action="/support/checkout/"' in response.content.decode()
    assert fake_stripe.calls("POST", "/v1/checkout/sessions") == []


@pytest.mark.parametrize(
    "data",
    [
        {"amount": "€10"},
        {"amount": "10 €"},
        {"amount": "£10"},
        {"amount": "¥10"},
        {"amount": "10 EUR"},
        {"amount": "eur10"},
        {"amount": "CA$10"},
        {"amount": "€10.50"},
        {"amount": "other", "other_amount": "12 GBP"},
    ],
)
def test_an_amount_in_another_currency_is_refused_naming_the_sites_currency(client, fake_stripe, data):
    response = post(client, **data)
    assert response.status_code == 400
    assert "We take contributions in USD only; enter the amount in USD, for example 10." in response.content.decode()
    assert fake_stripe.calls("POST", "/v1/checkout/sessions") == []


@pytest.mark.parametrize("amount", ["$10", "10$", "$ 10", "10 USD", "usd 10", "$10 USD"])
def test_the_sites_own_currency_sign_or_code_may_come_with_the_amount(client, fake_stripe, amount):
    assert post(client, amount="other", other_amount=amount).status_code == 303
    price = fake_stripe.calls("POST", "/v1/checkout/sessions")[0].params["line_items"][0]["price_data"]
    assert (price["currency"], price["unit_amount"]) == ("usd", "1000")


def test_in_another_site_currency_the_dollar_sign_is_refused(client, fake_stripe, settings):
    settings.SUPPORT_CURRENCY = "jpy"
    response = post(client, amount="other", other_amount="$1000")
    assert "We take contributions in JPY only; enter the amount in JPY, for example 10." in response.content.decode()
    assert post(client, amount="other", other_amount="1000 JPY").status_code == 303


def test_checkout_is_post_only(client, fake_stripe):
    assert client.get(CHECKOUT).status_code == 405


def test_checkout_creation_is_rate_limited_per_session(client, fake_stripe, settings):
    settings.SUPPORT_CHECKOUT_LIMIT_PER_SESSION = 2
    assert [post(client, attempt=f"{n:032x}").status_code for n in range(3)] == [303, 303, 429]
    response = post(client, attempt=f"{9:032x}")
    assert response.status_code == 429
    assert "Too many payment attempts from here" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert len(fake_stripe.calls("POST", "/v1/checkout/sessions")) == 2


def test_checkout_creation_is_rate_limited_per_ip_across_sessions(fake_stripe, settings):
    settings.SUPPORT_CHECKOUT_LIMIT_PER_IP = 2
    statuses = [post(Client(), attempt=f"{n:032x}").status_code for n in range(3)]
    assert statuses == [303, 303, 429]
    other_ip = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other_ip).status_code == 303


def test_a_stripe_outage_shows_try_again_and_no_500(client, fake_stripe, caplog):
    fake_stripe.fail_next(1)
    response = post(client)
    assert response.status_code == 503
    assert "We could not reach our payment provider, and nothing was charged." in response.content.decode()
    assert "Stripe failed during checkout session creation" in caplog.text


def test_without_a_secret_key_the_page_explains_and_offers_no_button(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    response = client.get(reverse("supporters:support"))
    assert "Contributions are not set up yet." in response.content.decode()
    assert "Continue to secure payment" not in response.content.decode()
    response = client.post(CHECKOUT, {"frequency": "once", "amount": "10"})
    assert response.status_code == 503
    assert "Contributions are not set up yet." in response.content.decode()


def test_a_cancelled_checkout_returns_to_a_calm_message(client, fake_stripe):
    response = client.get("/support/?cancelled=1")
    assert "Your payment was cancelled and nothing was charged." in response.content.decode()


def test_behind_a_load_balancer_the_limit_counts_the_forwarded_address(fake_stripe, settings):
    settings.SUPPORT_CHECKOUT_LIMIT_PER_IP = 1
    settings.TRUSTED_PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    assert post(Client(**balancer, HTTP_X_FORWARDED_FOR="203.0.113.5")).status_code == 303
    assert post(Client(**balancer, HTTP_X_FORWARDED_FOR="198.51.100.7")).status_code == 303
    spoofed = Client(**balancer, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert post(spoofed).status_code == 429


def test_a_corrected_form_keeps_its_idempotency_key(client, fake_stripe):
    html = post(client, amount="4").content.decode()
    assert f'<input type="hidden" name="attempt" value="{ATTEMPT}">' in html
    assert 'aria-invalid="true"' not in html
    html = post(client, amount="other", other_amount="2").content.decode()
    assert 'aria-invalid="true" aria-describedby="id_other_amount_error"' in html
    first = client.get("/support/").content.decode()
    second = client.get("/support/").content.decode()
    nonce = re.compile(r'name="attempt" value="([0-9a-f]{32})"')
    assert nonce.search(first)[1] != nonce.search(second)[1]
