"""Admin logins limited per account and per client (django-axes), answered with a 429.

Readers log in through allauth, which has its own limits; axes counts only the newsroom's
door, /admin/login/, so a reader's typos never lock an editor out of admin.
"""

from django.conf import settings
from django.urls import reverse

from . import throttled


def is_not_admin_login(request, credentials):
    """AXES_WHITELIST_CALLABLE: failures anywhere but the admin are not counted."""
    return not request.path.startswith(reverse("admin:index"))


def lockout_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: the site's 429 page, coming back after the lockout."""
    message = "Too many failed sign-ins to the newsroom from here or for this account."
    return throttled.response(request, settings.AXES_COOLOFF_TIME.total_seconds(), message)
