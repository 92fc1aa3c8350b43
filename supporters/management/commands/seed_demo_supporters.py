from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.demo import demo_reader
from supporters.models import Contribution, Subscription
from supporters.money import to_minor_units

# Demo readers who support the site: a monthly supporter and a one-off contributor, so that their
# comments carry the badge.
MONTHLY = "maya"
ONE_OFF = "jun"


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = "Two demo supporters, as Stripe's webhooks would have recorded them (once; no Stripe call)."

    @transaction.atomic
    def handle(self, **options):
        now = timezone.now()
        monthly, one_off = demo_reader(MONTHLY), demo_reader(ONE_OFF)
        amount = to_minor_units(settings.SUPPORT_MIN_AMOUNT, settings.SUPPORT_CURRENCY)
        _, subscribed = Subscription.objects.get_or_create(
            stripe_subscription_id="sub_demo_monthly",
            defaults={
                "supporter": monthly, "amount": amount, "currency": settings.SUPPORT_CURRENCY, "status": "active",
                "status_at": now, "current_period_end": now + timedelta(days=30), "stripe_customer_id": "cus_demo_monthly",
            },
        )
        _, contributed = Contribution.objects.get_or_create(
            stripe_payment_intent_id="pi_demo_one_off",
            defaults={
                "supporter": one_off, "frequency": Contribution.Frequency.ONCE, "amount": amount * 4,
                "currency": settings.SUPPORT_CURRENCY, "status": Contribution.Status.PAID, "paid_at": now - timedelta(days=12),
            },
        )
        self.stdout.write(f"Demo supporters: {int(subscribed) + int(contributed)} created ({MONTHLY} monthly, {ONE_OFF} once).")
