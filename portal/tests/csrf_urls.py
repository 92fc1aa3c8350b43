"""A home page that carries a CSRF token, to prove such pages are never stored."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def page_with_form(request):
    return HttpResponse(f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


urlpatterns = [path("", page_with_form, name="home")]
