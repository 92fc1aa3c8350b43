"""Hostile and unlucky timing: edits racing deletions, banned and new flaggers, edits after
approval, invisible text, and the wait announced with every 429."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from comments import moderation
from comments.models import Ban, Comment, CommentFlag, WatchWord

from .factories import make_comment, make_reader

pytestmark = pytest.mark.django_db

GONE = "This comment was taken down or deleted, so it can no longer be edited."


@pytest.fixture
def own(article, reader):
    return make_comment(article, reader, "Original words")


@contextmanager
def meanwhile(action):
    """Run `action` once, as another request would, while the request under test is in flight:
    when it first reads the banned words, which the posting checks do after the comment was
    loaded and before anything is written."""
    done = []

    def interleave(execute, sql, params, many, context):
        if not done and "comments_bannedword" in sql:
            done.append(True)
            action()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(interleave):
        yield
    assert done, "the request never reached its checks"


def edit(client, comment, body):
    return client.post(reverse("comments:edit", args=[comment.pk]), {"body": body})


def flag(client, comment, reason="abuse"):
    return client.post(reverse("comments:flag", args=[comment.pk]), {"reason": reason})


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def established_reader(article):
    """A reader past the new-account hold: one published comment of their own."""
    user = make_reader()
    make_comment(article, user, f"Earlier words of {user.username}")
    return user


# A concurrent edit never brings a comment back.


def test_an_edit_in_flight_does_not_bring_back_a_comment_its_author_deleted(reader_client, own):
    assert "Original words</textarea>" in reader_client.get(reverse("comments:edit", args=[own.pk])).content.decode()
    with meanwhile(lambda: Comment.objects.get(pk=own.pk).delete_by_author()):
        response = edit(reader_client, own, "Second thoughts")
    html = response.content.decode()
    assert response.status_code == 409
    assert GONE in html
    assert "Second thoughts</textarea>" in html
    assert not Comment.objects.filter(pk=own.pk).exists()


def test_an_edit_in_flight_leaves_a_deleted_comment_with_replies_deleted(reader_client, own):
    make_comment(own.article, body="A reply", parent=own)
    with meanwhile(lambda: Comment.objects.get(pk=own.pk).delete_by_author()):
        response = edit(reader_client, own, "Second thoughts")
    assert response.status_code == 409
    assert "Second thoughts</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert (own.status, own.body, own.edited_at) == (Comment.Status.DELETED, "", None)
    page = reader_client.get(own.article.get_absolute_url()).content.decode()
    assert "Comment removed" in page and "Second thoughts" not in page


def test_a_moderators_removal_wins_over_an_edit_in_flight(reader_client, own, moderator):
    with meanwhile(lambda: moderation.remove(Comment.objects.get(pk=own.pk), moderator, "Rude")):
        response = edit(reader_client, own, "Nicer words")
    html = response.content.decode()
    assert response.status_code == 409
    assert GONE in html and "Nicer words</textarea>" in html
    assert "Save changes" not in html  # nothing left to save it to
    own.refresh_from_db()
    assert (own.status, own.body, own.edited_at) == (Comment.Status.REMOVED, "Original words", None)
    assert "Nicer words" not in Client().get(own.article.get_absolute_url()).content.decode()


def test_an_edit_in_flight_keeps_a_hold_by_flags_and_the_flags(reader_client, own, settings):
    settings.COMMENTS_FLAGS_TO_HOLD = 1
    flagger = make_reader()
    with meanwhile(lambda: moderation.flag(Comment.objects.get(pk=own.pk), flagger, "abuse")):
        response = edit(reader_client, own, "Edited words")
    assert response.status_code == 303
    own.refresh_from_db()
    assert (own.body, own.status, own.open_flags) == ("Edited words", Comment.Status.PENDING, 1)
    assert own.hold_reason.startswith("Flagged by")


def test_editing_a_comment_removed_since_the_form_was_opened_is_409_with_the_text_kept(reader_client, own, moderator):
    reader_client.get(reverse("comments:edit", args=[own.pk]))
    moderation.remove(own, moderator, "Off topic")
    response = edit(reader_client, own, "My rewrite")
    assert response.status_code == 409
    assert GONE in response.content.decode() and "My rewrite</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert (own.status, own.body) == (Comment.Status.REMOVED, "Original words")


# A ban applies to every write; new and banned accounts cannot hide a comment by flagging.


@pytest.mark.parametrize("write", ["post", "reply", "edit", "flag"])
def test_a_ban_refuses_every_write_with_403(article, reader, reader_client, write):
    mine = make_comment(article, reader, "Mine")
    theirs = make_comment(article, body="Theirs")
    Ban.objects.create(user=reader, reason="Spam")
    url, data = {
        "post": (reverse("comments:post", args=[article.pk]), {"body": "Banned words"}),
        "reply": (reverse("comments:post", args=[article.pk]), {"body": "Banned words", "parent": theirs.pk}),
        "edit": (reverse("comments:edit", args=[mine.pk]), {"body": "Banned words"}),
        "flag": (reverse("comments:flag", args=[theirs.pk]), {"reason": "spam"}),
    }[write]
    response = reader_client.post(url, data)
    assert response.status_code == 403
    assert "Your account is banned from commenting." in response.content.decode()
    assert not Comment.objects.filter(body="Banned words").exists()
    assert not CommentFlag.objects.exists()
    theirs.refresh_from_db()
    assert theirs.open_flags == 0


def test_a_banned_reader_is_not_offered_the_flag_form(reader_client, reader, article):
    theirs = make_comment(article, body="Theirs")
    Ban.objects.create(user=reader, reason="Spam")
    response = reader_client.get(reverse("comments:flag", args=[theirs.pk]))
    assert response.status_code == 403
    assert "Your account is banned from commenting." in response.content.decode()
    assert 'name="reason"' not in response.content.decode()


def test_flags_from_new_accounts_reach_the_moderators_but_do_not_hide_the_comment(own, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    settings.COMMENTS_FLAGS_TO_HOLD = 3
    for _ in range(3):
        assert flag(client_for(make_reader()), own).status_code == 303
    own.refresh_from_db()
    assert (own.status, own.open_flags) == (Comment.Status.PUBLISHED, 3)
    assert "Original words" in Client().get(own.article.get_absolute_url()).content.decode()


def test_flags_of_readers_banned_since_do_not_count_towards_hiding(own, article, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    settings.COMMENTS_FLAGS_TO_HOLD = 2
    for _ in range(2):
        flagger = established_reader(article)
        flag(client_for(flagger), own)
        Ban.objects.create(user=flagger, reason="Flagging runs")
    flag(client_for(established_reader(article)), own)
    own.refresh_from_db()
    assert (own.status, own.open_flags) == (Comment.Status.PUBLISHED, 3)


def test_flags_from_established_readers_still_hide_the_comment(own, article, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    settings.COMMENTS_FLAGS_TO_HOLD = 2
    flag(client_for(make_reader()), own)  # a new account: counted for the queue only
    flag(client_for(established_reader(article)), own)
    own.refresh_from_db()
    assert own.status == Comment.Status.PUBLISHED
    flag(client_for(established_reader(article)), own)
    own.refresh_from_db()
    assert (own.status, own.hold_reason, own.open_flags) == (Comment.Status.PENDING, "Flagged by 2 readers", 3)


# An edit passes the posting checks again.


def test_an_approved_first_comment_edited_waits_for_a_moderator_again(reader_client, article, moderator, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    reader_client.post(reverse("comments:post", args=[article.pk]), {"body": "A harmless first comment"})
    first = Comment.objects.get()
    assert first.hold_reason == "New account"
    moderation.approve(first, moderator)
    response = edit(reader_client, first, "Cheap followers, write to me")
    assert response.status_code == 303
    first.refresh_from_db()
    assert (first.body, first.status, first.hold_reason) == (
        "Cheap followers, write to me", Comment.Status.PENDING, "New account"
    )
    assert "Your comment is awaiting moderation." in reader_client.get(response["Location"]).content.decode()
    assert "Cheap followers" not in Client().get(article.get_absolute_url()).content.decode()


def test_an_approved_comment_edited_with_a_watch_word_is_held_again(reader_client, own):
    WatchWord.objects.create(word="crypto")
    edit(reader_client, own, "Buy crypto now")
    own.refresh_from_db()
    assert (own.status, own.hold_reason) == (Comment.Status.PENDING, "Watch-list word: crypto")


def test_an_established_readers_edit_stays_published(reader_client, reader, article, own, settings):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    make_comment(article, reader, "An older comment")
    edit(reader_client, own, "Fixed a typo")
    own.refresh_from_db()
    assert (own.body, own.status) == ("Fixed a typo", Comment.Status.PUBLISHED)


# Text without a visible character is empty.

INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u200d", "\u200b\u2060\ufeff\u200d", " \u200b\n\u00a0\u3000", "\u0301\u034f"]


@pytest.mark.parametrize("body", INVISIBLE, ids=["zwsp", "wj", "bom", "zwj", "mixed", "spaces", "marks"])
@pytest.mark.parametrize("way", ["post", "fetch", "reply", "edit"])
def test_text_without_a_visible_character_is_empty(reader_client, article, own, body, way):
    top = make_comment(article, body="Top")
    headers = {"Accept": "application/json"} if way == "fetch" else {}
    url, data = {
        "post": (reverse("comments:post", args=[article.pk]), {"body": body}),
        "fetch": (reverse("comments:post", args=[article.pk]), {"body": body}),
        "reply": (reverse("comments:post", args=[article.pk]), {"body": body, "parent": top.pk}),
        "edit": (reverse("comments:edit", args=[own.pk]), {"body": body}),
    }[way]
    response = reader_client.post(url, data, headers=headers)
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()
    assert Comment.objects.count() == 2
    own.refresh_from_db()
    assert own.body == "Original words"


def test_visible_text_with_joiners_is_accepted(reader_client, article):
    astronaut = "\U0001f469\u200d\U0001f680 on board"
    assert reader_client.post(reverse("comments:post", args=[article.pk]), {"body": astronaut}).status_code == 303
    assert Comment.objects.get().body == astronaut


# Every 429 says how long to wait.


@pytest.mark.parametrize(
    ("limit", "value", "longest", "message"),
    [
        ("COMMENTS_COOLDOWN_SECONDS", 30, 30, "You are commenting too fast. Wait"),
        ("COMMENTS_HOURLY_CAP", 1, 3600, "allowed in an hour"),
    ],
    ids=["cooldown", "hourly-cap"],
)
@pytest.mark.parametrize("fetch", [False, True], ids=["form", "fetch"])
def test_every_429_carries_retry_after(reader_client, article, settings, limit, value, longest, message, fetch):
    setattr(settings, limit, value)
    headers = {"Accept": "application/json"} if fetch else {}
    url = reverse("comments:post", args=[article.pk])
    reader_client.post(url, {"body": "One"})
    response = reader_client.post(url, {"body": "Two"}, headers=headers)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= longest
    assert message in response.content.decode()
    assert Comment.objects.get().body == "One"


def test_an_edit_over_the_hourly_cap_is_429_with_retry_after_and_the_text_kept(reader_client, own, settings):
    settings.COMMENTS_HOURLY_CAP = 0
    response = edit(reader_client, own, "Edited too often")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Edited too often</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert own.body == "Original words"
