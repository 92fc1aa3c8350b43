"""Article revisions: every save keeps a copy of the article's fields, who saved it and what changed.

Saves one by one (admin, admin actions, the shell) are recorded by the model signals below;
imports write in bulk and are recorded per batch from `articles_imported`. Admin tells who is
saving with `saved_by(request.user)`; any other save is the system's.

An admin save writes the article, then its keywords: the keyword change joins the revision its
save made, as long as that save's transaction is open, so one press of Save is one revision.
"""

import difflib
import re
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .importing import _insert_rows
from .models import Article, ArticleRevision, Author, Keyword, Section
from .signals import articles_imported

# The article's own fields a revision keeps and a restore brings back, in the order History shows
# them; "keywords" follows. Images, related links and derived fields are not part of a revision.
REVISED_FIELDS = (
    "title",
    "slug",
    "section",
    "author",
    "teaser",
    "body",
    "status",
    "published_at",
    "dateline_place",
    "agency",
    "dateline_date",
    "credit_line",
    "source_url",
    "is_lead",
    "correction",
)
RELATIONS = {"section": Section, "author": Author}
# What an import's revisions are made from, read without building articles.
IMPORT_COLUMNS = (
    "id",
    *(name for name in REVISED_FIELDS if name not in RELATIONS),
    *(f"{name}{suffix}" for name in RELATIONS for suffix in ("_id", "__name")),
)
# Shown as a word-by-word diff; the other fields as their value before and after.
TEXT_FIELDS = {"title", "teaser", "body", "correction"}
BASELINE_NOTE = "As it was before revisions were kept."
WORDS = re.compile(r"<[^>]*>|\s+|[^\s<]+")
# One block of the body a line, so that its diff reads paragraph by paragraph.
BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|ul|ol|blockquote|figure)>)\s*")


class Saver(NamedTuple):
    user: object
    origin: str
    note: str


SYSTEM_SAVER = Saver(None, ArticleRevision.Origin.SYSTEM, "")
_saver = ContextVar("article_revision_saver", default=None)


@contextmanager
def saved_by(user, note="", origin=ArticleRevision.Origin.ADMIN):
    """Article saves inside this block are recorded as made by `user` (an admin request's user)."""
    token = _saver.set(Saver(user if user is not None and user.is_authenticated else None, origin, note))
    try:
        yield
    finally:
        _saver.reset(token)


def _json_value(name, value):
    if name == "published_at":
        return value.astimezone(UTC).isoformat()
    if name == "dateline_date":
        return value.isoformat() if value else None
    return value


def snapshot(article, keywords):
    """The article's revised fields as JSON values: section and author as [id, name] (or None),
    keywords as [id, name] pairs from `keywords`."""
    fields = {}
    for name in REVISED_FIELDS:
        if name in RELATIONS:
            related = getattr(article, name)
            fields[name] = [related.pk, related.name] if related is not None else None
        else:
            fields[name] = _json_value(name, getattr(article, name))
    fields["keywords"] = _keyword_list(keywords)
    return fields


def _snapshot_of_row(row, keywords):
    """snapshot() of a row of Article.objects.values(*IMPORT_COLUMNS)."""
    fields = {}
    for name in REVISED_FIELDS:
        if name in RELATIONS:
            related_id = row[f"{name}_id"]
            fields[name] = [related_id, row[f"{name}__name"]] if related_id is not None else None
        else:
            fields[name] = _json_value(name, row[name])
    fields["keywords"] = _keyword_list(keywords)
    return fields


def _keyword_list(keywords):
    return sorted([pk, name] for pk, name in keywords)


def _compared(name, value):
    """What a change is judged on: the ids of related rows, not their names at the time."""
    if name in RELATIONS:
        return value[0] if value else None
    if name == "keywords":
        return sorted(pk for pk, _ in value or [])
    return value


def changed_fields(before, after):
    if before is None:
        return []
    return [name for name in after if _compared(name, before.get(name)) != _compared(name, after[name])]


def _keywords_of(article_id):
    return Article.keywords.through.objects.filter(article_id=article_id).values_list("keyword_id", "keyword__name")


def _latest_fields(article_id):
    return ArticleRevision.objects.filter(article_id=article_id).values_list("fields", flat=True).first()


def _record(article, fields, before):
    saver = _saver.get() or SYSTEM_SAVER
    revision = ArticleRevision.objects.create(
        article=article,
        user=saver.user,
        origin=saver.origin,
        note=saver.note,
        fields=fields,
        changed=changed_fields(before, fields),
    )
    # Keyword changes made before this transaction commits join this revision (admin writes them
    # right after the article); in autocommit the callback runs at once and the next change is new.
    article._open_revision = (revision, before)
    transaction.on_commit(lambda: article.__dict__.pop("_open_revision", None))
    return revision


@receiver(pre_save, sender=Article, dispatch_uid="revisions-before")
def _read_revision_before(sender, instance, raw=False, **kwargs):
    """The fields of the article's latest revision, for the next one to compare with. An article
    saved before revisions were kept first gets one of its stored state, so the change can be undone."""
    if raw or instance._state.adding:
        return
    before = _latest_fields(instance.pk)
    if before is None:
        stored = Article.objects.select_related("section", "author").filter(pk=instance.pk).first()
        if stored is not None:
            before = snapshot(stored, _keywords_of(stored.pk))
            ArticleRevision.objects.create(
                article=stored, origin=ArticleRevision.Origin.SYSTEM, note=BASELINE_NOTE, fields=before
            )
    instance._revision_before = before


@receiver(post_save, sender=Article, dispatch_uid="revisions-save")
def _article_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    keywords = [] if created else _keywords_of(instance.pk)
    _record(instance, snapshot(instance, keywords), instance.__dict__.pop("_revision_before", None))


@receiver(m2m_changed, sender=Article.keywords.through, dispatch_uid="revisions-keywords")
def _keywords_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:
        # keyword.articles.add(...): each article named gets a revision of its own.
        if action in ("post_add", "post_remove"):
            for article in Article.objects.select_related("section", "author").filter(pk__in=pk_set):
                _record(article, snapshot(article, _keywords_of(article.pk)), _latest_fields(article.pk))
        elif action == "pre_clear":
            instance._revision_articles = list(instance.articles.values_list("pk", flat=True))
        elif action == "post_clear":
            _keywords_changed(sender, instance, "post_remove", True, instance.__dict__.pop("_revision_articles", []))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    open_revision = instance.__dict__.get("_open_revision")
    if open_revision is None:
        before = _latest_fields(instance.pk)
        _record(instance, snapshot(instance, _keywords_of(instance.pk)), before)
        return
    revision, before = open_revision
    revision.fields["keywords"] = _keyword_list(_keywords_of(instance.pk))
    revision.changed = changed_fields(before, revision.fields)
    revision.save(update_fields=["fields", "changed"])


@receiver(articles_imported, dispatch_uid="revisions-import")
def record_imported(created_ids=(), updated_ids=(), **kwargs):
    """One revision for each article a batch of an import created or changed, in a few queries."""
    ids = [*created_ids, *updated_ids]
    if not ids:
        return
    keywords = defaultdict(list)
    for article_id, keyword_id, name in Article.keywords.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "keyword_id", "keyword__name"
    ):
        keywords[article_id].append((keyword_id, name))
    latest = (
        ArticleRevision.objects.filter(article_id__in=list(updated_ids))
        .values("article_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    before = dict(ArticleRevision.objects.filter(id__in=latest).values_list("article_id", "fields"))
    now = timezone.now()
    rows = []
    for row in Article.objects.filter(pk__in=ids).order_by("pk").values(*IMPORT_COLUMNS):
        fields = _snapshot_of_row(row, keywords[row["id"]])
        rows.append((row["id"], now, None, ArticleRevision.Origin.IMPORT, fields, changed_fields(before.get(row["id"]), fields), ""))
    # Written as the importer writes: with bulk_create, benchmarks/import_bench.py's first import took 1.8 times as long.
    _insert_rows(ArticleRevision, ["article", "created_at", "user", "origin", "fields", "changed", "note"], rows)


def word_diff(before, after):
    """`before` changed into `after`, word by word: removed words in <del>, added ones in <ins>,
    everything escaped (a body's tags are shown as text, never rendered)."""
    old, new = WORDS.findall(before or ""), WORDS.findall(after or "")
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return mark_safe("".join(parts))


class Change(NamedTuple):
    label: str
    diff: str  # for text fields: the escaped word diff
    before: str
    after: str


def _shown(name, value):
    if value is None or value == "":
        return "(empty)"
    if name in RELATIONS:
        return value[1]
    if name == "keywords":
        return ", ".join(keyword_name for _, keyword_name in value) or "(none)"
    if name == "published_at":
        return f"{timezone.localtime(parse_datetime(value)):%Y-%m-%d %H:%M}"
    if name == "status":
        return dict(Article.Status.choices).get(value, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe_changes(revision, before):
    """The changes `revision` made to the fields of the revision `before` it, as History shows them."""
    changes = []
    for name in revision.changed:
        label = "keywords" if name == "keywords" else Article._meta.get_field(name).verbose_name
        old, new = (before or {}).get(name), revision.fields.get(name)
        if name in TEXT_FIELDS:
            if name == "body":
                old, new = (BLOCK_END.sub("\\1\n", text or "").strip() for text in (old, new))
            changes.append(Change(label, word_diff(old, new), "", ""))
        else:
            changes.append(Change(label, "", _shown(name, old), _shown(name, new)))
    return changes


class RestoreError(ValueError):
    pass


@transaction.atomic
def restore(article, revision, user):
    """Put the article's fields and keywords back as `revision` has them, through Article.save
    (sanitising, redirects from a changed slug, fresh pages): a new revision by `user` of its own.
    Raises RestoreError when the revision no longer fits (its slug is taken, its section is gone)."""
    fields = revision.fields
    for name in REVISED_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in RELATIONS:
            related_id = value[0] if value else None
            if related_id is not None and not RELATIONS[name].objects.filter(pk=related_id).exists():
                if name == "section":
                    raise RestoreError(f'The section "{value[1]}" of this revision no longer exists.')
                related_id = None  # a deleted author signs as "Staff Writers", as deleting one does
            setattr(article, f"{name}_id", related_id)
            continue
        if name == "published_at":
            value = parse_datetime(value)
        elif name == "dateline_date":
            value = parse_date(value) if value else None
        setattr(article, name, value)
    try:
        article.full_clean(exclude=["keywords"])
    except ValidationError as error:
        reasons = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise RestoreError(f"This revision cannot be restored as it is ({reasons}).") from None
    note = f"Restored the revision of {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} by {revision.saved_by}."
    with saved_by(user, note):
        article.save()
        article.keywords.set(Keyword.objects.filter(pk__in=[pk for pk, _ in fields.get("keywords", [])]))
    return article
