"""Validate article rows (from JSON Lines files or the demo content) and upsert them in batches.

A row is keyed on `external_id`, or on its `source_url` when it has none, so importing the
same file again updates the same articles instead of adding copies. The work is done with
bulk queries, a batch at a time, so that large archives import at thousands of rows a second.
"""

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from .html import clean_body
from .models import Article, Author, Keyword, RelatedLink, Section
from .signals import articles_imported

REQUIRED = ("title", "section", "published_at", "teaser", "body")
TEXT_LIMITS = {
    "title": 250,
    "agency": 50,
    "dateline_place": 100,
    "credit_line": 100,
    "external_id": 200,
    "slug": 250,
}
# The article fields an import row sets, and so updates on re-import.
UPDATED_FIELDS = [
    "title",
    "section_id",
    "published_at",
    "teaser",
    "body",
    "agency",
    "dateline_place",
    "dateline_date",
    "credit_line",
    "source_url",
    "status",
    "is_lead",
    "correction",
]
# The other columns of a new article, which an import row does not set.
NEW_ARTICLE_DEFAULTS = {
    "image": "",
    "image_alt": "",
    "image_caption": "",
    "image_credit": "",
    "image_renditions": {},
    "revised_at": None,
}
KNOWN_FIELDS = (
    set(REQUIRED)
    | set(TEXT_LIMITS)
    | {
        "author",
        "dateline_date",
        "keywords",
        "related_links",
        "source_url",
        "status",
        "is_lead",
        "correction",
    }
)
validate_url = URLValidator(schemes=["http", "https"])


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)

    @property
    def failed(self):
        return len(self.errors)


@dataclass
class CleanRow:
    line: int
    key: str
    fields: dict
    author: str
    keywords: list
    links: list
    slug: str


def _text(row, name, required=False):
    value = row.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowError(f"{name} must be a string")
    value = value.strip()
    if required and not value:
        raise RowError(f"{name} is required")
    limit = TEXT_LIMITS.get(name)
    if limit and len(value) > limit:
        raise RowError(f"{name} is longer than {limit} characters")
    return value


def _url(value, name):
    if value:
        if len(value) > 500:
            raise RowError(f"{name} is longer than 500 characters")
        if not _is_valid_url(value):
            raise RowError(f"{name} is not a valid http(s) URL: {value[:80]!r}")
    return value


# Feeds use the same few hundred keywords over and over.
_keyword_slug = functools.lru_cache(maxsize=16384)(slugify)


# Plain addresses (ASCII host names, a letter TLD) are a strict subset of what Django's
# URLValidator accepts, and checking them with this one pattern is ten times faster; anything
# else goes through the validator itself.
PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?(?:[/?#]\S*)?\Z",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def _is_valid_url(value):
    """Django's URL check, remembered: feeds repeat the same related links on every article."""
    if PLAIN_URL.match(value):
        return True
    try:
        validate_url(value)
    except ValidationError:
        return False
    return True


def _published_at(value):
    if not isinstance(value, str) or not value.strip():
        raise RowError("published_at is required (ISO 8601, e.g. 2021-02-17T09:43:00+00:00)")
    try:
        moment = parse_datetime(value.strip())
        if moment is None:
            day = parse_date(value.strip())
            moment = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise RowError(f"published_at is not a valid date and time: {value[:40]!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def clean_row(row, line, sections):
    """Check one decoded row; return a CleanRow or raise RowError with the reason."""
    if not isinstance(row, dict):
        raise RowError("each line must be a JSON object")
    unknown = set(row) - KNOWN_FIELDS
    if unknown:
        raise RowError(f"unknown field(s): {', '.join(sorted(unknown))}")
    title = _text(row, "title", required=True)
    section_key = _text(row, "section", required=True)
    section_id = sections.get(section_key) or sections.get(slugify(section_key))
    if section_id is None:
        raise RowError(f"unknown section {section_key!r}")
    source_url = _url(_text(row, "source_url"), "source_url")
    key = _text(row, "external_id") or (f"url:{source_url}" if source_url else "")
    if not key:
        raise RowError("external_id or source_url is required to recognise the article on re-import")
    status = row.get("status", Article.Status.PUBLISHED)
    if status not in Article.Status.values:
        raise RowError(f"status must be one of {', '.join(Article.Status.values)}")
    dateline_date = row.get("dateline_date") or None
    if dateline_date is not None:
        try:
            dateline_date = parse_date(str(dateline_date))
        except ValueError:
            dateline_date = None
        if dateline_date is None:
            raise RowError("dateline_date must be a date (YYYY-MM-DD)")
    keywords = row.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise RowError("keywords must be a list of names")
    links = row.get("related_links") or []
    if not isinstance(links, list) or not all(isinstance(link, dict) for link in links):
        raise RowError("related_links must be a list of {title, url} objects")
    clean_links = []
    for link in links:
        link_title = _text(link, "title", required=True)[:200]
        clean_links.append((link_title, _url(_text(link, "url", required=True), "related_links url")))
    if not isinstance(row.get("is_lead", False), bool):
        raise RowError("is_lead must be true or false")
    slug = slugify(_text(row, "slug") or title)[:200]
    if not slug:
        raise RowError("title gives an empty slug; add a slug")
    fields = {
        "title": title,
        "section_id": section_id,
        "published_at": _published_at(row.get("published_at")),
        "teaser": _text(row, "teaser", required=True),
        "body": clean_body(_text(row, "body", required=True)),
        "agency": _text(row, "agency"),
        "dateline_place": _text(row, "dateline_place"),
        "dateline_date": dateline_date,
        "credit_line": _text(row, "credit_line"),
        "source_url": source_url,
        "status": status,
        "is_lead": row.get("is_lead", False),
        "correction": _text(row, "correction"),
    }
    author = _text(row, "author")
    keywords = [(_keyword_slug(name), name.strip()) for name in keywords]
    if not all(slug for slug, _ in keywords):
        raise RowError("a keyword has no letters or digits")
    return CleanRow(line, key, fields, author, keywords, clean_links, slug)


class ArticleImporter:
    """Upserts batches of clean rows; `dry_run` checks and counts without writing."""

    def __init__(self, dry_run=False, update_existing=True):
        self.dry_run = dry_run
        self.update_existing = update_existing
        self.report = ImportReport()
        self.sections = {}
        for pk, slug, name in Section.objects.values_list("pk", "slug", "name"):
            self.sections[slug] = pk
            self.sections[name] = pk
        self.author_ids = dict(Author.objects.values_list("name", "pk"))
        self.keyword_ids = dict(Keyword.objects.values_list("slug", "pk"))

    def clean(self, row, line):
        try:
            return clean_row(row, line, self.sections)
        except RowError as error:
            self.report.errors.append((line, str(error)))
            return None

    def fail(self, line, reason):
        self.report.errors.append((line, reason))

    def save_batch(self, rows):
        rows = list({row.key: row for row in rows}.values())  # the last row for a key wins
        existing = dict(
            Article.objects.filter(external_id__in=[row.key for row in rows]).values_list("external_id", "pk")
        )
        if not self.update_existing:
            rows = [row for row in rows if row.key not in existing]
        if not rows:
            return
        if self.dry_run:
            changed = len(self._changed_rows(rows, existing))
            self.report.created += sum(row.key not in existing for row in rows)
            self.report.updated += changed
            self.report.unchanged += len(existing) - changed
            return
        with transaction.atomic():
            self._ensure_authors_and_keywords(rows)
            new_rows = [row for row in rows if row.key not in existing]
            ids = dict(existing)
            ids.update(zip([row.key for row in new_rows], _reserve_ids(Article, len(new_rows)), strict=True))
            # Keywords go in before their new articles (foreign keys are checked at commit), so the
            # search index triggers index each new article once, with its keywords, as it is inserted.
            retagged = self._sync_keywords(rows, ids, existing)
            slugs = self._free_slugs(new_rows)
            now = timezone.now()
            _insert_rows(
                Article,
                ["id", "external_id", "slug", "author", "updated_at", *UPDATED_FIELDS, *NEW_ARTICLE_DEFAULTS],
                [
                    (
                        ids[row.key],
                        row.key,
                        slugs[row.key],
                        self._author(row),
                        now,
                        *(row.fields[name] for name in UPDATED_FIELDS),
                        *NEW_ARTICLE_DEFAULTS.values(),
                    )
                    for row in new_rows
                ],
            )
            changed = self._changed_rows(rows, existing)
            _update_rows(
                Article,
                [*UPDATED_FIELDS, "author", "updated_at"],
                [
                    (*(row.fields[name] for name in UPDATED_FIELDS), self._author(row), now, existing[row.key])
                    for row in changed
                ],
            )
            relinked = self._sync_links(rows, ids, existing)
        updated = {existing[row.key] for row in changed} | retagged | relinked
        self.report.created += len(new_rows)
        self.report.updated += len(updated)
        self.report.unchanged += len(existing) - len(updated)
        if new_rows or updated:
            articles_imported.send(
                sender=Article, created_ids=sorted(ids[row.key] for row in new_rows), updated_ids=sorted(updated)
            )

    def _changed_rows(self, rows, existing):
        """The rows of existing articles whose fields differ from what is stored: only those are
        written, so that re-importing an unchanged file does not re-index the whole archive."""
        stored = {
            pk: values
            for pk, *values in Article.objects.filter(pk__in=existing.values()).values_list(
                "pk", *UPDATED_FIELDS, "author_id"
            )
        }
        return [
            row
            for row in rows
            if row.key in existing
            and stored.get(existing[row.key]) != [*(row.fields[name] for name in UPDATED_FIELDS), self._author(row)]
        ]

    def _author(self, row):
        return self.author_ids.get(row.author) if row.author else None

    def _ensure_authors_and_keywords(self, rows):
        new_authors = {row.author for row in rows if row.author and row.author not in self.author_ids}
        for name in new_authors:
            author, _ = Author.objects.get_or_create(
                slug=self._unique_slug(Author, slugify(name) or "author"), defaults={"name": name}
            )
            self.author_ids[name] = author.pk
        new_keywords = {slug: name for row in rows for slug, name in row.keywords if slug not in self.keyword_ids}
        for slug, name in new_keywords.items():
            keyword, _ = Keyword.objects.get_or_create(slug=slug, defaults={"name": name.upper()[:100]})
            self.keyword_ids[slug] = keyword.pk

    @staticmethod
    def _unique_slug(model, slug):
        candidate, n = slug, 1
        while model.objects.filter(slug=candidate).exists():
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

    @staticmethod
    def _free_slugs(rows):
        """A unique slug for each new row: its own, or with a suffix from its key when taken."""
        taken = set(Article.objects.filter(slug__in={row.slug for row in rows}).values_list("slug", flat=True))
        slugs = {}
        for row in rows:
            slug = row.slug
            if slug in taken:
                slug = f"{row.slug[:190]}-{hashlib.sha1(row.key.encode()).hexdigest()[:8]}"
            taken.add(slug)
            slugs[row.key] = slug
        return slugs

    def _sync_keywords(self, rows, ids, existing):
        """Add and remove only the keyword links that differ from what is stored; returns the
        existing articles whose keywords changed."""
        Through = Article.keywords.through
        wanted = {(ids[row.key], self.keyword_ids[slug]) for row in rows for slug, _ in row.keywords}
        stored = set(
            Through.objects.filter(article_id__in=list(existing.values())).values_list("article_id", "keyword_id")
        )
        for article_id, keyword_id in stored - wanted:
            Through.objects.filter(article_id=article_id, keyword_id=keyword_id).delete()
        _insert_rows(Through, ["article", "keyword"], sorted(wanted - stored))
        existing_ids = set(existing.values())
        return {article_id for article_id, _ in stored ^ wanted if article_id in existing_ids}

    def _sync_links(self, rows, ids, existing):
        """Replace the related links of the articles whose links differ; returns the existing
        articles among them."""
        stored = defaultdict(list)
        for article_id, title, url in RelatedLink.objects.filter(article_id__in=list(existing.values())).values_list(
            "article_id", "title", "url"
        ):
            stored[article_id].append((title, url))
        changed = [row for row in rows if stored.get(ids[row.key], []) != row.links]
        relinked = {ids[row.key] for row in changed if row.key in existing}
        _delete_rows(RelatedLink, "article", sorted(relinked))
        _insert_rows(
            RelatedLink,
            ["article", "title", "url", "order"],
            [(ids[row.key], title, url, order) for row in changed for order, (title, url) in enumerate(row.links)],
        )
        return relinked


# The ORM's bulk_create and bulk_update spend most of an import building one huge statement
# per batch; executemany with one short statement is several times faster on both back ends.


def _reserve_ids(model, count):
    """`count` primary keys for rows about to be inserted, taken from the table's own sequence."""
    if not count:
        return []
    connection = connections[router.db_for_write(model)]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: the batch's transaction holds the write lock, so no one else takes these ids.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def _insert_rows(model, field_names, rows):
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in field_names]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        prepare = _preparer(fields, connection)
        cursor.executemany(sql, [prepare(row) for row in rows])


def _delete_rows(model, field_name, values):
    """DELETE the rows whose `field_name` is one of `values`, without loading them."""
    if not values:
        return
    connection = connections[router.db_for_write(model)]
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {column} = %s",
            [[value] for value in values],
        )


def _update_rows(model, field_names, rows):
    """UPDATE by primary key; each row holds the new values, then the primary key."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    sql = f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET {assignments} WHERE id = %s"
    with connection.cursor() as cursor:
        prepare = _preparer(fields, connection)
        cursor.executemany(sql, [[*prepare(row[:-1]), row[-1]] for row in rows])


def _preparer(fields, connection):
    """A function turning a row of Python values into database values for these columns.

    Text and ids are stored as they are; preparing every value through its field would cost a
    third of an import.
    """
    converters = [
        None
        if field.is_relation or isinstance(field, models.CharField | models.TextField | models.IntegerField)
        else field.get_db_prep_save
        for field in fields
    ]

    def prepare(values):
        return [
            value if convert is None or value is None else convert(value, connection)
            for convert, value in zip(converters, values, strict=True)
        ]

    return prepare
