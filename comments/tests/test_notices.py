import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import moderation
from comments.models import Comment, NoticePreference
from comments.notices import unsubscribe_token

from .factories import make_comment, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(article, reader):
    return make_comment(article, reader, "Is the booster reusable?")


def reply_as(user, parent, body="Yes, ten times over.", **data):
    client = Client()
    client.force_login(user)
    return client.post(
        reverse("comments:post", args=[parent.article_id]), {"body": body, "parent": parent.pk, **data}
    )


def test_author_of_the_parent_gets_one_notice(parent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader("grace"), parent)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert message.subject == "grace replied to your comment on Orbital Wire"
    assert "Yes, ten times over." in message.body
    reply = Comment.objects.get(parent=parent)
    assert f"{parent.article.get_absolute_url()}#comment-{reply.pk}" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_same_reply_never_sends_twice(parent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader(), parent)
    reply = Comment.objects.get(parent=parent)
    moderator = User.objects.create_user("mod")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(reply, moderator)
    assert len(mail.outbox) == 1


def test_held_reply_notifies_only_once_approved(parent, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS_NEW_ACCOUNT_HOLD = 1
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader(), parent)
    assert mail.outbox == []
    reply = Comment.objects.get(parent=parent)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(reply, User.objects.create_user("mod"))
    assert len(mail.outbox) == 1


def test_no_notice_for_replying_to_yourself(parent, reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(reader, parent)
    assert mail.outbox == []


def test_no_notice_to_an_unverified_address(article, django_capture_on_commit_callbacks):
    parent = make_comment(article, make_reader(verified=False))
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader(), parent)
    assert mail.outbox == []


def test_reader_turns_notices_off_in_their_account(reader_client, parent, django_capture_on_commit_callbacks):
    url = reverse("comments:notice-settings")
    assert 'name="reply_notices"' in reader_client.get(url).content.decode()
    assert reader_client.post(url, {}).status_code == 303
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader(), parent)
    assert mail.outbox == []


def test_the_link_in_the_message_unsubscribes_in_one_click(parent, reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply_as(make_reader(), parent)
    link = re.search(r"http\S+/comments/unsubscribe/\S+/", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1]
    anonymous = Client(enforce_csrf_checks=True)
    assert "Unsubscribe</button>" in anonymous.get(path).content.decode()
    response = anonymous.post(path)
    assert "You will no longer receive e-mails" in response.content.decode()
    assert NoticePreference.objects.get(user=reader).reply_notices is False


def test_a_forged_unsubscribe_token_is_404(reader, client):
    token = unsubscribe_token(reader)
    assert client.post(reverse("comments:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    assert not NoticePreference.objects.exists()


def test_a_mail_server_failure_keeps_the_reply_and_frees_the_notice(
    parent, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        response = reply_as(make_reader(), parent)
    assert response.status_code == 303
    assert Comment.objects.get(parent=parent).notified_at is None
