import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from portal import throttled
from portal.links import see_other

from .forms import SubscribeForm
from .links import ExpiredLink, InvalidLink, subscriber_key_from_token, subscription_from_token
from .models import Subscriber
from .ratelimit import subscribe_limit_reached
from .subscriptions import confirm_subscription, owns_verified_address, send_confirmation

log = logging.getLogger(__name__)


def _subscribe_page(request, form, status=200):
    subscriptions = request.user.digest_subscriptions.prefetch_related("sections") if request.user.is_authenticated else []
    return render(request, "digests/subscribe.html", {"form": form, "subscriptions": subscriptions}, status=status)


def _refused_link(request, message, status):
    return render(request, "digests/link_refused.html", {"message": message}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET: the form, with the address typed into the sidebar's or footer's form. POST: a
    confirmation mail, or at once for a signed-in reader's own verified address."""
    if request.method == "GET":
        signed_in_email = request.user.email if request.user.is_authenticated else ""
        email = request.GET.get("email", "")[:254].strip() or signed_in_email
        return _subscribe_page(request, SubscribeForm(initial={"email": email}))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _subscribe_page(request, form, status=400)
    email = form.cleaned_data["email"]
    if subscribe_limit_reached(request, email):
        return throttled.response(
            request, settings.DIGEST_SUBSCRIBE_LIMIT_WINDOW, "Too many subscription requests from here or for this address."
        )
    if owns_verified_address(request.user, email):
        confirm_subscription(email, form.section_ids, request.user.pk)
        messages.success(request, f"You are subscribed: the daily digest goes to {email}.")
        return see_other(reverse("digests:subscribe"))
    try:
        send_confirmation(email, form.section_ids, request.user.pk if request.user.is_authenticated else None)
    except (OSError, SMTPException):
        log.exception("Digest confirmation mail could not be sent")
        form.add_error(None, "We could not send the confirmation e-mail just now. Please try again in a few minutes.")
        return _subscribe_page(request, form, status=503)
    return see_other(reverse("digests:check-inbox"))


@require_safe
def check_inbox(request):
    days = settings.DIGEST_CONFIRM_MAX_AGE // (24 * 3600)
    return render(request, "digests/check_inbox.html", {"days": days})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET asks (mail scanners open links without a reader); POST subscribes."""
    try:
        wanted = subscription_from_token(token)
    except ExpiredLink:
        days = settings.DIGEST_CONFIRM_MAX_AGE // (24 * 3600)
        return _refused_link(
            request, f"This confirmation link has expired: links work for {days} days. Subscribe again for a new one.", 400
        )
    except InvalidLink:
        return _refused_link(
            request, "This confirmation link is not valid. Open the whole link from the e-mail, or subscribe again.", 404
        )
    if request.method == "POST":
        confirm_subscription(wanted["email"], wanted["sections"], wanted["user"])
        return render(request, "digests/confirm.html", {"email": wanted["email"], "done": True})
    return render(request, "digests/confirm.html", {"email": wanted["email"], "token": token})


@csrf_exempt  # The signed token is the credential; mail clients post here without a session (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks; POST (the page's button, or a mail client's one-click) unsubscribes."""
    try:
        pk, email = subscriber_key_from_token(token)
    except InvalidLink:
        return _refused_link(
            request, "This unsubscribe link is not valid. Open the whole link from the digest e-mail.", 404
        )
    subscription = Subscriber.objects.filter(pk=pk, email=email)
    if request.method == "POST":
        subscription.delete()
        return render(request, "digests/unsubscribe.html", {"email": email, "done": True})
    context = {"email": email, "token": token, "is_subscribed": subscription.exists()}
    return render(request, "digests/unsubscribe.html", context)
