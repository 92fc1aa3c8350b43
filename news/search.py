"""Full-text search of published articles: one entry point, `search()`, two back ends.

SQLite uses the FTS5 table news_article_fts (bm25 with column weights, snippet()); PostgreSQL
the weighted tsvector column news_article.search_vector (websearch_to_tsquery, ts_rank_cd,
ts_headline). Both are created and kept current by migration 0003's triggers.

Ranking every match of a broad word is what makes search slow on a big archive, so the work
is bounded: searches with more than RANK_LIMIT matches are listed newest first (the page says
so), counts stop at COUNT_LIMIT, facets are only counted up to COUNT_LIMIT matches, and the
expensive counts of broad searches are cached.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Count
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
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
SNIPPET_WORDS = 30

# Private-use characters mark highlights in the raw snippet; they survive escaping, then
# become <mark> elements.
OPEN, CLOSE = "\ue000", "\ue001"
_TAG = re.compile(r"<[^<>]*>|^[^<>]*>|<[^<>]*$")


@dataclass
class Hit:
    article: Article
    snippet: str


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


def search(cleaned):
    """The page of hits for a SearchForm's cleaned_data; EmptyPage when the page is past the end."""
    backend = _BACKENDS[connection.vendor]()
    articles = Article.objects.published()
    if cleaned.get("section"):
        articles = articles.filter(section=cleaned["section"])
    if cleaned.get("keyword"):
        articles = articles.filter(keywords=cleaned["keyword"])
    if cleaned.get("from"):
        articles = articles.filter(published_at__gte=_day_start(cleaned["from"]))
    if cleaned.get("to"):
        articles = articles.filter(published_at__lt=_day_start(cleaned["to"] + timedelta(days=1)))
    filtered = articles
    has_text = any(cleaned.get(name) for name in ("title", "text", "q"))
    if has_text:
        articles = backend.matching(filtered, cleaned)

    total, section_counts, year_counts = _counts(articles, cleaned)
    is_ranked = has_text and cleaned["sort"] == "relevance" and total <= RANK_LIMIT
    shown = min(total, COUNT_LIMIT)
    hits = _RankedHits(articles, shown, backend, cleaned, filtered) if is_ranked else _NewestHits(articles, shown)
    page = Paginator(hits, PAGE_SIZE).page(cleaned["page"])
    listed = Article.objects.for_listing().in_bulk(list(page.object_list))
    snippets = backend.snippets(list(listed), cleaned) if has_text else {}
    return Results(
        total=shown,
        is_capped=total > COUNT_LIMIT,
        is_ranked=is_ranked,
        is_broad=has_text and cleaned["sort"] == "relevance" and not is_ranked,
        page=page,
        hits=[Hit(listed[pk], _highlight(snippets.get(pk)) or listed[pk].excerpt) for pk in page.object_list],
        section_counts=section_counts,
        year_counts=year_counts,
    )


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


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(articles, cleaned):
    """(total up to COUNT_LIMIT + 1, section facets, year facets), cached when they were slow."""
    key = _cache_key(cleaned)
    cached = cache.get(key)
    if cached is not None:
        return cached
    total = articles.values("pk")[: COUNT_LIMIT + 1].count()
    sections, years = [], []
    if total <= COUNT_LIMIT:
        by_section = dict(articles.order_by().values_list("section").annotate(n=Count("pk")))
        sections = [(s, by_section[s.pk]) for s in Section.objects.filter(pk__in=by_section)]
        sections.sort(key=lambda pair: (-pair[1], pair[0].name))
        years = list(
            articles.order_by()
            .annotate(year=ExtractYear("published_at"))
            .values_list("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
    counts = (total, sections, years)
    if total > RANK_LIMIT:
        cache.set(key, counts, COUNT_CACHE_SECONDS)
    return counts


def _cache_key(cleaned):
    parts = [repr(cache.get(GENERATION_CACHE_KEY))]
    for name in ("title", "text", "q", "keyword", "section", "from", "to"):
        value = cleaned.get(name)
        parts.append(repr(getattr(value, "pk", value)))
    return "news:search-counts:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _highlight(raw):
    """Escaped snippet text with the matched words in <mark>, or "" without a snippet."""
    if not raw:
        return ""
    text = html.unescape(_TAG.sub(" ", raw)).strip()
    marked = escape(text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return mark_safe(marked)


class _NewestHits:
    """Matching article ids, newest first, sliced lazily by the paginator."""

    def __init__(self, articles, total):
        self.articles = articles.order_by("-published_at", "-pk").values_list("pk", flat=True)
        self.total = total

    def count(self):
        return self.total

    def __getitem__(self, index):
        return list(self.articles[index])


class _RankedHits(_NewestHits):
    """Matching article ids, best first; `filtered` is the same search without its words."""

    def __init__(self, articles, total, backend, cleaned, filtered):
        super().__init__(articles, total)
        self.backend, self.cleaned = backend, cleaned
        self.matched, self.filtered = articles, filtered

    def __getitem__(self, index):
        return self.backend.ranked_ids(self.matched, self.filtered, self.cleaned, index.start, index.stop - index.start)


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


class SQLiteBackend:
    COLUMNS = {"title": "title", "text": "teaser body", "q": ""}
    # bm25 column weights: title, teaser, body, keywords.
    RANK = "bm25(news_article_fts, 10.0, 4.0, 1.0, 4.0)"

    def expression(self, cleaned):
        return " AND ".join(
            _fts5_field(cleaned[name], columns) for name, columns in self.COLUMNS.items() if cleaned.get(name)
        )

    def matching(self, articles, cleaned):
        fts = RawSQL(
            "SELECT rowid FROM news_article_fts WHERE news_article_fts MATCH %s", [self.expression(cleaned)]
        )
        return articles.filter(pk__in=fts)

    def ranked_ids(self, matched, filtered, cleaned, offset, limit):
        sql, params = filtered.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # "+rowid" keeps SQLite from handing the id list to FTS5, which would run the
            # match once per id.
            cursor.execute(
                f"SELECT rowid FROM news_article_fts WHERE news_article_fts MATCH %s AND +rowid IN ({sql}) "
                f"ORDER BY {self.RANK} LIMIT %s OFFSET %s",
                [self.expression(cleaned), *params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def snippets(self, pks, cleaned):
        if not pks:
            return {}
        marks = ", ".join(["%s"] * len(pks))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet(news_article_fts, -1, %s, %s, '…', {SNIPPET_WORDS}) FROM news_article_fts "
                f"WHERE news_article_fts MATCH %s AND rowid IN ({marks})",
                [OPEN, CLOSE, self.expression(cleaned), *pks],
            )
            return dict(cursor.fetchall())


def _tsquery_field(terms, weights):
    """One field's terms in to_tsquery syntax, restricted to the lexeme weights of its columns."""

    def phrase(term):
        return " <-> ".join(f"'{word}':{weights}" for word in term.words)

    parts = [f"({phrase(t)})" for t in terms if not t.excluded]
    parts += [f"!({phrase(t)})" for t in terms if t.excluded]
    return " & ".join(parts)


def _websearch_text(terms):
    return " ".join(("-" if t.excluded else "") + '"' + " ".join(t.words) + '"' for t in terms)


class PostgreSQLBackend:
    def query(self, cleaned):
        """A tsquery expression and its parameters: q through websearch_to_tsquery, title/text weighted."""
        parts, params = [], []
        if cleaned.get("q"):
            parts.append("websearch_to_tsquery('news_search', %s)")
            params.append(_websearch_text(cleaned["q"]))
        for name, weights in (("title", "A"), ("text", "BC")):
            if cleaned.get(name):
                parts.append("to_tsquery('news_search', %s)")
                params.append(_tsquery_field(cleaned[name], weights))
        return "(" + " && ".join(parts) + ")", params

    def matching(self, articles, cleaned):
        query, params = self.query(cleaned)
        return articles.filter(RawSQL(f"news_article.search_vector @@ {query}", params, output_field=BooleanField()))

    def ranked_ids(self, matched, filtered, cleaned, offset, limit):
        query, params = self.query(cleaned)
        rank = RawSQL(f"ts_rank_cd(news_article.search_vector, {query})", params)
        ranked = matched.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
        return list(ranked.values_list("pk", flat=True)[offset : offset + limit])

    def snippets(self, pks, cleaned):
        if not pks:
            return {}
        query, params = self.query(cleaned)
        options = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2"
        text = "regexp_replace(teaser || ' ' || body, '<[^>]*>', ' ', 'g')"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('news_search', {text}, {query}, %s) FROM news_article WHERE id = ANY(%s)",
                [*params, options, pks],
            )
            return dict(cursor.fetchall())


_BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}
