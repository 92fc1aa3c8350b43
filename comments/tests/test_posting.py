from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Ban, BannedWord, Comment, CommentThread, WatchWord
from news.models import Article
from news.tests.factories import make_article

from .factories import make_comment, make_reader

pytestmark = pytest.mark.django_db


def post(client, article, body, json=False, **data):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(reverse("comments:post", args=[article.pk]), {"body": body, **data}, headers=headers)


def test_anonymous_reader_sees_the_empty_block_and_a_way_back_to_it(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Be the first to comment." in html
    assert "<a href=\"/accounts/login/?next=" in html and "Log in</a> to post a comment." in html
    back = f"{article.get_absolute_url()}%23comments".replace("/", "%2F")
    assert f'/accounts/login/?next={back}"' in html
    assert f'/accounts/signup/?next={back}"' in html
    # The page can be cached for every anonymous reader: nothing per-user in it.
    assert "csrfmiddlewaretoken" not in html
    assert "comment-form" not in html


def test_posting_without_javascript_redirects_to_the_new_comment(reader_client, article):
    response = post(reader_client, article, "First!\nSecond line.")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    html = reader_client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comment-author">ada</span>' in html
    assert "First!<br>Second line." in html
    assert '<span class="comment-count" data-comment-count>(1)</span>' in html
    assert "Be the first to comment." in html and 'class="comments-empty" hidden' in html


def test_posting_by_fetch_answers_json_with_the_rendered_comment(reader_client, article):
    response = post(reader_client, article, "Hello by fetch", json=True)
    assert response.status_code == 201
    data = response.json()
    assert data["id"] == Comment.objects.get().pk
    assert "Hello by fetch" in data["html"] and f'id="comment-{data["id"]}"' in data["html"]


@pytest.mark.parametrize(
    ("body", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
        ('<a href="javascript:alert(1)">click</a>', "&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("<b>unclosed <i", "&lt;b&gt;unclosed &lt;i"),
    ],
)
def test_reader_html_is_shown_as_text(reader_client, article, body, escaped):
    post(reader_client, article, body)
    html = reader_client.get(article.get_absolute_url()).content.decode()
    block = html[html.index('id="comments"') :]
    assert f'<div class="comment-body">{escaped}</div>' in block
    assert 'href="javascript' not in block


def test_links_are_clickable_and_marked_as_user_content(reader_client, article):
    post(reader_client, article, "See https://example.org/launch?a=1&b=2 for more")
    html = reader_client.get(article.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/launch?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/launch?a=1&amp;b=2</a>" in html
    )


def test_post_without_csrf_token_is_forbidden(reader, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = post(client, article, "No token")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_get_on_the_posting_address_is_not_allowed(reader_client, article):
    assert reader_client.get(reverse("comments:post", args=[article.pk])).status_code == 405


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_articles_cannot_be_commented(reader_client, fields):
    article = make_article(**fields)
    assert post(reader_client, article, "Too early").status_code == 404
    assert not Comment.objects.exists()


def test_missing_article_is_404(reader_client):
    response = reader_client.post(reverse("comments:post", args=[999999]), {"body": "Hello"})
    assert response.status_code == 404


def test_logged_out_reader_cannot_post(client, article):
    response = post(client, article, "Anonymous words")
    assert response.status_code == 403
    assert "Log in to post a comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_unverified_reader_cannot_post(client, article):
    client.force_login(make_reader(verified=False))
    response = post(client, article, "Unverified words")
    assert response.status_code == 403
    assert "Verify your e-mail address" in response.content.decode()
    assert not Comment.objects.exists()


def test_banned_reader_is_told_until_when(reader_client, reader, article):
    Ban.objects.create(user=reader, reason="Spam", expires_at=timezone.now() + timedelta(days=2))
    response = post(reader_client, article, "Let me in", json=True)
    assert response.status_code == 403
    assert response.json()["error"].startswith("Your account is banned from commenting until ")


def test_an_expired_ban_no_longer_stops_the_reader(reader_client, reader, article):
    Ban.objects.create(user=reader, reason="Spam", expires_at=timezone.now() - timedelta(minutes=1))
    assert post(reader_client, article, "I am back").status_code == 303


def test_closed_thread_refuses_with_403_and_keeps_the_text(reader_client, article):
    CommentThread.objects.create(article=article, is_closed=True)
    response = post(reader_client, article, "My careful words")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed for this article." in html
    assert "My careful words</textarea>" in html
    assert "Comments are closed for this article." in reader_client.get(article.get_absolute_url()).content.decode()


def test_old_articles_close_by_age_unless_an_editor_reopens_them(reader_client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    article = make_article(published_at=timezone.now() - timedelta(days=8))
    assert post(reader_client, article, "Late").status_code == 403
    CommentThread.objects.create(article=article, is_closed=False)
    assert post(reader_client, article, "Late but reopened").status_code == 303


def test_closed_thread_is_checked_before_length(reader_client, article):
    CommentThread.objects.create(article=article, is_closed=True)
    assert post(reader_client, article, "").status_code == 403


@pytest.mark.parametrize(("body", "message"), [("   ", "Write something"), ("x" * 5001, "at most 5,000 characters")])
def test_empty_or_oversized_comment_is_400_with_text_kept(reader_client, article, body, message):
    response = post(reader_client, article, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    if body.strip():
        assert body in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_of_exactly_5000_characters_is_accepted(reader_client, article):
    assert post(reader_client, article, "y" * 5000).status_code == 303


def test_cooldown_answers_429_with_retry_after(reader_client, article, settings):
    settings.COMMENTS_COOLDOWN_SECONDS = 30
    assert post(reader_client, article, "One").status_code == 303
    response = post(reader_client, article, "Two")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 30
    assert "You are commenting too fast" in response.content.decode()
    assert "Two</textarea>" in response.content.decode()


def test_hourly_cap_answers_429(reader_client, article, settings):
    settings.COMMENTS_HOURLY_CAP = 2
    assert [post(reader_client, article, f"Number {n}").status_code for n in range(3)] == [303, 303, 429]
    response = post(reader_client, article, "Number 4", json=True)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "in an hour" in response.json()["error"]


def test_same_text_twice_within_ten_minutes_is_refused(reader_client, article):
    assert post(reader_client, article, "Great launch").status_code == 303
    response = post(reader_client, article, "Great launch")
    assert response.status_code == 400
    assert "You posted the same text a moment ago." in response.content.decode()
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    assert post(reader_client, article, "Great launch").status_code == 303


def test_banned_word_is_refused_whatever_its_case(reader_client, article):
    BannedWord.objects.create(word="scam")
    response = post(reader_client, article, "What a SCAM this is")
    assert response.status_code == 400
    assert "a word that is not allowed" in response.content.decode()
    assert post(reader_client, article, "Scampi for dinner").status_code == 303


@pytest.mark.parametrize(
    ("setup", "body", "reason"),
    [
        ("links", "a http://a.example b http://b.example c www.c.example", "Too many links"),
        ("watch", "Buy crypto now", "Watch-list word: crypto"),
        ("new", "My very first comment", "New account"),
    ],
)
def test_suspect_comments_are_held_and_shown_to_their_author_only(
    reader_client, article, settings, setup, body, reason
):
    settings.COMMENTS_MAX_LINKS = 2
    if setup == "watch":
        WatchWord.objects.create(word="crypto")
    if setup == "new":
        settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    response = post(reader_client, article, body)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.hold_reason == reason
    page = reader_client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation." in page
    assert "(0)" in page
    stranger = Client()
    stranger.force_login(make_reader())
    other_page = stranger.get(article.get_absolute_url()).content.decode()
    assert "awaiting moderation" not in other_page and "Be the first to comment." in other_page
    assert 'class="comments-empty" hidden' not in other_page


def test_new_account_hold_ends_after_an_approved_comment(reader_client, reader, article, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    make_comment(article, reader, "Approved before")
    post(reader_client, article, "Second comment")
    assert Comment.objects.get(body="Second comment").is_published


def test_replies_stay_one_level_deep(reader_client, article):
    top = make_comment(article, body="Top")
    reply = make_comment(article, body="Reply", parent=top)
    post(reader_client, article, "Reply to the reply", parent=reply.pk)
    assert Comment.objects.get(body="Reply to the reply").parent == top
    html = reader_client.get(article.get_absolute_url()).content.decode()
    replies = html[html.index(f'data-replies-for="{top.pk}"') :]
    assert replies.index("Reply") < replies.index("Reply to the reply")


@pytest.mark.parametrize("parent", ["999999", "abc"])
def test_reply_to_a_missing_comment_is_400(reader_client, article, parent):
    response = post(reader_client, article, "Into the void", parent=parent)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_reply_to_a_comment_of_another_article_is_400(reader_client, article):
    elsewhere = make_comment(make_article())
    assert post(reader_client, article, "Wrong thread", parent=elsewhere.pk).status_code == 400


def test_reply_page_quotes_the_comment(reader_client, article):
    top = make_comment(article, body="Quote me")
    html = reader_client.get(reverse("comments:reply", args=[top.pk])).content.decode()
    assert "Quote me" in html
    assert f'name="parent" value="{top.pk}"' in html


def test_null_characters_are_refused_with_a_message(reader_client, article):
    response = post(reader_client, article, "nul \x00 byte")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"body": "nul \x00 byte"},
        {"body": "fine", "parent": "99999999999999999999"},
        {"body": "fine", "parent": "-1"},
        {"body": ["two", "bodies"]},
        {"body": "emoji 🚀 and RTL \u202e text"},
    ],
    ids=["nul", "huge-parent", "negative-parent", "list", "unicode"],
)
def test_odd_input_never_causes_a_server_error(reader_client, article, data):
    response = reader_client.post(reverse("comments:post", args=[article.pk]), data)
    assert response.status_code in (303, 400)
    if response.status_code == 400:
        assert not Comment.objects.exists()
        assert "errorlist" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/comments/article/99999999999999999999/post/",
        "/comments/article/99999999999999999999/new/",
        "/comments/99999999999999999999/flag/",
        "/comments/99999999999999999999/reply/",
    ],
)
def test_out_of_range_ids_are_404(reader_client, url):
    response = reader_client.post(url) if url.endswith("post/") else reader_client.get(url)
    assert response.status_code == 404


def test_out_of_range_refresh_position_answers_304(client, article):
    make_comment(article)
    response = client.get(reverse("comments:fragment", args=[article.pk]), {"after": "99999999999999999999"})
    assert response.status_code == 304


def test_editors_previewing_a_draft_see_no_comment_form(client, article):
    editor = User.objects.create_user("ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    draft = make_article(status=Article.Status.DRAFT)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Draft — not public." in html
    assert "comment-form" not in html
    assert "Comments open when the article is published." in html
