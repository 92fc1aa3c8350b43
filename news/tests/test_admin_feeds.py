"""Editors configure agency feeds in admin and fetch them on demand."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news.models import Article, FeedSource

from .factories import make_section

pytestmark = pytest.mark.django_db


def _source_form(section, **overrides):
    return {
        "name": "Test Agency Space",
        "url": "https://agency.example.org/space.rss",
        "section": section.pk,
        "agency": "TA",
        "interval": "15",
        "is_active": "on",
        **overrides,
    }


def test_editor_adds_a_feed_source_that_makes_drafts(editor_client):
    section = make_section("Launchers", slug="launchers")
    response = editor_client.post("/admin/news/feedsource/add/", _source_form(section))
    assert response.status_code == 302
    source = FeedSource.objects.get()
    assert (source.name, source.url, source.section, source.agency) == (
        "Test Agency Space", "https://agency.example.org/space.rss", section, "TA"
    )
    assert source.publish is False and source.is_active is True and source.interval == 15
    assert source.is_due(timezone.now())


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"url": "ftp://agency.example.org/space.rss"}, "Enter a valid URL."),
        ({"interval": "5"}, "Ensure this value is greater than or equal to 15."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_bad_feed_source_is_refused_with_the_reason(editor_client, overrides, error):
    response = editor_client.post("/admin/news/feedsource/add/", _source_form(make_section(), **overrides))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not FeedSource.objects.exists()


def test_change_form_shows_the_last_fetch_and_its_error(editor_client):
    source = FeedSource.objects.create(
        name="Broken agency", url="https://agency.example.org/broken.rss", section=make_section(),
        last_fetched_at=timezone.now(), last_summary="", etag='"v1"',
        last_error="https://agency.example.org/broken.rss is not a well-formed feed (line 8, column 6: <mismatched> tag)",
    )
    html = editor_client.get(f"/admin/news/feedsource/{source.pk}/change/").content.decode()
    assert '<input type="text" name="name" value="Broken agency"' in html
    assert 'name="publish"' in html and 'name="interval"' in html
    assert '<pre class="feed-error">https://agency.example.org/broken.rss is not a well-formed feed (line 8, column 6: &lt;mismatched&gt; tag)</pre>' in html
    assert "&quot;v1&quot;" in html  # the ETag, read-only
    assert 'name="etag"' not in html and 'name="last_error"' not in html
    listing = editor_client.get("/admin/news/feedsource/").content.decode()
    assert "Broken agency" in listing and 'alt="False"' in listing


def test_fetch_now_action_imports_the_selected_feed(editor_client, feed_server):
    section = make_section("Launchers", slug="launchers")
    url = feed_server.serve("/space.rss", "agency_rss.xml")
    source = FeedSource.objects.create(name="Agency", url=url, section=section)
    response = editor_client.post(
        "/admin/news/feedsource/", {"action": "fetch_now", "_selected_action": [source.pk]}, follow=True
    )
    assert "Agency: created 3, updated 0, skipped 0, failed 0" in response.content.decode()
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 3
    source.refresh_from_db()
    assert source.last_summary == "created 3, updated 0, skipped 0, failed 0" and source.etag


def test_fetch_now_reports_an_unreachable_feed(editor_client):
    source = FeedSource.objects.create(name="Gone", url="http://127.0.0.1:9/feed.rss", section=make_section())
    response = editor_client.post(
        "/admin/news/feedsource/", {"action": "fetch_now", "_selected_action": [source.pk]}, follow=True
    )
    assert "Gone: could not reach http://127.0.0.1:9/feed.rss" in response.content.decode()
    source.refresh_from_db()
    assert source.last_error.startswith("could not reach") and not Article.objects.exists()


def test_contributors_cannot_see_feed_sources(client):
    user = User.objects.create_user("writer", password="pw-for-tests-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(user)
    assert client.get("/admin/news/feedsource/").status_code == 403
