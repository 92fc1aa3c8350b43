from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.page_cache import recent

from .money import format_amount

SUPPORTER_IDS_CACHE_KEY = "supporters:active-ids"
SUPPORTER_IDS_CACHE_SECONDS = 300
ONE_OFF_SUPPORT_LASTS = timedelta(days=365)


def forget_supporters():
    def forget():
        cache.delete(SUPPORTER_IDS_CACHE_KEY)
        recent.clear()

    transaction.on_commit(forget)


def _snapshot(row):
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def _save_if_changed(row, before):
    """Save only real changes, so `updated_at` tells reconciliation what it actually fixed."""
    if row.pk is None or _snapshot(row) != before:
        row.save()
        forget_supporters()


def _fill(row, fields, *, override):
    """Copy non-empty values onto `row`: always (override) or only where the row has none yet."""
    for name, value in fields.items():
        if value is None or value == "":
            continue
        if override or getattr(row, name) in (None, ""):
            setattr(row, name, value)


class ContributionQuerySet(models.QuerySet):
    def paid(self):
        return self.filter(status=Contribution.Status.PAID)

    def one_off(self):
        return self.filter(frequency=Contribution.Frequency.ONCE)

    def revenue_by_month(self):
        """Paid one-off money per month, newest first: [{"month", "currency", "total", "count"}]."""
        return (
            self.paid()
            .one_off()
            .annotate(month=TruncMonth("paid_at"))
            .values("month", "currency")
            .annotate(total=Sum("amount"), count=models.Count("id"))
            .order_by("-month", "currency")
        )

    def record(self, *, payment_intent=None, invoice=None, checkout_session=None, status=None, defaults=None, **fields):
        """Create or update the one Contribution these Stripe ids name, whatever order events arrive in.

        Rows found under different ids (a refund seen before its invoice) are merged; status only moves
        forward (pending → paid → refunded → disputed); `fields` override, `defaults` only fill gaps.
        Call inside a transaction.
        """
        keys = {
            "stripe_payment_intent_id": payment_intent,
            "stripe_invoice_id": invoice,
            "stripe_checkout_session_id": checkout_session,
        }
        keys = {name: value for name, value in keys.items() if value}
        if not keys:
            raise ValueError("A contribution needs at least one Stripe id.")
        match = Q()
        for name, value in keys.items():
            match |= Q(**{name: value})
        rows = list(self.select_for_update().filter(match).order_by("pk"))
        row = rows[0] if rows else self.model()
        before = _snapshot(row)
        for extra in rows[1:]:
            _fill(row, {name: getattr(extra, name) for name in Contribution.MERGED_FIELDS}, override=False)
            row.status = Contribution.later_status(row.status, extra.status)
            extra.delete()
        _fill(row, keys, override=True)
        _fill(row, fields, override=True)
        _fill(row, defaults or {}, override=False)
        if status:
            row.status = Contribution.later_status(row.status, status)
        _save_if_changed(row, before if len(rows) < 2 else {})
        return row


class Contribution(models.Model):
    """One payment: a one-off contribution or one month of a subscription."""

    class Frequency(models.TextChoices):
        ONCE = "once", "One-off"
        MONTHLY = "monthly", "Monthly"

    class Status(models.TextChoices):
        PENDING = "pending", "Processing"
        FAILED = "failed", "Failed"
        PAID = "paid", "Paid"
        REFUNDED = "refunded", "Refunded"
        DISPUTED = "disputed", "Disputed"

    # A later status never gives way to an earlier one, so replays and reordering cannot undo a refund.
    STATUS_ORDER = ["pending", "failed", "paid", "refunded", "disputed"]
    MERGED_FIELDS = [
        "stripe_payment_intent_id", "stripe_invoice_id", "stripe_checkout_session_id", "stripe_customer_id",
        "stripe_subscription_id", "supporter_id", "email", "amount", "amount_refunded", "currency", "paid_at",
    ]

    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    email = models.EmailField(blank=True, db_index=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.ONCE)
    amount = models.PositiveIntegerField(default=0, help_text="In the currency's minor units (cents for USD).")
    amount_refunded = models.PositiveIntegerField(default=0, help_text="In minor units.")
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    paid_at = models.DateTimeField(null=True, blank=True, help_text="When Stripe took the payment.")
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "frequency", "paid_at"]),
            models.Index(fields=["supporter", "status", "paid_at"]),
        ]

    def __str__(self):
        return f"{self.display_amount} {self.get_frequency_display().lower()} ({self.get_status_display().lower()})"

    @classmethod
    def later_status(cls, current, new):
        return max(current, new, key=cls.STATUS_ORDER.index)

    @property
    def display_amount(self):
        return format_amount(self.amount, self.currency)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Subscription.ACTIVE_STATUSES)

    def monthly_recurring_revenue(self):
        """[{"currency", "total", "count"}] over the subscriptions that still bill."""
        return self.active().values("currency").annotate(total=Sum("amount"), count=models.Count("id")).order_by(
            "currency"
        )

    def record(self, subscription_id, *, status=None, status_at=None, state=None, **fields):
        """Create or update a Subscription by its Stripe id.

        `status` and `state` (cancel_at_period_end, current_period_end) come from a snapshot taken at
        `status_at`; an older snapshot never overwrites a newer one, so events may arrive in any order.
        Call inside a transaction.
        """
        row = self.select_for_update().filter(stripe_subscription_id=subscription_id).first()
        row = row or self.model(stripe_subscription_id=subscription_id)
        before = _snapshot(row)
        _fill(row, fields, override=True)
        if status and row.is_older_than(status_at, status):
            row.status = status
            row.status_at = status_at
            for name, value in (state or {}).items():
                setattr(row, name, value)
        _save_if_changed(row, before)
        return row


class Subscription(models.Model):
    """A monthly contribution, as Stripe Billing keeps it."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", "Incomplete"
        TRIALING = "trialing", "Trialing"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Past due"
        UNPAID = "unpaid", "Unpaid"
        PAUSED = "paused", "Paused"
        INCOMPLETE_EXPIRED = "incomplete_expired", "Expired"
        CANCELED = "canceled", "Cancelled"

    # Stripe keeps retrying a past-due card for a while: the supporter keeps their badge meanwhile.
    ACTIVE_STATUSES = ["trialing", "active", "past_due"]
    # For snapshots taken in the same second, the one further along this list wins.
    STATUS_ORDER = ["incomplete", "trialing", "active", "past_due", "unpaid", "paused", "incomplete_expired", "canceled"]

    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="subscriptions"
    )
    email = models.EmailField(blank=True, db_index=True)
    amount = models.PositiveIntegerField(default=0, help_text="Billed each month, in minor units.")
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INCOMPLETE)
    status_at = models.DateTimeField(null=True, blank=True, help_text="Time of the Stripe event the status comes from.")
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    stripe_subscription_id = models.CharField(max_length=255, unique=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_checkout_session_id = models.CharField(max_length=255, blank=True)
    failure_notice_invoice_id = models.CharField(
        max_length=255, blank=True, help_text="The failed invoice the supporter was last e-mailed about."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["supporter", "status"]), models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.display_amount} monthly ({self.get_status_display().lower()})"

    @property
    def display_amount(self):
        return format_amount(self.amount, self.currency)

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    def is_older_than(self, moment, status):
        if self.status_at is None:
            return True
        if moment is None:
            return False
        if moment != self.status_at:
            return moment > self.status_at
        return self.STATUS_ORDER.index(status) >= self.STATUS_ORDER.index(self.status)


class StripeEventQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(processed_at=None).exclude(error="")


class StripeEvent(models.Model):
    """Every webhook event Stripe delivered, once: the id is unique, so a replay is recognised."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why processing failed the last time it was tried.")
    attempts = models.PositiveSmallIntegerField(default=0)

    objects = StripeEventQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.stripe_id}"

    @property
    def is_processed(self):
        return self.processed_at is not None


def active_supporter_ids():
    """User ids of everyone who supports the site now, built from the database at most once
    per SUPPORTER_IDS_CACHE_SECONDS (one-off support runs out with time, not with a write) and
    kept in the shared cache, which a payment or a cancelled subscription empties.

    Each process also reuses the set it read for PAGE_CACHE_LOCAL_SECONDS (page_cache.recent):
    a page of comments shows a badge for each, and with the cache in a database table each read
    of the shared copy would be a query.
    """
    return recent.get_or_read((SUPPORTER_IDS_CACHE_KEY,), _shared_supporter_ids)


def _shared_supporter_ids():
    ids = cache.get(SUPPORTER_IDS_CACHE_KEY)
    if ids is None:
        since = timezone.now() - ONE_OFF_SUPPORT_LASTS
        subscribers = Subscription.objects.active().exclude(supporter=None).values_list("supporter_id", flat=True)
        contributors = (
            Contribution.objects.paid().one_off().filter(paid_at__gte=since).exclude(supporter=None)
            .values_list("supporter_id", flat=True)
        )
        ids = frozenset(subscribers.order_by().union(contributors.order_by()))
        cache.set(SUPPORTER_IDS_CACHE_KEY, ids, SUPPORTER_IDS_CACHE_SECONDS)
    return ids


def is_active_supporter(user):
    return bool(user and user.is_authenticated and user.pk in active_supporter_ids())
