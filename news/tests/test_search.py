"""The search page on the database in use (CI runs this file on SQLite and on PostgreSQL)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import search as archive_search
from news.forms import SearchForm, parse_terms
from news.models import Article
from news.stopwords import STOP_WORDS, is_left_out

from .factories import make_article, make_keyword, make_section

pytestmark = pytest.mark.django_db

URL = "/news/search/"


def titles(response):
    """Result titles in page order, as text (without their highlights)."""
    return titles_of(response.content.decode())


def titles_of(html):
    found = re.findall(r'<h2 class="summary-title"><a href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def found(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return titles(response)


def errors(response):
    return re.findall(r'<ul class="errorlist"[^>]*>\s*<li>([^<]*)</li>', response.content.decode())


@pytest.fixture
def archive():
    space = make_section("Space Travel", slug="space-travel")
    industry = make_section("Space Industry", slug="space-industry")
    tesla = make_keyword("TESLA MOTORS", slug="tesla-motors")
    return {
        "launch": make_article(
            "Rocket launch delayed by wind", section=space, body="<p>Engineers waited for calm weather.</p>"
        ),
        "body": make_article(
            "Quiet week at the spaceport",
            section=industry,
            body="<p>A small rocket was moved to the pad for a test.</p>",
        ),
        "tesla": make_article(
            "Electric cars in orbit", section=industry, keywords=[tesla], body="<p>A roadster drifts on.</p>"
        ),
        "cafe": make_article("Café opens at the spaceport", section=space, body="<p>Coffee for the crews.</p>"),
        "phrase": make_article(
            "Probes for the outer planets",
            section=space,
            teaser="Deep space missions need power.",
            body="<p>Space is deep and cold.</p>",
            published_at=timezone.make_aware(datetime(2015, 6, 1, 12)),
        ),
    }


def test_title_field_finds_words_of_the_headline_only(client, archive):
    assert found(client, title="rocket") == ["Rocket launch delayed by wind"]


def test_text_field_finds_words_of_teaser_and_body_only(client, archive):
    assert found(client, text="rocket") == ["Quiet week at the spaceport"]
    assert found(client, text="deep") == ["Probes for the outer planets"]


def test_text_field_judges_each_word_by_teaser_and_body_whatever_the_title_holds(client):
    make_article("Comet returns", body="<p>The comet was bright.</p>")
    make_article("Asteroid flyby", body="<p>A comet passed too.</p>")
    assert sorted(found(client, text="comet")) == ["Asteroid flyby", "Comet returns"]
    assert found(client, text="comet asteroid") == []  # "asteroid" is only in a title
    assert sorted(found(client, text="comet -asteroid")) == ["Asteroid flyby", "Comet returns"]
    assert found(client, text="comet -bright") == ["Asteroid flyby"]
    assert found(client, text='"comet passed"') == ["Asteroid flyby"]


def test_keyword_field_is_exact_and_ignores_case(client, archive):
    assert found(client, keyword="tesla motors") == ["Electric cars in orbit"]
    response = client.get(URL, {"keyword": "tesla"})
    assert response.status_code == 400
    assert errors(response) == ["No article carries this keyword; pick one from the suggestions."]


def test_all_fields_search_includes_keywords(client, archive):
    assert found(client, q="tesla") == ["Electric cars in orbit"]


def test_fields_combine_with_and(client, archive):
    assert found(client, title="spaceport", text="rocket") == ["Quiet week at the spaceport"]
    assert found(client, title="spaceport", text="coffee", q="crews") == ["Café opens at the spaceport"]
    assert found(client, title="rocket", keyword="TESLA MOTORS") == []


def test_title_match_outranks_body_match(client, archive):
    assert found(client, q="rocket") == ["Rocket launch delayed by wind", "Quiet week at the spaceport"]
    assert found(client, q="rocket", sort="newest") == ["Rocket launch delayed by wind", "Quiet week at the spaceport"]


def test_stemming_finds_other_forms_of_a_word(client, archive):
    assert found(client, q="launches") == ["Rocket launch delayed by wind"]
    assert found(client, q="engineer") == ["Rocket launch delayed by wind"]


def test_accents_and_case_do_not_matter(client, archive):
    assert found(client, q="CAFE") == ["Café opens at the spaceport"]
    make_article("Rendezvous over Reunion", body="<p>A plain story.</p>")
    assert found(client, q="réunion") == ["Rendezvous over Reunion"]


def test_quoted_phrase_needs_the_words_together(client, archive):
    make_article("Space notes", body="<p>It is deep in the space of ideas.</p>")
    assert found(client, q='"deep space"') == ["Probes for the outer planets"]


def test_minus_excludes_a_word(client, archive):
    assert sorted(found(client, q="spaceport")) == ["Café opens at the spaceport", "Quiet week at the spaceport"]
    assert found(client, q="spaceport -coffee") == ["Quiet week at the spaceport"]
    assert found(client, q='spaceport -"small rocket"') == ["Café opens at the spaceport"]


def test_section_and_date_filters(client, archive):
    assert found(client, q="spaceport", section="space-travel") == ["Café opens at the spaceport"]
    assert found(client, q="space", **{"from": "2015-01-01", "to": "2015-12-31"}) == ["Probes for the outer planets"]
    assert found(client, section="space-travel", **{"to": "2015-06-01"}) == ["Probes for the outer planets"]


def test_results_show_count_section_byline_dateline_and_keywords(client, archive):
    html = client.get(URL, {"q": "orbit"}).content.decode()
    assert '<p class="search-count">1 result, best matches first.</p>' in html
    assert '<a href="/news/section/space-industry/">Space Industry</a> · Staff Writers ·' in html
    assert '<a href="/news/keyword/tesla-motors/">TESLA MOTORS</a>' in html
    assert f'href="{archive["tesla"].get_absolute_url()}">Electric cars in <mark>orbit</mark></a>' in html


def test_facets_count_by_section_and_year_and_narrow_the_search(client, archive):
    travel, industry = archive["launch"].section, archive["body"].section
    make_article("Aurora seen from the station", section=travel)
    make_article("Aurora camera sold", section=industry)
    make_article("Aurora of 2015", section=travel, published_at=timezone.make_aware(datetime(2015, 3, 1, 12)))
    html = client.get(URL, {"q": "aurora"}).content.decode()
    this_year = timezone.localtime().year
    assert '<a href="?q=aurora&amp;section=space-travel">Space Travel</a> (2)' in html
    assert '<a href="?q=aurora&amp;section=space-industry">Space Industry</a> (1)' in html
    assert f'<a href="?q=aurora&amp;from={this_year}-01-01&amp;to={this_year}-12-31">{this_year}</a> (2)' in html
    assert '<a href="?q=aurora&amp;from=2015-01-01&amp;to=2015-12-31">2015</a> (1)' in html
    assert found(client, q="aurora", section="space-industry") == ["Aurora camera sold"]
    assert found(client, q="aurora", **{"from": "2015-01-01", "to": "2015-12-31"}) == ["Aurora of 2015"]


def test_pagination_keeps_every_parameter(client):
    section = make_section(slug="pages")
    for n in range(archive_search.PAGE_SIZE + 3):
        make_article(f"Comet report {n}", section=section)
    response = client.get(URL, {"q": "comet", "section": "pages", "sort": "newest"})
    assert len(titles(response)) == archive_search.PAGE_SIZE
    assert 'href="?q=comet&amp;section=pages&amp;sort=newest&amp;page=2">Next' in response.content.decode()
    second = client.get(URL, {"q": "comet", "section": "pages", "sort": "newest", "page": 2})
    assert titles(second) == ["Comet report 20", "Comet report 21", "Comet report 22"]
    assert client.get(URL, {"q": "comet", "page": 3}).status_code == 404


def test_snippets_are_escaped_before_highlighting(client):
    make_article(
        "Markup in the text",
        teaser="Plain teaser.",
        body="<p>The string &lt;script&gt;alert(1)&lt;/script&gt; sat beside a satellite.</p>",
    )
    html = client.get(URL, {"text": "satellite"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<mark>satellite</mark>" in snippet
    assert "<script>" not in html


def test_title_words_are_highlighted_in_the_title_escaped(client):
    make_article(
        "Satellite <b>bold</b> plans",
        teaser="The excerpt readers see.",
        body="<p>Nothing about the word here.</p>",
    )
    for params in ({"title": "satellites"}, {"q": "satellite"}):
        html = client.get(URL, params).content.decode()
        title = re.search(r'<h2 class="summary-title"><a href="[^"]*">(.*?)</a>', html).group(1)
        assert title == "<mark>Satellite</mark> &lt;b&gt;bold&lt;/b&gt; plans"
    # A title search shows the article's excerpt; a search of the text, the text's words.
    html = client.get(URL, {"title": "satellite"}).content.decode()
    assert re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1) == "The excerpt readers see."
    make_article("Quiet title", teaser="A quiet teaser.", body="<p>The word satellite is in the body.</p>")
    html = client.get(URL, {"text": "satellite"}).content.decode()
    assert "Quiet title</a>" in html
    assert "<mark>satellite</mark> is in the body" in html


def test_search_pages_are_not_indexed(client, archive):
    for params in ({}, {"q": "rocket"}, {"q": "*"}):
        assert '<meta name="robots" content="noindex">' in client.get(URL, params).content.decode()


def test_empty_form_shows_help_not_every_article(client, archive):
    for params in ({}, {"title": "", "text": "", "keyword": ""}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert titles(response) == []
        assert "Fill in one field or several" in response.content.decode()


@pytest.mark.parametrize(
    "params, field_error",
    [
        ({"q": "*"}, "Type at least one word to look for (a -word only leaves words out)."),
        ({"q": "-"}, "Type at least one word to look for (a -word only leaves words out)."),
        ({"title": "-rocket"}, "Type at least one word to look for (a -word only leaves words out)."),
        ({"q": "x" * 201}, "Keep it under 200 characters."),
        ({"q": " ".join(["word"] * 13)}, "Use at most 12 words."),
        ({"section": "no-such-section"}, "There is no such section."),
        ({"from": "2021-02-30"}, "Enter a date as YYYY-MM-DD."),
        ({"from": "0001-01-01"}, "Pick a date between 1900 and 2100."),
        ({"from": "2021-05-01", "to": "2021-04-01"}, "The end date comes before the start date."),
        ({"q": "rocket", "page": "abc"}, "The page must be a number."),
        ({"q": "rocket", "page": "0"}, "Pages start at 1."),
        ({"q": "rocket", "page": "100000"}, "Only the first 500 pages are shown; narrow the search."),
        ({"sort": "random"}, "Select a valid choice. random is not one of the available choices."),
    ],
)
def test_bad_input_is_a_400_that_says_what_was_wrong(client, archive, params, field_error):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert errors(response) == [field_error]
    assert titles(response) == []


NO_WORDS = "Type at least one word to look for (a -word only leaves words out)."


@pytest.mark.parametrize(
    "params",
    [
        {"q": "the -zzzqqq"},
        {"title": "of -zzzqqq"},
        {"text": "and -launch"},
        {"q": '"of the" -zzzqqq'},
        {"q": "THÉ -zzzqqq"},
        {"q": "don't"},
        {"q": "² ½ -zzzqqq"},
        {"q": "rocket", "title": "the"},
    ],
)
def test_a_field_of_stop_words_only_is_an_empty_search_not_every_article(client, archive, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert errors(response) == [NO_WORDS]
    assert titles(response) == []


def test_stop_words_in_a_phrase_with_other_words_still_search(client, archive):
    assert found(client, title='"delayed by wind"') == ["Rocket launch delayed by wind"]
    assert found(client, q='"the outer planets"') == ["Probes for the outer planets"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text search configuration")
def test_the_words_the_form_leaves_out_are_the_ones_postgresql_drops():
    words = [*sorted(STOP_WORDS), "Thé", "İ", "²", "½", "௰", "rocket", "launches", "2", "١٢", "x²", "ǅ", "café"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT w FROM unnest(%s::text[]) w WHERE to_tsvector('news_search', w) = ''::tsvector", [words])
        dropped = {row[0] for row in cursor.fetchall()}
    assert dropped == {word for word in words if is_left_out(word)}
    assert dropped > STOP_WORDS


@pytest.mark.parametrize(
    "query",
    [
        "NEAR(rocket wind)",
        "title:rocket",
        "rocket OR AND NOT",
        '"unbalanced rocket',
        "rocket*",
        "^rocket {title}",
        "'; DROP TABLE news_article; --",
        "rocket) OR 1=1 --",
        "!!rocket & | <-> :*",
    ],
)
def test_search_syntax_and_sql_in_the_words_are_just_words(client, archive, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert re.search(r'<p class="search-count">\d+ results?', response.content.decode())
    assert Article.objects.count() == 5


def test_index_follows_saves_updates_deletes_and_bulk_imports(client, archive):
    article = archive["launch"]
    article.title = "Comet flyby confirmed"
    article.save()
    assert found(client, title="comet") == ["Comet flyby confirmed"]
    assert found(client, title="wind") == []

    Article.objects.filter(pk=archive["body"].pk).update(body="<p>Nothing about vehicles.</p>")
    assert found(client, text="rocket") == []

    archive["cafe"].delete()
    assert found(client, q="coffee") == []

    section = archive["launch"].section
    Article.objects.bulk_create(
        Article(
            title=f"Imported asteroid note {n}",
            slug=f"imported-{n}",
            section=section,
            teaser="Imported.",
            body="<p>From the wire.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=n + 1),
        )
        for n in range(3)
    )
    assert found(client, q="asteroid") == [f"Imported asteroid note {n}" for n in range(3)]


def test_index_follows_keyword_changes(client, archive):
    moon = make_keyword("MOON BASE", slug="moon-base")
    archive["body"].keywords.add(moon)
    assert found(client, q="moon") == ["Quiet week at the spaceport"]
    moon.name = "LUNAR OUTPOST"
    moon.save()
    assert found(client, q="moon") == []
    assert found(client, q="outpost") == ["Quiet week at the spaceport"]
    archive["body"].keywords.remove(moon)
    assert found(client, q="outpost") == []
    archive["tesla"].keywords.clear()
    assert found(client, q="tesla") == []


def test_drafts_and_scheduled_articles_are_never_found(client, archive):
    make_article("Secret nebula draft", status=Article.Status.DRAFT)
    make_article("Future nebula story", published_at=timezone.now() + timedelta(days=1))
    assert found(client, q="nebula") == []
    assert found(client, title="nebula", sort="newest") == []


def test_broad_searches_are_listed_newest_first_and_say_so(client, archive, monkeypatch):
    monkeypatch.setattr(archive_search, "RANK_LIMIT", 1)
    response = client.get(URL, {"q": "rocket"})
    assert titles(response) == ["Rocket launch delayed by wind", "Quiet week at the spaceport"]
    assert "So many articles match that they are listed newest first." in response.content.decode()


def test_counts_above_the_limit_are_shown_as_more_than(client, archive, monkeypatch):
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 2)
    monkeypatch.setattr(archive_search, "RANK_LIMIT", 2)
    make_article("Space one", body="<p>spaceport</p>")
    html = client.get(URL, {"q": "spaceport"}).content.decode()
    assert '<p class="search-count">More than 2 results, newest first.</p>' in html
    assert "Too many results to count by section and year" in html
    assert '<a href="?q=spaceport&amp;section=space-travel">Space Travel</a></li>' in html
    # Only the first COUNT_LIMIT results are paged through.
    assert found(client, q="spaceport") == ["Quiet week at the spaceport", "Café opens at the spaceport"]
    make_article("Spaceport budget", section=archive["body"].section)
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 1)
    assert found(client, q="spaceport", section="space-industry", sort="newest") == ["Quiet week at the spaceport"]
    archive["launch"].keywords.add(*archive["tesla"].keywords.all())
    assert found(client, keyword="tesla motors") == ["Rocket launch delayed by wind"]
    assert found(client, keyword="tesla motors", section="space-industry") == ["Electric cars in orbit"]


def test_pages_of_many_matches_list_them_newest_first(client, archive, monkeypatch):
    monkeypatch.setattr(archive_search, "PAGE_SIZE", 1)
    monkeypatch.setattr(archive_search, "RANK_LIMIT", 1)
    make_article("Space one", body="<p>spaceport</p>", published_at=timezone.now() - timedelta(days=400))
    newest = ["Quiet week at the spaceport", "Café opens at the spaceport", "Space one"]

    def pages(count, uncached):
        """Uncached, each page is found by the pass that counts; with cached counts, by another query."""
        listed = []
        for number in range(1, count + 1):
            if uncached:
                cache.clear()
            listed.append(found(client, q="spaceport", page=number))
        return listed

    for uncached in (True, False):
        assert pages(3, uncached) == [[title] for title in newest]
    # Above COUNT_LIMIT, the pages run through the newest COUNT_LIMIT matches.
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 2)
    for uncached in (True, False):
        cache.clear()
        assert pages(2, uncached) == [[title] for title in newest[:2]]
        assert client.get(URL, {"q": "spaceport", "page": 3}).status_code == 404


def test_pages_of_many_matches_spread_over_years_are_the_newest_in_order(client, monkeypatch):
    """Above COUNT_LIMIT, PostgreSQL sorts the matches of a date window that it widens until the
    page is in it: a small margin makes it widen several times."""
    monkeypatch.setattr(archive_search, "PAGE_SIZE", 1)
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(archive_search, "RANK_LIMIT", 1)
    monkeypatch.setattr(archive_search.PostgreSQLBackend, "WINDOW_MARGIN", 0.01)
    now = timezone.now()
    ages = {"yesterday": 1, "last week": 7, "three years ago": 3 * 365, "ten years ago": 10 * 365}
    for label, days in ages.items():
        make_article(f"Comet seen {label}", body="<p>A comet.</p>", published_at=now - timedelta(days=days))
    make_article("Older filler", body="<p>Nothing here.</p>", published_at=now - timedelta(days=20 * 365))
    make_article("Draft comet", body="<p>A comet.</p>", status=Article.Status.DRAFT)

    for field in ("q", "text"):
        listed = [found(client, **{field: "comet", "page": n}) for n in (1, 2, 3)]
        assert listed == [["Comet seen yesterday"], ["Comet seen last week"], ["Comet seen three years ago"]]
        assert client.get(URL, {field: "comet", "page": 4}).status_code == 404
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 1)
    two_years_ago = (now - timedelta(days=2 * 365)).date().isoformat()
    assert found(client, q="comet", to=two_years_ago) == ["Comet seen three years ago"]
    assert found(client, text="comet", **{"from": "2000-01-01"}, to=two_years_ago) == ["Comet seen three years ago"]


def test_searches_sure_to_be_broad_are_not_counted_unless_a_page_comes_back_short(local_cache, client, archive, monkeypatch):
    """A back end sure of more than COUNT_LIMIT matches skips the count; a short page shows it
    was wrong, and the search is counted after all."""
    monkeypatch.setattr(archive_search, "COUNT_LIMIT", 2)
    monkeypatch.setattr(archive_search, "RANK_LIMIT", 1)
    monkeypatch.setattr(archive_search, "PAGE_SIZE", 2)
    sure = []
    monkeypatch.setattr(
        archive_search._BACKENDS[connection.vendor],
        "surely_matches_more_than",
        lambda self, matched, limit, cleaned: sure.append(limit) or True,
    )
    make_article("Spaceport budget", body="<p>Money.</p>")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL, {"q": "spaceport"}).content.decode()
    assert sure == [2]
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert '<p class="search-count">More than 2 results, newest first.</p>' in html
    assert titles_of(html) == ["Quiet week at the spaceport", "Café opens at the spaceport"]
    # Page 2 holds only the third match: counted, the search pages through COUNT_LIMIT of them.
    assert client.get(URL, {"q": "spaceport", "page": 2}).status_code == 404
    assert found(client, keyword="tesla motors") == ["Electric cars in orbit"]

    html = client.get(URL, {"q": "coffee"}).content.decode()
    assert '<p class="search-count">1 result, best matches first.</p>' in html
    assert titles_of(html) == ["Café opens at the spaceport"]
    assert client.get(URL, {"q": "coffee", "page": 2}).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_postgresql_is_sure_of_many_matches_from_its_statistics(archive):
    for n in range(60):
        make_article(f"Meteor shower {n}", body="<p>Bright meteors.</p>")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")

    def sure(words, limit, **filters):
        backend = archive_search.PostgreSQLBackend()
        cleaned = {"q": parse_terms(words), **filters}
        return backend.surely_matches_more_than(backend.matching(Article.objects.published(), cleaned), limit, cleaned)

    assert sure("meteor", 30)
    assert not sure("meteor", 50)
    assert not sure("coffee", 1)
    # How a word spreads over sections and years is not in the statistics: those are counted.
    assert not sure("meteor", 30, section=archive["launch"].section)
    assert not sure("meteor", 30, to=timezone.now().date())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search index")
def test_sqlite_is_sure_of_many_matches_from_its_index_counting_out_unpublished_articles(archive):
    make_article("Spaceport draft", status=Article.Status.DRAFT)
    make_article("Spaceport tomorrow", published_at=timezone.now() + timedelta(days=1))
    backend = archive_search.SQLiteBackend()

    def sure(limit, **fields):
        cleaned = {"q": parse_terms("spaceport"), **fields}
        return backend.surely_matches_more_than(backend.matching(Article.objects.published(), cleaned), limit, cleaned)

    # Four articles say "spaceport": two published ("Quiet week", "Café"), a draft and a scheduled one.
    assert sure(1)
    assert not sure(2)
    assert not sure(1, section=archive["body"].section)
    assert not sure(1, keyword=make_keyword("PORTS", slug="ports"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage settings")
def test_postgresql_keeps_search_vectors_in_their_rows_with_statistics_on_many_words():
    words = " ".join(f"word{n} orbit{n}" for n in range(120))
    article = make_article("A long story", body=f"<p>{words}</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(search_vector), reltoastrelid::regclass::text FROM news_article, pg_class "
            "WHERE news_article.id = %s AND relname = 'news_article'",
            [article.pk],
        )
        size, toast_table = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {toast_table}")
        chunks = cursor.fetchone()[0]
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'news_article'::regclass AND attname = 'search_vector'"
        )
        target = cursor.fetchone()[0]
    assert size > 2100  # out of line with PostgreSQL's default target, let alone 0003's 256 bytes
    assert chunks == 0
    assert target == 1000


@pytest.mark.parametrize("field", ["q", "text"])
def test_dates_bound_text_searches_exactly_in_the_sites_time_zone(client, settings, field):
    """PostgreSQL finds the UTC years of a few years' search in its index and tests the dates on
    the rows; a wider search uses the date index. Both keep to the local days asked for."""
    settings.TIME_ZONE = "Pacific/Auckland"  # UTC+13 in January: local days begin the UTC day before
    local = timezone.get_current_timezone()

    def published(*when):
        return timezone.make_aware(datetime(*when), local)

    make_article("Nebula first light", body="<p>A nebula.</p>", published_at=published(2010, 1, 1, 0, 30))
    make_article("Nebula last light", body="<p>A nebula.</p>", published_at=published(2012, 12, 31, 23, 30))
    make_article("Nebula too early", body="<p>A nebula.</p>", published_at=published(2009, 12, 31, 23, 30))
    make_article("Nebula too late", body="<p>A nebula.</p>", published_at=published(2013, 1, 1, 0, 30))
    make_article("Nebula long ago", body="<p>A nebula.</p>", published_at=published(2002, 6, 1, 12))
    inside = ["Nebula last light", "Nebula first light"]
    assert found(client, **{field: "nebula", "from": "2010-01-01", "to": "2012-12-31", "sort": "newest"}) == inside
    assert found(client, **{field: "nebula", "from": "2000-01-01", "to": "2012-12-31", "sort": "newest"}) == [
        *inside,
        "Nebula too early",
        "Nebula long ago",
    ]
    assert found(client, **{field: "nebula", "from": "2013-01-01", "to": "2013-01-01"}) == ["Nebula too late"]


def test_a_new_publication_date_moves_an_article_to_the_searches_of_its_new_years(client):
    article = make_article("Nebula moved", body="<p>A nebula.</p>", published_at=datetime(2011, 6, 1, tzinfo=UTC))
    in_2011 = {"text": "nebula", "from": "2011-01-01", "to": "2011-12-31"}
    in_2014 = {"q": "nebula", "from": "2014-01-01", "to": "2014-12-31"}
    assert found(client, **in_2011) == ["Nebula moved"]
    # Only the date changes, as a raw update would change it: the index follows all the same.
    Article.objects.filter(pk=article.pk).update(published_at=datetime(2014, 6, 1, tzinfo=UTC))
    cache.clear()
    assert found(client, **in_2011) == []
    assert found(client, **in_2014) == ["Nebula moved"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search vector")
def test_postgresql_vectors_carry_the_utc_year_of_publication():
    article = make_article("Comet", published_at=datetime(2011, 12, 31, 23, 30, tzinfo=UTC))

    def year_terms():
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_vector::text FROM news_article WHERE id = %s", [article.pk])
            return re.findall(r"'@\d+'", cursor.fetchone()[0])

    assert year_terms() == ["'@2011'"]
    Article.objects.filter(pk=article.pk).update(published_at=datetime(2012, 1, 1, 0, 30, tzinfo=UTC))
    assert year_terms() == ["'@2012'"]
    # Readers cannot type one.
    form = SearchForm({"q": "@2012"})
    assert form.is_valid()
    assert archive_search.search(form.cleaned_data).total == 0


def test_keyword_suggestions_are_offered(client, archive):
    html = client.get(URL).content.decode()
    assert 'list="search-keywords"' in html
    assert '<option value="TESLA MOTORS">' in html


@pytest.mark.parametrize("size", [5, 60])
def test_search_page_query_count_is_constant(local_cache, client, django_assert_max_num_queries, size):
    section = make_section(slug="counted")
    keyword = make_keyword("COUNTED", slug="counted")
    for n in range(size):
        make_article(f"Meteor shower {n}", section=section, keywords=[keyword])
    # PostgreSQL adds four statements (the planner's estimate, a savepoint, the planner settings and
    # its release) and ranks in the counting pass, which SQLite does in a query of its own. One
    # query reads the listings' token, under which the sidebar is cached.
    with django_assert_max_num_queries(15 if connection.vendor == "postgresql" else 12):
        response = client.get(URL, {"q": "meteor", "keyword": "counted", "section": "counted"})
    assert len(titles(response)) == min(size, archive_search.PAGE_SIZE)


def test_sidebar_and_404_page_offer_the_search_form(client, archive):
    for url, status in ((archive["launch"].get_absolute_url(), 200), ("/news/no/such/page/", 404)):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == status
        assert '<form method="get" action="/news/search/" role="search">' in html
        for label in ("Title", "Article text", "Keyword"):
            assert f">{label}</label>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors are PostgreSQL's")
@pytest.mark.parametrize("disabled", [False, True])
def test_search_page_uses_no_server_side_cursor_behind_a_transaction_pooler(client, disabled, monkeypatch):
    """DB_TRANSACTION_POOLING sets DISABLE_SERVER_SIDE_CURSORS: behind PgBouncer a cursor kept
    past its transaction would be looked for on another server connection."""

    make_article("Orbit raised after launch")
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", disabled)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/news/search/", {"q": "orbit"}).content.decode()
    assert titles_of(html) == ["Orbit raised after launch"]
    declared = [query["sql"] for query in queries if query["sql"].startswith("DECLARE")]
    assert bool(declared) is not disabled  # the section list of the search form, without the setting
