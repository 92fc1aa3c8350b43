import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from supporters.models import Contribution, StripeEvent, Subscription
from supporters.tests.conftest import load_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return user


def _paid(n, amount, month, frequency="once", status="paid", email=None):
    return Contribution.objects.create(
        stripe_payment_intent_id=f"pi_{n}", amount=amount, currency="usd", status=status, frequency=frequency,
        paid_at=datetime(2026, month, 10, tzinfo=UTC), email=email or f"giver{n}@example.org",
    )


@pytest.fixture
def money():
    _paid(1, 1000, 9)
    _paid(2, 2500, 10)
    _paid(3, 500, 10)
    _paid(4, 9900, 10, status="refunded")
    _paid(5, 500, 10, frequency="monthly", email="=HYPERLINK(evil)@example.org")
    Subscription.objects.create(stripe_subscription_id="sub_a", amount=500, status="active", email="a@example.org")
    Subscription.objects.create(stripe_subscription_id="sub_b", amount=1200, status="past_due", email="b@example.org")
    Subscription.objects.create(stripe_subscription_id="sub_c", amount=9900, status="canceled", email="c@example.org")


def test_contribution_list_shows_totals_and_stripe_links(client, editor, money, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    html = client.get("/admin/supporters/contribution/").content.decode()
    assert "<strong>$17</strong> from 2 subscriptions" in html
    assert "<tr><td>October 2026</td><td>$30</td><td>2</td></tr>" in html
    assert "<tr><td>September 2026</td><td>$10</td><td>1</td></tr>" in html
    assert 'href="https://dashboard.stripe.com/test/payments/pi_1"' in html


@pytest.mark.parametrize(
    "query, emails",
    [
        ("?status__exact=refunded", ["giver4@example.org"]),
        ("?frequency__exact=monthly", ["=HYPERLINK(evil)@example.org"]),
        ("?month=2026-09", ["giver1@example.org"]),
        ("?q=giver2", ["giver2@example.org"]),
    ],
)
def test_contributions_filter_and_search(client, editor, money, query, emails):
    response = client.get(f"/admin/supporters/contribution/{query}")
    html = response.content.decode()
    for n in range(1, 6):
        email = "=HYPERLINK(evil)@example.org" if n == 5 else f"giver{n}@example.org"
        assert (f"<td class=\"field-email\">{email}</td>" in html) is (email in emails), email


def test_csv_export_exports_the_filtered_list(client, editor, money):
    response = client.get("/admin/supporters/contribution/export/?month=2026-10&status__exact=paid")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:6] == ["paid_at", "amount", "amount_refunded", "currency", "frequency", "status"]
    assert sorted((row[1], row[4], row[6]) for row in rows[1:]) == [
        ("25.00", "once", "giver2@example.org"),
        ("5.00", "monthly", "'=HYPERLINK(evil)@example.org"),
        ("5.00", "once", "giver3@example.org"),
    ]


def test_csv_export_with_a_bad_filter_is_a_400(client, editor, money):
    assert client.get("/admin/supporters/contribution/export/?nonsense__field=1").status_code == 400


def test_csv_export_is_for_staff_only(client, money):
    response = client.get("/admin/supporters/contribution/export/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_subscription_list_shows_recurring_revenue_and_exports(client, editor, money):
    html = client.get("/admin/supporters/subscription/").content.decode()
    assert "<strong>$17</strong> from 2 subscriptions" in html
    rows = list(csv.reader(io.StringIO(b"".join(client.get("/admin/supporters/subscription/export/?status__exact=canceled").streaming_content).decode())))
    assert [row[1] for row in rows[1:]] == ["99.00"]


def test_failed_events_can_be_processed_again_from_admin(client, editor, fake_stripe, send_event):
    fake_stripe.invoice_payments.append(
        {"invoice": "in_test_second", "status": "paid", "payment": {"type": "payment_intent", "payment_intent": "pi_2"}}
    )
    fake_stripe.fail_next(1)
    assert send_event(load_event("invoice_paid_renewal")).status_code == 500
    event = StripeEvent.objects.get()
    assert "StripeUnavailable" in event.error
    changelist = client.get("/admin/supporters/stripeevent/?processed_at__isnull=True").content.decode()
    assert "evt_test_invoice_paid_renewal" in changelist
    response = client.post(
        "/admin/supporters/stripeevent/", {"action": "process_again", "_selected_action": [event.pk]}, follow=True
    )
    assert "1 event(s) processed." in response.content.decode()
    event.refresh_from_db()
    assert event.is_processed and event.error == ""
    assert Contribution.objects.get().stripe_payment_intent_id == "pi_2"


def test_the_event_log_is_read_only(client, editor, fake_stripe, send_event):
    send_event(load_event("customer_created"))
    event = StripeEvent.objects.get()
    html = client.get(f"/admin/supporters/stripeevent/{event.pk}/change/").content.decode()
    assert "cus_test_other" in html
    assert 'name="_save"' not in html
    assert client.get("/admin/supporters/stripeevent/add/").status_code == 403
