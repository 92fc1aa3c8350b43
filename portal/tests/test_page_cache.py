"""The anonymous page cache: conditional requests, freshness after every change, no leaks."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.test.signals import template_rendered
from django.utils import timezone

from news.models import Article, RelatedLink
from news.tests.factories import make_article, make_author, make_keyword, make_section
from portal import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("Launchers", slug="launchers")
    return make_article(
        "First light for the new telescope",
        section=section,
        author=make_author("Ada Reporter", slug="ada"),
        keywords=[make_keyword("TELESCOPES", slug="telescopes")],
    )


def _listing_urls(article):
    day = article.local_published_at
    return [
        "/",
        "/news/",
        f"/news/{day:%Y}/",
        f"/news/{day:%Y/%m}/",
        f"/news/{day:%Y/%m/%d}/",
        "/news/section/launchers/",
        "/news/feed/",
        "/news/section/launchers/feed/",
    ]


def _warm(client, urls):
    for url in urls:
        client.get(url)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_second_anonymous_visit_is_a_hit_with_public_headers(client, story):
    first = client.get(story.get_absolute_url())
    second = client.get(story.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Cache-Control"] == "public, max-age=10"
    assert second["ETag"] == first["ETag"] and second["Last-Modified"] == first["Last-Modified"]
    assert second.content == first.content
    assert "First light for the new telescope</h1>" in second.content.decode()
    assert "Set-Cookie" not in second


def test_matching_etag_or_date_answers_304_without_a_body(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    stale = client.get(url, headers={"if-none-match": '"something-else"'})
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b"" and by_etag["ETag"] == first["ETag"]
    assert stale.status_code == 200 and b"First light" in stale.content


def test_publishing_shows_on_every_listing_at_once(client, story):
    urls = _listing_urls(story)
    _warm(client, urls)
    make_article("Second stage recovered at sea", section=story.section)
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Second stage recovered at sea" in response.content.decode(), url


def test_editing_shows_on_the_article_and_the_listings(client, story):
    urls = [story.get_absolute_url(), *_listing_urls(story)]
    _warm(client, urls)
    story.title = "First light, and a first surprise"
    story.save()
    for url in urls:
        html = client.get(url).content.decode()
        assert "First light, and a first surprise" in html, url
        assert "First light for the new telescope" not in html, url


def test_unpublishing_removes_the_article_everywhere(client, story):
    urls = _listing_urls(story)
    _warm(client, [story.get_absolute_url(), *urls])
    story.status = Article.Status.DRAFT
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in urls:
        assert "First light for the new telescope" not in client.get(url).content.decode(), url


def test_deleting_and_related_changes_refresh_the_article(client, story):
    url = story.get_absolute_url()
    _warm(client, [url])
    RelatedLink.objects.create(article=story, title="Observatory notes", url="https://example.org/notes")
    assert "Observatory notes" in client.get(url).content.decode()
    story.keywords.add(make_keyword("OPTICS", slug="optics"))
    assert "/news/keyword/optics/" in client.get(url).content.decode()
    story.delete()
    assert client.get(url).status_code == 404


def test_versions_change_again_when_the_transaction_commits(story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Renamed inside a transaction"
        story.save()
        # A page rendered now by another connection would still show the old title.
        during = page_cache.current_versions(story.slug)
    assert page_cache.current_versions(story.slug) != during


def test_scheduled_article_appears_when_its_time_comes(client, story):
    make_article("Countdown story", section=story.section, published_at=timezone.now() + timedelta(seconds=1))
    assert "Countdown story" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    time.sleep(1.1)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Countdown story" in response.content.decode()


def test_a_new_comment_refreshes_its_article_and_the_comment_counts_on_listings(client, story):
    _warm(client, [story.get_absolute_url(), "/"])
    # What a saved or deleted comment triggers (see the next test for the signal itself).
    page_cache.article_discussion_changed(story.pk)
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_real_comment_shows_on_its_page_and_in_the_counts(client, story):
    from comments.models import Comment
    from comments.tests.factories import make_comment

    story.is_lead = True
    story.save()
    _warm(client, [story.get_absolute_url(), "/"])
    make_comment(story, body="A first reader's view", status=Comment.Status.PUBLISHED)
    assert "A first reader&#x27;s view" in client.get(story.get_absolute_url()).content.decode()
    assert "1 comment</a>" in client.get("/").content.decode()


def test_an_import_refreshes_the_listings_and_the_pages_it_changed(client, story, tmp_path):
    import json

    from django.core.management import call_command

    row = {
        "external_id": "wire-1",
        "title": "Imported rover story",
        "section": "launchers",
        "published_at": "2026-01-05T10:00:00+00:00",
        "teaser": "Imported.",
        "body": "<p>From the wire.</p>",
    }
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row) + "\n")
    _warm(client, ["/news/"])
    call_command("import_articles", str(path), "--no-progress")
    assert "Imported rover story" in client.get("/news/").content.decode()

    imported = story.__class__.objects.get(external_id="wire-1")
    _warm(client, [imported.get_absolute_url()])
    path.write_text(json.dumps({**row, "teaser": "Corrected on re-import."}) + "\n")
    call_command("import_articles", str(path), "--no-progress")
    assert "Corrected on re-import." in client.get(imported.get_absolute_url()).content.decode()


def test_closing_a_thread_shows_on_the_cached_article_page(client, story):
    from comments.models import CommentThread

    _warm(client, [story.get_absolute_url()])
    CommentThread.objects.create(article=story, is_closed=True)
    assert "Comments are closed for this article." in client.get(story.get_absolute_url()).content.decode()


def test_comment_signals_are_connected_once_the_comments_app_has_its_model():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    try:
        comment = apps.get_model("comments", "Comment")
    except LookupError:
        pytest.skip("the comments app has no Comment model in this branch yet")
    assert post_save.disconnect(sender=comment, dispatch_uid="page-cache-comment")
    assert post_delete.disconnect(sender=comment, dispatch_uid="page-cache-comment-delete")
    page_cache.connect_signals()


def test_other_query_parameters_are_not_cached_but_pages_are(client, story):
    client.get("/news/?page=1")
    assert client.get("/news/?page=1")["X-Page-Cache"] == "hit"
    client.get("/news/?utm_source=x")
    assert client.get("/news/?utm_source=x")["X-Page-Cache"] == "bypass"


def test_drafts_and_other_pages_are_never_stored(client, story):
    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    draft = make_article("Secret draft", section=story.section, status=Article.Status.DRAFT)
    client.force_login(editor)
    assert "Secret draft" in client.get(draft.get_absolute_url()).content.decode()
    anonymous = Client()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    assert "X-Page-Cache" not in anonymous.get("/accounts/login/")
    assert "no-cache" in anonymous.get("/healthz")["Cache-Control"]


# No leaks between visitors.


def test_logged_in_reader_never_gets_or_leaves_a_cached_page(story):
    anonymous, reader = Client(), Client()
    reader.force_login(User.objects.create_user("astrid", password="pw"))
    anonymous.get("/")
    mine = reader.get("/")
    assert mine["X-Page-Cache"] == "bypass"
    assert mine["Cache-Control"] == "private, no-cache"
    assert "Signed in as astrid" in mine.content.decode()
    reader.get(story.get_absolute_url())
    for url in ("/", story.get_absolute_url()):
        html = anonymous.get(url).content.decode()
        assert "astrid" not in html and "Log out" not in html and "csrfmiddlewaretoken" not in html
        assert "Log in</a>" in html


def test_a_visitors_message_stays_with_that_visitor(story):
    leaving, stranger = Client(), Client()
    leaving.force_login(User.objects.create_user("leaving", password="pw"))
    leaving.post("/accounts/logout/")
    stranger.get("/")
    own = leaving.get("/").content.decode()
    assert "You have signed out." in own
    for _ in range(2):
        assert "signed out" not in stranger.get("/").content.decode()


def test_a_page_with_a_csrf_token_is_not_stored(settings, story):
    settings.ROOT_URLCONF = "portal.tests.csrf_urls"
    first, second = Client(), Client()
    one, two = first.get("/"), second.get("/")
    assert one["X-Page-Cache"] == two["X-Page-Cache"] == "bypass"
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in one.content.decode() and token in two.content.decode()
    assert one.content != two.content


# Logged-in readers: shared fragments keyed on the same versions.


def test_logged_in_readers_share_the_expensive_fragments(story):
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="pw"))
    url = story.get_absolute_url()
    assert "First light for the new telescope</h1>" in reader.get(url).content.decode()
    # A change that sends no signal is not seen: the story body comes from the fragment cache...
    Article.objects.filter(pk=story.pk).update(title="Changed behind the cache's back")
    assert "First light for the new telescope</h1>" in reader.get(url).content.decode()
    # ...and a real save refreshes it at once.
    story.refresh_from_db()
    story.title = "Edited through the model"
    story.save()
    assert "Edited through the model</h1>" in reader.get(url).content.decode()


def test_logged_in_listing_fragment_follows_publication(story):
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="pw"))
    assert "First light" in reader.get("/news/section/launchers/").content.decode()
    make_article("Fresh for members too", section=story.section)
    assert "Fresh for members too" in reader.get("/news/section/launchers/").content.decode()
    assert "Fresh for members too" in reader.get("/").content.decode()


# Behind the load balancer: HTTPS only, and each process's own recent pages.


@pytest.fixture
def recent_pages(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    page_cache.recent_pages.clear()
    yield page_cache.recent_pages
    page_cache.recent_pages.clear()


def test_plain_http_is_redirected_and_https_pages_keep_hsts(client, settings, story):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    redirect = client.get("/")
    assert redirect.status_code == 301 and redirect["Location"] == "https://testserver/"
    assert redirect["X-Page-Cache"] == "bypass"
    client.get("/", secure=True)
    hit = client.get("/", secure=True)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Strict-Transport-Security"] == "max-age=3600"
    assert client.get("/")["X-Page-Cache"] == "bypass"


class _Front:
    """The production WSGI stack (RecentPagesApplication in front of Django), counting what
    reaches Django."""

    def __init__(self):
        self.django_calls = 0
        handler = WSGIHandler()

        def django(environ, start_response):
            self.django_calls += 1
            # As the test client does: the test's database connection must outlive the request.
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
            try:
                return handler(environ, start_response)
            finally:
                request_started.connect(close_old_connections)
                request_finished.connect(close_old_connections)

        self.application = page_cache.RecentPagesApplication(django)

    def get(self, path, method="GET", secure=True, **headers):
        environ = RequestFactory().generic(method, path, secure=secure, **headers).environ
        sent = {}

        def start_response(status, header_list, exc_info=None):
            sent.update(status=int(status.split()[0]), headers=dict(header_list))

        body = b"".join(self.application(environ, start_response))
        return sent["status"], sent["headers"], body.decode()


@pytest.fixture
def front(recent_pages):
    return _Front()


def test_recent_pages_are_sent_before_django_and_skip_the_shared_cache_for_a_moment(front, story):
    status, headers, first = front.get("/")
    assert (status, headers["X-Page-Cache"], front.django_calls) == (200, "miss", 1)
    page_cache.cache.clear()  # the shared cache has lost the page: this process still has it
    status, headers, again = front.get("/")
    assert (status, headers["X-Page-Cache"], front.django_calls) == (200, "hit", 1)
    assert again == first and headers["Content-Length"] == str(len(first.encode()))
    assert headers["Cache-Control"] == "public, max-age=10" and headers["ETag"]
    time.sleep(1.1)
    assert front.get("/")[1]["X-Page-Cache"] == "miss"
    assert front.django_calls == 2


def test_a_change_in_this_process_forgets_recent_pages_at_once(front, story):
    front.get("/")
    make_article("Breaking while cached", section=story.section)
    status, headers, body = front.get("/")
    assert headers["X-Page-Cache"] == "miss" and front.django_calls == 2
    assert "Breaking while cached" in body


def test_recent_pages_are_only_for_plain_anonymous_gets_of_the_same_address(recent_pages, settings, story):
    settings.SECURE_SSL_REDIRECT = True
    front = _Front()  # after the setting: the security middleware reads it when it is made
    status, headers, body = front.get("/")
    assert front.django_calls == 1
    # A session or messages cookie, a conditional request, another method, scheme, host or
    # query string: Django answers.
    front.get("/", HTTP_COOKIE="sessionid=someone")
    front.get("/", HTTP_COOKIE="messages=notice")
    assert front.get("/", HTTP_IF_NONE_MATCH=headers["ETag"])[0] == 304
    assert front.get("/", method="HEAD")[0] == 200
    assert front.get("/", secure=False)[0] == 301
    assert front.get("/", HTTP_HOST="evil.example")[0] == 400
    assert front.get("/?page=1")[0] == 200
    assert front.django_calls == 8
    # An unrelated cookie does not make the page personal.
    assert front.get("/", HTTP_COOKIE="theme=dark")[1]["X-Page-Cache"] == "hit"
    assert front.django_calls == 8


def test_pages_that_are_not_stored_never_come_from_memory(front, story):
    draft = make_article("Secret draft", section=story.section, status=Article.Status.DRAFT)
    for _ in range(2):
        assert front.get(draft.get_absolute_url())[0] == 404
        assert front.get("/news/search/?q=telescope")[0] == 200
    assert front.django_calls == 4


def test_a_new_release_starts_with_fresh_pages(client, settings, story):
    client.get("/")
    settings.PAGE_CACHE_RELEASE = "next-release"
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_logged_in_repeat_visit_skips_the_section_teaser_query(story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article("Teaser for members", section=story.section)
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="pw"))
    with CaptureQueriesContext(connection) as first:
        assert "Teaser for members" in reader.get(story.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert "Teaser for members" in reader.get(story.get_absolute_url()).content.decode()
    assert len(second) < len(first)


def test_fragment_cache_without_a_name_is_a_template_error():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="fragment_cache needs a fragment name"):
        Template("{% load page_cache_tags %}{% fragment_cache %}x{% endfragment_cache %}")


def test_the_section_teaser_is_shared_but_never_shows_the_article_itself(client, story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    older = make_article("An older story", section=story.section, published_at=story.published_at - timedelta(days=1))
    oldest = make_article(
        "The oldest story", section=story.section, published_at=story.published_at - timedelta(days=2)
    )
    newest_page = client.get(story.get_absolute_url()).content.decode()
    assert 'class="section-teaser"' in newest_page and "An older story</a>" in newest_page
    client.get(older.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        html = client.get(oldest.get_absolute_url()).content.decode()
    teaser = html.split('class="section-teaser"')[1].split("</section>")[0]
    assert "First light for the new telescope</a>" in teaser
    assert not any("LIMIT 1" in query["sql"] and "NOT" in query["sql"] for query in queries)


def test_values_for_the_listings_are_kept_per_version():
    built = []

    def build():
        built.append(1)
        return len(built)

    assert [page_cache.for_listings(None, "counter", build) for _ in range(2)] == [1, 2]  # no request
    request = RequestFactory().get("/")
    request.page_cache_stamp = "first-token.0"
    assert [page_cache.for_listings(request, "counter", build) for _ in range(2)] == [3, 3]
    request.page_cache_stamp = "first-token.another-article"
    assert page_cache.for_listings(request, "counter", build) == 3
    request.page_cache_stamp = "second-token"
    assert page_cache.for_listings(request, "counter", build) == 4

    # A request without a stamp (a logged-in reader's page) reads the listings' version once.
    unstamped = RequestFactory().get("/")
    assert [page_cache.for_listings(unstamped, "counter", build) for _ in range(2)] == [5, 5]
    assert page_cache.for_listings(RequestFactory().get("/"), "counter", build) == 5
    page_cache.bump(page_cache.LISTINGS)
    assert page_cache.for_listings(unstamped, "counter", build) == 5  # its version, for the whole request
    assert page_cache.for_listings(RequestFactory().get("/"), "counter", build) == 6


def test_anonymous_pages_follow_a_renamed_section_and_a_newer_teaser(client, story):
    other = make_article("Another launcher story", section=story.section, published_at=story.published_at - timedelta(hours=1))
    html = client.get(other.get_absolute_url()).content.decode()
    assert ">Launchers</a>" in html and "First light for the new telescope</a>" in html

    story.section.name = "Launch vehicles"
    story.section.save()
    newer = make_article("A newer launcher story", section=story.section, published_at=timezone.now())
    html = client.get(other.get_absolute_url()).content.decode()
    assert ">Launch vehicles</a>" in html and ">Launchers</a>" not in html
    teaser = html.split('class="section-teaser"')[1].split("</section>")[0]
    assert newer.title in teaser


def test_the_parts_every_anonymous_page_shares_are_rendered_once_per_version(client, story):
    other = make_article("Second story of the day", section=story.section)
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    shared = ["includes/_sidebar.html", "news/_section_nav.html", "supporters/_appeal.html"]
    template_rendered.connect(record)
    try:
        first = client.get(story.get_absolute_url()).content.decode()
        second = client.get(other.get_absolute_url()).content.decode()
        assert [rendered.count(name) for name in shared] == [1, 1, 1]
        for html in (first, second):
            assert 'id="sidebar-sections"' in html and "Search News Archive" in html
            assert '<a href="/news/section/launchers/">Launchers</a>' in html  # nav, not current
            assert "Thanks for being there;" in html
            assert f"&copy; {timezone.localtime():%Y}" in html

        make_section("Astronomy", slug="astronomy")  # the listings change
        third = client.get(make_article("Third story", section=story.section).get_absolute_url()).content.decode()
        assert [rendered.count(name) for name in shared] == [2, 2, 2]
        assert third.count('<a href="/news/section/astronomy/">Astronomy</a>') == 2  # nav and sidebar
        section_page = client.get("/news/section/launchers/").content.decode()
        assert '<a href="/news/section/launchers/" aria-current="page">Launchers</a>' in section_page
    finally:
        template_rendered.disconnect(record)
    # Logged-in readers get the same shared parts, and their own name, on pages of their own.
    client.force_login(User.objects.create_user("reader"))
    rendered.clear()
    template_rendered.connect(record)
    try:
        pages = [client.get(article.get_absolute_url()) for article in (story, other)]
        assert [rendered.count(name) for name in shared] == [0, 0, 0]
        for response in pages:
            html = response.content.decode()
            assert "Signed in as reader" in html and "Thanks for being there;" in html
            assert html.count('<a href="/news/section/astronomy/">Astronomy</a>') == 2
            assert "private" in response["Cache-Control"]

        make_section("Planetary science", slug="planetary-science")
        html = client.get(other.get_absolute_url()).content.decode()
        assert [rendered.count(name) for name in shared] == [1, 1, 1]
        assert html.count('<a href="/news/section/planetary-science/">Planetary science</a>') == 2
    finally:
        template_rendered.disconnect(record)
