"""E-mails to supporters and the signed links in them."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from portal.links import absolute_url

MANAGE_LINK_SALT = "supporters.manage"
MANAGE_LINK_MAX_AGE = 30 * 24 * 3600


def manage_link(customer_id):
    """A link to the billing portal that works without logging in: anonymous supporters have no account."""
    token = signing.dumps(customer_id, salt=MANAGE_LINK_SALT)
    return absolute_url(f"{reverse('supporters:manage')}?token={token}")


def customer_from_token(token):
    """The Stripe customer id a manage link names, or None if the link is forged or too old."""
    try:
        return signing.loads(token, salt=MANAGE_LINK_SALT, max_age=MANAGE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None


def send_payment_failed_notice(subscription):
    context = {
        "subscription": subscription,
        "manage_url": manage_link(subscription.stripe_customer_id),
        "SITE_NAME": settings.SITE_NAME,
    }
    subject = render_to_string("supporters/email/payment_failed_subject.txt", context).strip()
    body = render_to_string("supporters/email/payment_failed.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email])
