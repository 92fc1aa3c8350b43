import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from supporters.models import Contribution, Subscription

pytestmark = pytest.mark.django_db


def _reconcile(since="2026-01-01"):
    from io import StringIO

    out = StringIO()
    call_command("reconcile_stripe", "--since", since, stdout=out)
    return out.getvalue()


def _pay(fake_stripe, client, frequency):
    response = client.post("/support/checkout/", {"frequency": frequency, "amount": "10"})
    session_id = response["Location"].rsplit("/", 1)[1]
    return fake_stripe.complete(session_id)


def test_reconcile_fills_in_what_lost_webhooks_left_out_and_is_idempotent(client, fake_stripe):
    _pay(fake_stripe, client, "once")
    _pay(fake_stripe, client, "monthly")
    charge_id = next(c["id"] for c in fake_stripe.charges.values() if c["amount"] == 1000)
    fake_stripe.refund(charge_id)
    output = _reconcile()
    assert "read 2 checkout sessions, 1 paid invoices, 1 refunds" in output
    assert "Contributions: 2 added, 0 corrected." in output
    assert "Subscriptions: 1 added, 0 corrected." in output
    assert sorted(Contribution.objects.values_list("frequency", "status", "amount")) == [
        ("monthly", "paid", 1000), ("once", "refunded", 1000)
    ]
    assert Subscription.objects.get().status == "active"
    sessions = fake_stripe.calls("GET", "/v1/checkout/sessions")[0].params
    assert sessions["status"] == "complete"
    assert sessions["created"]["gte"] == "1767225600"

    again = _reconcile()
    assert "Contributions: 0 added, 0 corrected." in again
    assert "Subscriptions: 0 added, 0 corrected." in again
    assert Contribution.objects.count() == 2


def test_reconcile_after_the_webhooks_changes_nothing(client, fake_stripe, send_event):
    for event in _pay(fake_stripe, client, "monthly"):
        assert send_event(event).status_code == 200
    assert Contribution.objects.count() == 1
    output = _reconcile()
    assert "Contributions: 0 added, 0 corrected." in output
    assert "Subscriptions: 0 added, 0 corrected." in output


def test_reconcile_reports_a_bad_date_and_an_outage(fake_stripe, settings):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reconcile_stripe", "--since", "yesterday")
    fake_stripe.fail_next(1)
    with pytest.raises(CommandError, match="Stripe did not answer"):
        _reconcile()
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(CommandError, match="STRIPE_SECRET_KEY is not set"):
        _reconcile()


def test_anonymous_support_is_linked_when_the_same_email_is_verified(rf):
    Contribution.objects.create(stripe_payment_intent_id="pi_1", email="Grace@Example.org", status="paid")
    Subscription.objects.create(stripe_subscription_id="sub_1", email="grace@example.org", status="active")
    Contribution.objects.create(stripe_payment_intent_id="pi_2", email="other@example.org", status="paid")
    user = get_user_model().objects.create_user("grace", "grace@example.org", "pw")
    address = EmailAddress.objects.create(user=user, email="grace@example.org", verified=True, primary=True)
    email_confirmed.send(sender=EmailAddress, request=rf.get("/"), email_address=address)
    assert list(Contribution.objects.filter(supporter=user).values_list("stripe_payment_intent_id", flat=True)) == ["pi_1"]
    assert Subscription.objects.get().supporter == user
