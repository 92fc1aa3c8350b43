import itertools
from datetime import datetime, time, timedelta

from django.utils import timezone

from digests.models import Subscriber

_numbers = itertools.count(1)


def make_subscriber(email=None, sections=(), confirmed=True):
    subscriber = Subscriber.objects.create(
        email=email or f"reader{next(_numbers)}@example.org",
        is_all_news=not sections,
        confirmed_at=timezone.now() if confirmed else None,
    )
    subscriber.sections.set(sections)
    return subscriber


def yesterday():
    return timezone.localdate() - timedelta(days=1)


def at(day, hour, minute=0):
    """An aware time on `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
