import copy
import json
import time
from pathlib import Path

import pytest

from supporters.tests.fake_stripe import WEBHOOK_SECRET, fake_stripe_fixture, sign  # noqa: F401  (a fixture)

EVENTS = Path(__file__).parent / "events"
WEBHOOK = "/support/stripe/webhook/"


def load_event(name, **changes):
    """A recorded event; `changes` update its data.object."""
    event = json.loads((EVENTS / f"{name}.json").read_text())
    event["data"]["object"].update(copy.deepcopy(changes))
    return event


@pytest.fixture
def send_event(client):
    """POST an event (a dict, or raw bytes) to the webhook, signed as Stripe signs it."""

    def send(event, *, secret=WEBHOOK_SECRET, timestamp=None, header=None):
        payload = event if isinstance(event, bytes) else json.dumps(event).encode()
        headers = {}
        if header is not False:
            headers["HTTP_STRIPE_SIGNATURE"] = header or sign(payload, secret, timestamp or int(time.time()))
        return client.post(WEBHOOK, data=payload, content_type="application/json", **headers)

    return send


@pytest.fixture
def stripe_invoices(fake_stripe):
    """The fake Stripe knows which PaymentIntent paid each recorded invoice."""
    for invoice, intent in [("in_test_first", "pi_test_first"), ("in_test_second", "pi_test_second")]:
        fake_stripe.invoice_payments.append(
            {"id": f"inpay_{invoice}", "object": "invoice_payment", "invoice": invoice, "status": "paid",
             "amount_paid": 500, "currency": "usd", "is_default": True,
             "payment": {"type": "payment_intent", "payment_intent": intent}}
        )
    return fake_stripe
