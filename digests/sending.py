"""The daily digest run: each confirmed subscriber gets one day's published articles, once.

A run claims a batch of subscribers (a committed Delivery row each, unique per subscriber and
day), sends their messages over one SMTP connection, then marks them sent. A subscriber with a
row for the day, from this run or any earlier one, is never sent that day's digest again.
"""

import smtplib
import time as clock
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from news.models import Article, Section
from portal.links import absolute_url

from .links import unsubscribe_url
from .models import Delivery, Subscriber

ALL_NEWS = None  # the edition key of subscribers who take every section


class SendingStopped(Exception):
    """The SMTP server failed mid-run: what was sent is recorded, the rest is left for the next run."""

    def __init__(self, error, outcome):
        super().__init__(str(error))
        self.outcome = outcome


@dataclass
class Outcome:
    digest_date: object
    articles: int = 0
    sent: int = 0
    refused: int = 0
    unfinished: int = 0
    seconds: float = 0.0

    def summary(self):
        return (
            f"Digest of {self.digest_date:%Y-%m-%d} ({self.articles} article{'' if self.articles == 1 else 's'}): {self.sent} sent, "
            f"{self.refused} refused by the SMTP server, {self.unfinished} claimed by an interrupted run "
            f"and not sent again, in {self.seconds:.1f} s."
        )


def day_bounds(digest_date):
    """The day's first instant and the next day's, in the site's time zone."""
    start = timezone.make_aware(datetime.combine(digest_date, time.min))
    return start, timezone.make_aware(datetime.combine(digest_date + timedelta(days=1), time.min))


def articles_of(digest_date):
    start, end = day_bounds(digest_date)
    day = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
    return list(day.for_summary().order_by("section__order", "section__name", "-published_at"))


class Edition:
    """The day's articles for one choice of sections, rendered once for everyone who chose it."""

    def __init__(self, digest_date, articles):
        context = {
            "items": [{"article": article, "url": absolute_url(article.get_absolute_url())} for article in articles],
            "SITE_NAME": settings.SITE_NAME,
        }
        self.html = get_template("digests/email/_articles.html").render(context)
        self.text = get_template("digests/email/_articles.txt").render(context)
        day = date_format(digest_date, "j F Y")
        self.subject = f"{settings.SITE_NAME}: the news of {day}"
        self.heading = f"The news of {day}"


class Editions:
    """The editions of one day, made the first time a subscriber needs one."""

    def __init__(self, digest_date):
        self.digest_date = digest_date
        self.articles = articles_of(digest_date)
        self.made = {}

    def for_subscriber(self, subscriber):
        """The subscriber's edition, or None when the sections they chose had nothing that day."""
        chosen_sections = frozenset(section.pk for section in subscriber.sections.all())
        # Without a section left (deleted since, or all unticked in admin), all the news, as when confirming.
        key = ALL_NEWS if subscriber.is_all_news or not chosen_sections else chosen_sections
        if key not in self.made:
            chosen = [article for article in self.articles if key is ALL_NEWS or article.section_id in key]
            self.made[key] = Edition(self.digest_date, chosen) if chosen else None
        return self.made[key]


def digest_message(subscriber, edition):
    leave_url = unsubscribe_url(subscriber)
    context = {"edition": edition, "unsubscribe_url": leave_url, "SITE_NAME": settings.SITE_NAME,
               "home_url": absolute_url(reverse("home")), "subscriber": subscriber}
    message = EmailMultiAlternatives(
        subject=edition.subject,
        body=get_template("digests/email/digest.txt").render(context),
        to=[subscriber.email],
        # RFC 8058: mail clients offer "Unsubscribe" and POST List-Unsubscribe=One-Click to it.
        headers={"List-Unsubscribe": f"<{leave_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(get_template("digests/email/digest.html").render(context), "text/html")
    return message


def send_digests(digest_date, batch_size=None):
    """Sends `digest_date`'s digest to every confirmed subscriber who has not had it; returns an
    Outcome, or raises SendingStopped (with the Outcome so far) when the SMTP server fails."""
    started = clock.perf_counter()
    editions = Editions(digest_date)
    outcome = Outcome(digest_date, articles=len(editions.articles))
    outcome.unfinished = Delivery.objects.filter(digest_date=digest_date, sent_at=None, error="").count()
    if editions.articles and Subscriber.objects.due(digest_date).exists():
        run = uuid.uuid4().hex
        connection = get_connection()
        connection.open()
        try:
            for batch in _due_batches(digest_date, batch_size or settings.DIGEST_BATCH_SIZE):
                _send_batch(run, digest_date, batch, editions, connection, outcome)
        finally:
            connection.close()
            outcome.seconds = clock.perf_counter() - started
    return outcome


def _due_batches(digest_date, batch_size):
    sections = Prefetch("sections", queryset=Section.objects.only("pk"))
    last_pk = 0
    while True:
        due = Subscriber.objects.due(digest_date).filter(pk__gt=last_pk).order_by("pk")
        batch = list(due.only("pk", "email", "is_all_news").prefetch_related(sections)[:batch_size])
        if not batch:
            return
        last_pk = batch[-1].pk
        yield batch


def _send_batch(run, digest_date, batch, editions, connection, outcome):
    wanted = [(subscriber, editions.for_subscriber(subscriber)) for subscriber in batch]
    wanted = [(subscriber, edition) for subscriber, edition in wanted if edition is not None]
    claimed = _claim(run, digest_date, [subscriber.pk for subscriber, _ in wanted])
    sent, refused, in_flight = [], {}, None
    try:
        for subscriber, edition in wanted:
            if subscriber.pk not in claimed:
                continue  # a run working at the same time claimed it first
            # One message per call on the open connection: on an error we know which were sent.
            in_flight = subscriber.pk
            try:
                connection.send_messages([digest_message(subscriber, edition)])
            except smtplib.SMTPRecipientsRefused as error:
                refused[subscriber.pk] = str(error.recipients)[:500]
            except smtplib.SMTPDataError as error:
                if error.smtp_code < 500:
                    raise  # the server asks to try later: the next run does
                refused[subscriber.pk] = f"{error.smtp_code} {error.smtp_error!r}"[:500]  # this message, for good
            else:
                sent.append(subscriber.pk)
            in_flight = None
    except Exception as error:
        if in_flight is not None and isinstance(error, OSError) and not isinstance(error, smtplib.SMTPResponseException):
            # The connection broke while this message was on its way: the server may have it
            # already, and nobody gets a digest twice.
            refused[in_flight] = f"not known whether it was delivered: {type(error).__name__}"
        # Those after it were not tried: the next run sends them.
        Delivery.objects.filter(run=run, digest_date=digest_date, subscriber_id__in=claimed - set(sent) - set(refused)).delete()
        _record(run, digest_date, sent, refused, outcome)
        if isinstance(error, (smtplib.SMTPException, OSError)):
            raise SendingStopped(error, outcome) from error
        raise
    _record(run, digest_date, sent, refused, outcome)


def _claim(run, digest_date, subscriber_ids):
    """Claims the subscribers no run has claimed for the day, committed before anything is sent;
    returns the ids this run claimed."""
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(subscriber_id=pk, digest_date=digest_date, run=run) for pk in subscriber_ids],
            ignore_conflicts=True,
        )
    mine = Delivery.objects.filter(run=run, digest_date=digest_date, subscriber_id__in=subscriber_ids)
    return set(mine.values_list("subscriber_id", flat=True))


def _record(run, digest_date, sent, refused, outcome):
    mine = Delivery.objects.filter(run=run, digest_date=digest_date)
    mine.filter(subscriber_id__in=sent).update(sent_at=timezone.now())
    for subscriber_id, reason in refused.items():
        mine.filter(subscriber_id=subscriber_id).update(error=reason)
    outcome.sent += len(sent)
    outcome.refused += len(refused)
