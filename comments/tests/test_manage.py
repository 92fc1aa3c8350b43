"""Authors edit and delete their own comments; readers flag other people's."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import BannedWord, Comment, CommentFlag

from .factories import make_comment, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(article, reader):
    return make_comment(article, reader, "Original words")


def test_author_edits_within_the_window(reader_client, own):
    url = reverse("comments:edit", args=[own.pk])
    assert "Original words</textarea>" in reader_client.get(url).content.decode()
    response = reader_client.post(url, {"body": "Better words"})
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{own.pk}")
    own.refresh_from_db()
    assert own.body == "Better words" and own.edited_at is not None
    assert "(edited)" in reader_client.get(own.article.get_absolute_url()).content.decode()


def test_edit_after_the_window_is_403(reader_client, own, settings):
    Comment.objects.filter(pk=own.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    url = reverse("comments:edit", args=[own.pk])
    form, late = reader_client.get(url), reader_client.post(url, {"body": "Too late"})
    for response in (form, late):
        assert response.status_code == 403
        assert "Comments can only be edited for 15 minutes." in response.content.decode()
        assert "Save changes" not in response.content.decode()
    assert "<textarea" not in form.content.decode()
    assert '<textarea id="kept-text" rows="5" readonly>Too late</textarea>' in late.content.decode()
    own.refresh_from_db()
    assert own.body == "Original words"
    assert f"/comments/{own.pk}/edit/" not in reader_client.get(own.article.get_absolute_url()).content.decode()


def test_edit_runs_the_checks_again(reader_client, own):
    BannedWord.objects.create(word="scam")
    response = reader_client.post(reverse("comments:edit", args=[own.pk]), {"body": "Actually a scam"})
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()
    assert "Actually a scam</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert own.body == "Original words"


def test_edit_that_adds_links_is_held(reader_client, own, settings):
    settings.COMMENTS_MAX_LINKS = 0
    reader_client.post(reverse("comments:edit", args=[own.pk]), {"body": "see http://spam.example"})
    own.refresh_from_db()
    assert own.status == Comment.Status.PENDING


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_nobody_else_can_edit_or_delete(client, own, action):
    client.force_login(make_reader())
    url = reverse(f"comments:{action}", args=[own.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Hijacked"}).status_code == 404
    own.refresh_from_db()
    assert own.body == "Original words"


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_logged_out_readers_are_sent_to_login(client, own, action):
    response = client.get(reverse(f"comments:{action}", args=[own.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_other_readers_see_no_edit_link(client, own):
    client.force_login(make_reader())
    html = client.get(own.article.get_absolute_url()).content.decode()
    assert f"/comments/{own.pk}/edit/" not in html
    assert f"/comments/{own.pk}/flag/" in html


def test_deleting_a_comment_without_replies_removes_it(reader_client, own):
    response = reader_client.post(reverse("comments:delete", args=[own.pk]))
    assert response.status_code == 303
    assert not Comment.objects.exists()
    assert "Be the first to comment." in reader_client.get(response["Location"]).content.decode()


def test_deleting_a_comment_with_replies_leaves_comment_removed(reader_client, own):
    make_comment(own.article, body="A reply", parent=own)
    reader_client.post(reverse("comments:delete", args=[own.pk]))
    html = reader_client.get(own.article.get_absolute_url()).content.decode()
    assert "Comment removed" in html
    assert "Original words" not in html
    assert "A reply" in html
    assert '<span class="comment-count" data-comment-count>(1)</span>' in html


def test_reader_flags_a_comment_once(client, own):
    flagger = make_reader()
    client.force_login(flagger)
    url = reverse("comments:flag", args=[own.pk])
    assert "Original words" in client.get(url).content.decode()
    response = client.post(url, {"reason": "spam", "note": "Adverts"})
    assert response.status_code == 303
    again = client.post(url, {"reason": "abuse"})
    assert again.status_code == 400
    assert "You have already flagged this comment." in again.content.decode()
    assert CommentFlag.objects.filter(comment=own).count() == 1
    own.refresh_from_db()
    assert own.open_flags == 1 and own.is_published


def test_flag_form_offers_only_real_reasons_and_none_is_checked(client, own):
    client.force_login(make_reader())
    html = client.get(reverse("comments:flag", args=[own.pk])).content.decode()
    reasons = re.findall(r'<input type="radio" name="reason" value="([^"]*)"', html)
    assert reasons == [value for value, _ in CommentFlag.Reason.choices]
    assert "---------" not in html
    assert not re.search(r'<input type="radio" name="reason"[^>]*checked', html)


def test_flag_needs_a_valid_reason(client, own):
    client.force_login(make_reader())
    response = client.post(reverse("comments:flag", args=[own.pk]), {"reason": "boring"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_nobody_flags_their_own_comment(reader_client, own):
    response = reader_client.post(reverse("comments:flag", args=[own.pk]), {"reason": "spam"})
    assert response.status_code == 403
    assert not CommentFlag.objects.exists()


def test_enough_flags_hold_the_comment_for_review(own, settings):
    settings.COMMENTS_FLAGS_TO_HOLD = 2
    for _ in range(2):
        client = Client()
        client.force_login(make_reader())
        client.post(reverse("comments:flag", args=[own.pk]), {"reason": "abuse"})
    own.refresh_from_db()
    assert own.status == Comment.Status.PENDING
    assert own.hold_reason == "Flagged by 2 readers"
    assert "Original words" not in Client().get(own.article.get_absolute_url()).content.decode()
