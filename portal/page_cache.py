"""Whole-page cache for anonymous readers of the news pages (docs/architecture.md, "The cache").

A page is stored in Django's cache under a key made of its canonical address and the tokens of
the scopes it shows: "listings" for every page, plus "article:<slug>" for an article's page. The
tokens live in the database (ContentVersion), and every change renews them in its own
transaction, so every process and server sees a change, whatever happened to the cache
meanwhile: at once, or within PAGE_CACHE_LOCAL_SECONDS for a process that read the old token
just before (Recent). A page under an old token is never asked for again and expires by itself.

Only a GET without a session or messages cookie, for a canonical address (no query parameter
but a plain page number), is served from or stored in the cache, and only a response that sets
no cookie and carries no CSRF token is stored, so no visitor sees another's token or name.
"""

import hashlib
import re
import secrets
import threading

from cachetools import TTLCache
from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from .models import ContentVersion

CACHED_URL_NAMES = {
    "home",
    "news:index",
    "news:year",
    "news:month",
    "news:day",
    "news:article",
    "news:section",
    "news:keyword",
    "news:author",
    "news:feed",
    "news:section-feed",
    "news:keyword-feed",
    "news:author-feed",
}
LISTINGS = "listings"
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")
# Belong to the response that rendered the page, not to the stored copy.
HEADERS_NOT_STORED = {"set-cookie", "x-page-cache"}


def article_scope(slug):
    return f"article:{slug}"


def current_tokens(scopes):
    """{scope: token} for these scopes, in one query, or from this process's recent reads.

    The listings' token is renewed here when a scheduled article has gone live since it was
    made (nothing is saved at that moment).
    """
    return recent.get_or_read(("tokens", *scopes), lambda: _read_tokens(scopes))


def token(request, scope):
    """The token of `scope` as this request read it, for parts of a page cached under it.

    AnonymousPageCacheMiddleware reads the scopes of every news page; other pages read a scope
    the first time one of their parts asks for it.
    """
    if request is None:
        return current_tokens([scope])[scope]
    if not hasattr(request, "page_tokens"):
        request.page_tokens = {}
    if scope not in request.page_tokens:
        request.page_tokens.update(current_tokens([scope]))
    return request.page_tokens[scope]


def _read_tokens(scopes):
    found = {version.scope: version for version in ContentVersion.objects.filter(scope__in=scopes)}
    listings = found.get(LISTINGS)
    if LISTINGS in scopes and (listings is None or (listings.stale_after and listings.stale_after <= timezone.now())):
        found[LISTINGS] = renew(LISTINGS)[0]
    # An article nobody has commented on has no row: the listings' token keeps its key unique.
    return {scope: found[scope].token if scope in found else "0" for scope in scopes}


def renew(*scopes):
    """New tokens for these scopes, written in the current transaction (an upsert)."""
    next_publication = None
    if LISTINGS in scopes:
        Article = apps.get_model("news", "Article")
        next_publication = Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).aggregate(next=Min("published_at"))["next"]
    versions = [
        ContentVersion(
            scope=scope, token=secrets.token_hex(8), stale_after=next_publication if scope == LISTINGS else None
        )
        for scope in scopes
    ]
    ContentVersion.objects.bulk_create(
        versions, update_conflicts=True, unique_fields=["scope"], update_fields=["token", "stale_after"]
    )
    recent.clear()
    return versions


def _news_page(request):
    """The URL match when the address is one of the cached page types, else None."""
    if request.path_info.startswith(settings.STATIC_URL):
        return None  # whitenoise's, further down
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match if match.view_name in CACHED_URL_NAMES else None


def _scopes(match):
    if match.view_name == "news:article":
        return [LISTINGS, article_scope(match.kwargs["slug"])]
    return [LISTINGS]


def _page_key(request):
    """The cache key of an anonymous GET of a news page, or None when it is not for the cache."""
    if not _is_plain_anonymous_get(request):
        return None
    page = _page_number(request)
    if page is None:
        return None
    address = [settings.PAGE_CACHE_RELEASE, request.scheme, request.get_host(), request.path, page]
    return "page:" + hashlib.sha256("|".join([*address, *request.page_tokens.values()]).encode()).hexdigest()


def _is_plain_anonymous_get(request):
    if request.method != "GET":
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False  # the security middleware answers with the redirect
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _page_number(request):
    """The page number as the key spells it ("1" without one), or None when the query string
    holds anything else: every spelling of a page shares one entry, and other parameters would
    let anyone fill the cache with copies of a page."""
    if not request.GET:
        return "1"
    values = request.GET.getlist("page")
    if len(request.GET) != 1 or len(values) != 1 or not PAGE_NUMBER.fullmatch(values[0]):
        return None
    return str(int(values[0]))


def _is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Cache-Control"):
        return False  # the view's own never-cache or private headers win (an editor's draft)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or b'name="csrfmiddlewaretoken"' in response.content:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _make_private(response):
    """A news page rendered for one visitor must not be kept by a proxy or a CDN."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = "bypass"
    return response


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous GETs of the news pages; marks every other news page private.

    It sits right after ConditionalGetMiddleware, so a hit skips every other middleware and
    keeps the headers they added when the page was rendered (security headers included).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _news_page(request)
        if match is None:
            return self.get_response(request)
        # Also for pages not stored here: their parts cached under a token read them from here.
        request.page_tokens = dict(current_tokens(_scopes(match)))
        key = _page_key(request)
        if key is None:
            return _make_private(self.get_response(request))
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _is_storable(request, response):
                return _make_private(response)
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            set_response_etag(response)
            headers = {name: value for name, value in response.items() if name.lower() not in HEADERS_NOT_STORED}
            stored = (response.content, headers)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        recent.put_page(request.META, stored)
        return response


class Recent:
    """What this process read or sent lately, for PAGE_CACHE_LOCAL_SECONDS (read at start-up):
    the tokens of each set of scopes, and the pages it served from or stored in the cache.

    RecentPagesApplication answers a repeat visit from here before Django builds a request, and
    a page Django renders reads its tokens from here: benchmarks/load.py's "article, cached",
    "uncached" and "logged-in" rows miss their targets without it. Another process's change is
    seen that much later; this process's own changes empty it at once (renew()).
    """

    # What the client sent that can change the page Django renders for an anonymous GET.
    ADDRESS = ("PATH_INFO", "QUERY_STRING", "HTTP_HOST", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT",
               "HTTP_X_FORWARDED_PROTO", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme")

    def __init__(self):
        self.kept = TTLCache(maxsize=256, ttl=max(settings.PAGE_CACHE_LOCAL_SECONDS, 1))  # pages are ~25 kB
        self.lock = threading.Lock()

    def get_or_read(self, key, read):
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0:
            return read()
        with self.lock:
            value = self.kept.get(key)
        if value is None:
            value = read()
            with self.lock:
                self.kept[key] = value
        return value

    def page_key(self, environ):
        return ("page", settings.PAGE_CACHE_RELEASE, *(environ.get(name) for name in self.ADDRESS))

    def page(self, environ):
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0 or not self.is_plain_anonymous_get(environ):
            return None
        with self.lock:
            return self.kept.get(self.page_key(environ))

    def put_page(self, environ, stored):
        if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
            content, headers = stored
            headers = [(name, str(value)) for name, value in headers.items()] + [("X-Page-Cache", "hit")]
            with self.lock:
                self.kept[self.page_key(environ)] = (headers, content)

    def clear(self):
        with self.lock:
            self.kept.clear()

    @staticmethod
    def is_plain_anonymous_get(environ):
        """Conditional requests go to Django, which answers them with a 304."""
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return False
        cookies = environ.get("HTTP_COOKIE", "")
        return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


recent = Recent()


class RecentPagesApplication:
    """The WSGI application in front of Django (portal/wsgi.py): a page this process stored or
    served in the last PAGE_CACHE_LOCAL_SECONDS is sent again without Django. Only pages that
    AnonymousPageCacheMiddleware decided to share get there."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        found = recent.page(environ)
        if found is None:
            return self.application(environ, start_response)
        headers, content = found
        start_response("200 OK", headers)
        return [content]


# Which writes renew which scopes.


def article_discussion_changed(article_id):
    """Renews an article's page after a new or moderated comment, or a closed thread.

    Signals cover comments saved or deleted one by one; code that changes comments with
    QuerySet.update() calls this itself.
    """
    Article = apps.get_model("news", "Article")
    slug = Article.objects.filter(pk=article_id).values_list("slug", flat=True).first()
    if slug:
        renew(article_scope(slug))


def _listings_changed(action=None, **kwargs):
    if action is None or action.startswith("post_"):  # m2m_changed sends pre_ and post_ actions
        renew(LISTINGS)


def _comment_changed(instance, **kwargs):
    article_discussion_changed(instance.article_id)


def connect_signals():
    """Listen to the models the pages show; the comments app is optional and not imported."""
    from news.signals import articles_imported

    article = apps.get_model("news", "Article")
    articles_imported.connect(_listings_changed, dispatch_uid="page-cache-import")
    m2m_changed.connect(_listings_changed, sender=article.keywords.through, dispatch_uid="page-cache-keywords")
    for model_name in ("Article", "Section", "Keyword", "Author", "RelatedLink"):
        model = apps.get_model("news", model_name)
        post_save.connect(_listings_changed, sender=model, dispatch_uid=f"page-cache-{model_name}")
        post_delete.connect(_listings_changed, sender=model, dispatch_uid=f"page-cache-{model_name}-delete")
    if not apps.is_installed("comments"):
        return
    for model_name in ("Comment", "CommentThread"):
        model = apps.get_model("comments", model_name)
        post_save.connect(_comment_changed, sender=model, dispatch_uid=f"page-cache-{model_name}")
        post_delete.connect(_comment_changed, sender=model, dispatch_uid=f"page-cache-{model_name}-delete")
