"""Reading comments: the article block, "show more", listing counts and the refresh fragment."""


import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from news.tests.factories import make_article

from .factories import make_comment, make_reader

# The page's own queries: with a cache in local memory, not in a database table.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]

ARTICLE_PAGE_MAX_QUERIES = 14


def add_comments(article, count, readers):
    """`count` comments, one in five a reply, in bulk."""
    tops = Comment.objects.bulk_create(
        Comment(article=article, user=readers[i % len(readers)], body=f"Bulk comment {i}")
        for i in range(count - count // 5)
    )
    if tops and tops[0].pk is None:
        tops = list(Comment.objects.filter(article=article, parent=None))
    Comment.objects.bulk_create(
        Comment(article=article, user=readers[i % len(readers)], parent=tops[i], body=f"Bulk reply {i}")
        for i in range(count // 5)
    )


def _article_page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "reader"])
def test_article_page_queries_do_not_grow_with_comments(client, logged_in, django_assert_max_num_queries):
    readers = [make_reader() for _ in range(5)]
    if logged_in:
        client.force_login(readers[0])
    counts = []
    for size in (0, 10, 300):
        article = make_article()
        add_comments(article, size, readers)
        with django_assert_max_num_queries(ARTICLE_PAGE_MAX_QUERIES):
            n, html = _article_page_queries(client, article)
        counts.append(n)
        assert f'<span class="comment-count" data-comment-count>({size})</span>' in html
    # With no comments the thread and replies queries are skipped; the supporters' badge list is
    # one cached query, so the first page with commenters may cost one more than the next.
    assert counts[2] <= counts[1] <= counts[0] + 3, counts


def test_long_threads_show_fifty_and_a_show_more_link_that_works_without_javascript(client, article):
    add_comments(article, 60, [make_reader()])  # 48 threads, 12 replies
    Comment.objects.bulk_create(
        Comment(article=article, user=make_reader(), body=f"Late thread {i}") for i in range(5)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="comment"') == 50 + 12 - 0  # 50 threads, and the replies of the first 12
    assert "Late thread 2" not in html
    more = reverse("comments:thread", args=[article.pk]) + "?page=2"
    assert f'href="{more}">Show more comments</a>' in html
    page2 = client.get(more).content.decode()
    assert "Late thread 2" in page2 and "Late thread 4" in page2
    assert "Bulk comment 0" not in page2


def _comment_renders(client, url):
    """The page, and how many times it rendered a comment's template."""
    from django.test.signals import template_rendered

    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        html = client.get(url).content.decode()
    finally:
        template_rendered.disconnect(record)
    return html, rendered.count("comments/_comment.html")


def test_readers_who_have_not_commented_share_one_rendering_of_the_discussion(article):
    author, replier, onlooker, another = (make_reader(name) for name in ("author", "replier", "onlooker", "another"))
    thread = make_comment(article, author, "The landing burn looked short")
    make_comment(article, replier, "It was nominal", parent=thread)
    make_comment(article, replier, "Mine awaits a moderator", parent=thread, status=Comment.Status.PENDING)
    url = article.get_absolute_url()
    clients = {}
    for user in (author, replier, onlooker, another):
        clients[user.username] = Client()
        clients[user.username].force_login(user)

    html, renders = _comment_renders(clients["onlooker"], url)
    assert renders == 2  # the thread and its published reply, the held one left out
    assert "Signed in as onlooker" in html and "Mine awaits a moderator" not in html
    assert html.count(">Flag</a>") == 2 and ">Edit</a>" not in html
    html, renders = _comment_renders(clients["another"], url)
    assert renders == 0
    assert "Signed in as another" in html and "onlooker" not in html
    assert html.count(">Flag</a>") == 2 and ">Edit</a>" not in html

    # Readers with comments of their own get theirs with their links, and their held reply.
    html, renders = _comment_renders(clients["author"], url)
    assert renders > 0 and html.count(">Edit</a>") == 1 and html.count(">Flag</a>") == 1
    html, _ = _comment_renders(clients["replier"], url)
    assert "Mine awaits a moderator" in html and "Your comment is awaiting moderation." in html
    assert html.count(">Delete</a>") == 2

    # A new comment and an edit show at once (a renamed author within PAGE_CACHE_SECONDS).
    make_comment(article, author, "And the legs deployed late")
    html, renders = _comment_renders(clients["another"], url)
    assert renders == 3 and "And the legs deployed late" in html
    thread.body = "The landing burn looked short to me"
    thread.save()
    assert "The landing burn looked short to me" in clients["onlooker"].get(url).content.decode()


def test_with_the_page_cache_off_every_reader_gets_the_discussion_rendered(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_comment(article, make_reader("author"), "The landing burn looked short")
    onlooker = Client()
    onlooker.force_login(make_reader("onlooker"))
    for _ in range(2):
        html, renders = _comment_renders(onlooker, article.get_absolute_url())
        assert renders == 1 and "The landing burn looked short" in html


def _shown_count(html):
    return html.split('data-comment-count>(', 1)[1].split(')', 1)[0]


def test_count_is_every_published_comment_when_threads_span_pages(client, article):
    add_comments(article, 70, [make_reader()])  # 56 threads, 14 replies: two pages of threads
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Show more comments" in html
    assert _shown_count(html) == "70"


def test_count_leaves_out_held_removed_and_deleted_comments(client, article):
    """Published replies under a held thread are counted though not shown, as before."""
    held = make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, parent=held)
    removed = make_comment(article, status=Comment.Status.REMOVED)
    make_comment(article, parent=removed)
    make_comment(article, status=Comment.Status.DELETED)
    make_comment(article, status=Comment.Status.REMOVED)
    make_comment(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert _shown_count(html) == "3"
    assert html.count('class="comment"') == 3  # the removed thread with its reply, and the last one
    assert html.count("Comment removed") == 1


def test_count_for_a_reader_leaves_out_their_own_held_comment(client, article):
    reader = make_reader()
    make_comment(article, user=reader, status=Comment.Status.PENDING, body="Mine, held")
    client.force_login(reader)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Mine, held" in html and "Your comment is awaiting moderation." in html
    assert _shown_count(html) == "0"


def test_article_without_comments_reads_its_discussion_summary_in_one_query(client, article):
    make_comment(make_article("Another story"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    comment_queries = [q["sql"] for q in queries if "comments_" in q["sql"]]
    assert len(comment_queries) == 1, comment_queries  # the counts and the editors' decision together
    assert _shown_count(html) == "0" and "Be the first to comment." in html


@pytest.mark.parametrize("closed", [None, True, False])
def test_summary_counts_published_comments_and_threads_and_reads_the_editors_decision(article, closed, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from comments.models import CommentThread, DiscussionSummary
    from news.models import Article

    first = make_comment(article, status=Comment.Status.PUBLISHED)
    make_comment(article, status=Comment.Status.PENDING, parent=first)
    make_comment(article, status=Comment.Status.PUBLISHED, parent=first)
    make_comment(make_article("Another story"), status=Comment.Status.PUBLISHED)
    if closed is not None:
        CommentThread.objects.create(article=article, is_closed=closed)
    page_article = Article.objects.for_page(article.slug, AnonymousUser())
    with django_assert_num_queries(1):
        assert DiscussionSummary.of(page_article) == (2, True, closed is not True, False)
    with django_assert_num_queries(1):
        assert DiscussionSummary.of(page_article, reader=first.user).reader_has_commented
    onlooker = make_reader()
    with django_assert_num_queries(1):
        assert not DiscussionSummary.of(page_article, reader=onlooker).reader_has_commented
    quiet = make_article("A story nobody discussed")
    if closed is not None:
        CommentThread.objects.create(article=quiet, is_closed=closed)
    with django_assert_num_queries(1):
        assert DiscussionSummary.of(quiet, reader=first.user) == (0, False, closed is not True, False)


@pytest.mark.parametrize("page", ["3", "x", "0"])
def test_missing_comment_pages_are_404(client, article, page):
    make_comment(article)
    assert client.get(reverse("comments:thread", args=[article.pk]), {"page": page}).status_code == 404


def test_fragment_answers_304_when_nothing_is_new(client, article):
    comment = make_comment(article)
    url = reverse("comments:fragment", args=[article.pk])
    response = client.get(url, {"after": comment.pk})
    assert response.status_code == 304
    assert response["ETag"] == f'W/"{comment.pk}"'
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_fragment_returns_only_the_new_comments(client, article):
    old = make_comment(article, body="Already shown")
    new = make_comment(article, body="Brand new")
    reply = make_comment(article, body="New reply", parent=old)
    response = client.get(reverse("comments:fragment", args=[article.pk]), {"after": old.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Already shown" not in html
    assert f'id="comment-{new.pk}"' in html
    assert f'data-parent-id="{old.pk}"' in html and "New reply" in html
    assert html.index("Brand new") < html.index("New reply") or reply.pk < new.pk
    assert "csrfmiddlewaretoken" not in html
    again = client.get(reverse("comments:fragment", args=[article.pk]), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_fragment_hides_pending_comments_of_others(client, article):
    make_comment(article, body="Held for review", status=Comment.Status.PENDING)
    response = client.get(reverse("comments:fragment", args=[article.pk]), {"after": 0})
    assert response.status_code == 304


def test_fragment_rejects_a_bad_after(client, article):
    response = client.get(reverse("comments:fragment", args=[article.pk]), {"after": "1; drop"})
    assert response.status_code == 400
    assert "after must be a comment id." in response.content.decode()


def test_fragment_of_a_draft_is_404(client):
    article = make_article(status="draft")
    assert Client().get(reverse("comments:fragment", args=[article.pk])).status_code == 404
