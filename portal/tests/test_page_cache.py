"""The anonymous page cache: conditional requests, freshness after every change, no leaks."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
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
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content
    assert "First light for the new telescope</h1>" in second.content.decode()
    assert "Set-Cookie" not in second


def test_matching_etag_answers_304_without_a_body(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    stale = client.get(url, headers={"if-none-match": '"something-else"'})
    assert by_etag.status_code == 304
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


def test_keyword_and_author_pages_and_feeds_are_cached_and_follow_publishing(client, story):
    urls = ["/news/keyword/telescopes/", "/news/keyword/telescopes/feed/", "/news/author/ada/", "/news/author/ada/feed/"]
    _warm(client, urls)
    make_article("Second telescope sees first light", section=story.section, author=story.author, keywords=[*story.keywords.all()])
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Second telescope sees first light" in response.content.decode(), url


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


def test_a_change_renews_the_tokens_in_its_own_transaction(story):
    from django.db import transaction

    before = page_cache.current_tokens([page_cache.LISTINGS])
    with pytest.raises(RuntimeError), transaction.atomic():
        story.title = "Renamed, then rolled back"
        story.save()
        assert page_cache.current_tokens([page_cache.LISTINGS]) != before
        raise RuntimeError
    assert page_cache.current_tokens([page_cache.LISTINGS]) == before  # nothing changed, nothing renewed
    story.refresh_from_db()
    story.save()
    assert page_cache.current_tokens([page_cache.LISTINGS]) != before


def test_scheduled_article_appears_when_its_time_comes(client, story):
    make_article("Countdown story", section=story.section, published_at=timezone.now() + timedelta(seconds=1))
    assert "Countdown story" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    time.sleep(1.1)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Countdown story" in response.content.decode()


def test_a_comment_renews_its_article_page_only(client, story):
    from comments.models import Comment
    from comments.tests.factories import make_comment

    other = make_article("Another story of the day", section=story.section)
    urls = [story.get_absolute_url(), other.get_absolute_url(), *_listing_urls(story)]
    _warm(client, urls)
    make_comment(story, body="A first reader's view", status=Comment.Status.PUBLISHED)
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "A first reader&#x27;s view" in response.content.decode()
    for url in urls[1:]:
        assert client.get(url)["X-Page-Cache"] == "hit", url


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
    assert post_save.disconnect(sender=comment, dispatch_uid="page-cache-Comment")
    assert post_delete.disconnect(sender=comment, dispatch_uid="page-cache-Comment-delete")
    page_cache.connect_signals()


def test_other_query_parameters_are_not_cached_but_pages_are(client, story):
    client.get("/news/?page=1")
    assert client.get("/news/?page=1")["X-Page-Cache"] == "hit"
    assert client.get("/news/")["X-Page-Cache"] == "hit"  # the same page
    client.get("/news/?utm_source=x")
    assert client.get("/news/?utm_source=x")["X-Page-Cache"] == "bypass"


def test_every_spelling_of_a_page_number_shares_one_entry(client, settings, story):
    from news.tests.factories import make_archive

    make_archive(settings.NEWS_PAGE_SIZE + 1)  # two pages
    spellings = [f"{'0' * zeros}{number}" for number in (1, 2) for zeros in range(100)]
    spellings += ["1_0", "٢", "+1", " 1", "1.0", "last", "2&page=1", "1e0", "0x1", "99999999999"]
    stored = 0
    for spelling in spellings:
        stored += client.get("/news/?page=" + spelling).get("X-Page-Cache") == "miss"
    assert len(spellings) > 200 and stored == 2  # page 1 and page 2, once each


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


# Logged-in readers: their own pages, always current.


def test_logged_in_pages_follow_publication_and_edits(story):
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="pw"))
    assert "First light" in reader.get("/news/section/launchers/").content.decode()
    make_article("Fresh for members too", section=story.section)
    assert "Fresh for members too" in reader.get("/news/section/launchers/").content.decode()
    assert "Fresh for members too" in reader.get("/").content.decode()
    story.title = "Edited through the model"
    story.save()
    assert "Edited through the model</h1>" in reader.get(story.get_absolute_url()).content.decode()


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


def test_a_new_release_starts_with_fresh_pages(client, settings, story):
    client.get("/")
    settings.PAGE_CACHE_RELEASE = "next-release"
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_the_section_teaser_never_shows_the_article_itself(client, story):
    older = make_article("An older story", section=story.section, published_at=story.published_at - timedelta(days=1))
    oldest = make_article(
        "The oldest story", section=story.section, published_at=story.published_at - timedelta(days=2)
    )
    newest_page = client.get(story.get_absolute_url()).content.decode()
    assert 'class="section-teaser"' in newest_page and "An older story</a>" in newest_page
    client.get(older.get_absolute_url())
    html = client.get(story.get_absolute_url()).content.decode()
    teaser = html.split('class="section-teaser"')[1].split("</section>")[0]
    assert "An older story</a>" in teaser and "First light for the new telescope</a>" not in teaser
    html = client.get(oldest.get_absolute_url()).content.decode()
    teaser = html.split('class="section-teaser"')[1].split("</section>")[0]
    assert "First light for the new telescope</a>" in teaser


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


def test_edits_deletions_and_flag_holds_made_through_the_site_show_on_the_cached_page(client, settings, story):
    from comments.models import Comment
    from comments.tests.factories import make_comment, make_reader

    settings.COMMENTS_NEW_ACCOUNT_HOLD = 0
    settings.COMMENTS_FLAGS_TO_HOLD = 1
    author, flagger = make_reader("author"), make_reader("flagger")
    edited = make_comment(story, author, "Fist light at last", status=Comment.Status.PUBLISHED)
    replied = make_comment(story, author, "A thread with a reply", status=Comment.Status.PUBLISHED)
    make_comment(story, make_reader(), "The reply", parent=replied, status=Comment.Status.PUBLISHED)
    flagged = make_comment(story, make_reader(), "Buy cheap telescopes", status=Comment.Status.PUBLISHED)
    make_comment(story, flagger, "An earlier comment of the flagger", status=Comment.Status.PUBLISHED)
    url = story.get_absolute_url()
    _warm(client, [url])

    own = Client()
    own.force_login(author)
    assert own.post(reverse("comments:edit", args=[edited.pk]), {"body": "First light at last"}).status_code == 303
    assert own.post(reverse("comments:delete", args=[replied.pk])).status_code == 303
    other = Client()
    other.force_login(flagger)
    other.post(reverse("comments:flag", args=[flagged.pk]), {"reason": "spam"})
    assert Comment.objects.get(pk=flagged.pk).status == Comment.Status.PENDING

    html = client.get(url).content.decode()
    assert "First light at last" in html and "Fist light" not in html
    assert "A thread with a reply" not in html and "The reply" in html
    assert "Buy cheap telescopes" not in html


# Each process's recent copies (PAGE_CACHE_LOCAL_SECONDS), in front of Django.


class _Front:
    """The production WSGI stack (RecentPagesApplication in front of Django), counting the
    requests that reach Django."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        self.reached_django = 0
        handler = WSGIHandler()

        def django(environ, start_response):
            self.reached_django += 1
            # As the test client does: the test's database connection must outlive the request.
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
            try:
                return handler(environ, start_response)
            finally:
                request_started.connect(close_old_connections)
                request_finished.connect(close_old_connections)

        self.application = page_cache.RecentPagesApplication(django)

    def get(self, path, **headers):
        from django.test import RequestFactory

        environ = RequestFactory().get(path, **headers).environ
        sent = {}

        def start_response(status, header_list, exc_info=None):
            sent.update(status=status, headers=dict(header_list))

        body = b"".join(self.application(environ, start_response))
        return sent["status"], sent["headers"], body.decode()


@pytest.fixture
def front(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    page_cache.recent.clear()
    yield _Front()
    page_cache.recent.clear()


def test_a_repeat_visit_is_sent_by_this_process_without_django_for_a_moment(front, story):
    url = story.get_absolute_url()
    front.get(url)
    status, headers, html = front.get(url)
    assert front.reached_django == 1
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit" and "First light for the new telescope</h1>" in html
    assert headers["Cache-Control"] == "public, max-age=10"
    time.sleep(1.1)
    front.get(url)
    assert front.reached_django == 2  # the copy is gone after PAGE_CACHE_LOCAL_SECONDS


def test_a_change_in_this_process_forgets_its_copies_at_once(front, story):
    url = story.get_absolute_url()
    front.get(url)
    story.title = "Renamed in this process"
    story.save()
    assert "Renamed in this process</h1>" in front.get(url)[2]
    assert front.reached_django == 2


def test_only_plain_anonymous_gets_are_sent_from_the_copy(front, story):
    url = story.get_absolute_url()
    status, headers, _ = front.get(url)
    assert front.get(url, HTTP_IF_NONE_MATCH=headers["ETag"])[0].startswith("304")  # Django answers it
    front.get(url, HTTP_COOKIE="sessionid=not-a-session")
    front.get(url + "?utm_source=x")
    front.get("/news/")  # another address
    assert front.reached_django == 5
