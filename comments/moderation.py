"""What moderators do, each step written to the audit table."""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.page_cache import article_discussion_changed

from .models import Ban, Comment, CommentFlag, CommentThread, ModerationAction
from .notices import notify_parent_author
from .rules import counted_flags


@transaction.atomic
def approve(comment, moderator, reason=""):
    comment.status = Comment.Status.PUBLISHED
    comment.hold_reason = ""
    comment.open_flags = 0
    comment.save(update_fields=["status", "hold_reason", "open_flags"])
    _resolve_flags(comment)
    _record(moderator, ModerationAction.Kind.APPROVE, comment, reason)
    notify_parent_author(comment)


@transaction.atomic
def remove(comment, moderator, reason=""):
    comment.status = Comment.Status.REMOVED
    comment.open_flags = 0
    comment.save(update_fields=["status", "open_flags"])
    _resolve_flags(comment)
    _record(moderator, ModerationAction.Kind.REMOVE, comment, reason)


@transaction.atomic
def ban(user, moderator, reason, expires_at=None, remove_pending=False, comment=None):
    new_ban = Ban.objects.create(user=user, reason=reason, expires_at=expires_at, created_by=moderator)
    ModerationAction.objects.create(
        moderator=moderator, kind=ModerationAction.Kind.BAN, target_user=user, comment=comment, reason=reason,
        article_id=comment.article_id if comment else None,
    )
    if remove_pending:
        for pending in Comment.objects.filter(user=user, status=Comment.Status.PENDING):
            remove(pending, moderator, reason=f"Pending comment of a banned reader: {reason}")
    return new_ban


@transaction.atomic
def set_thread(article, editor, is_closed):
    CommentThread.objects.update_or_create(
        article=article, defaults={"is_closed": is_closed, "changed_by": editor, "changed_at": timezone.now()}
    )
    kind = ModerationAction.Kind.CLOSE if is_closed else ModerationAction.Kind.REOPEN
    ModerationAction.objects.create(moderator=editor, kind=kind, article=article)


@transaction.atomic
def flag(comment, user, reason, note=""):
    """Record one reader's flag; enough flags of established readers take a published comment
    down for review (rules.counted_flags)."""
    _, created = CommentFlag.objects.get_or_create(comment=comment, user=user, defaults={"reason": reason, "note": note})
    if not created:
        return False
    Comment.objects.filter(pk=comment.pk).update(open_flags=F("open_flags") + 1)
    counted = counted_flags(comment)
    if counted >= settings.COMMENTS_FLAGS_TO_HOLD:
        # Only while still published: a moderator's decision made meanwhile stands.
        if Comment.objects.published().filter(pk=comment.pk).update(
            status=Comment.Status.PENDING, hold_reason=f"Flagged by {counted} readers"
        ):
            article_discussion_changed(comment.article_id)  # update() sends no signal
    comment.refresh_from_db(fields=["open_flags", "status", "hold_reason"])
    return True


def _resolve_flags(comment):
    comment.flags.filter(resolved_at=None).update(resolved_at=timezone.now())


def _record(moderator, kind, comment, reason):
    ModerationAction.objects.create(
        moderator=moderator, kind=kind, comment=comment, target_user_id=comment.user_id,
        article_id=comment.article_id, reason=reason,
    )
