"""Moderators in admin: the queues, the actions, the audit; editors closing threads."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Ban, Comment, CommentableArticle, CommentThread, ModerationAction
from news.tests.factories import make_article

from .factories import make_comment, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def pending(article):
    return make_comment(article, body="Held words", status=Comment.Status.PENDING, hold_reason="New account")


def act(client, model, action, comments, **extra):
    url = reverse(f"admin:comments_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": [c.pk for c in comments], **extra})


def test_moderators_group_has_the_queue_permissions():
    codenames = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"change_pendingcomment", "change_flaggedcomment", "add_ban", "view_moderationaction"} <= codenames
    assert "delete_moderationaction" not in codenames
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert "change_commentablearticle" in editors


def test_pending_queue_lists_only_pending_comments(mod_client, article, pending):
    make_comment(article, body="Published words")
    html = mod_client.get(reverse("admin:comments_pendingcomment_changelist")).content.decode()
    assert "Held words" in html and "Published words" not in html
    assert "New account" in html


def test_flagged_queue_lists_flagged_comments_most_flagged_first(mod_client, article):
    make_comment(article, body="Flagged once", open_flags=1)
    make_comment(article, body="Flagged thrice", open_flags=3)
    make_comment(article, body="Never flagged")
    html = mod_client.get(reverse("admin:comments_flaggedcomment_changelist")).content.decode()
    assert "Never flagged" not in html
    assert html.index("Flagged thrice") < html.index("Flagged once")


def test_approve_publishes_and_is_audited(mod_client, moderator, pending):
    act(mod_client, "pendingcomment", "approve", [pending])
    pending.refresh_from_db()
    assert pending.is_published and pending.hold_reason == ""
    entry = ModerationAction.objects.get()
    assert (entry.moderator, entry.kind, entry.comment, entry.target_user) == (
        moderator, "approve", pending, pending.user
    )
    log = mod_client.get(reverse("admin:comments_moderationaction_changelist")).content.decode()
    assert "Approved" in log and "mod" in log


def test_status_changed_in_the_form_is_audited_too(mod_client, moderator, pending):
    url = reverse("admin:comments_pendingcomment_change", args=[pending.pk])
    assert "Held words" in mod_client.get(url).content.decode()
    response = mod_client.post(url, {"status": "published", "flags-TOTAL_FORMS": 0, "flags-INITIAL_FORMS": 0})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_published
    assert ModerationAction.objects.get().reason == "Edited in admin"


def test_remove_takes_the_comment_down_and_clears_its_flags(mod_client, article):
    comment = make_comment(article, body="Rude words", open_flags=2)
    act(mod_client, "flaggedcomment", "remove", [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED and comment.open_flags == 0
    assert "Rude words" not in Client().get(article.get_absolute_url()).content.decode()
    assert ModerationAction.objects.get().kind == "remove"


def test_ban_asks_for_reason_and_expiry_then_bans_and_removes_pending(mod_client, article, pending):
    other_pending = make_comment(article, pending.user, "More held words", status=Comment.Status.PENDING)
    page = act(mod_client, "pendingcomment", "ban_author", [pending])
    assert page.status_code == 200
    assert "Ban until" in page.content.decode() and "Held words" in page.content.decode()
    until = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    act(mod_client, "pendingcomment", "ban_author", [pending], apply="1", reason="Spam run",
        expires_at=until, remove_pending="on")
    ban = Ban.objects.get()
    assert ban.user == pending.user and ban.reason == "Spam run" and ban.expires_at > timezone.now()
    assert set(Comment.objects.values_list("status", flat=True)) == {"removed"}
    assert other_pending.pk in Comment.objects.filter(status="removed").values_list("pk", flat=True)
    assert ModerationAction.objects.filter(kind="ban").count() == 1
    assert ModerationAction.objects.filter(kind="remove").count() == 2
    banned = Client()
    banned.force_login(pending.user)
    response = banned.post(reverse("comments:post", args=[article.pk]), {"body": "Still here"})
    assert response.status_code == 403
    assert "Your account is banned from commenting until" in response.content.decode()


def test_ban_with_an_expiry_in_the_past_is_refused(mod_client, pending):
    page = act(mod_client, "pendingcomment", "ban_author", [pending], apply="1", reason="x",
               expires_at="2001-01-01 00:00")
    assert "The end of the ban must be in the future." in page.content.decode()
    assert not Ban.objects.exists()


def test_ban_added_in_admin_is_audited(mod_client, moderator):
    reader = make_reader()
    mod_client.post(reverse("admin:comments_ban_add"), {"user": reader.pk, "reason": "Abuse", "expires_at": ""})
    assert Ban.objects.get().created_by == moderator
    assert ModerationAction.objects.get().target_user == reader


def test_readers_cannot_open_the_queues(client, reader):
    client.force_login(reader)
    response = client.get(reverse("admin:comments_pendingcomment_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editor_closes_and_reopens_comments(article, reader_client):
    editor = User.objects.create_user("ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    listing = client.get(reverse("admin:comments_commentablearticle_changelist")).content.decode()
    assert "Booster lands on a barge" in listing and 'alt="True"' in listing
    act(client, "commentablearticle", "close_comments", [article])
    assert CommentThread.objects.get(article=article).is_closed
    assert reader_client.post(reverse("comments:post", args=[article.pk]), {"body": "Hi"}).status_code == 403
    act(client, "commentablearticle", "reopen_comments", [article])
    assert reader_client.post(reverse("comments:post", args=[article.pk]), {"body": "Hi"}).status_code == 303
    assert list(ModerationAction.objects.order_by("created_at").values_list("kind", flat=True)) == ["close", "reopen"]


def test_thread_list_shows_old_articles_as_closed(mod_client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 3
    make_article("Ancient story", published_at=timezone.now() - timedelta(days=10))
    html = mod_client.get(reverse("admin:comments_commentablearticle_changelist")).content.decode()
    assert 'alt="False"' in html
    assert CommentableArticle.objects.count() == 1


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_signup", {"email": "x@example.com", "username": "x", "password1": "pw", "password2": "pw"}),
        ("account_login", {"login": "nobody", "password": "wrong"}),
    ],
)
def test_account_forms_are_rate_limited(client, settings, url_name, data):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip", "login": "3/m/ip"}
    statuses = [client.post(reverse(url_name), data).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_repeated_failed_logins_are_refused_with_a_message(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/m/ip"}
    for _ in range(2):
        client.post(reverse("account_login"), {"login": "nobody", "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": "nobody", "password": "wrong"})
    assert "Too many failed login attempts" in response.content.decode()


def test_verification_mail_is_sent_at_most_once_in_the_cooldown(client):
    reader = make_reader(verified=False)
    client.force_login(reader)
    for _ in range(3):
        client.post(reverse("account_email"), {"action_send": "", "email": reader.email})
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()


@pytest.mark.parametrize(
    "model",
    ["comment", "pendingcomment", "flaggedcomment", "ban", "moderationaction", "bannedword", "watchword",
     "commentablearticle"],
)
def test_every_comments_admin_page_renders(admin_client, article, pending, model):
    make_comment(article, body="Flagged words", open_flags=1)
    assert admin_client.get(reverse(f"admin:comments_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:comments_{model}_changelist"), {"q": "x"}).status_code == 200
