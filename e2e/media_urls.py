"""The site's URLs plus MEDIA_ROOT, served as `make run` serves it: the browser tests run with
DEBUG off, when portal/urls.py leaves uploads to nginx."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import handler429, handler500  # noqa: F401
from portal.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]
