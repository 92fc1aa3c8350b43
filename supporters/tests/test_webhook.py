import itertools
import json
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from supporters.models import Contribution, StripeEvent, Subscription
from supporters.tests.conftest import load_event

pytestmark = pytest.mark.django_db


def test_a_one_off_contribution_is_recorded_as_paid(send_event, fake_stripe):
    response = send_event(load_event("checkout_session_completed_once"))
    assert response.status_code == 200
    contribution = Contribution.objects.get()
    assert (contribution.amount, contribution.currency, contribution.status) == (1000, "usd", "paid")
    assert contribution.frequency == "once"
    assert contribution.email == "giver@example.org"
    assert contribution.stripe_payment_intent_id == "pi_test_once"
    assert contribution.display_amount == "$10"
    event = StripeEvent.objects.get()
    assert (event.stripe_id, event.type, event.is_processed, event.error) == (
        "evt_test_checkout_session_completed_once", "checkout.session.completed", True, ""
    )


def test_a_logged_in_readers_contribution_belongs_to_them(send_event, fake_stripe):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "pw")
    send_event(load_event("checkout_session_completed_once", client_reference_id=str(user.pk)))
    assert Contribution.objects.get().supporter == user


def test_an_async_payment_is_pending_until_it_succeeds(send_event, fake_stripe):
    send_event(load_event("checkout_session_completed_async"))
    assert Contribution.objects.get().status == "pending"
    send_event(load_event("checkout_session_async_payment_succeeded"))
    assert Contribution.objects.get().status == "paid"


def test_an_async_payment_that_fails_is_marked_failed(send_event, fake_stripe):
    send_event(load_event("checkout_session_completed_async"))
    send_event(load_event("checkout_session_async_payment_failed"))
    assert Contribution.objects.get().status == "failed"


def test_a_monthly_checkout_records_the_subscription_and_its_first_payment(send_event, stripe_invoices):
    send_event(load_event("checkout_session_completed_monthly"))
    send_event(load_event("invoice_paid"))
    subscription = Subscription.objects.get()
    assert (subscription.stripe_subscription_id, subscription.status, subscription.amount) == ("sub_test_monthly", "active", 500)
    assert subscription.stripe_customer_id == "cus_test_monthly"
    contribution = Contribution.objects.get()
    assert (contribution.stripe_invoice_id, contribution.stripe_payment_intent_id) == ("in_test_first", "pi_test_first")
    assert (contribution.frequency, contribution.status, contribution.amount) == ("monthly", "paid", 500)
    assert stripe_invoices.calls("GET", "/v1/invoice_payments")[0].params["invoice"] == "in_test_first"


def test_each_monthly_renewal_adds_a_contribution(send_event, stripe_invoices):
    for name in ("checkout_session_completed_monthly", "invoice_paid", "invoice_paid_renewal"):
        send_event(load_event(name))
    assert sorted(Contribution.objects.values_list("stripe_invoice_id", flat=True)) == ["in_test_first", "in_test_second"]


def test_a_failed_renewal_marks_the_subscription_past_due_and_emails_once(
    send_event, stripe_invoices, django_capture_on_commit_callbacks
):
    send_event(load_event("checkout_session_completed_monthly"))
    retried = load_event("invoice_payment_failed")
    retried["id"] = "evt_test_invoice_payment_failed_retry"
    retried["created"] += 3600
    with django_capture_on_commit_callbacks(execute=True):
        send_event(load_event("invoice_payment_failed"))
        send_event(retried)
    assert Subscription.objects.get().status == "past_due"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["monthly@example.org"]
    assert message.subject == "Orbital Wire: your monthly contribution could not be charged"
    assert "http://127.0.0.1:8000/support/manage/?token=" in message.body


def test_subscription_updates_and_cancellation_are_applied(send_event, fake_stripe):
    send_event(load_event("checkout_session_completed_monthly"))
    send_event(load_event("customer_subscription_updated"))
    subscription = Subscription.objects.get()
    assert (subscription.status, subscription.cancel_at_period_end) == ("active", True)
    assert subscription.current_period_end.timestamp() == 1795000000 + 2592000 - 50
    send_event(load_event("customer_subscription_deleted"))
    assert Subscription.objects.get().status == "canceled"


def test_refunds_and_disputes_change_the_contribution(send_event, fake_stripe):
    send_event(load_event("checkout_session_completed_once"))
    send_event(load_event("charge_refunded"))
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.amount_refunded) == ("refunded", 1000)
    send_event(load_event("charge_dispute_created"))
    assert Contribution.objects.get().status == "disputed"


def test_an_unknown_event_type_is_logged_and_answered_200(send_event, fake_stripe):
    response = send_event(load_event("customer_created"))
    assert response.status_code == 200
    assert StripeEvent.objects.get().is_processed
    assert not Contribution.objects.exists() and not Subscription.objects.exists()


def test_a_replayed_event_changes_nothing(send_event, fake_stripe):
    event = load_event("checkout_session_completed_once")
    assert [send_event(event).status_code for _ in range(3)] == [200, 200, 200]
    assert Contribution.objects.count() == 1
    assert StripeEvent.objects.get().attempts == 1


def _reset():
    for model in (Contribution, Subscription, StripeEvent):
        model.objects.all().delete()


SUBSCRIPTION_EVENTS = [
    "checkout_session_completed_monthly", "invoice_paid", "customer_subscription_updated", "customer_subscription_deleted",
]


def test_every_ordering_of_a_subscriptions_events_ends_in_the_same_state(send_event, stripe_invoices):
    for order in itertools.permutations(SUBSCRIPTION_EVENTS):
        _reset()
        for name in order:
            assert send_event(load_event(name)).status_code == 200, order
        subscription = Subscription.objects.get()
        state = (subscription.status, subscription.cancel_at_period_end, subscription.amount, subscription.email)
        assert state == ("canceled", True, 500, "monthly@example.org"), order
        assert subscription.stripe_checkout_session_id == "cs_test_monthly", order
        contribution = Contribution.objects.get()
        assert (contribution.status, contribution.amount, contribution.frequency) == ("paid", 500, "monthly"), order
        assert (contribution.stripe_invoice_id, contribution.stripe_payment_intent_id, contribution.stripe_checkout_session_id) == (
            "in_test_first", "pi_test_first", "cs_test_monthly"
        ), order


def test_every_ordering_of_a_payment_its_refund_and_dispute_ends_in_the_same_state(send_event, fake_stripe):
    for order in itertools.permutations(["checkout_session_completed_once", "charge_refunded", "charge_dispute_created"]):
        _reset()
        for name in order:
            send_event(load_event(name))
        contribution = Contribution.objects.get()
        state = (contribution.status, contribution.amount, contribution.amount_refunded, contribution.email, contribution.frequency)
        assert state == ("disputed", 1000, 1000, "giver@example.org", "once"), order
        assert contribution.stripe_checkout_session_id == "cs_test_once", order


def test_a_refund_of_a_monthly_payment_seen_before_its_invoice_is_merged(send_event, stripe_invoices):
    refund = load_event("charge_refunded", payment_intent="pi_test_first", amount=500, amount_refunded=500)
    send_event(refund)
    send_event(load_event("checkout_session_completed_monthly"))
    send_event(load_event("invoice_paid"))
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.frequency, contribution.stripe_invoice_id) == ("refunded", "monthly", "in_test_first")


@pytest.mark.parametrize(
    "kwargs, reason",
    [
        ({"header": False}, "No Stripe-Signature header"),
        ({"secret": "whsec_wrong"}, "No signatures found matching the expected signature"),
        ({"timestamp": int(time.time()) - 600}, "Timestamp outside the tolerance zone"),
        ({"header": "t=abc,v1=zzz"}, "Unable to extract timestamp"),
        ({"header": "garbage"}, "Unable to extract timestamp"),
    ],
)
def test_bad_signatures_are_rejected_and_nothing_is_stored(send_event, fake_stripe, kwargs, reason):
    response = send_event(load_event("checkout_session_completed_once"), **kwargs)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not StripeEvent.objects.exists() and not Contribution.objects.exists()


@pytest.mark.parametrize("payload", [b"{not json", b"[1, 2]", json.dumps({"id": "evt_1"}).encode(), b"\xff\xfe"])
def test_malformed_payloads_are_rejected_and_nothing_is_stored(send_event, fake_stripe, payload):
    response = send_event(payload)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_without_a_webhook_secret_every_event_is_rejected(send_event, fake_stripe, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert send_event(load_event("checkout_session_completed_once")).status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_webhook_only_takes_post(client):
    assert client.get("/support/stripe/webhook/").status_code == 405


def test_a_failure_mid_processing_rolls_back_answers_500_and_the_retry_records_once(send_event, stripe_invoices):
    send_event(load_event("checkout_session_completed_monthly"))
    send_event(load_event("customer_subscription_deleted"))
    event = load_event("invoice_paid_renewal")
    stripe_invoices.fail_next(1)  # the PaymentIntent lookup fails after the subscription was touched
    response = send_event(event)
    assert response.status_code == 500
    assert not Contribution.objects.filter(stripe_invoice_id="in_test_second").exists()
    stored = StripeEvent.objects.get(stripe_id=event["id"])
    assert (stored.is_processed, stored.attempts) == (False, 1)
    assert "StripeUnavailable" in stored.error
    assert send_event(event).status_code == 200
    assert send_event(event).status_code == 200
    assert Contribution.objects.filter(stripe_invoice_id="in_test_second").count() == 1
    stored.refresh_from_db()
    assert (stored.is_processed, stored.attempts, stored.error) == (True, 2, "")
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1


def test_renewals_of_a_subscription_linked_after_signup_belong_to_the_supporter(send_event, stripe_invoices):
    user = get_user_model().objects.create_user("mo", "monthly@example.org", "pw")
    send_event(load_event("checkout_session_completed_monthly"))
    Subscription.objects.update(supporter=user)
    send_event(load_event("invoice_paid_renewal"))
    assert Contribution.objects.get(stripe_invoice_id="in_test_second").supporter == user


def test_nul_characters_are_left_out_of_the_stored_event_which_is_then_processed(send_event, fake_stripe):
    event = load_event(
        "checkout_session_completed_once",
        customer_details={"email": "giver@example.org\u0000", "name": "Ada\u0000 Lovelace"},
        metadata={"note\u0000": "\u0000a gift"},
    )
    event["id"] += "\u0000"
    response = send_event(event)
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert (stored.stripe_id, stored.is_processed) == ("evt_test_checkout_session_completed_once", True)
    assert stored.payload["data"]["object"]["customer_details"]["name"] == "Ada Lovelace"
    assert stored.payload["data"]["object"]["metadata"] == {"note": "a gift"}
    assert Contribution.objects.get().email == "giver@example.org"


def nested(depth):
    """A signed event body whose metadata is `depth` objects deep (as bytes: too deep for json.dumps)."""
    body = json.dumps(load_event("customer_created", metadata="NESTED"))
    return body.replace('"NESTED"', '{"deeper": ' * depth + '"bottom"' + "}" * depth).encode()


def with_top(**fields):
    """The body of an event with these top-level fields changed."""
    return json.dumps({**load_event("customer_created"), **fields}).encode()


TOO_DEEP = "Cannot store this event: nested deeper than 64 levels."


@pytest.mark.parametrize(
    "payload, reason",
    [
        pytest.param(nested(70), TOO_DEEP, id="nested-70"),
        pytest.param(nested(400), TOO_DEEP, id="nested-400"),
        pytest.param(nested(5000), TOO_DEEP, id="nested-5000"),
        pytest.param(with_top(id="evt_" + "x" * 296), "Cannot store this event: its id is longer than 255 characters.", id="long-id"),
        pytest.param(with_top(type="x" * 300), "Cannot store this event: its type is longer than 100 characters.", id="long-type"),
        pytest.param(with_top(id="\u0000"), "Cannot store this event: its id is not a name.", id="nul-id"),
        pytest.param(with_top(type=["customer.created"]), "Cannot store this event: its type is not a name.", id="list-type"),
        pytest.param(with_top(balance=float("inf")), "Cannot store this event: a number is out of range.", id="infinity"),
    ],
)
def test_a_signed_event_the_database_cannot_hold_is_refused_with_a_logged_reason(
    send_event, fake_stripe, caplog, payload, reason
):
    response = send_event(payload)
    assert response.status_code == 400
    assert response.content.decode() == reason
    assert f"Refused a Stripe webhook: {reason}" in caplog.text
    assert not StripeEvent.objects.exists()


def test_an_event_nested_as_deeply_as_stripe_nests_is_stored(send_event, fake_stripe):
    assert send_event(nested(50)).status_code == 200
    assert StripeEvent.objects.get().is_processed


def test_a_body_larger_than_django_reads_is_a_400(send_event, fake_stripe, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = send_event(load_event("customer_created", description="x" * 20_000))
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
