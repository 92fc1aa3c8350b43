import time

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix

from portal.page_cache import for_listings
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

    The appeal is alike for every visitor who does not support us yet: on anonymous news pages
    it is rendered once per listings' version in each process.
    """
    request = context.get("request")
    user = context.get("user")
    is_supporter = is_active_supporter(user) or _browser_has_supported(request)
    minimum = format_whole(settings.SUPPORT_MIN_AMOUNT, settings.SUPPORT_CURRENCY)

    def render():
        return render_to_string(
            "supporters/_appeal.html",
            {
                "is_supporter": is_supporter,
                "can_manage": bool(user and user.is_authenticated),
                "SITE_NAME": settings.SITE_NAME,
                "minimum": minimum,
            },
        )

    if is_supporter:
        return render()
    return for_listings(request, ("support-appeal", get_script_prefix(), settings.SITE_NAME, minimum), render)


@register.inclusion_tag("supporters/_badge.html")
def supporter_badge(user):
    """A "Supporter" badge next to the name of someone who supports us now."""
    return {"is_supporter": is_active_supporter(user), "SITE_NAME": settings.SITE_NAME}
