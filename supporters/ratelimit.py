"""Checkout-creation limits per client IP and per browser session, counted in the shared cache."""

from django.conf import settings

from portal.client_ip import client_ip
from portal.throttled import over_limit


def checkout_limit_reached(request):
    """Count one checkout attempt; True once the reader's address or browser session is over its limit."""
    window = settings.SUPPORT_CHECKOUT_LIMIT_WINDOW
    if not request.session.session_key:
        request.session.save()
    by_ip = over_limit(f"supporters:checkout:ip:{client_ip(request)}", settings.SUPPORT_CHECKOUT_LIMIT_PER_IP, window)
    by_session = over_limit(
        f"supporters:checkout:session:{request.session.session_key}", settings.SUPPORT_CHECKOUT_LIMIT_PER_SESSION, window
    )
    return by_ip or by_session
