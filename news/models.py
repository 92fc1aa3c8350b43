import json
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator

from portal.template_urls import reverse_remembered

from .html import sanitize_body

PREVIEW_SALT = "news.preview"
# Saves within this window after publication are part of publishing, not a revision.
REVISION_GRACE = timedelta(minutes=10)
# Fields whose stored value save() compares with: a new slug leaves a redirect behind,
# new text after publication marks the article as updated.
TRACKED_FIELDS = ("slug", "title", "teaser", "body")


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in the navigation from the lowest number up."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_remembered("news:section", slug=self.slug)


class Keyword(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text='Shown as written, for example "TESLA MOTORS".'
    )
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_remembered("news:keyword", slug=self.slug)


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(blank=True, help_text="One or two sentences shown on the author's page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_remembered("news:author", slug=self.slug)


def _sees_unpublished(user):
    """Editors: staff who may change articles. Checking is_staff first spares every other
    signed-in reader the two permission queries."""
    return user.is_authenticated and user.is_staff and user.has_perm("news.change_article")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one publication rule: published status and a publication time already reached."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Editors see drafts and scheduled articles (as a preview); everyone else, the published."""
        if _sees_unpublished(user):
            return self.all()
        return self.published()

    def for_summary(self):
        """What a story summary shows (title, dateline, excerpt, section): no keywords."""
        return self.select_related("section", "author")

    def for_listing(self):
        """Summaries with their keywords, as search results and feeds show them."""
        return self.for_summary().prefetch_related("keywords")

    def for_page(self, slug, user):
        """The article at `slug` with its section, author and page_links (keywords and related
        links), as visible_to(user) finds it, or None: all that its page shows, in one query.

        Every uncached article page starts here. The ORM took longer to build this query (three
        tables, thirty columns) than the database took to answer it, so it is written once in
        SQL (_with_section_and_author). The links come in the same row as JSON, and so does what
        other apps show on the page (read_with_article_page): each saves the page a round trip.
        """
        connection = connections[self.db]
        where, params = "a.slug = %s", [slug]
        if not _sees_unpublished(user):
            where += " AND a.status = %s AND a.published_at <= %s"
            params += [Article.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]
        article = next(iter(self._with_section_and_author(where, params, with_page_columns=True)), None)
        if article is not None:
            article.__dict__["page_links"] = article._links_from_json(article._keywords_json, article._links_json)
        return article

    def page_columns(self, pk, columns):
        """{attribute: value} of `columns(connection)` (SQL on the article row `a`, as
        read_with_article_page takes them) for the article `pk`, or None: what for_page reads
        with the article, for an article read some other way."""
        connection = connections[self.db]
        expressions = columns(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(expressions.values())} FROM {connection.ops.quote_name(Article._meta.db_table)} a WHERE a.id = %s",
                [pk],
            )
            row = cursor.fetchone()
        return dict(zip(expressions, row, strict=True)) if row else None

    def for_hits(self, ids):
        """{id: article} for a page of search hits, each with its section, author and keywords
        (`listed_keywords`, by name), in two queries written in SQL, without the body: the ORM
        took as long as the database to read twenty of them with their keywords."""
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        articles = {a.pk: a for a in self._with_section_and_author(f"a.id IN ({marks})", list(ids), defer={"body"})}
        for article in articles.values():
            article.listed_keywords = []
        quote = connections[self.db].ops.quote_name
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"SELECT t.article_id, k.id, k.name, k.slug FROM {quote(Keyword._meta.db_table)} k"
                f" JOIN {quote(Article.keywords.through._meta.db_table)} t ON t.keyword_id = k.id"
                f" WHERE t.article_id IN ({marks}) ORDER BY k.name, k.id",
                list(ids),
            )
            for article_id, pk, name, slug in cursor.fetchall():
                articles[article_id].listed_keywords.append(Keyword(id=pk, name=name, slug=slug))
        return articles

    def _with_section_and_author(self, where, params, defer=(), with_page_columns=False):
        """Articles matching the SQL condition `where` on `a`, each with its section and author
        read from the same row (_JoinedArticleRows). Fields in `defer` are left out (loaded if
        asked for); `with_page_columns` adds what the article page shows besides (page_links and
        the columns other apps registered with read_with_article_page)."""
        connection = connections[self.db]
        rows = _JoinedArticleRows.for_columns(connection, tuple(defer), with_page_columns)
        with connection.cursor() as cursor:
            cursor.execute(f"{rows.select} WHERE {where}", params)
            return [rows.article(self.db, connection, row) for row in cursor.fetchall()]


class _JoinedArticleRows:
    """How to read an article, its section and its author from one row of a three-table join,
    worked out once per database and column set.

    RawQuerySet works out the same (which column is which field, which converters apply) again
    for every query: on an uncached article page that took as long as reading the row.
    """

    _known = {}

    @classmethod
    def for_columns(cls, connection, defer, with_page_columns):
        key = (connection.alias, defer, with_page_columns and tuple(_article_page_columns))
        if key not in cls._known:
            extra = {}
            if with_page_columns:
                extra = _page_links_columns(connection)
                for columns in _article_page_columns:
                    extra.update(columns(connection))
            cls._known[key] = cls(connection, defer, list(extra.items()))
        return cls._known[key]

    def __init__(self, connection, defer, extra):
        """`extra`: (attribute name, SQL expression) pairs read after the three tables' columns."""
        quote = connection.ops.quote_name
        tables = ((Article, "a", None), (Section, "s", "section"), (Author, "w", "author"))
        self.parts = []  # (model, the article's attribute for it, its fields' names, first column, end)
        self.converters = []  # (column, [(converter, expression)])
        columns = []
        for model, alias, attribute in tables:
            fields = [field for field in model._meta.concrete_fields if model is not Article or field.name not in defer]
            self.parts.append((model, attribute, [field.attname for field in fields], len(columns), len(columns) + len(fields)))
            for field in fields:
                expression = field.get_col(model._meta.db_table)
                converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
                if converters:
                    self.converters.append((len(columns), [(converter, expression) for converter in converters]))
                columns.append(f"{alias}.{quote(field.column)}")
        self.extra = [(name, len(columns) + position) for position, (name, _) in enumerate(extra)]
        columns += [f"{expression} AS {quote(name)}" for name, expression in extra]
        self.select = (
            f"SELECT {', '.join(columns)} FROM {quote(Article._meta.db_table)} a"
            f" JOIN {quote(Section._meta.db_table)} s ON s.id = a.section_id"
            f" LEFT JOIN {quote(Author._meta.db_table)} w ON w.id = a.author_id"
        )

    def article(self, db, connection, row):
        row = list(row)
        for column, converters in self.converters:
            for converter, expression in converters:
                row[column] = converter(row[column], expression, connection)
        (_, _, names, start, end), *related = self.parts
        article = Article.from_db(db, names, row[start:end])
        for model, attribute, names, start, end in related:
            values = row[start:end]
            setattr(article, attribute, model.from_db(db, names, values) if values[0] is not None else None)
        for name, column in self.extra:
            setattr(article, name, row[column])
        return article


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=250)
    slug = models.SlugField(
        max_length=250,
        unique=True,
        help_text="Part of the address. Changing it later keeps the old address working (301).",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text='Leave empty to sign the article "Staff Writers".',
    )
    agency = models.CharField(max_length=50, blank=True, help_text="News agency, e.g. AFP or SPX.")
    dateline_place = models.CharField(max_length=100, blank=True, help_text="e.g. Moscow")
    dateline_date = models.DateField(
        null=True, blank=True, help_text="Date of the dateline; the publication date when empty."
    )
    teaser = models.TextField(help_text="One or two sentences shown in listings and above the body.")
    body = models.TextField(
        help_text="HTML: paragraphs, headings, lists, links, emphasis and quotes. Anything else is removed on save."
    )
    credit_line = models.CharField(max_length=100, blank=True, help_text="e.g. mp-emg/jbr/jj")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="articles")
    source_url = models.URLField(
        max_length=500, blank=True, help_text='Shown as "Read more from original source".'
    )
    image = models.ImageField(upload_to="articles/%Y/%m/", blank=True)
    image_alt = models.CharField(
        max_length=250, blank=True, help_text="Describe the image for readers who cannot see it."
    )
    image_caption = models.CharField(max_length=250, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text="A published article with a future time goes live by itself at that time.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    revised_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Last change to the text after publication."
    )
    correction = models.TextField(
        blank=True, help_text="A correction note shown at the end of the article."
    )
    is_lead = models.BooleanField(
        "lead story", default=False, help_text="Lead stories open the home page."
    )
    external_id = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Stable id from an import; re-imports update the same article.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
            models.Index(fields=["author", "status", "-published_at"], name="article_author_idx"),
            models.Index(fields=["is_lead", "status", "-published_at"], name="article_lead_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        stored = getattr(self, "_stored", {})
        text_changed = any(
            name in stored and stored[name] != getattr(self, name) for name in ("title", "teaser", "body")
        )
        if text_changed and self.is_live and timezone.now() - self.published_at > REVISION_GRACE:
            self.revised_at = timezone.now()
        super().save(*args, **kwargs)
        if stored.get("slug") not in (None, self.slug):
            ArticleRedirect.objects.filter(old_slug=self.slug).delete()
            ArticleRedirect.objects.update_or_create(old_slug=stored["slug"], defaults={"article": self})
        self._stored = {name: getattr(self, name) for name in TRACKED_FIELDS}

    def get_absolute_url(self):
        # An article page asks for its own address several times (redirect check, canonical,
        # share links, comments); reversing is the slow part, so it is kept until slug or date change.
        key = (self.slug, self.published_at)
        if getattr(self, "_url_of", None) != key:
            day = self.local_published_at
            self._url = reverse(
                "news:article",
                kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}", "slug": self.slug},
            )
            self._url_of = key
        return self._url

    @cached_property
    def page_links(self):
        """The article page's keywords (by name) and related links (in order), in one query,
        unless for_page read them with the article.

        Every uncached article page shows both. As two prefetch queries, the ORM took longer
        to build them than the database took to answer (benchmarks/article_render.py).
        """
        found = Article.objects.page_columns(self.pk, _page_links_columns) or {"_keywords_json": "[]", "_links_json": "[]"}
        return self._links_from_json(found["_keywords_json"], found["_links_json"])

    def _links_from_json(self, keywords, links):
        """ArticleLinks from _page_links_columns' JSON: keywords by name, links in their
        editor's order."""
        keywords, links = json.loads(keywords), json.loads(links)
        return ArticleLinks(
            keywords=[Keyword(id=pk, name=name, slug=slug) for pk, name, slug in sorted(keywords, key=lambda k: (k[1], k[0]))],
            related_links=[
                RelatedLink(id=pk, article=self, title=title, url=url, order=order)
                for pk, title, url, order in sorted(links, key=lambda link: (link[3], link[0]))
            ],
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored = {
            name: getattr(instance, name) for name in TRACKED_FIELDS if name in field_names
        }
        return instance

    @property
    def local_published_at(self):
        return timezone.localtime(self.published_at)

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def byline(self):
        return self.author.name if self.author else "Staff Writers"

    @property
    def dateline(self):
        """'Moscow (AFP) Feb 15, 2021', leaving out the parts the article does not have."""
        day = self.dateline_date or self.local_published_at.date()
        place = self.dateline_place
        if self.agency:
            place = f"{place} ({self.agency})".strip()
        return f"{place} {day:%b} {day.day}, {day.year}".strip()

    @property
    def excerpt(self):
        return Truncator(strip_tags(self.teaser)).words(60, truncate=" ...")

    def preview_token(self):
        return signing.dumps(self.pk, salt=PREVIEW_SALT, compress=True)

    def get_preview_url(self):
        return reverse("news:preview", kwargs={"token": self.preview_token()})

    @classmethod
    def from_preview_token(cls, token):
        """The article a preview token names, or None when the token is bad or expired."""
        try:
            pk = signing.loads(token, salt=PREVIEW_SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
        except signing.BadSignature:
            return None
        return cls.objects.for_summary().filter(pk=pk).first()


_article_page_columns = []


def read_with_article_page(columns):
    """Have `columns(connection)`, {attribute: SQL expression on the article row `a`}, read in
    the one query of an article page (ArticleQuerySet.for_page) and set on the article, so the
    app that shows them there asks the database nothing more. The comments app reads its
    discussion summary this way."""
    if columns not in _article_page_columns:
        _article_page_columns.append(columns)


def _page_links_columns(connection):
    """Article.page_links as SQL columns of the article row `a`: JSON arrays of rows."""
    quote = connection.ops.quote_name
    tagged = quote(Article.keywords.through._meta.db_table)
    return {
        "_keywords_json": _json_rows(
            connection,
            "k.id, k.name, k.slug",
            f"{quote(Keyword._meta.db_table)} k JOIN {tagged} t ON t.keyword_id = k.id WHERE t.article_id = a.id",
        ),
        "_links_json": _json_rows(
            connection,
            f"l.id, l.title, l.url, l.{quote('order')}",
            f"{quote(RelatedLink._meta.db_table)} l WHERE l.article_id = a.id",
        ),
    }


def _json_rows(connection, columns, tables_and_condition):
    """SQL for a JSON array with one array of `columns` per row found, as text ('[]' for none)."""
    if connection.vendor == "postgresql":
        select = f"COALESCE(json_agg(json_build_array({columns})), '[]')::text"
    else:
        select = f"json_group_array(json_array({columns}))"
    return f"(SELECT {select} FROM {tables_and_condition})"


class ArticleLinks(NamedTuple):
    keywords: list
    related_links: list


class RelatedLink(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class ArticleRedirect(models.Model):
    """An article's former slug, so that old addresses answer 301 to the current one."""

    old_slug = models.SlugField(max_length=250, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"
