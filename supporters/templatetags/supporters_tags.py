import time

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from supporters import stripe_gateway
from supporters.models import is_active_supporter
from supporters.money import format_whole

register = template.Library()

SUPPORTER_UNTIL_KEY = "supporters_supporter_until"


def _browser_has_supported(request):
    until = request.session.get(SUPPORTER_UNTIL_KEY) if request is not None else None
    return bool(until) and until > time.time()


@register.simple_tag(takes_context=True)
def support_appeal(context):
    """The appeal for support, or a thank-you line for someone who supports us already.

    Without a Stripe account there is no appeal: its buttons would lead to a page that can only
    say contributions are not set up yet.
    """
    request = context.get("request")
    user = context.get("user")
    is_supporter = is_active_supporter(user) or _browser_has_supported(request)
    if not is_supporter and not stripe_gateway.is_configured():
        return ""
    minimum = format_whole(settings.SUPPORT_MIN_AMOUNT, settings.SUPPORT_CURRENCY)
    return render_to_string(
        "supporters/_appeal.html",
        {
            "is_supporter": is_supporter,
            "can_manage": bool(user and user.is_authenticated),
            "SITE_NAME": settings.SITE_NAME,
            "minimum": minimum,
        },
    )


@register.inclusion_tag("supporters/_badge.html")
def supporter_badge(user):
    """A "Supporter" badge next to the name of someone who supports us now."""
    return {"is_supporter": is_active_supporter(user), "SITE_NAME": settings.SITE_NAME}
