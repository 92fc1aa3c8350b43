import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from portal.links import see_other

from . import events, stripe_gateway
from .forms import SupportForm
from .models import Contribution, Subscription
from .notices import customer_from_token, manage_link
from .ratelimit import checkout_limit_reached
from .templatetags.supporters_tags import SUPPORTER_UNTIL_KEY

log = logging.getLogger(__name__)

CHECKOUT_SESSIONS_KEY = "supporters_checkout_sessions"


def _support_page(request, form, status=200):
    context = {"form": form, "is_configured": stripe_gateway.is_configured()}
    return render(request, "supporters/support.html", context, status=status)


@require_safe
def support(request):
    if "cancelled" in request.GET:
        messages.info(request, "Your payment was cancelled and nothing was charged. You are welcome back any time.")
    initial = {"frequency": request.GET.get("frequency") if request.GET.get("frequency") == "once" else "monthly"}
    initial["amount"] = str(settings.SUPPORT_MIN_AMOUNT)
    return _support_page(request, SupportForm(initial=initial))


@require_POST
def checkout(request):
    if not stripe_gateway.is_configured():
        return _support_page(request, SupportForm(), status=503)
    form = SupportForm(request.POST)
    if not form.is_valid():
        return _support_page(request, form, status=400)
    if checkout_limit_reached(request):
        form.add_error(None, "Too many payment attempts from here. Please wait an hour and try again.")
        response = _support_page(request, form, status=429)
        response["Retry-After"] = str(settings.SUPPORT_CHECKOUT_LIMIT_WINDOW)
        return response
    monthly = form.cleaned_data["frequency"] == "monthly"
    user = request.user if request.user.is_authenticated else None
    try:
        session = stripe_gateway.create_checkout_session(
            frequency=form.cleaned_data["frequency"],
            amount=form.minor_amount,
            currency=settings.SUPPORT_CURRENCY,
            product_name=f"{settings.SITE_NAME} {'Monthly Supporter' if monthly else 'Contribution'}",
            success_url=request.build_absolute_uri(reverse("supporters:thanks")) + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(reverse("supporters:support")) + "?cancelled=1",
            idempotency_key=f"checkout-{form.cleaned_data['attempt']}-{form.cleaned_data['frequency']}-{form.minor_amount}",
            user_id=user.pk if user else None,
            email=user.email if user else None,
        )
    except stripe_gateway.StripeUnavailable:
        form.add_error(None, "We could not reach our payment provider, and nothing was charged. Please try again in a minute.")
        return _support_page(request, form, status=503)
    request.session[CHECKOUT_SESSIONS_KEY] = [*request.session.get(CHECKOUT_SESSIONS_KEY, [])[-9:], session["id"]]
    return see_other(session["url"])


def _unknown_session(request):
    return render(request, "supporters/thanks_unknown.html", status=404)


@never_cache
@require_safe
def thanks(request):
    session_id = request.GET.get("session_id", "")
    if not session_id or session_id not in request.session.get(CHECKOUT_SESSIONS_KEY, []):
        return _unknown_session(request)
    try:
        session = stripe_gateway.get_checkout_session(session_id)
    except stripe_gateway.NotFound:
        return _unknown_session(request)
    except stripe_gateway.StripeUnavailable:
        return render(request, "supporters/thanks.html", {"unavailable": True}, status=503)
    is_paid = session.get("payment_status") in ("paid", "no_payment_required")
    if is_paid:
        # Anonymous supporters have no account to hold their status: this browser remembers it.
        request.session[SUPPORTER_UNTIL_KEY] = (timezone.now() + timedelta(days=365)).timestamp()
    context = {
        "session": session,
        "is_paid": is_paid,
        "is_processing": session.get("status") == "complete" and not is_paid,
        "is_monthly": session.get("mode") == "subscription",
        "amount": Contribution(amount=session.get("amount_total") or 0, currency=session.get("currency") or "usd"),
        "manage_url": _manage_url(request, session),
    }
    return render(request, "supporters/thanks.html", context)


def _manage_url(request, session):
    """Logged-in readers manage from their account; anonymous monthly supporters need the signed link."""
    if request.user.is_authenticated or not session.get("customer"):
        return reverse("supporters:manage")
    return manage_link(session["customer"])


def _customer_of(user):
    ids = Subscription.objects.filter(supporter=user).exclude(stripe_customer_id="").order_by("-created_at")
    return ids.values_list("stripe_customer_id", flat=True).first()


@never_cache
@require_safe
def manage(request):
    if "token" in request.GET:
        customer_id = customer_from_token(request.GET["token"])
        if not customer_id:
            return render(request, "supporters/manage.html", {"is_expired": True}, status=404)
    elif request.user.is_authenticated:
        customer_id = _customer_of(request.user)
    else:
        return redirect_to_login(request.get_full_path())
    if not customer_id:
        return render(request, "supporters/manage.html")
    try:
        url = stripe_gateway.create_portal_session(customer_id, request.build_absolute_uri(reverse("supporters:support")))
    except (stripe_gateway.StripeUnavailable, stripe_gateway.NotFound):
        return render(request, "supporters/manage.html", {"is_unavailable": True}, status=503)
    return see_other(url)


@csrf_exempt  # Stripe cannot send a CSRF token; the signature check below takes its place.
@require_POST
def webhook(request):
    try:
        event = stripe_gateway.parse_webhook(request.body, request.headers.get("Stripe-Signature"))
    except stripe_gateway.InvalidWebhook as error:
        log.warning("Rejected a Stripe webhook: %s", error)
        return HttpResponseBadRequest(str(error), content_type="text/plain")
    except RecursionError:  # signed, but nested too deeply for the stripe library to read
        return _refused(f"Cannot store this event: nested deeper than {events.MAX_DEPTH} levels.")
    try:
        events.receive(event)
    except events.Unstorable as error:
        return _refused(str(error))
    except events.ProcessingFailed:
        return HttpResponse("Processing failed; Stripe will retry.", status=500, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def _refused(reason):
    """A signed event the site cannot keep: 400 with the reason, logged, as nothing is stored
    from which it could be processed again."""
    log.warning("Refused a Stripe webhook: %s", reason)
    return HttpResponseBadRequest(reason, content_type="text/plain")
