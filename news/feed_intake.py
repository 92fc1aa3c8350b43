"""Agency feed intake: fetch an RSS 2.0 or Atom feed and turn its items into articles.

An item is known across runs by its external id: its GUID (Atom: id), or its link when it has
none; an item whose GUID changed but whose link is an imported article's is that article too.
Items are checked with the JSON Lines importer's rules (news/importing.py, `clean_row`), so a
feed's body goes through the same sanitiser as every other body (news/html.py). They are then
saved one by one through the model, as an editor's save is, so each creation and update leaves
a revision (news/revisions.py) marked as an import.

A run is all or nothing: a feed that cannot be fetched or parsed raises FeedError before
anything is written, and the items are written in one transaction with the source's validators.
"""

import hashlib
import html
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import feedparser
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from .importing import RowError, clean_row
from .models import Article, ArticleRevision, Author, FeedItem, FeedSource, Keyword
from .revisions import saved_by

FETCH_TIMEOUT = 30  # seconds
MAX_FEED_BYTES = 20 * 1024 * 1024
TEASER_WORDS = 60
TITLE_LIMIT = 250
EXTERNAL_ID_LIMIT = 200
# Not errors in the feed itself: feedparser notes them and reads the feed all the same.
HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedError(Exception):
    """The feed as a whole could not be read; nothing was imported."""


@dataclass
class Fetched:
    content: bytes = b""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


@dataclass
class IntakeReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failures: list = field(default_factory=list)  # (item, reason)
    not_modified: bool = False

    @property
    def failed(self):
        return len(self.failures)

    def summary(self):
        if self.not_modified:
            return "not modified since the last fetch (304): created 0, updated 0, skipped 0, failed 0"
        return f"created {self.created}, updated {self.updated}, skipped {self.skipped}, failed {self.failed}"


def is_url(source):
    return urlparse(source).scheme in ("http", "https")


def fetch(source, etag="", last_modified=""):
    """The feed at `source` (an http(s) URL or a file), asking a server only for a changed feed."""
    if not is_url(source):
        if "://" in source:
            raise FeedError(f"{source}: only http(s) addresses and files can be imported")
        try:
            return Fetched(Path(source).read_bytes())
        except OSError as error:
            raise FeedError(f"{source}: {error.strerror or error}") from None
    headers = {"User-Agent": f"{settings.SITE_NAME} feed intake", "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(source, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            content = response.read(MAX_FEED_BYTES + 1)
            if len(content) > MAX_FEED_BYTES:
                raise FeedError(f"{source}: the feed is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
            return Fetched(content, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(etag=etag, last_modified=last_modified, not_modified=True)
        raise FeedError(f"{source} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FeedError(f"could not reach {source}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise FeedError(f"could not read {source}: {error}") from None
    except http.client.HTTPException as error:
        raise FeedError(f"could not read {source}: the server's answer was not HTTP ({type(error).__name__})") from None


def parse(content, source):
    """The parsed feed, or FeedError when it is not a well-formed RSS or Atom feed."""
    # The body is sanitised by our own allow-list (news/html.py) when the item is cleaned.
    base = {"content-location": source} if is_url(source) else {}
    parsed = feedparser.parse(content, sanitize_html=False, response_headers=base)
    if parsed.bozo and not isinstance(parsed.bozo_exception, HARMLESS_BOZO):
        error = parsed.bozo_exception
        if hasattr(error, "getLineNumber"):
            error = f"line {error.getLineNumber()}, column {error.getColumnNumber()}: {error.getMessage()}"
        raise FeedError(f"{source} is not a well-formed feed ({error})")
    if not parsed.version:
        raise FeedError(f"{source} is neither RSS nor Atom")
    return parsed


def _plain(text):
    return " ".join(html.unescape(strip_tags(text or "")).split())


def _external_id(guid, feed_host):
    """A GUID as the key of its article. GUIDs that are not addresses or URNs ("12345") are only
    unique within their agency's feed, so they are kept apart by the feed's host name; keys too
    long for the column are replaced by their digest."""
    if ":" not in guid:
        guid = f"{feed_host}:{guid}"
    if len(guid) > EXTERNAL_ID_LIMIT:
        guid = "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    return guid


def _published_at(entry):
    """The item's time as an aware datetime (feedparser gives it in UTC), or None."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*moment[:6], tzinfo=UTC) if moment else None


def _raw_row(entry, feed_host, section_slug, agency, status):
    link = (entry.get("link") or "").strip()
    guid = (entry.get("id") or "").strip() or link
    if not guid:
        raise RowError("the item has neither a guid nor a link")
    content = entry["content"][0].get("value", "") if entry.get("content") else ""
    summary = entry.get("summary", "")
    teaser = Truncator(_plain(summary) or _plain(content)).words(TEASER_WORDS, truncate=" ...")
    published_at = _published_at(entry) or timezone.now()
    author = entry.get("author_detail", {}).get("name") or entry.get("author", "")
    tag_names = [_plain(tag.get("label") or tag.get("term"))[:100] for tag in entry.get("tags", [])]
    return {
        "external_id": _external_id(guid, feed_host),
        "source_url": link,
        "title": Truncator(_plain(entry.get("title"))).chars(TITLE_LIMIT),
        "teaser": teaser,
        "body": content or summary,
        "section": section_slug,
        "published_at": published_at.isoformat(),
        "status": status,
        "agency": agency,
        "author": _plain(author)[:100],
        # A tag without a letter or digit the site's addresses can spell ("Космос") is left out,
        # rather than failing its whole item.
        "keywords": [name for name in tag_names if slugify(name)],
    }


def _digest(row):
    fields = row.fields
    content = [fields["title"], fields["teaser"], fields["body"], fields["source_url"], row.author, sorted(row.keywords)]
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()


class FeedImporter:
    """Writes one parsed feed's items into `section`; `source` (a FeedSource) is noted on each item."""

    def __init__(self, section, agency="", publish=False, source=None):
        self.section = section
        self.agency = agency
        self.status = Article.Status.PUBLISHED if publish else Article.Status.DRAFT
        self.source = source
        self.report = IntakeReport()
        self._authors = {}
        self._keywords = {}

    def clean(self, parsed, feed_address):
        """The feed's items as clean rows, each item once; failures go to the report."""
        feed_host = urlparse(parsed.feed.get("link") or feed_address).netloc or "feed"
        sections = {self.section.slug: self.section.pk}
        rows = {}
        for number, entry in enumerate(parsed.entries, start=1):
            label = f"item {number} ({_plain(entry.get('title'))[:60] or 'untitled'})"
            try:
                row = clean_row(_raw_row(entry, feed_host, self.section.slug, self.agency, self.status), number, sections)
            except RowError as error:
                self.report.failures.append((label, str(error)))
                continue
            rows.setdefault(row.key, row)
        return list(rows.values())

    def save(self, rows):
        deleted = set(
            FeedItem.objects.filter(external_id__in=[row.key for row in rows], article=None).values_list("external_id", flat=True)
        )
        existing = self._existing_articles(rows)
        for row in rows:
            if row.key in deleted:
                self.report.skipped += 1  # the editors deleted its article
                continue
            article = existing.get(row.key)
            digest = _digest(row)
            if article is None:
                self._create(row, digest)
                self.report.created += 1
            elif getattr(article, "feed_item", None) is not None and article.feed_item.digest == digest:
                self.report.skipped += 1
            else:
                self._update(article, row, digest)
                self.report.updated += 1

    def _existing_articles(self, rows):
        """{row key: article} by external id, then by link for the rest."""
        articles = Article.objects.select_related("feed_item")
        found = {article.external_id: article for article in articles.filter(external_id__in=[row.key for row in rows])}
        by_link = {row.fields["source_url"]: row.key for row in rows if row.key not in found and row.fields["source_url"]}
        for article in articles.filter(source_url__in=list(by_link), external_id__isnull=False):
            found.setdefault(by_link[article.source_url], article)
        return found

    def _create(self, row, digest):
        fields = row.fields
        article = Article(
            external_id=row.key,
            slug=self._free_slug(row),
            author=self._author(row.author),
            **{name: fields[name] for name in ("title", "section_id", "published_at", "teaser", "body", "agency", "source_url", "status")},
        )
        article.save()
        article.keywords.set(self._keyword_objects(row.keywords))
        FeedItem.objects.create(external_id=row.key, article=article, source=self.source, digest=digest)

    def _update(self, article, row, digest):
        """The agency's new text, link and keywords; the article's status, date, section and
        everything editors add stay as they are."""
        for name in ("title", "teaser", "body", "source_url"):
            setattr(article, name, row.fields[name])
        article.save()
        article.keywords.add(*self._keyword_objects(row.keywords))
        FeedItem.objects.update_or_create(
            article=article, defaults={"external_id": article.external_id, "source": self.source, "digest": digest}
        )

    @staticmethod
    def _free_slug(row):
        slug = row.slug
        if Article.objects.filter(slug=slug).exists():
            slug = f"{row.slug[:190]}-{hashlib.sha1(row.key.encode()).hexdigest()[:8]}"
        return slug

    def _author(self, name):
        if not name:
            return None
        if name not in self._authors:
            author = Author.objects.filter(name=name).first()
            if author is None:
                base = slugify(name)[:90] or "author"
                slug, n = base, 1
                while Author.objects.filter(slug=slug).exists():
                    n += 1
                    slug = f"{base}-{n}"
                author = Author.objects.create(name=name, slug=slug)
            self._authors[name] = author
        return self._authors[name]

    def _keyword_objects(self, keywords):
        objects = []
        for slug, name in keywords:
            if slug not in self._keywords:
                # An editor's keyword of that name may have another address.
                name = name.upper()[:100]
                found = Keyword.objects.filter(slug=slug).first() or Keyword.objects.filter(name=name).first()
                self._keywords[slug] = found or Keyword.objects.create(slug=slug, name=name)
            objects.append(self._keywords[slug])
        return objects


def import_feed(address, section, agency="", publish=False, source=None):
    """Fetch `address` (conditionally, with `source`'s validators) and import its items.

    Returns the IntakeReport; raises FeedError, having written nothing, when the feed cannot be
    fetched or read. With a source, its validators and last fetch are stored with the items.
    """
    fetched = fetch(address, source.etag if source else "", source.last_modified if source else "")
    importer = FeedImporter(section, agency, publish, source)
    rows = []
    if fetched.not_modified:
        importer.report.not_modified = True
    else:
        rows = importer.clean(parse(fetched.content, address), address)
    with transaction.atomic(), saved_by(None, note=f"From the feed {address}"[:250], origin=ArticleRevision.Origin.IMPORT):
        importer.save(rows)
        if source is not None:
            if not fetched.not_modified:
                source.etag, source.last_modified = fetched.etag[:250], fetched.last_modified[:100]
            _record_fetch(source, importer.report)
    return importer.report


def _record_fetch(source, report, error=""):
    source.last_fetched_at = timezone.now()
    source.last_summary = report.summary()[:250] if report else ""
    source.last_error = error or "\n".join(f"{item}: {reason}" for item, reason in report.failures)
    source.save(update_fields=["last_fetched_at", "last_summary", "last_error", "etag", "last_modified"])


def import_source(source):
    """(the IntakeReport, "") for a source in admin, or (None, the reason) when its feed failed
    as a whole; the reason is then shown on the source, which is tried again after its interval."""
    try:
        return import_feed(source.url, source.section, source.agency, source.publish, source), ""
    except FeedError as error:
        _record_fetch(source, None, str(error))
        return None, str(error)


def due_sources(now=None):
    now = now or timezone.now()
    return [source for source in FeedSource.objects.filter(is_active=True).select_related("section") if source.is_due(now)]
