"""Every page type a reader meets, made from real rows and visited in a real browser at the two
widths and in both colour schemes. The page checks (`test_page_checks.py`) and `make screenshots`
both walk this tour, so what is checked is what is pictured."""

import io
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentThread
from comments.tests.factories import make_comment, make_reader
from news.models import Article

WIDTHS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")


@dataclass
class PageType:
    name: str
    visitor: str = "anonymous"  # or "reader" (signed in) or "supporter" (the browser that paid)
    status: int = 200
    shows: str = "main h1"  # a CSS selector: what makes the page the type it names
    path: str = ""  # made with the rows, by build_site()


PAGE_TYPES = [
    PageType("home"),
    PageType("section"),
    PageType("keyword"),
    PageType("author"),
    PageType("archive"),
    PageType("archive-year"),
    PageType("archive-month"),
    PageType("archive-day"),
    PageType("article"),
    PageType("article-with-comments", shows=".comment-replies .comment-body"),
    PageType("article-signed-in", visitor="reader", shows="#comments textarea[name=body]"),
    PageType("article-closed", shows=".comments-closed"),
    PageType("search-form"),
    PageType("search-results", shows="main mark"),
    PageType("search-error", status=400, shows="main .errorlist"),
    PageType("login"),
    PageType("signup"),
    PageType("password-reset"),
    PageType("support"),
    PageType("thanks", visitor="supporter", shows=".support-paid"),
    PageType("flag-form", visitor="reader", shows="main form[method=post]"),
    PageType("edit-form", visitor="reader", shows="main textarea[name=body]"),
    PageType("not-found", status=404),
    PageType("flash-message", shows=".message"),
]


def build_site(thanks_path):
    """`make run`'s demo (articles with illustrations, readers' comments, supporters), one of its
    threads closed, and a reader of the tour's own with a comment still open to editing. Returns
    the page types with their addresses, and the reader to sign in."""
    for command in ("seed_demo", "seed_demo_comments", "seed_demo_supporters"):
        call_command(command, stdout=io.StringIO())
    published = Article.objects.published().select_related("section", "author")
    lead = published.filter(is_lead=True).exclude(image="").first()
    discussed = Comment.objects.filter(parent__isnull=False).select_related("article").first().article
    plain = published.filter(image="").exclude(pk__in=Comment.objects.values("article")).first()
    closed = published.exclude(pk__in=Comment.objects.values("article")).last()
    make_comment(closed, Comment.objects.first().user, "Following this one closely; thanks for the clear write-up.", created_at=closed.published_at)
    CommentThread.objects.filter(article=closed).update(is_closed=True)
    reader = make_reader("ada")
    own_comment = make_comment(discussed, reader, "Watching the landing from the beach was something else.")
    neighbours_comment = Comment.objects.filter(article=discussed, parent=None).exclude(user=reader).first()
    day = timezone.localtime(lead.published_at)
    paths = {
        "home": "/",
        "section": lead.section.get_absolute_url(),
        "keyword": published.filter(keywords__isnull=False).first().keywords.first().get_absolute_url(),
        "author": published.exclude(author=None).first().author.get_absolute_url(),
        "archive": "/news/",
        "archive-year": f"/news/{day:%Y}/",
        "archive-month": f"/news/{day:%Y/%m}/",
        "archive-day": f"/news/{day:%Y/%m/%d}/",
        "article": plain.get_absolute_url(),
        "article-with-comments": discussed.get_absolute_url(),
        "article-signed-in": discussed.get_absolute_url(),
        "article-closed": closed.get_absolute_url(),
        "search-form": "/news/search/",
        "search-results": "/news/search/?q=launch",
        "search-error": "/news/search/?from=2021-02-30",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "support": "/support/",
        "thanks": thanks_path,
        "flag-form": f"/comments/{neighbours_comment.pk}/flag/",
        "edit-form": f"/comments/{own_comment.pk}/edit/",
        "not-found": "/news/section/no-such-section/",
        "flash-message": "/support/?cancelled=1",
    }
    return [replace(page, path=paths[page.name]) for page in PAGE_TYPES], reader


def signed_in_state(user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"cookies": [{"name": cookie.key, "value": cookie.value, "url": base_url}], "origins": []}


def pay_once(browser, base_url):
    """Pays through the (fake) Stripe Checkout as a visitor would; returns the thank-you page's
    address and the browser's storage, which holds the checkout session that page asks for."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/support/?frequency=once")
    page.get_by_role("button", name="Continue to secure payment").click()
    page.get_by_role("button", name="Pay").click()
    page.wait_for_url("**/support/thanks/?session_id=*")
    path = page.url.removeprefix(base_url)
    state = context.storage_state()
    context.close()
    return path, state


@dataclass
class Visit:
    width: str
    scheme: str
    page: object  # Playwright's Page
    response: object  # Playwright's Response


def tour(browser, base_url, pages, storage_states):
    """Yields each page type with its visits: the page loaded at each width and scheme, one
    browser context per visitor, width and scheme, all open at once so that the caller can run
    its checks in the four pages side by side."""
    contexts = {}
    try:
        for page_type in pages:
            visits = []
            for width, viewport in WIDTHS.items():
                for scheme in SCHEMES:
                    key = (page_type.visitor, width, scheme)
                    if key not in contexts:
                        context = browser.new_context(
                            base_url=base_url,
                            viewport=viewport,
                            color_scheme=scheme,
                            storage_state=storage_states.get(page_type.visitor),
                        )
                        contexts[key] = context.new_page()
                    browser_page = contexts[key]
                    visits.append(Visit(width, scheme, browser_page, browser_page.goto(page_type.path)))
            yield page_type, visits
    finally:
        for browser_page in contexts.values():
            browser_page.context.close()
