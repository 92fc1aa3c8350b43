"""The one module that talks to Stripe.

Functions are named by what the site wants and return plain values (dicts, strings), so the rest of
the app never handles library objects. Errors come out as `StripeUnavailable` (try again later),
`NotFound` or `InvalidWebhook`.
"""

import functools
import json
import logging

import stripe
from django.conf import settings

log = logging.getLogger(__name__)


class StripeUnavailable(Exception):
    """Stripe could not be reached or refused the request; the reader may try again."""


class NotFound(Exception):
    pass


class InvalidWebhook(Exception):
    pass


def is_configured():
    return bool(settings.STRIPE_SECRET_KEY)


def dashboard_url(kind, stripe_id):
    """Link for editors: `kind` is a dashboard path such as "payments", "subscriptions", "events"."""
    mode = "test/" if settings.STRIPE_SECRET_KEY.startswith(("sk_test_", "rk_test_")) else ""
    return f"https://dashboard.stripe.com/{mode}{kind}/{stripe_id}"


@functools.lru_cache(maxsize=4)
def _build_client(api_key, api_base, retries):
    return stripe.StripeClient(api_key, base_addresses={"api": api_base}, max_network_retries=retries)


def _client():
    if not is_configured():
        raise StripeUnavailable("STRIPE_SECRET_KEY is not set.")
    return _build_client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, settings.STRIPE_MAX_NETWORK_RETRIES)


def _plain(obj):
    return obj.to_dict(recursive=True, for_json=True) if obj is not None else None


def _call(what, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404 or getattr(error, "code", None) == "resource_missing":
            raise NotFound(str(error)) from error
        log.error("Stripe refused %s: %s", what, error)
        raise StripeUnavailable(str(error)) from error
    except stripe.StripeError as error:
        log.error("Stripe failed during %s: %s", what, error)
        raise StripeUnavailable(str(error)) from error


def create_checkout_session(
    *, frequency, amount, currency, product_name, success_url, cancel_url, idempotency_key, user_id=None, email=None
):
    """Open a Checkout Session for `amount` minor units; returns {"id", "url"}."""
    monthly = frequency == "monthly"
    price_data = {"currency": currency, "unit_amount": amount, "product_data": {"name": product_name}}
    if monthly:
        price_data["recurring"] = {"interval": "month"}
    metadata = {"frequency": frequency}
    if user_id is not None:
        metadata["user_id"] = str(user_id)
    params = {
        "mode": "subscription" if monthly else "payment",
        "line_items": [{"price_data": price_data, "quantity": 1}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "metadata": metadata,
    }
    if monthly:
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": metadata}
    if user_id is not None:
        params["client_reference_id"] = str(user_id)
    if email:
        params["customer_email"] = email
    session = _call(
        "checkout session creation",
        _client().v1.checkout.sessions.create,
        params,
        options={"idempotency_key": idempotency_key},
    )
    return {"id": session.id, "url": session.url}


def get_checkout_session(session_id):
    """The session as Stripe has it now: a plain dict; NotFound for an unknown id."""
    return _plain(_call("checkout session lookup", _client().v1.checkout.sessions.retrieve, session_id))


def create_portal_session(customer_id, return_url):
    """A Billing Portal URL where the supporter changes their card or cancels."""
    session = _call(
        "billing portal session creation",
        _client().v1.billing_portal.sessions.create,
        {"customer": customer_id, "return_url": return_url},
    )
    return session.url


def payment_intent_for_invoice(invoice_id):
    """The PaymentIntent that paid an invoice (refunds and disputes name it), or None."""
    payments = _call(
        "invoice payment lookup", _client().v1.invoice_payments.list, {"invoice": invoice_id, "status": "paid"}
    )
    for payment in payments.data:
        if payment.payment.type == "payment_intent" and payment.payment.payment_intent:
            intent = payment.payment.payment_intent
            return intent if isinstance(intent, str) else intent.id
    return None


def get_charge(charge_id):
    return _plain(_call("charge lookup", _client().v1.charges.retrieve, charge_id))


def _since(service, what, since, **filters):
    params = {"created": {"gte": int(since.timestamp())}, "limit": 100, **filters}
    try:
        for item in service.list(params).auto_paging_iter():
            yield _plain(item)
    except stripe.StripeError as error:
        log.error("Stripe failed during %s: %s", what, error)
        raise StripeUnavailable(str(error)) from error


def checkout_sessions_since(since):
    return _since(_client().v1.checkout.sessions, "checkout session listing", since, status="complete")


def paid_invoices_since(since):
    return _since(_client().v1.invoices, "invoice listing", since, status="paid")


def refunds_since(since):
    return _since(_client().v1.refunds, "refund listing", since)


def parse_webhook(payload, signature):
    """Verify the Stripe-Signature header and return the event as a plain dict."""
    try:
        event = _build_client(
            settings.STRIPE_SECRET_KEY or "sk_unset", settings.STRIPE_API_BASE, 0
        ).construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET or None)
    except stripe.SignatureVerificationError as error:
        raise InvalidWebhook(f"Bad signature: {error.user_message or error}") from error
    except (ValueError, TypeError, AttributeError) as error:  # not JSON, not UTF-8, or not an object
        raise InvalidWebhook(f"Malformed payload: {error}") from error
    event = json.loads(payload)
    if not isinstance(event, dict) or not event.get("id") or not event.get("type") or not isinstance(event.get("data"), dict):
        raise InvalidWebhook("Not a Stripe event.")
    return event
