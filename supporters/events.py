"""Stripe webhook events: record each once, then apply it with idempotent upserts.

Handlers take the plain event object (a dict) and the event's time. They run inside one transaction
per event, so a failure leaves nothing half-done and Stripe's retry starts clean.
"""

import logging
import math
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import stripe_gateway
from .models import Contribution, StripeEvent, Subscription
from .notices import send_payment_failed_notice

log = logging.getLogger(__name__)


class ProcessingFailed(Exception):
    pass


class Unstorable(Exception):
    """A verified event the StripeEvent table cannot hold; its message says why."""


# Stripe nests objects a few levels deep (event, data, object, items, price, ...); far deeper
# is no Stripe event, and the stripe library's own parsing overflows Python's stack near 300.
MAX_DEPTH = 64


def storable(event):
    """The copy of a verified event that the database can hold, or Unstorable.

    PostgreSQL refuses NUL characters in text and jsonb, so they are left out of the copy
    (keys too); neither database takes JSON's missing Infinity and NaN; the id and type must
    fit their columns, since a cut id would no longer recognise a replay.
    """
    copy = _cleaned(event, 0)
    for name in ("id", "type"):
        limit = StripeEvent._meta.get_field("stripe_id" if name == "id" else name).max_length
        if not isinstance(copy[name], str) or not copy[name]:
            raise Unstorable(f"Cannot store this event: its {name} is not a name.")
        if len(copy[name]) > limit:
            raise Unstorable(f"Cannot store this event: its {name} is longer than {limit} characters.")
    return copy


def _cleaned(value, depth):
    if depth > MAX_DEPTH:
        raise Unstorable(f"Cannot store this event: nested deeper than {MAX_DEPTH} levels.")
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, float) and not math.isfinite(value):
        raise Unstorable("Cannot store this event: a number is out of range.")
    if isinstance(value, dict):
        return {_cleaned(key, depth): _cleaned(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item, depth + 1) for item in value]
    return value


def moment(timestamp):
    return datetime.fromtimestamp(int(timestamp), tz=UTC) if timestamp else None


def id_of(value):
    """Stripe fields may hold an id or an expanded object."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


def _supporter(user_id):
    if user_id and str(user_id).isdigit():
        return get_user_model().objects.filter(pk=int(user_id)).first()
    return None


def checkout_completed(session, at, status=None):
    paid = session.get("payment_status") in ("paid", "no_payment_required")
    status = status or (Contribution.Status.PAID if paid else Contribution.Status.PENDING)
    metadata = session.get("metadata") or {}
    people = {
        "supporter": _supporter(session.get("client_reference_id") or metadata.get("user_id")),
        "email": (session.get("customer_details") or {}).get("email") or session.get("customer_email"),
        "stripe_customer_id": id_of(session.get("customer")),
    }
    money = {"amount": session.get("amount_total"), "currency": session.get("currency")}
    if session.get("mode") == "subscription":
        subscription_id = id_of(session.get("subscription"))
        Subscription.objects.record(
            subscription_id,
            status=Subscription.Status.ACTIVE if paid else Subscription.Status.INCOMPLETE,
            status_at=at,
            stripe_checkout_session_id=session["id"],
            **people,
            **money,
        )
        if id_of(session.get("invoice")) and paid:
            Contribution.objects.record(
                invoice=id_of(session.get("invoice")),
                checkout_session=session["id"],
                status=status,
                frequency=Contribution.Frequency.MONTHLY,
                stripe_subscription_id=subscription_id,
                defaults={"paid_at": moment(session.get("created"))},
                **people,
                **money,
            )
        return
    Contribution.objects.record(
        checkout_session=session["id"],
        payment_intent=id_of(session.get("payment_intent")),
        status=status,
        frequency=Contribution.Frequency.ONCE,
        paid_at=moment(session.get("created")),
        **people,
        **money,
    )


def checkout_payment_succeeded(session, at):
    checkout_completed(session, at, status=Contribution.Status.PAID)


def checkout_payment_failed(session, at):
    checkout_completed(session, at, status=Contribution.Status.FAILED)


def _subscription_of(invoice):
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return id_of(details.get("subscription")), details.get("metadata") or {}


def invoice_paid(invoice, at):
    subscription_id, metadata = _subscription_of(invoice)
    if not subscription_id:
        return
    people = {
        "supporter": _supporter(metadata.get("user_id")),
        "email": invoice.get("customer_email"),
        "stripe_customer_id": id_of(invoice.get("customer")),
    }
    subscription = Subscription.objects.record(subscription_id, status=Subscription.Status.ACTIVE, status_at=at, **people)
    if not invoice.get("amount_paid"):
        return
    # A supporter linked after signing up has no user id in Stripe's metadata: the subscription knows them.
    people["supporter"] = people["supporter"] or subscription.supporter
    paid_at = moment((invoice.get("status_transitions") or {}).get("paid_at")) or moment(invoice.get("created"))
    Contribution.objects.record(
        invoice=invoice["id"],
        payment_intent=stripe_gateway.payment_intent_for_invoice(invoice["id"]),
        status=Contribution.Status.PAID,
        frequency=Contribution.Frequency.MONTHLY,
        amount=invoice["amount_paid"],
        currency=invoice.get("currency"),
        stripe_subscription_id=subscription_id,
        paid_at=paid_at,
        **people,
    )


def invoice_payment_failed(invoice, at):
    subscription_id, metadata = _subscription_of(invoice)
    if not subscription_id:
        return
    subscription = Subscription.objects.record(
        subscription_id,
        status=Subscription.Status.PAST_DUE,
        status_at=at,
        supporter=_supporter(metadata.get("user_id")),
        email=invoice.get("customer_email"),
        stripe_customer_id=id_of(invoice.get("customer")),
    )
    if subscription.email and subscription.failure_notice_invoice_id != invoice["id"]:
        subscription.failure_notice_invoice_id = invoice["id"]
        subscription.save(update_fields=["failure_notice_invoice_id", "updated_at"])
        transaction.on_commit(lambda: send_payment_failed_notice(subscription), robust=True)


def subscription_changed(subscription, at):
    items = (subscription.get("items") or {}).get("data") or [{}]
    item = items[0]
    price = item.get("price") or {}
    period_end = item.get("current_period_end") or subscription.get("current_period_end")
    amount = (price.get("unit_amount") or 0) * (item.get("quantity") or 1)
    Subscription.objects.record(
        subscription["id"],
        status=subscription.get("status"),
        status_at=at,
        state={
            "cancel_at_period_end": bool(subscription.get("cancel_at_period_end")),
            "current_period_end": moment(period_end),
        },
        supporter=_supporter((subscription.get("metadata") or {}).get("user_id")),
        stripe_customer_id=id_of(subscription.get("customer")),
        amount=amount or None,
        currency=price.get("currency") or subscription.get("currency"),
    )


def charge_refunded(charge, at):
    if not id_of(charge.get("payment_intent")):
        return
    Contribution.objects.record(
        payment_intent=id_of(charge.get("payment_intent")),
        status=Contribution.Status.REFUNDED if charge.get("refunded") else Contribution.Status.PAID,
        amount_refunded=charge.get("amount_refunded"),
        defaults={
            "amount": charge.get("amount"),
            "currency": charge.get("currency"),
            "email": (charge.get("billing_details") or {}).get("email"),
            "stripe_customer_id": id_of(charge.get("customer")),
            "paid_at": moment(charge.get("created")),
        },
    )


def dispute_created(dispute, at):
    if not id_of(dispute.get("payment_intent")):
        return
    Contribution.objects.record(
        payment_intent=id_of(dispute.get("payment_intent")),
        status=Contribution.Status.DISPUTED,
        defaults={"amount": dispute.get("amount"), "currency": dispute.get("currency")},
    )


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": checkout_payment_succeeded,
    "checkout.session.async_payment_failed": checkout_payment_failed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": dispute_created,
}


def receive(event):
    """Record a verified event and process it unless that was done before; True if it was new work.
    Unstorable when the database cannot hold it (see storable)."""
    event = storable(event)
    stored, _ = StripeEvent.objects.get_or_create(
        stripe_id=event["id"], defaults={"type": event["type"], "payload": event}
    )
    if stored.is_processed:
        return False
    process(stored)
    return True


def process(stored):
    """Apply one stored event in a transaction; on failure roll back, note the error, raise ProcessingFailed."""
    handler = HANDLERS.get(stored.type)
    try:
        with transaction.atomic():
            locked = StripeEvent.objects.select_for_update().get(pk=stored.pk)
            if locked.is_processed:
                return
            if handler is None:
                log.info("Stripe event %s of type %s ignored", stored.stripe_id, stored.type)
            else:
                handler(stored.payload["data"]["object"], moment(stored.payload.get("created")))
            locked.processed_at = timezone.now()
            locked.error = ""
            locked.attempts += 1
            locked.save(update_fields=["processed_at", "error", "attempts"])
    except Exception as error:  # any failure must roll back and make Stripe retry
        log.exception("Stripe event %s (%s) failed", stored.stripe_id, stored.type)
        message = f"{type(error).__name__}: {error}"[:2000]
        StripeEvent.objects.filter(pk=stored.pk).update(error=message, attempts=F("attempts") + 1)
        raise ProcessingFailed(message) from error
