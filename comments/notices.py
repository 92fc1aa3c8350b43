"""Reply notices: one e-mail to a comment's author per published reply, with a one-click opt-out."""

import logging
from smtplib import SMTPException

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.links import absolute_url

from .models import Comment, NoticePreference

UNSUBSCRIBE_SALT = "comments.unsubscribe"
logger = logging.getLogger(__name__)


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def wants_reply_notices(user):
    return not NoticePreference.objects.filter(user=user, reply_notices=False).exists()


def notify_parent_author(reply):
    """Call once the reply is published; sends after the transaction commits, never twice."""
    if reply.parent_id is None or not reply.is_published:
        return
    transaction.on_commit(lambda: _send(reply.pk))


def _send(reply_pk):
    reply = Comment.objects.select_related("parent__user", "article", "user").filter(pk=reply_pk).first()
    if reply is None or not reply.is_published:
        return
    recipient = reply.parent.user
    if recipient.pk == reply.user_id or not wants_reply_notices(recipient):
        return
    address = EmailAddress.objects.filter(user=recipient, verified=True).order_by("-primary").first()
    if address is None:
        return
    # Claim the notice first: of two concurrent senders only one updates the row.
    claimed = Comment.objects.filter(pk=reply.pk, notified_at=None).update(notified_at=timezone.now())
    if not claimed:
        return
    unsubscribe_url = absolute_url(reverse("comments:unsubscribe", args=[unsubscribe_token(recipient)]))
    context = {
        "reply": reply,
        "recipient": recipient,
        "comment_url": absolute_url(reply.get_absolute_url()),
        "unsubscribe_url": unsubscribe_url,
        "SITE_NAME": settings.SITE_NAME,
    }
    message = EmailMessage(
        subject=render_to_string("comments/email/reply_notice_subject.txt", context).strip(),
        body=render_to_string("comments/email/reply_notice_message.txt", context),
        to=[address.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    try:
        message.send()
    except (OSError, SMTPException):
        # The reply stands; free the claim so a later approval can try again, and tell the logs.
        Comment.objects.filter(pk=reply.pk).update(notified_at=None)
        logger.exception("Reply notice for comment %s could not be sent", reply.pk)
