import re
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from comments.models import Comment
from news.models import Article
from news.tests.factories import make_article, make_author, make_section
from portal import dashboard
from supporters.models import Contribution, Subscription

pytestmark = pytest.mark.django_db


def _earlier_today():
    """A moment of today (site time) already past, whenever the test runs."""
    now = timezone.now()
    start = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    return start + (now - start) / 2


def _panel(page, heading_id):
    """The HTML of one dashboard panel, from its <section> to the next."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


def _comment(article, reader, status=Comment.Status.PUBLISHED, age=timedelta(hours=1)):
    return Comment.objects.create(
        article=article, user=reader, body="Well put.", status=status, created_at=timezone.now() - age
    )


def test_today_and_scheduled_panels_list_the_right_articles(editor_client):
    section = make_section("Launchers")
    earlier_today = _earlier_today()
    make_article("Morning launch report", section=section, published_at=earlier_today)
    make_article("Yesterday's story", published_at=earlier_today - timedelta(days=1))
    make_article("A draft for today", status=Article.Status.DRAFT, published_at=earlier_today)
    make_article("Tomorrow's embargo", published_at=timezone.now() + timedelta(days=1))
    make_article("Next hour's piece", published_at=timezone.now() + timedelta(hours=1))

    page = editor_client.get("/admin/").content.decode()
    today = _panel(page, "desk-today")
    assert "Morning launch report" in today and "Launchers" in today
    assert "Yesterday's story" not in today and "A draft for today" not in today
    scheduled = today[today.index('id="desk-scheduled"') :]
    assert re.findall(r">([^<>]+)</a>", scheduled) == ["Next hour&#x27;s piece", "Tomorrow&#x27;s embargo"]
    assert "Morning launch report" not in scheduled


def test_drafts_are_counted_by_author_with_links_to_the_list(editor_client):
    ann = make_author("Ann Lee")
    for _ in range(3):
        make_article(author=ann, status=Article.Status.DRAFT)
    make_article(author=ann, status=Article.Status.REVIEW)
    make_article(author=None, status=Article.Status.DRAFT)
    make_article(author=make_author("Published Only"))

    panel = _panel(editor_client.get("/admin/").content.decode(), "desk-unpublished")
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*((?:<td>\d+</td>)+)', panel)
    # A column per status before publication: drafts, then ready for review.
    assert [(name, re.findall(r"\d+", counts)) for name, counts in rows] == [("Ann Lee", ["3", "1"]), ("Staff Writers", ["1", "0"])]
    assert "Published Only" not in panel
    assert 'href="/admin/news/article/?status__exact=draft"' in panel


def test_articles_with_comments_awaiting_moderation(editor_client):
    reader = User.objects.create_user("reader")
    waiting = make_article("Thread with a queue")
    calm = make_article("Calm thread")
    _comment(waiting, reader, Comment.Status.PENDING, age=timedelta(hours=3))
    _comment(waiting, reader, Comment.Status.PENDING)
    _comment(calm, reader)

    panel = _panel(editor_client.get("/admin/").content.decode(), "desk-moderation")
    assert "Thread with a queue" in panel and "Calm thread" not in panel
    assert "<td>2</td>" in panel and "3\xa0hours" in panel
    assert "pendingcomment" not in panel  # editors do not moderate: no link to the queue


def test_moderators_get_a_link_to_the_articles_pending_queue(client):
    moderator = User.objects.create_user("mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    article = make_article("Thread with a queue")
    reader = User.objects.create_user("reader")
    _comment(article, reader, Comment.Status.PENDING)
    _comment(article, reader)
    page = client.get("/admin/").content.decode()
    assert f'href="/admin/comments/pendingcomment/?article__id__exact={article.pk}"' in _panel(page, "desk-moderation")
    commented = _panel(page, "desk-commented")
    assert "Thread with a queue" in commented and "/admin/news/article/" not in commented  # not theirs to open


def test_most_commented_articles_of_the_last_thirty_days(editor_client):
    readers = [User.objects.create_user(f"reader{n}") for n in range(3)]
    busy, quiet, old = make_article("Busy thread"), make_article("Quiet thread"), make_article("Old thread")
    for reader in readers:
        _comment(busy, reader)
        _comment(old, reader, age=timedelta(days=40))
    _comment(quiet, readers[0])
    _comment(quiet, readers[1], Comment.Status.REMOVED)

    panel = _panel(editor_client.get("/admin/").content.decode(), "desk-commented")
    assert re.findall(r">([^<>]+)</a></th><td>(\d+)</td>", panel) == [("Busy thread", "3"), ("Quiet thread", "1")]


def test_supporters_of_the_last_seven_days_and_their_money(editor_client):
    now = timezone.now()

    def pay(amount, currency="usd", days=1, frequency="once", status="paid"):
        Contribution.objects.create(
            amount=amount, currency=currency, frequency=frequency, status=status, paid_at=now - timedelta(days=days)
        )

    pay(1000)
    pay(2550, frequency="monthly")
    pay(500, currency="eur")
    pay(9900, days=8)  # before the week
    pay(700, status="refunded")
    pay(300, status="pending")
    Subscription.objects.create(stripe_subscription_id="sub_new", status="active", amount=2550)
    Subscription.objects.create(stripe_subscription_id="sub_gone", status="canceled", amount=500)

    panel = _panel(editor_client.get("/admin/").content.decode(), "desk-support")
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", panel))
    assert figures == {
        "New monthly supporters": "1",
        "One-off contributions": "2",
        "Revenue (1 payment)": "€5",
        "Revenue (2 payments)": "$35.50",
    }


def test_chart_draws_a_bar_for_each_of_fourteen_days(editor_client):
    earlier_today = _earlier_today()
    for _ in range(3):
        make_article(published_at=earlier_today)
    make_article(published_at=earlier_today - timedelta(days=2))
    make_article(published_at=earlier_today - timedelta(days=20))
    make_article(published_at=earlier_today - timedelta(days=1), status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(hours=1))

    page = editor_client.get("/admin/").content.decode()
    chart = page[page.index("<svg class=\"desk-chart\"") : page.index("</svg>", page.index("desk-chart"))]
    assert 'role="img"' in chart and "4 in all." in chart
    assert chart.count("<rect") == 14 and "style=" not in chart
    today = timezone.localdate()
    two_days_ago = today - timedelta(days=2)
    assert f"<title>{today:%a} {today.day} {today:%b}: 3 articles</title>" in chart
    assert f"<title>{two_days_ago:%a} {two_days_ago.day} {two_days_ago:%b}: 1 article</title>" in chart
    heights = re.findall(r'height="([\d.]+)"', chart)
    assert heights[-1] == "100.0" and heights[-3] == "33.3" and heights.count("0.0") == 12
    assert 'class="bar bar-today"' in chart


def test_readers_are_sent_to_the_login_page(client):
    client.force_login(User.objects.create_user("reader"))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def _fill_the_newsroom(size):
    reader = User.objects.create_user(f"reader-{size}")
    author = make_author()
    now = timezone.now()
    for n in range(size):
        article = make_article(author=author, published_at=now - timedelta(hours=n))
        make_article(author=author, status=Article.Status.DRAFT)
        make_article(published_at=now + timedelta(hours=n + 1))
        _comment(article, reader)
        _comment(article, reader, Comment.Status.PENDING)
        Contribution.objects.create(amount=500, status="paid", paid_at=now - timedelta(hours=n))


@pytest.mark.parametrize("size", [2, 30])
def test_dashboard_query_count_is_constant(editor_client, django_assert_max_num_queries, local_cache, size):
    _fill_the_newsroom(size)
    # session, user, the editor's permissions (two), admin's recent actions, and the panels' eight
    with django_assert_max_num_queries(13):
        response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert response.content.decode().count('<rect class="bar') == 14


def test_each_panel_reads_its_table_through_an_index():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner scans tables this small whatever the indexes")
    _fill_the_newsroom(5)
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        dashboard.panels()
    assert len(statements) == 8
    tables = ("news_article", "comments_comment", "supporters_contribution", "supporters_subscription")
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
            scans = [step for step in plan if step.startswith("SCAN") and step.split()[1] in tables]
            assert not scans, (sql, plan)
