"""The editors' dashboard on the admin index: the newsroom's day at a glance.

One function per panel, each one query (two for the supporters), whatever the size of the
archive: lists are cut to LIST_LENGTH and counts are grouped in the database. It is site-wide,
so it reads news, comments and supporters alike.
"""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from comments.models import Comment
from news.models import Article
from supporters.models import Contribution, Subscription
from supporters.money import format_amount

LIST_LENGTH = 10
SUPPORT_DAYS = 7
MOST_COMMENTED_DAYS = 30
CHART_DAYS = 14
# The chart's drawing area, in SVG units; the template scales it to the panel.
CHART_WIDTH, CHART_HEIGHT, CHART_LABELS = 280, 100, 14


def _start_of_local_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def todays_articles(now):
    """Published today (site time), newest first."""
    today = _start_of_local_day(timezone.localdate(now))
    return list(Article.objects.published().filter(published_at__gte=today).for_summary()[:LIST_LENGTH])


def scheduled_articles(now):
    """Published with a time still to come, the next first."""
    return list(
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .for_summary()
        .order_by("published_at", "pk")[:LIST_LENGTH]
    )


class AuthorCounts(NamedTuple):
    author_id: int | None
    name: str
    counts: list  # one per status in unpublished_statuses(), in that order
    total: int


def unpublished_statuses():
    """Every status but published: drafts, and whatever waits between draft and publication."""
    return [(value, label) for value, label in Article.Status.choices if value != Article.Status.PUBLISHED]


def unpublished_by_author():
    """Per author, how many articles wait in each unpublished status; most waiting first."""
    statuses = [value for value, _ in unpublished_statuses()]
    rows = (
        Article.objects.filter(status__in=statuses)
        .order_by()
        .values("author_id", "author__name", "status")
        .annotate(count=Count("pk"))
    )
    found = {}
    for row in rows:
        counts = found.setdefault(row["author_id"], (row["author__name"] or "Staff Writers", dict.fromkeys(statuses, 0)))[1]
        counts[row["status"]] = row["count"]
    authors = [
        AuthorCounts(author_id, name, list(counts.values()), sum(counts.values()))
        for author_id, (name, counts) in found.items()
    ]
    return sorted(authors, key=lambda author: (-author.total, author.name))


def awaiting_moderation():
    """Articles with comments waiting for a moderator, the longest-waiting first."""
    return list(
        Comment.objects.filter(status=Comment.Status.PENDING)
        .order_by()
        .values("article_id", "article__title")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", "article_id")[:LIST_LENGTH]
    )


def most_commented(now):
    """The articles with the most published comments of the last MOST_COMMENTED_DAYS."""
    return list(
        Comment.objects.published()
        .filter(created_at__gte=now - timedelta(days=MOST_COMMENTED_DAYS))
        .order_by()
        .values("article_id", "article__title")
        .annotate(comments=Count("pk"))
        .order_by("-comments", "article_id")[:LIST_LENGTH]
    )


class SupportWeek(NamedTuple):
    new_monthly: int
    one_off: int
    revenue: list  # [(amount as text, number of payments)], one per currency


def support_this_week(now):
    """New monthly supporters, one-off contributions and the money paid in the last SUPPORT_DAYS
    (monthly payments included), per currency, as Admin → Contributions counts it: paid, not refunded."""
    since = now - timedelta(days=SUPPORT_DAYS)
    revenue = (
        Contribution.objects.paid()
        .filter(paid_at__gte=since)
        .order_by()
        .values("currency")
        .annotate(total=Sum("amount"), payments=Count("pk"), one_off=Count("pk", filter=Q(frequency=Contribution.Frequency.ONCE)))
        .order_by("currency")
    )
    revenue = list(revenue)
    return SupportWeek(
        new_monthly=Subscription.objects.active().filter(created_at__gte=since).count(),
        one_off=sum(row["one_off"] for row in revenue),
        revenue=[(format_amount(row["total"], row["currency"]), row["payments"]) for row in revenue],
    )


class Bar(NamedTuple):
    day: object
    count: int
    x: float
    y: float
    width: float
    height: float
    is_today: bool


def published_per_day(now):
    """Articles published on each of the last CHART_DAYS days (site time), as the chart's bars."""
    today = timezone.localdate(now)
    first = today - timedelta(days=CHART_DAYS - 1)
    counts = dict(
        Article.objects.published()
        .filter(published_at__gte=_start_of_local_day(first))
        .order_by()
        .annotate(day=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    highest = max(counts.values(), default=0) or 1
    slot = CHART_WIDTH / CHART_DAYS
    bars = []
    for number in range(CHART_DAYS):
        day = first + timedelta(days=number)
        count = counts.get(day, 0)
        height = round(CHART_HEIGHT * count / highest, 1)
        bars.append(Bar(day, count, round(number * slot + 2, 1), CHART_HEIGHT - height, round(slot - 4, 1), height, day == today))
    return bars


def panels(now=None):
    now = now or timezone.now()
    bars = published_per_day(now)
    return {
        "todays": todays_articles(now),
        "scheduled": scheduled_articles(now),
        "statuses": unpublished_statuses(),
        "unpublished_by_author": unpublished_by_author(),
        "awaiting_moderation": awaiting_moderation(),
        "most_commented": most_commented(now),
        "most_commented_days": MOST_COMMENTED_DAYS,
        "support": support_this_week(now),
        "support_days": SUPPORT_DAYS,
        "bars": bars,
        "chart_days": CHART_DAYS,
        "chart_total": sum(bar.count for bar in bars),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT + CHART_LABELS,
        "chart_baseline": CHART_HEIGHT,
    }
