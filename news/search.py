"""Full-text search of published articles: one entry point, `search()`, two back ends.

SQLite uses the FTS5 table news_article_fts (bm25 with column weights, snippet()); PostgreSQL
the weighted tsvector column news_article.search_vector (websearch_to_tsquery, ts_rank_cd,
ts_headline). Both are kept current by triggers: migration 0003, then 0006 (PostgreSQL)
and 0007 (SQLite), which add the year of publication.

Ranking every match of a broad word is what makes search slow on a big archive, so the work
is bounded: searches with more than RANK_LIMIT matches are listed newest first (the page says
so), counts stop at COUNT_LIMIT (and are skipped when the back end is sure of more), facets
are only counted up to RANK_LIMIT matches, and the expensive counts of broad searches are
cached. Searches of text within a few years find those years in the index with their words.
"""

import hashlib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import BooleanField, DateTimeField, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Keyword, Section

PAGE_SIZE = 20
RANK_LIMIT = 1000
COUNT_LIMIT = 10_000
COUNT_CACHE_SECONDS = 300
KEYWORDS_CACHE_KEY = "news:search-keywords"
GENERATION_CACHE_KEY = "news:search-generation"
YEARS_CACHE_KEY = "news:search-years"
SNIPPET_WORDS = 30

# Private-use characters mark highlights in the raw snippet; they survive escaping, then
# become <mark> elements.
OPEN, CLOSE = "\ue000", "\ue001"
_TAG = re.compile(r"<[^<>]*>|^[^<>]*>|<[^<>]*$")


@dataclass
class Hit:
    article: Article
    snippet: str  # safe HTML: escaped, the matched words in <mark>
    title: str  # the same


# Which searched fields a highlighted part answers: the title shows title and all-field words;
# the snippet of teaser and body is only made for searches of the text (a title search shows the
# article's own excerpt, cheaper than a headline that would rarely hold its words).
TITLE_FIELDS = ("title", "q")
SNIPPET_FIELDS = ("text", "q")
TEXT_FIELDS = ("title", "text", "q")


@dataclass
class Results:
    total: int
    is_capped: bool
    is_ranked: bool
    is_broad: bool
    page: object
    hits: list
    section_counts: list = field(default_factory=list)
    year_counts: list = field(default_factory=list)

    @property
    def has_facet_counts(self):
        return all(count is not None for _, count in self.section_counts)


def search(cleaned):
    """The page of hits for a SearchForm's cleaned_data; EmptyPage when the page is past the end."""
    backend = _BACKENDS[_database().vendor]()
    filtered = Article.objects.published()
    if cleaned.get("section"):
        filtered = filtered.filter(section=cleaned["section"])
    filtered = backend.in_dates(filtered, cleaned)
    # The same filters twice: joined to the keyword (to count), and testing it row by row (to
    # walk the date index for the newest matches).
    walkable = filtered
    if cleaned.get("keyword"):
        tagged = Article.keywords.through.objects.filter(article=OuterRef("pk"), keyword=cleaned["keyword"])
        walkable = filtered.filter(Exists(tagged))
        filtered = filtered.filter(keywords=cleaned["keyword"])
    has_text = _searches(cleaned, TEXT_FIELDS)
    matched = backend.matching(filtered, cleaned) if has_text else filtered

    needed = cleaned["page"] * PAGE_SIZE
    counts = _counts(backend, matched, cleaned, needed)
    page = _page(backend, matched, walkable, cleaned, counts)
    if counts.is_estimate and len(page.object_list) < PAGE_SIZE:
        # A short page: fewer matches than the planner thought, so they are counted after all.
        counts = _counts(backend, matched, cleaned, needed, estimate=False)
        page = _page(backend, matched, walkable, cleaned, counts)
    is_ranked = _is_ranked(cleaned, counts.total)
    listed = Article.objects.for_hits(list(page.object_list))
    highlights = backend.highlights(list(listed), cleaned) if has_text else {}
    return Results(
        total=min(counts.total, COUNT_LIMIT),
        is_capped=counts.total > COUNT_LIMIT,
        is_ranked=is_ranked,
        is_broad=has_text and cleaned["sort"] == "relevance" and not is_ranked,
        page=page,
        hits=[_hit(listed[pk], *highlights.get(pk, (None, None))) for pk in page.object_list],
        section_counts=counts.sections,
        year_counts=counts.years,
    )


def _database():
    """The connection searches read: the replica inside portal.replica.on_replica(), else the
    primary. Raw SQL goes through it too, as the ORM's queries go through the router."""
    return connections[router.db_for_read(Article)]


def _is_ranked(cleaned, total):
    return _searches(cleaned, TEXT_FIELDS) and cleaned["sort"] == "relevance" and total <= RANK_LIMIT


def _page(backend, matched, walkable, cleaned, counts):
    """The requested page of hit ids: from the counting pass when it found them, else fetched."""
    shown = min(counts.total, COUNT_LIMIT)
    if _is_ranked(cleaned, counts.total) and counts.ranked is not None:
        hits = _Hits(shown, lambda offset, limit: counts.ranked[offset : offset + limit])
    elif _is_ranked(cleaned, counts.total):
        hits = _Hits(shown, lambda offset, limit: backend.ranked_ids(matched, cleaned, offset, limit))
    elif counts.newest is not None:
        newest = counts.newest
        hits = _Hits(shown, lambda offset, limit: [newest[n] for n in range(offset, offset + limit) if n in newest])
    else:
        hits = _Hits(
            shown,
            lambda offset, limit: backend.newest_ids(matched, walkable, cleaned, counts.total, offset, limit),
        )
    return Paginator(hits, PAGE_SIZE).page(cleaned["page"])


def known_keywords():
    """Keyword names for the suggestion list, cached until a keyword changes."""
    return cache.get_or_set(KEYWORDS_CACHE_KEY, lambda: list(Keyword.objects.values_list("name", flat=True)), 3600)


@receiver([post_save, post_delete], sender=Keyword)
def _forget_keywords(**kwargs):
    cache.delete(KEYWORDS_CACHE_KEY)


@receiver([post_save, post_delete], sender=Article)
def _forget_counts(**kwargs):
    """A saved article invalidates cached counts; bulk writes wait for COUNT_CACHE_SECONDS."""
    cache.set(GENERATION_CACHE_KEY, timezone.now().timestamp(), None)
    cache.delete(YEARS_CACHE_KEY)


def _searches(cleaned, fields):
    """Whether any of these fields was filled in."""
    return any(cleaned.get(name) for name in fields)


def _date_bounds(cleaned):
    """The search's publication times: from the start of `from`'s day (or None) up to, not
    including, the day after `to` (or None)."""
    since = _day_start(cleaned["from"]) if cleaned.get("from") else None
    until = _day_start(cleaned["to"] + timedelta(days=1)) if cleaned.get("to") else None
    return since, until


# Searches of text within at most this many years find the years in the search index too.
YEAR_TERMS_LIMIT = 5


def _search_years(cleaned):
    """The UTC years of publication of the articles within a search's dates, which both indexes
    hold as a term (migrations 0006 and 0007); None for a search without both dates, without
    words of its text, or over more than YEAR_TERMS_LIMIT years."""
    if not (cleaned.get("from") and cleaned.get("to")) or not _searches(cleaned, SNIPPET_FIELDS):
        return None
    since, until = _date_bounds(cleaned)
    years = _utc_years(since, until - timedelta(microseconds=1))
    return years if len(years) <= YEAR_TERMS_LIMIT else None


def _utc_years(first, last):
    """The UTC years from the moment `first` to the moment `last`, both included."""
    return range(first.astimezone(UTC).year, last.astimezone(UTC).year + 1)


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class _Counts:
    total: int  # up to COUNT_LIMIT + 1
    sections: list  # (section, count or None)
    years: list  # (year, count or None)
    newest: dict | None = None  # position newest first -> id, when the count found them all
    ranked: list | None = None  # ids by relevance, when the back end scored them in that pass
    is_estimate: bool = False  # not counted: the back end was sure of more than COUNT_LIMIT


def _counts(backend, matched, cleaned, needed, estimate=True):
    """The search's counts, cached when they were slow.

    One pass over the matches counts them and finds the page ending at match `needed` newest
    first (all of up to RANK_LIMIT matches), so small and mid-sized searches read their matches
    once. Facets are counted for up to RANK_LIMIT matches; above that the sections and years are
    listed without counts, still narrowing the search when clicked. When the back end is sure
    that there are more than COUNT_LIMIT matches (surely_matches_more_than), nothing is counted;
    `estimate=False` counts anyway.
    """
    key = _cache_key(cleaned)
    cached = cache.get(key)
    if cached is not None:
        return _Counts(*cached)
    if estimate and backend.surely_matches_more_than(matched, COUNT_LIMIT, cleaned):
        return _Counts(COUNT_LIMIT + 1, *_uncounted_facets(), is_estimate=True)
    total, rows, is_newest = backend.probe(matched, needed, cleaned)
    newest = {row[4] - 1: row[0] for row in rows} if is_newest else None
    if total > RANK_LIMIT:
        counts = (total, *_uncounted_facets())
        cache.set(key, counts, COUNT_CACHE_SECONDS)
        return _Counts(*counts, newest=newest)
    ranked = [] if not rows else None
    if rows and len(rows[0]) > 5:  # scored: (pk, section, published_at, total, n, score)
        ranked = [row[0] for row in sorted(rows, key=lambda row: (row[5], row[2], row[0]), reverse=True)]
    by_section = Counter(row[1] for row in rows)
    zone = timezone.get_current_timezone()
    by_year = Counter(_as_datetime(row[2]).astimezone(zone).year for row in rows)
    sections = sorted(
        ((s, by_section[s.pk]) for s in Section.objects.filter(pk__in=by_section)),
        key=lambda pair: (-pair[1], pair[0].name),
    )
    return _Counts(total, sections, sorted(by_year.items(), reverse=True), newest=newest, ranked=ranked)


def _uncounted_facets():
    """Every section and every year of the archive, without counts."""
    first, last = _archive_years()
    return [(section, None) for section in Section.objects.all()], [(year, None) for year in range(last, first - 1, -1)]


def _as_datetime(value):
    """A datetime from a raw cursor: aware on PostgreSQL, naive UTC (or its text) on SQLite."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _archive_years():
    """The first and last year with a published article."""
    first, last = _archive_span()
    return timezone.localtime(first).year, timezone.localtime(last).year


def _archive_span():
    """When the first and the last published article came out, cached for an hour."""

    def span():
        # From the primary, even during a search on the replica: kept an hour, it must not miss
        # an article the replica has not received yet.
        published = (
            Article.objects.using(DEFAULT_DB_ALIAS).published().order_by("published_at").values_list("published_at", flat=True)
        )
        now = timezone.now()
        return published.first() or now, published.last() or now

    return cache.get_or_set(YEARS_CACHE_KEY, span, 3600)


def _cache_key(cleaned):
    parts = [repr(cache.get(GENERATION_CACHE_KEY))]
    for name in ("title", "text", "q", "keyword", "section", "from", "to"):
        value = cleaned.get(name)
        parts.append(repr(getattr(value, "pk", value)))
    return "news:search-counts:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _hit(article, raw_title, raw_snippet):
    return Hit(
        article,
        snippet=_highlight(html.unescape(_TAG.sub(" ", raw_snippet)).strip() if raw_snippet else "") or article.excerpt,
        title=_highlight(raw_title or article.title),
    )


def _highlight(text):
    """Plain text escaped, with the marked words in <mark>."""
    return mark_safe(escape(text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


class _Hits:
    """What the paginator pages through: a known total, and ids fetched one slice at a time."""

    def __init__(self, total, fetch):
        self.total, self.fetch = total, fetch

    def count(self):
        return self.total

    def __getitem__(self, index):
        limit = index.stop - index.start
        return self.fetch(index.start, limit) if limit > 0 else []


class _Backend:
    def in_dates(self, articles, cleaned, field="published_at"):
        """The articles published within the search's dates, tested on `field`."""
        since, until = _date_bounds(cleaned)
        if since:
            articles = articles.filter(**{f"{field}__gte": since})
        if until:
            articles = articles.filter(**{f"{field}__lt": until})
        return articles

    def surely_matches_more_than(self, matched, limit, cleaned):
        """Whether the search surely has more than `limit` matches, without counting them."""
        return False

    def probe(self, matched, needed, cleaned):
        """(count of up to COUNT_LIMIT + 1 matches, rows (pk, section, published_at, total, n
        [, score]) with n the position newest first, whether those are positions among all
        matches), in one query: all the rows of up to RANK_LIMIT matches (to count facets and
        rank), the page ending at position `needed` of up to COUNT_LIMIT, else only the first (to
        carry the count). Rows carry a score when the back end has a `score()` for this search
        and there are at most RANK_LIMIT matches."""
        values = matched.order_by().values_list("pk", "section", "published_at")
        sql, params = self.sql(values[: COUNT_LIMIT + 1])
        first = int(needed) - PAGE_SIZE + 1
        newest = "ORDER BY published_at DESC, pk DESC"
        score, score_params = self.score(cleaned)
        if score:
            # Only for the rows returned, and only when they are all the matches.
            score = (
                f", CASE WHEN total <= {RANK_LIMIT} THEN "
                f"(SELECT {score} FROM news_article scored WHERE scored.id = numbered.pk) END"
            )
        with _database().cursor() as cursor:
            cursor.execute(
                f"SELECT pk, section, published_at, total, n{score} FROM ("
                f"SELECT *, ROW_NUMBER() OVER ({newest}) AS n FROM ("
                f"SELECT pk, section, published_at, COUNT(*) OVER () AS total FROM ({sql}) matches "
                f"{newest} LIMIT {max(int(needed), RANK_LIMIT + 1)}) top) numbered "
                f"WHERE n = 1 OR total <= {RANK_LIMIT} OR (total <= {COUNT_LIMIT} AND n BETWEEN {first} AND {int(needed)}) ORDER BY n",
                [*score_params, *params],
            )
            rows = cursor.fetchall()
        total = rows[0][3] if rows else 0
        return total, rows, total <= COUNT_LIMIT

    def score(self, cleaned):
        """SQL scoring the article `scored` for this search, with its parameters, if the probe
        should rank; ("", []) when the back end ranks separately (ranked_ids)."""
        return "", []

    def rows(self, queryset):
        sql, params = self.sql(queryset)
        with _database().cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def sql(self, queryset):
        return queryset.query.sql_with_params()

    def newest_ids(self, matched, walkable, cleaned, total, offset, limit):
        newest = matched.order_by("-published_at", "-pk").values_list("pk")[offset : offset + limit]
        return [row[0] for row in self.rows(newest)]


def _fts5_phrase(term):
    return '"' + " ".join(term.words) + '"'


def _fts5_field(terms, columns):
    """One field's terms as an FTS5 expression; every word is quoted, so no operator gets through."""
    scope = f"{{{columns}}} : " if columns else ""
    wanted = " AND ".join(_fts5_phrase(t) for t in terms if not t.excluded)
    unwanted = " OR ".join(_fts5_phrase(t) for t in terms if t.excluded)
    expression = f"{scope}({wanted})"
    if unwanted:
        expression = f"({expression} NOT {scope}({unwanted}))"
    return expression


class SQLiteBackend(_Backend):
    COLUMNS = {"title": "title", "text": "teaser body", "q": "title teaser body keywords"}
    # bm25 column weights: title, teaser, body, keywords, year.
    RANK = "bm25(news_article_fts, 10.0, 4.0, 1.0, 4.0, 0.0)"

    def expression(self, cleaned, with_years=True):
        """The FTS5 query; with the search's years in the `year` column (migration 0007), so
        that a search of text within a few years reads only the matches of those years."""
        parts = [_fts5_field(cleaned[name], columns) for name, columns in self.COLUMNS.items() if cleaned.get(name)]
        years = _search_years(cleaned) if with_years else None
        if years is not None:
            parts.append("year : (" + " OR ".join(f'"{year}"' for year in years) + ")")
        return " AND ".join(parts)

    def surely_matches_more_than(self, matched, limit, cleaned):
        """Known for sure without reading an article: the search index's own matches, counted up
        to `limit` beyond the articles that are not public, leave more than `limit` published
        ones. For searches of words only; a filter would need the articles' rows."""
        if not _searches(cleaned, TEXT_FIELDS) or _searches(cleaned, ("section", "from", "to", "keyword")):
            return False
        # Both counts walk the index on (status, published_at); "not published" would read the table.
        drafts = [status for status in Article.Status.values if status != Article.Status.PUBLISHED]
        unpublished = Article.objects.filter(status__in=drafts).count()
        unpublished += Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now()).count()
        with _database().cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM (SELECT rowid FROM news_article_fts WHERE news_article_fts MATCH %s LIMIT %s)",
                [self.expression(cleaned), unpublished + limit + 1],
            )
            return cursor.fetchone()[0] - unpublished > limit

    def matching(self, filtered, cleaned):
        return filtered.extra(
            tables=["news_article_fts"],
            where=['news_article_fts.rowid = "news_article"."id"', "news_article_fts MATCH %s"],
            params=[self.expression(cleaned)],
        )

    def sql(self, queryset, index="news_article_search_cover"):
        """SQL that reads matched articles through a covering index, not their wide rows.

        SQLite looks articles up by rowid, which reads each row with its body; the index
        news_article_search_cover (id, status, published_at, section_id) has all a search filters
        and counts on, which makes counting thousands of matches several times faster.
        """
        sql, params = super().sql(queryset)
        if index and "news_article_fts" in queryset.query.extra_tables:
            sql = sql.replace('FROM "news_article"', f'FROM "news_article" INDEXED BY {index}', 1)
        return sql, params

    def probe(self, matched, needed, cleaned):
        """Without a date or section filter, counting stops at COUNT_LIMIT + 1 matches, which
        SQLite does faster than one pass that also sorts them; with one, a count reads every
        match of the words, and a second pass to sort them would read them all again."""
        if _searches(cleaned, ("from", "to", "section")):
            return super().probe(matched, needed, cleaned)
        sql, params = self.sql(matched.order_by().values_list("pk")[: COUNT_LIMIT + 1])
        with _database().cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) matches", params)
            total = cursor.fetchone()[0]
        if total > RANK_LIMIT:
            return total, [], False
        rows = sorted(
            self.rows(matched.order_by().values_list("pk", "section", "published_at")),
            reverse=True,
            key=lambda row: (row[2], row[0]),
        )
        return total, [(*row, total, n) for n, row in enumerate(rows, 1)], True

    def ranked_ids(self, matched, cleaned, offset, limit):
        ranked = matched.annotate(score=RawSQL(self.RANK, [])).order_by("score", "-published_at", "-pk")
        return [row[0] for row in self.rows(ranked.values_list("pk")[offset : offset + limit])]

    def newest_ids(self, matched, walkable, cleaned, total, offset, limit):
        """Up to COUNT_LIMIT matches: sort them. More: walk the newest articles, keeping those
        that match, which for a common word or keyword takes a few hundred rows per page."""
        if total <= COUNT_LIMIT:
            return super().newest_ids(matched, walkable, cleaned, total, offset, limit)
        if _searches(cleaned, TEXT_FIELDS):
            fts = "SELECT rowid FROM news_article_fts WHERE news_article_fts MATCH %s"
            walkable = walkable.filter(pk__in=RawSQL(fts, [self.expression(cleaned)]))
        newest = walkable.order_by("-published_at", "-pk").values_list("pk")[offset : offset + limit]
        sql, params = newest.query.sql_with_params()
        index = "article_section_idx" if cleaned.get("section") else "article_public_idx"
        sql = sql.replace('FROM "news_article"', f'FROM "news_article" INDEXED BY {index}', 1)
        with _database().cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def highlights(self, pks, cleaned):
        """{pk: (title with marks or None, snippet with marks or None)} for the page's articles."""
        if not pks:
            return {}
        title = "highlight(news_article_fts, 0, %s, %s)" if _searches(cleaned, TITLE_FIELDS) else "NULL"
        snippet = f"snippet(news_article_fts, -1, %s, %s, '…', {SNIPPET_WORDS})" if _searches(cleaned, SNIPPET_FIELDS) else "NULL"
        marks = ", ".join(["%s"] * len(pks))
        with _database().cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {title}, {snippet} FROM news_article_fts "
                f"WHERE news_article_fts MATCH %s AND rowid IN ({marks})",
                [*[OPEN, CLOSE] * ((title != "NULL") + (snippet != "NULL")), self.expression(cleaned, with_years=False), *pks],
            )
            return {pk: (title, snippet) for pk, title, snippet in cursor.fetchall()}


def _tsquery_field(terms, weights):
    """One field's terms in to_tsquery syntax, restricted to the lexeme weights of its columns."""

    suffix = f":{weights}" if weights else ""

    def phrase(term):
        return " <-> ".join(f"'{word}'{suffix}" for word in term.words)

    parts = [f"({phrase(t)})" for t in terms if not t.excluded]
    parts += [f"!({phrase(t)})" for t in terms if t.excluded]
    return " & ".join(parts)


def _year_terms(years):
    """The "@YYYY" terms of these years (migration 0006) as a tsquery: any of them."""
    return " | ".join(f"'@{year}'" for year in years)


def _unindexed_published():
    """The publication time in an expression no index answers: the planner then tests it on
    the rows other conditions found, instead of ANDing in a bitmap of the date index."""
    return RawSQL("news_article.published_at + interval '0 seconds'", [], output_field=DateTimeField())


def _websearch_text(terms):
    return " ".join(("-" if t.excluded else "") + '"' + " ".join(t.words) + '"' for t in terms)


class PostgreSQLBackend(_Backend):
    def query(self, cleaned, fields=TEXT_FIELDS):
        """The tsquery that ranks and highlights: q through websearch_to_tsquery, title/text weighted."""
        parts, params = [], []
        if cleaned.get("q") and "q" in fields:
            parts.append("websearch_to_tsquery('news_search', %s)")
            params.append(_websearch_text(cleaned["q"]))
        for name, weights in (("title", "A"), ("text", "BC")):
            if cleaned.get(name) and name in fields:
                parts.append("to_tsquery('news_search', %s)")
                params.append(_tsquery_field(cleaned[name], weights))
        return "(" + " && ".join(parts) + ")", params

    def in_dates(self, articles, cleaned):
        """With the years in the GIN index (matching), the dates are tested on the rows found:
        the planner would rather AND the date index in, which for a few years of a large
        archive means a bitmap of a hundred thousand rows to find a few thousand matches."""
        if _search_years(cleaned) is None:
            return super().in_dates(articles, cleaned)
        return super().in_dates(articles.alias(published=_unindexed_published()), cleaned, field="published")

    def _years(self, cleaned):
        """The "@YYYY" terms of the search's years (migration 0006), as a tsquery, or None."""
        years = _search_years(cleaned)
        return None if years is None else _year_terms(years)

    def matching(self, filtered, cleaned):
        """Title words go through the title's own GIN index, which needs no weight check; the
        years of a search of text within a few years, through the vector's."""
        conditions, params = [], []
        years = self._years(cleaned)
        if years is not None:
            conditions.append("news_article.search_vector @@ %s::tsquery")
            params.append(years)
        if cleaned.get("q"):
            conditions.append("news_article.search_vector @@ websearch_to_tsquery('news_search', %s)")
            params.append(_websearch_text(cleaned["q"]))
        if cleaned.get("text"):
            condition, condition_params = self._text_condition(cleaned["text"])
            conditions.append(condition)
            params += condition_params
        if cleaned.get("title"):
            conditions.append("to_tsvector('news_search', news_article.title) @@ to_tsquery('news_search', %s)")
            params.append(_tsquery_field(cleaned["title"], ""))
        return filtered.filter(RawSQL(" AND ".join(conditions), params, output_field=BooleanField()))

    def _text_condition(self, terms):
        """Words in the teaser or body: the vector's B and C weights, not the title's A.

        Testing weights reads each candidate's whole vector, kept out of line; the GIN index
        alone is exact for plain words. So, when every term is a plain word, the index finds the
        articles with the words anywhere, and the weights are tested only where the title has
        one of them (a hashed set from the title's own index). Phrases and exclusions are tested
        with their weights everywhere.
        """
        weighted = "news_article.search_vector @@ to_tsquery('news_search', %s)"
        if any(term.excluded or len(term.words) > 1 for term in terms):
            return weighted, [_tsquery_field(terms, "BC")]
        in_titles = " | ".join(f"'{term.words[0]}'" for term in terms)
        return (
            "news_article.search_vector @@ to_tsquery('news_search', %s) AND (news_article.id NOT IN ("
            "SELECT titled.id FROM news_article titled "
            "WHERE to_tsvector('news_search', titled.title) @@ to_tsquery('news_search', %s)) OR "
            f"{weighted})",
            [_tsquery_field(terms, ""), in_titles, _tsquery_field(terms, "BC")],
        )

    # How far back the date window first reaches, in multiples of the expected depth of the
    # page, and how much wider each next try is. A wide first window costs more than a retry:
    # the estimate of a word outside the planner's statistics is often several times too low.
    WINDOW_MARGIN = 1.25
    WINDOW_GROWTH = 2

    def probe(self, matched, needed, cleaned):
        """The planner underrates testing vectors kept out of line, and would rather read the
        table in order than use the index for a common word; counting must use the index.
        Parallel workers cost more to start than they save on a count that stops at
        COUNT_LIMIT + 1, and an app server's cores are busy with other requests."""
        with transaction.atomic(using=_database().alias), _database().cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
            return super().probe(matched, needed, cleaned)

    def newest_ids(self, matched, walkable, cleaned, total, offset, limit):
        """Matches newest first, sorted, never found by walking the date index: that tests
        each article's vector, thousands of them for a page of a mid-frequency word.

        Above COUNT_LIMIT matches, only those in a date window are sorted: the window the page
        is expected in, from the estimated number of matches and the archive's span, widened
        until it holds the page. All the matches newer than the window's start are in it, so
        when it holds the page, it is the same page as over the whole archive.
        """
        if not _searches(cleaned, TEXT_FIELDS):
            return super().newest_ids(matched, walkable, cleaned, total, offset, limit)
        newest = matched.order_by(_unindexed_published().desc(), "-pk").values_list("pk", flat=True)
        if total > COUNT_LIMIT:
            lower, upper = self._date_range(cleaned)
            matches_per_second = max(self._estimated_matches(matched), total) / max((upper - lower).total_seconds(), 1)
            window = timedelta(seconds=self.WINDOW_MARGIN * (offset + limit) / matches_per_second)
            while upper - window > lower:
                page = list(self._published_since(newest, upper - window)[offset : offset + limit])
                if len(page) == limit:
                    return page
                window *= self.WINDOW_GROWTH
        return list(newest[offset : offset + limit])

    # Windows shorter than this take their few articles from the date index.
    YEAR_TERMS_MIN_WINDOW = timedelta(days=90)

    def _published_since(self, matches, start):
        """The matches published since `start`. Months to a few years back, the years go into
        the GIN scan and the time is tested on the rows found (as in_dates does), instead of a
        bitmap of every article since then from the date index; days back, that bitmap is small."""
        now = timezone.now()
        years = _utc_years(start, now)
        if now - start < self.YEAR_TERMS_MIN_WINDOW or len(years) > YEAR_TERMS_LIMIT:
            return matches.filter(published_at__gte=start)
        in_years = RawSQL("news_article.search_vector @@ %s::tsquery", [_year_terms(years)], output_field=BooleanField())
        return matches.alias(published=_unindexed_published()).filter(in_years, published__gte=start)

    def _date_range(self, cleaned):
        """The first and last publication time a search's matches can have."""
        first, last = _archive_span()
        since, until = _date_bounds(cleaned)
        return max(first, since or first), min(last, until or last)

    # How many times COUNT_LIMIT the planner must expect before its estimate stands in for a count.
    ESTIMATE_MARGIN = 1.5

    def surely_matches_more_than(self, matched, limit, cleaned):
        """Counting past COUNT_LIMIT visits that many rows, the slowest part of a broad search.
        The planner knows the words and keywords in its statistics (migration 0004) to within a
        few percent, but not how they spread over sections and years, so searches narrowed by
        either are counted. A guess too high shows as a short page, and search() then counts."""
        if _searches(cleaned, ("section", "from", "to")):
            return False
        return self._estimated_matches(matched) >= self.ESTIMATE_MARGIN * limit

    def _estimated_matches(self, matched):
        """The planner's estimate: good for the words in its statistics, a low default for the
        others (the count so far makes up for it). Asked once per search."""
        if getattr(self, "_estimate", None) is None:
            sql, params = self.sql(matched.order_by().values_list("pk"))
            with _database().cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            self._estimate = plan[0]["Plan"]["Plan Rows"]
        return self._estimate

    def score(self, cleaned):
        """Relevance is scored in the probe, for at most RANK_LIMIT rows it has found already:
        no second search, no list of ids sent back."""
        if cleaned["sort"] != "relevance" or not _searches(cleaned, TEXT_FIELDS):
            return "", []
        query, params = self.query(cleaned)
        return f"ts_rank_cd(scored.search_vector, {query})", params

    def highlights(self, pks, cleaned):
        """{pk: (title with marks or None, snippet with marks or None)} for the page's articles:
        ts_headline on these rows only, the whole title, a headline of teaser and body (its
        parser reads HTML tags as tags, which never reach the headline)."""
        if not pks:
            return {}
        columns, params = [], []
        for fields, text, options in (
            (TITLE_FIELDS, "title", f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"),
            (
                SNIPPET_FIELDS,
                "teaser || ' ' || body",
                f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2",
            ),
        ):
            if _searches(cleaned, fields):
                query, query_params = self.query(cleaned, fields)
                columns.append(f"ts_headline('news_search', {text}, {query}, %s)")
                params += [*query_params, options]
            else:
                columns.append("NULL")
        with _database().cursor() as cursor:
            cursor.execute(f"SELECT id, {', '.join(columns)} FROM news_article WHERE id = ANY(%s)", [*params, pks])
            return {pk: (title, snippet) for pk, title, snippet in cursor.fetchall()}


_BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}
