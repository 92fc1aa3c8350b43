from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from supporters import events, stripe_gateway
from supporters.models import Contribution, Subscription


def _date(value):
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise CommandError(f"--since takes a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Ask Stripe for the Checkout Sessions, paid invoices and refunds since a date and fill in whatever "
        "a lost webhook left out. Safe to run again: it applies the same upserts as the webhook."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help="YYYY-MM-DD (UTC); default: three days ago")

    def handle(self, *args, since=None, **options):
        if not stripe_gateway.is_configured():
            raise CommandError("STRIPE_SECRET_KEY is not set: there is no Stripe account to reconcile with.")
        since = since or timezone.now() - timedelta(days=3)
        started = timezone.now()
        seen = {"checkout sessions": 0, "paid invoices": 0, "refunds": 0}
        try:
            for session in stripe_gateway.checkout_sessions_since(since):
                seen["checkout sessions"] += 1
                with transaction.atomic():
                    events.checkout_completed(session, events.moment(session.get("created")))
            for invoice in stripe_gateway.paid_invoices_since(since):
                seen["paid invoices"] += 1
                paid_at = (invoice.get("status_transitions") or {}).get("paid_at") or invoice.get("created")
                with transaction.atomic():
                    events.invoice_paid(invoice, events.moment(paid_at))
            for refund in stripe_gateway.refunds_since(since):
                if refund.get("status") != "succeeded" or not refund.get("charge"):
                    continue
                seen["refunds"] += 1
                charge = stripe_gateway.get_charge(events.id_of(refund["charge"]))
                with transaction.atomic():
                    events.charge_refunded(charge, events.moment(charge.get("created")))
        except (stripe_gateway.StripeUnavailable, stripe_gateway.NotFound) as error:
            raise CommandError(f"Stripe did not answer: {error}. Nothing after this point was reconciled.") from error
        self.stdout.write(f"Since {since:%Y-%m-%d}: read " + ", ".join(f"{n} {what}" for what, n in seen.items()) + ".")
        for model in (Contribution, Subscription):
            created = model.objects.filter(created_at__gte=started).count()
            updated = model.objects.filter(updated_at__gte=started, created_at__lt=started).count()
            name = model._meta.verbose_name_plural
            self.stdout.write(f"{name.capitalize()}: {created} added, {updated} corrected.")
