from django.conf import settings
from django.db import models


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def due(self, digest_date):
        """Confirmed subscribers with no delivery of `digest_date` yet, claimed or sent."""
        return self.confirmed().exclude(deliveries__digest_date=digest_date)


class Subscriber(models.Model):
    """A confirmed address that receives the daily digest.

    A row is written only when its owner confirms (the link in the confirmation mail, or a
    signed-in reader's own verified address), so every row is an address that opted in twice.
    """

    email = models.EmailField(unique=True, help_text="Stored in lower case: one subscription per address.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="digest_subscriptions",
        help_text="The reader's account, when a signed-in reader subscribed.",
    )
    is_all_news = models.BooleanField(
        "all news", default=True, help_text="Every published article of the day; otherwise only the sections below."
    )
    sections = models.ManyToManyField("news.Section", blank=True, related_name="digest_subscribers")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class Delivery(models.Model):
    """One subscriber's digest of one day, claimed by a run of send_digests before it is sent.

    The unique pair is the guarantee that nobody gets a day's digest twice: a run claims its rows
    (committed) before it sends, and every run skips subscribers that have a row for the day. A
    run that stops on an SMTP error deletes the claims of the messages it did not send; a run
    that was killed leaves its unsent claims behind (no sent_at), and they are not sent again.
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    digest_date = models.DateField()
    run = models.CharField(max_length=32, help_text="The send_digests run that claimed it.")
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, help_text="Why the SMTP server refused this address.")

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-digest_date", "subscriber_id"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "digest_date"], name="one_digest_per_subscriber_and_day")
        ]
        indexes = [models.Index(fields=["digest_date", "run"], name="delivery_date_run")]

    def __str__(self):
        return f"{self.subscriber} {self.digest_date:%Y-%m-%d}"
