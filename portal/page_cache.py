"""Whole-page cache for anonymous readers of the news pages, in the shared cache.

Each stored page is stamped with the content versions it was rendered from: "listings" (every
page that lists articles, and article pages through their section teaser) and one per article.
Writes bump the versions, so the next request on any app server sees a stamp that no longer
matches and renders afresh: no blanket clear, no list of URLs to purge.

A page is served from or stored in the cache only for a GET without a session or messages
cookie, and stored only when the response sets no cookie and carries no CSRF token, so no
visitor ever sees another visitor's token, messages or name.
"""

import hashlib
import secrets
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .memo import BoundedMemo

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
}
# Other query parameters would let anyone fill the cache with copies of one page.
CACHED_QUERY_PARAMETERS = {"page"}
# Not stored with a page: they belong to the response that rendered it.
STORED_HEADERS_SKIPPED = {"set-cookie", "x-page-cache"}
LISTINGS = "listings"
VERSION_PREFIX = "page-cache:version:"
PAGE_PREFIX = "page-cache:page:"


class _RecentPages:
    """The pages this process served last, kept for PAGE_CACHE_LOCAL_SECONDS, ready to send.

    RecentPagesApplication answers a repeat visit from here before Django builds a request: no
    round trip to Redis, no middleware, no view. The price: another process or server can serve a
    page up to that long after a change; this process forgets them all at once on a change.
    """

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        entry = self.entries.get(key)
        return entry[1] if entry is not None and entry[0] > time.monotonic() else None

    def put(self, key, ready):
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0:
            return
        with self.lock:
            self.entries[key] = (time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS, ready)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


recent_pages = _RecentPages()

# Values that depend only on what the listings' version covers, by version token: a token is
# never reused, so a value kept under it is never stale.
_listings_values = BoundedMemo(512)


def for_listings(request, name, build, memo=_listings_values):
    """What build() returns for the listings' current version, kept in this process (in
    `memo`, for values too big to share the default one's bound).

    build() must read only what a change to which bumps the listings (articles, sections,
    keywords, authors, related links, comments), never who the visitor is. On an anonymous news
    page the request carries the version stamp already, so a repeat costs no round trip to the
    shared cache; on any other page (a logged-in reader's, a search) the listings' version is
    read once per request. Without a request, build() runs each time.
    """
    if request is None:
        return build()
    return memo.get_or_build((name, _listings_token(request)), build)


def _listings_token(request):
    """The listings' version token for this request: from the page's stamp when it has one,
    else read from the shared cache once per request. New whenever an article, section,
    keyword, author, related link or comment changes, and never reused."""
    stamp = getattr(request, "page_cache_stamp", None)
    if stamp is None:
        stamp = getattr(request, "_listings_stamp", None)
        if stamp is None:
            stamp = request._listings_stamp = current_versions()
    return stamp.split(".", 1)[0]


def _version_key(name):
    return VERSION_PREFIX + name


def _article_version_name(slug):
    return f"article:{slug}"


def _next_scheduled_publication():
    """When the next scheduled article goes live, as a timestamp, or None.

    Nothing is saved at that moment, so readers' requests notice the time has passed and bump
    the listings then.
    """
    Article = apps.get_model("news", "Article")
    moment = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    return moment.timestamp() if moment else None


def _write_versions(names):
    values = {}
    for name in names:
        token = secrets.token_hex(8)
        values[_version_key(name)] = (token, _next_scheduled_publication()) if name == LISTINGS else token
    cache.set_many(values, timeout=None)
    recent_pages.clear()
    return values


def bump(*names):
    """New versions now, and again after the transaction commits.

    The second bump drops any page another request rendered from the database as it was before
    the commit, while the transaction (an admin save with its inlines, say) was still open.
    """
    _write_versions(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _write_versions(names))


def current_versions(article_slug=None, also=None):
    """The version stamp for a page: the listings' version, plus the article's if any.

    With `also`, that key is fetched in the same round trip and returned with the stamp.
    """
    names = [LISTINGS] + ([_article_version_name(article_slug)] if article_slug else [])
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys + ([also] if also else []))
    listings = found.get(keys[0])
    if listings is None or (listings[1] is not None and listings[1] <= time.time()):
        listings = _write_versions([LISTINGS])[keys[0]]
    stamp = [listings[0]]
    if article_slug:
        # An article nobody has changed since the listings' version was made needs no key of
        # its own: the listings' token, new whenever the cache is emptied, keeps stamps unique.
        stamp.append(found.get(keys[1], "0"))
    stamp = ".".join(str(part) for part in stamp)
    return (stamp, found.get(also)) if also else stamp


def _news_page(request):
    """The URL match when the address is one of the cached page types, else None."""
    if request.path_info.startswith(settings.STATIC_URL):
        return None  # whitenoise's, further down
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match if match.view_name in CACHED_URL_NAMES else None


def _is_anonymous_get(request):
    if request.method != "GET" or not set(request.GET) <= CACHED_QUERY_PARAMETERS:
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False  # the security middleware below answers with the redirect
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _page_key(request):
    address = f"{settings.PAGE_CACHE_RELEASE}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def _is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Cache-Control"):
        # A view's own never-cache or private headers win (an editor's draft, for example).
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or b'name="csrfmiddlewaretoken"' in response.content:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _make_public(response, rendered_at):
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
    response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    response["Last-Modified"] = http_date(rendered_at)


def _make_private(response):
    """A news page rendered for one visitor must not be kept by a proxy or a CDN."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = "bypass"
    return response


def _freeze(response, stamp, rendered_at):
    headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIPPED]
    return (stamp, response.content, headers, rendered_at)


def _thaw(stored):
    _, content, headers, rendered_at = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response, rendered_at


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous GETs of the news pages; marks everyone else's private.

    It comes first in MIDDLEWARE, so a hit skips all the others; a stored page keeps the
    headers they added (security headers included) when it was rendered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _news_page(request)
        if match is None:
            return self.get_response(request)
        if not _is_anonymous_get(request):
            return _make_private(self.get_response(request))
        key = _page_key(request)
        slug = match.kwargs.get("slug") if match.view_name == "news:article" else None
        # One round trip: the versions and the stored page, which is current if its stamp is.
        stamp, stored = current_versions(slug, also=key)
        request.page_cache_stamp = stamp  # the page is on its way into the cache
        if stored is not None and stored[0] == stamp:
            response, rendered_at = _thaw(stored)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _is_storable(request, response):
                return _make_private(response)
            rendered_at = int(time.time())
            _make_public(response, rendered_at)
            stored = _freeze(response, stamp, rendered_at)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        recent_pages.put(_environ_key(request.META), _ready_to_send(stored))
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=rendered_at, response=response
        )


# What the client sent that can change the page Django renders for an anonymous GET: the
# address, and what the host and the scheme are read from. Cookies and conditional headers are
# checked apart (RecentPagesApplication._is_plain_anonymous_get).
_ENVIRON_KEY_PARTS = (
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "SERVER_NAME",
    "SERVER_PORT",
    "wsgi.url_scheme",
)


def _environ_key(environ):
    return (settings.PAGE_CACHE_RELEASE, *(environ.get(name) for name in _ENVIRON_KEY_PARTS))


def _ready_to_send(stored):
    """A stored page as a WSGI status, header list and body."""
    _, content, headers, _ = stored
    headers = [(name, str(value)) for name, value in headers if name.lower() != "content-length"]
    headers += [("Content-Length", str(len(content))), ("X-Page-Cache", "hit")]
    return "200 OK", headers, content


class RecentPagesApplication:
    """The WSGI application in front of Django: repeat anonymous GETs of a page this process
    stored or served in the last PAGE_CACHE_LOCAL_SECONDS are answered from memory.

    A page gets here only through AnonymousPageCacheMiddleware, which decided it may be stored;
    the key holds everything else that could make Django answer differently (address, host,
    scheme, release). Requests with a session or messages cookie, or conditional ones (answered
    with a 304 by the middleware), go to Django.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if self._is_plain_anonymous_get(environ):
            ready = recent_pages.get(_environ_key(environ))
            if ready is not None:
                status, headers, content = ready
                start_response(status, headers)
                return [content]
        return self.application(environ, start_response)

    @staticmethod
    def _is_plain_anonymous_get(environ):
        if environ.get("REQUEST_METHOD") != "GET":
            return False
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return False
        cookies = environ.get("HTTP_COOKIE", "")
        return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


# Freshness: which writes make which pages stale.


def article_discussion_changed(article_id):
    """Refreshes an article's page and the listings (they show comment counts), as after a
    new or moderated comment.

    Signals cover comments saved or deleted one by one; code that changes comments with
    QuerySet.update() calls this itself.
    """
    Article = apps.get_model("news", "Article")
    slug = Article.objects.filter(pk=article_id).values_list("slug", flat=True).first()
    bump(LISTINGS, *([_article_version_name(slug)] if slug else []))


def _listings_changed(action=None, **kwargs):
    if action is None or action.startswith("post_"):  # m2m_changed sends pre_ and post_ actions
        bump(LISTINGS)


def _article_changed(instance, **kwargs):
    bump(LISTINGS, _article_version_name(instance.slug))


def _comment_changed(instance, **kwargs):
    article_discussion_changed(instance.article_id)


def _articles_imported(created_ids, updated_ids, **kwargs):
    """An import batch: new articles change the listings; changed ones also their own pages."""
    Article = apps.get_model("news", "Article")
    slugs = Article.objects.filter(pk__in=updated_ids).values_list("slug", flat=True) if updated_ids else []
    bump(LISTINGS, *(_article_version_name(slug) for slug in slugs))


def connect_signals():
    """Listen to the models the pages show; the comments app is optional and not imported."""
    from news.signals import articles_imported

    article = apps.get_model("news", "Article")
    articles_imported.connect(_articles_imported, dispatch_uid="page-cache-import")
    post_save.connect(_article_changed, sender=article, dispatch_uid="page-cache-article")
    post_delete.connect(_article_changed, sender=article, dispatch_uid="page-cache-article-delete")
    m2m_changed.connect(_listings_changed, sender=article.keywords.through, dispatch_uid="page-cache-keywords")
    for model_name in ("Section", "Keyword", "Author", "RelatedLink"):
        model = apps.get_model("news", model_name)
        post_save.connect(_listings_changed, sender=model, dispatch_uid=f"page-cache-{model_name}")
        post_delete.connect(_listings_changed, sender=model, dispatch_uid=f"page-cache-{model_name}-delete")
    try:
        comment = apps.get_model("comments", "Comment")
    except LookupError:
        return
    post_save.connect(_comment_changed, sender=comment, dispatch_uid="page-cache-comment")
    post_delete.connect(_comment_changed, sender=comment, dispatch_uid="page-cache-comment-delete")
    # An editor closing or reopening a thread changes what the article page says under it.
    thread = apps.get_model("comments", "CommentThread")
    post_save.connect(_comment_changed, sender=thread, dispatch_uid="page-cache-comment-thread")
    post_delete.connect(_comment_changed, sender=thread, dispatch_uid="page-cache-comment-thread-delete")
