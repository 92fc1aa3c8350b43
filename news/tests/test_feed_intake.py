"""Agency feed intake against a local HTTP server serving our own RSS and Atom samples."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from news.models import Article, ArticleRevision, FeedSource, Keyword

from .factories import make_section
from .feed_server import FEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_section("Launchers", slug="launchers")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def fails(*args):
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=StringIO(), stderr=err)
    return str(raised.value), err.getvalue()


def test_rss_items_become_drafts_with_clean_bodies_keywords_and_dates(feed_server, section):
    url = feed_server.serve("/space.rss", "agency_rss.xml")
    out, _ = run("import_feed", url, "--section", "launchers", "--agency", "TA")
    assert out == "created 3, updated 0, skipped 0, failed 0"

    stage = Article.objects.get(external_id="agency.example.org:48151")
    assert stage.status == Article.Status.DRAFT
    assert stage.title == "Upper stage fires for ninety seconds"
    assert stage.section == section and stage.agency == "TA"
    assert stage.author.name == "Ada Reporter"
    assert stage.source_url == "https://agency.example.org/space/upper-stage-fires"
    assert stage.teaser == "The upper stage fired on Monday & worked."
    assert stage.body == (
        "<p>The upper stage fired for <strong>ninety</strong> seconds.</p>"
        '<p>Engineers <a rel="noopener noreferrer">cheered</a> and '
        '<a href="https://esa.example.org/" rel="noopener noreferrer">ESA</a> confirmed.</p>'
    )
    assert sorted(stage.keywords.values_list("name", flat=True)) == ["ARIANE 6", "LAUNCHERS"]
    # +0200, EST (-0500) and GMT: each the same instant in UTC
    assert stage.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    cargo = Article.objects.get(external_id="https://agency.example.org/space/cargo-docks")
    assert cargo.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert cargo.title == "Cargo craft docks early"
    assert cargo.author is None
    assert cargo.body == "<p>A cargo craft docked two hours early.</p><p>Crew members opened the hatch.</p>"
    lander = Article.objects.get(external_id="agency.example.org:48153")
    assert lander.published_at == datetime(2024, 3, 3, 23, 10, tzinfo=UTC)
    assert not Article.objects.published().exists()
    assert set(ArticleRevision.objects.values_list("origin", flat=True)) == {ArticleRevision.Origin.IMPORT}
    assert ArticleRevision.objects.filter(article=stage).count() == 1


def test_atom_entries_are_imported_and_published_with_publish(feed_server, section, settings):
    settings.TIME_ZONE = "America/New_York"
    url = feed_server.serve("/wire.atom", "agency_atom.xml", "application/atom+xml")
    out, _ = run("import_feed", url, "--section", "launchers", "--publish")
    assert out == "created 2, updated 0, skipped 0, failed 0"
    crew = Article.objects.get(external_id="tag:wire.example.net,2024:crew-returns")
    assert crew.status == Article.Status.PUBLISHED and crew.is_live
    assert crew.title == "Station crew returns"
    assert crew.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert crew.get_absolute_url() == "/news/2024/03/04/station-crew-returns/"
    assert crew.author.name == "Bo Writer"
    assert crew.body == "<p>Three astronauts landed in the steppe.</p><h2>Recovery</h2><p>Teams reached them within minutes.</p>"
    assert sorted(crew.keywords.values_list("name", flat=True)) == ["CREW", "ISS"]
    pad = Article.objects.get(external_id="tag:wire.example.net,2024:second-pad")
    assert pad.published_at == datetime(2024, 3, 5, 13, 15, tzinfo=UTC)  # +05:30, from <updated> alone
    assert pad.body == "<p>The spaceport opened a second pad.</p>"
    assert pad.teaser == "The spaceport opened a second pad."


def test_a_file_can_be_imported(section):
    out, _ = run("import_feed", str(FEEDS / "agency_atom.xml"), "--section", "launchers")
    assert out == "created 2, updated 0, skipped 0, failed 0"
    assert not FeedSource.objects.exists()


def test_repeated_runs_make_no_duplicates(section):
    path = str(FEEDS / "agency_rss.xml")
    run("import_feed", path, "--section", "launchers")
    out, _ = run("import_feed", path, "--section", "launchers")
    assert out == "created 0, updated 0, skipped 3, failed 0"
    assert Article.objects.count() == 3
    assert ArticleRevision.objects.count() == 3


def test_updated_item_updates_its_article_and_keeps_a_revision(section):
    run("import_feed", str(FEEDS / "agency_rss.xml"), "--section", "launchers")
    stage = Article.objects.get(external_id="agency.example.org:48151")
    stage.status = Article.Status.PUBLISHED  # an editor publishes it and adds a keyword
    stage.save()
    stage.keywords.add(Keyword.objects.create(name="EDITORS' PICK", slug="editors-pick"))
    before = ArticleRevision.objects.filter(article=stage).count()

    out, _ = run("import_feed", str(FEEDS / "agency_rss_updated.xml"), "--section", "launchers")

    assert out == "created 1, updated 1, skipped 2, failed 0"
    stage.refresh_from_db()
    assert stage.title == "Upper stage fires for ninety-two seconds"
    assert stage.body == "<p>The upper stage fired for <strong>ninety-two</strong> seconds, the agency corrected.</p>"
    assert stage.status == Article.Status.PUBLISHED  # the editor's choices stay
    assert sorted(stage.keywords.values_list("name", flat=True)) == ["ARIANE 6", "EDITORS' PICK", "ESA", "LAUNCHERS"]
    revisions = ArticleRevision.objects.filter(article=stage)
    assert revisions.count() == before + 1
    latest = revisions.first()
    assert latest.origin == ArticleRevision.Origin.IMPORT
    assert {"title", "body"} <= set(latest.changed)
    assert latest.fields["title"] == "Upper stage fires for ninety-two seconds"
    assert Article.objects.filter(title="Satellite reaches orbit", status=Article.Status.DRAFT).exists()


def test_an_editors_changes_stay_while_the_item_is_unchanged(section):
    path = str(FEEDS / "agency_rss.xml")
    run("import_feed", path, "--section", "launchers")
    Article.objects.filter(external_id="agency.example.org:48153").update(title="Lander passes vibration tests")
    out, _ = run("import_feed", path, "--section", "launchers")
    assert out == "created 0, updated 0, skipped 3, failed 0"
    assert Article.objects.get(external_id="agency.example.org:48153").title == "Lander passes vibration tests"


def test_an_item_whose_guid_changed_is_found_by_its_link(section, tmp_path):
    run("import_feed", str(FEEDS / "agency_rss.xml"), "--section", "launchers")
    changed = (FEEDS / "agency_rss.xml").read_text().replace(">48153<", ">lander-48153-v2<")
    (tmp_path / "feed.xml").write_text(changed)
    out, _ = run("import_feed", str(tmp_path / "feed.xml"), "--section", "launchers")
    assert out == "created 0, updated 0, skipped 3, failed 0"
    assert Article.objects.filter(source_url="https://agency.example.org/space/lander-tests").count() == 1


def test_unchanged_feed_costs_one_304(feed_server, section):
    url = feed_server.serve("/space.rss", "agency_rss.xml")
    run("import_feed", url, "--section", "launchers")
    source = FeedSource.objects.get(url=url)
    assert (source.etag, source.last_modified) == ('"agency_rss.xml"', "Mon, 04 Mar 2024 12:00:00 GMT")
    assert source.is_active is False  # noted for the validators; only admin turns fetching on

    out, _ = run("import_feed", url, "--section", "launchers")

    assert out == "not modified since the last fetch (304): created 0, updated 0, skipped 0, failed 0"
    assert len(feed_server.requests) == 2
    assert feed_server.requests[0]["if_none_match"] is None
    assert feed_server.requests[1]["if_none_match"] == '"agency_rss.xml"'
    assert feed_server.requests[1]["if_modified_since"] == "Mon, 04 Mar 2024 12:00:00 GMT"
    assert feed_server.requests[1]["user_agent"] == "Orbital Wire feed intake"
    assert Article.objects.count() == 3
    source.refresh_from_db()
    assert source.last_summary.startswith("not modified")


def test_changed_feed_at_the_same_address_is_fetched_in_full(feed_server, section):
    url = feed_server.serve("/space.rss", "agency_rss.xml")
    run("import_feed", url, "--section", "launchers")
    feed_server.serve("/space.rss", "agency_rss_updated.xml")  # a new ETag
    out, _ = run("import_feed", url, "--section", "launchers")
    assert out == "created 1, updated 1, skipped 2, failed 0"
    assert FeedSource.objects.get(url=url).etag == '"agency_rss_updated.xml"'


@pytest.mark.parametrize(
    ("name", "content_type", "reason"),
    [
        ("broken.xml", "application/rss+xml", "is not a well-formed feed (line 8, column 6: mismatched tag)"),
        ("not_a_feed.html", "text/html", "is neither RSS nor Atom"),
    ],
)
def test_broken_feed_is_refused_whole_with_its_reason(feed_server, section, name, content_type, reason):
    url = feed_server.serve("/feed", name, content_type)
    message, _ = fails("import_feed", url, "--section", "launchers")
    assert message == f"{url} {reason}. Nothing was imported."
    assert not Article.objects.exists()
    assert FeedSource.objects.get(url=url).etag == ""


def test_unreachable_feed_is_a_clear_error(feed_server, section):
    feed_server.httpd.shutdown()
    feed_server.httpd.server_close()
    url = feed_server.url("/space.rss")
    message, _ = fails("import_feed", url, "--section", "launchers")
    assert message.startswith(f"could not reach {url}: ")
    assert "refused" in message.lower() and message.endswith("Nothing was imported.")
    assert not Article.objects.exists()


def test_missing_feed_gives_the_servers_answer(feed_server, section):
    url = feed_server.url("/gone.rss")
    message, _ = fails("import_feed", url, "--section", "launchers")
    assert message == f"{url} answered 404 Not Found. Nothing was imported."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://agency.example.org/feed", "--section", "launchers"], "ftp://agency.example.org/feed: only http(s) addresses and files can be imported. Nothing was imported."),
        (["/no/such/feed.xml", "--section", "launchers"], "/no/such/feed.xml: No such file or directory. Nothing was imported."),
        ([str(FEEDS / "agency_rss.xml"), "--section", "nowhere"], "no section with the slug 'nowhere' (sections: launchers)"),
    ],
)
def test_bad_arguments_are_refused_with_the_reason(section, args, message):
    assert fails("import_feed", *args)[0] == message
    assert not Article.objects.exists()


def test_an_article_the_editors_deleted_is_not_imported_again(section):
    run("import_feed", str(FEEDS / "agency_rss.xml"), "--section", "launchers")
    Article.objects.get(external_id="agency.example.org:48151").delete()
    out, _ = run("import_feed", str(FEEDS / "agency_rss_updated.xml"), "--section", "launchers")
    assert out == "created 1, updated 0, skipped 3, failed 0"  # the agency updated it: still not back
    assert not Article.objects.filter(external_id="agency.example.org:48151").exists()
    assert not Article.objects.filter(title__startswith="Upper stage").exists()


def test_tags_without_letters_the_address_can_spell_are_left_out(section, tmp_path):
    feed = (FEEDS / "agency_rss.xml").read_text().replace("<category>ISS</category>", "<category>Космос</category>")
    (tmp_path / "feed.xml").write_text(feed)
    out, _ = run("import_feed", str(tmp_path / "feed.xml"), "--section", "launchers")
    assert out == "created 3, updated 0, skipped 0, failed 0"
    assert not Keyword.objects.filter(name="КОСМОС").exists()


def test_an_editors_keyword_of_the_same_name_is_used_whatever_its_address(section):
    launchers = Keyword.objects.create(name="LAUNCHERS", slug="launcher-news")
    out, _ = run("import_feed", str(FEEDS / "agency_rss.xml"), "--section", "launchers")
    assert out == "created 3, updated 0, skipped 0, failed 0"
    assert launchers in Article.objects.get(external_id="agency.example.org:48151").keywords.all()
    assert Keyword.objects.filter(name="LAUNCHERS").count() == 1


def test_an_answer_that_is_not_http_is_a_clear_error(feed_server, section):
    url = feed_server.serve("/garbled.rss", "agency_rss.xml")
    feed_server.garbled.add("/garbled.rss")
    message, _ = fails("import_feed", url, "--section", "launchers")
    assert message == f"could not read {url}: the server's answer was not HTTP (BadStatusLine). Nothing was imported."
    assert not Article.objects.exists()


def test_bad_items_are_reported_and_the_good_ones_imported(section):
    message, err = fails("import_feed", str(FEEDS / "bad_items.xml"), "--section", "launchers")
    assert message == "2 item(s) failed; the other items were imported."
    assert "item 2 (untitled): the item has neither a guid nor a link" in err
    assert "item 3 (An item with a bad link): source_url is not a valid http(s) URL: 'javascript:alert(1)'" in err
    assert list(Article.objects.values_list("title", flat=True)) == ["A good item"]


def make_source(url, section, **fields):
    return FeedSource.objects.create(name=fields.pop("name", url[-20:]), url=url, section=section, **fields)


def test_import_feeds_fetches_only_the_sources_that_are_due(feed_server, section):
    now = timezone.now()
    never = make_source(feed_server.serve("/never.rss", "agency_rss.xml"), section, name="Never fetched")
    due = make_source(feed_server.serve("/due.atom", "agency_atom.xml"), section, name="Due", publish=True)
    FeedSource.objects.filter(pk=due.pk).update(last_fetched_at=now - timedelta(minutes=15))
    recent = make_source(feed_server.serve("/recent.rss", "agency_rss.xml"), section, name="Recent")
    FeedSource.objects.filter(pk=recent.pk).update(last_fetched_at=now - timedelta(minutes=10))
    slow = make_source(feed_server.serve("/slow.rss", "agency_rss.xml"), section, name="Hourly", interval=60)
    FeedSource.objects.filter(pk=slow.pk).update(last_fetched_at=now - timedelta(minutes=30))
    make_source(feed_server.serve("/off.rss", "agency_rss.xml"), section, name="Off", is_active=False)

    out, _ = run("import_feeds")

    assert sorted(request["path"] for request in feed_server.requests) == ["/due.atom", "/never.rss"]
    assert out.splitlines() == [
        "Due: created 2, updated 0, skipped 0, failed 0",
        "Never fetched: created 3, updated 0, skipped 0, failed 0",
    ]
    assert Article.objects.published().count() == 2  # the Atom source publishes, the other drafts
    never.refresh_from_db()
    assert never.last_fetched_at >= now and never.last_error == ""
    assert never.last_summary == "created 3, updated 0, skipped 0, failed 0"


def test_import_feeds_notes_a_broken_source_and_goes_on(feed_server, section):
    broken = make_source(feed_server.serve("/broken.rss", "broken.xml"), section, name="A broken one")
    make_source(feed_server.serve("/good.atom", "agency_atom.xml"), section, name="B good one")

    message, err = fails("import_feeds")

    assert message == "1 feed source(s) had errors: A broken one (see each source in admin)."
    assert "A broken one: " in err and "mismatched tag" in err
    assert Article.objects.count() == 2
    broken.refresh_from_db()
    assert "is not a well-formed feed" in broken.last_error
    assert broken.last_fetched_at is not None  # tried again after its interval, not at once
    assert [source.name for source in FeedSource.objects.all() if source.is_due(timezone.now())] == []


def test_second_timer_run_gets_304_from_every_source(feed_server, section):
    make_source(feed_server.serve("/a.rss", "agency_rss.xml"), section, name="A")
    run("import_feeds")
    FeedSource.objects.update(last_fetched_at=timezone.now() - timedelta(minutes=15))
    out, _ = run("import_feeds")
    assert out == "A: not modified since the last fetch (304): created 0, updated 0, skipped 0, failed 0"
    assert [request["if_none_match"] for request in feed_server.requests] == [None, '"agency_rss.xml"']
