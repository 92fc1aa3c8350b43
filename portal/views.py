import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .client_ip import client_ip
from .replica import replica_failure


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


@never_cache
def healthz(request):
    """Liveness for load balancers: 503 only when the database does not answer. A cache or a
    read replica that fails is reported under "degraded" with a 200: the site serves from the
    database meanwhile, and taking every server out of the balancer would stop it instead.

    The public answer names the failing parts only; a request from INTERNAL_IPS also gets the
    reasons, which can name hosts and ports.
    """
    problems, degraded = {}, {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not healthy", with its reason
        problems["database"] = str(error)[:200]
    if "database" not in problems:
        degraded.update(_cache_failure())
    # Told from the searches' own last failure, so an unreachable replica never slows this down.
    if (replica_down := replica_failure.current()) is not None:
        degraded["replica"] = replica_down
    body = {"status": "fail" if problems else "degraded" if degraded else "ok"}
    if client_ip(request) in settings.INTERNAL_IPS:
        body.update(problems=problems, degraded=degraded)
    else:
        body.update(problems=sorted(problems), degraded=sorted(degraded))
    return JsonResponse(body, status=503 if problems else 200)


def _cache_failure():
    """{"cache": reason} when the cache does not give back what was just written, else {}."""
    probe = secrets.token_hex(8)
    try:
        cache.set("healthz", probe, 5)
        if cache.get("healthz") == probe:
            return {}
    except Exception as error:  # the database's cache table, say: any failure is the reason
        return {"cache": str(error)[:200]}
    failure = getattr(cache, "failure", lambda: None)()  # the Redis back end swallows its errors
    return {"cache": failure or "the cache did not return what was written"}


def server_error(request):
    """The 500 page: no database, no context processors that could fail again, and no
    dependence on collected static files (a missing manifest is one reason to be here)."""
    try:
        stylesheet = static("css/site.css")
    except ValueError:  # the manifest of hashed names is missing or lacks the file
        stylesheet = settings.STATIC_URL + "css/site.css"
    html = loader.render_to_string("500.html", {"SITE_NAME": settings.SITE_NAME, "stylesheet": stylesheet})
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
