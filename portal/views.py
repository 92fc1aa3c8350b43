from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .replica import replica_failure


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


@never_cache
def healthz(request):
    """Liveness for load balancers: the database and the cache both answer. A read replica that
    failed a search lately is reported under "degraded"."""
    problems = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not healthy", with its reason
        problems["database"] = str(error)[:200]
    try:
        ping = getattr(cache, "ping", None)
        if ping is not None:  # the Redis back end serves without Redis; this says it is away
            ping()
        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            problems["cache"] = "the cache did not return what was written"
    except Exception as error:
        problems["cache"] = str(error)[:200]
    body = {"status": "fail" if problems else "ok", "problems": problems}
    # Searches read the primary while the replica is away: worth an alert, not a 503. Told from
    # the searches' own last failure, so an unreachable replica never slows the check down.
    replica_down = replica_failure.current()
    if replica_down is not None:
        body["degraded"] = {"replica": replica_down}
    return JsonResponse(body, status=503 if problems else 200)


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
