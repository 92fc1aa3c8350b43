from django.conf import settings


def site(request):
    """Site-wide names and links for the base template; no database queries here."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "FOLLOW_LINKS": settings.FOLLOW_LINKS,
        "CORRECTIONS_EMAIL": settings.CORRECTIONS_EMAIL,
    }
