from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from supporters.models import Contribution, Subscription

# Demo readers (comments' seed_demo_comments makes them; made here too when missing) who support
# the site: a monthly supporter and a one-off contributor, so their comments carry the badge.
MONTHLY = "maya"
ONE_OFF = "jun"


class Command(BaseCommand):
    requires_system_checks = []  # content commands need no deploy checks (and no Stripe warning)

    help = "Two demo supporters, as Stripe's webhooks would have recorded them (once; no Stripe call)."

    @transaction.atomic
    def handle(self, **options):
        now = timezone.now()
        monthly, one_off = self.reader(MONTHLY), self.reader(ONE_OFF)
        amount = settings.SUPPORT_MIN_AMOUNT * 100
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

    def reader(self, username):
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": f"{username}@readers.example"})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user
