"""Limits counted in the shared cache, and 429 pages that say when to come back: every limit
answers with Retry-After.

allauth renders its 429s through the root URLconf's `handler429` (allauth.core.ratelimit),
which is `too_many_requests` here; admin lockouts (django-axes) and checkout call `response`.
"""

import math

from allauth.account import app_settings as allauth_account
from django.core.cache import cache
from django.shortcuts import render

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def over_limit(key, limit, window):
    """Count one more hit on `key` in a window of `window` seconds; True once over `limit`."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def response(request, retry_after, message=None):
    """The 429 page, with Retry-After in seconds and the same wait in words."""
    minutes = math.ceil(retry_after / 60)
    wait = f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
    context = {"message": f"{message or 'You have sent too many requests in a short time.'} {wait}"}
    page = render(request, "429.html", context, status=429)
    page["Retry-After"] = str(int(retry_after))
    return page


def longest_window(rates):
    """Seconds of the longest window in an allauth rate such as "10/m/ip,5/5m/key"."""
    windows = [part.split("/")[1] for part in (rates or "").split(",") if part.count("/") >= 1]
    return max((int(float(window[:-1] or 1) * _UNITS[window[-1]]) for window in windows), default=60)


def too_many_requests(request):
    """allauth's 429: the longest window of the action its view counts.

    allauth names those views after their actions (account_login counts "login", account_signup
    "signup", account_reset_password "reset_password"); for any other view, the longest window
    of all its limits, which is never too short.
    """
    limits = allauth_account.RATE_LIMITS
    match = request.resolver_match
    action = match.url_name.removeprefix("account_") if match and match.url_name else ""
    rates = limits.get(action) or ",".join(rate for rate in limits.values() if rate)
    return response(request, longest_window(rates))
