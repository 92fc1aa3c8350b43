"""Answers and addresses every app builds the same way."""

from django.conf import settings
from django.http import HttpResponseRedirect


def see_other(url):
    """A 303 after a POST: the browser GETs `url`, and reloading it does not send the form again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def absolute_url(path):
    """`path` at the site's public address (SITE_URL), for links in e-mails, which have no request."""
    return settings.SITE_URL.rstrip("/") + path
