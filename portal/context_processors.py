from django.conf import settings

from .page_cache import LISTINGS, token


def site(request):
    """Site-wide names and links for the base template, and the listings' token under which
    the parts every page shows are cached (read only when a template asks for it)."""
    return {
        "listings_token": lambda: token(request, LISTINGS),
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "FOLLOW_LINKS": settings.FOLLOW_LINKS,
        "CORRECTIONS_EMAIL": settings.CORRECTIONS_EMAIL,
    }
