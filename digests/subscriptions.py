"""Subscribing: the confirmation mail (double opt-in) and the subscription it confirms."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from news.models import Section

from .links import confirm_url
from .models import Subscriber


def owns_verified_address(user, email):
    """A signed-in reader's address that allauth has verified needs no second confirmation."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def send_confirmation(email, section_ids, user_id=None):
    """Mails the confirmation link, whether or not the address is subscribed already (the page
    that asked says the same either way); confirming again only updates the choice of sections."""
    context = {
        "confirm_url": confirm_url(email, section_ids, user_id),
        "days": settings.DIGEST_CONFIRM_MAX_AGE // (24 * 3600),
        "SITE_NAME": settings.SITE_NAME,
    }
    send_mail(
        render_to_string("digests/email/confirm_subject.txt", context).strip(),
        render_to_string("digests/email/confirm_message.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [email],
    )


@transaction.atomic
def confirm_subscription(email, sections, user_id=None):
    """Creates or updates the address's subscription; `sections` is None for all the day's news.

    Sections deleted since the link was made are dropped; with none left, all the news is sent.
    An account deleted meanwhile is not linked.
    """
    chosen = list(Section.objects.filter(pk__in=sections)) if sections is not None else []
    defaults = {"is_all_news": not chosen, "confirmed_at": timezone.now()}
    if user_id is not None and get_user_model().objects.filter(pk=user_id).exists():
        defaults["user_id"] = user_id
    subscriber, _ = Subscriber.objects.update_or_create(email=email, defaults=defaults)
    subscriber.sections.set(chosen)
    return subscriber
