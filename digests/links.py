"""The signed links in digest e-mails: confirming a subscription, and leaving it in one click."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from portal.links import absolute_url

CONFIRM_SALT = "digests.confirm"
UNSUBSCRIBE_SALT = "digests.unsubscribe"


class ExpiredLink(Exception):
    pass


class InvalidLink(Exception):
    pass


def confirm_url(email, section_ids, user_id=None):
    """The link that creates the subscription: nothing is stored until its owner opens it.

    `section_ids` is None for all the day's news.
    """
    token = signing.dumps({"email": email, "sections": section_ids, "user": user_id}, salt=CONFIRM_SALT, compress=True)
    return absolute_url(reverse("digests:confirm", args=[token]))


def subscription_from_token(token):
    """The {"email", "sections", "user"} a confirmation link carries; ExpiredLink after
    DIGEST_CONFIRM_MAX_AGE, InvalidLink when it was not made by us."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.DIGEST_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise InvalidLink from None


def unsubscribe_url(subscriber):
    """A link that never expires (an old digest must still let its reader leave). It names the
    address too, so a link made for a deleted subscription cannot remove a later one."""
    token = signing.dumps([subscriber.pk, subscriber.email], salt=UNSUBSCRIBE_SALT)
    return absolute_url(reverse("digests:unsubscribe", args=[token]))


def subscriber_key_from_token(token):
    """(pk, email) of the subscription an unsubscribe link names; InvalidLink when forged."""
    try:
        pk, email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink from None
    return pk, email
