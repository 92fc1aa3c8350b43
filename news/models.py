import os
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator

from . import images
from .html import clean_body

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
        return reverse("news:section", args=[self.slug])


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
        return reverse("news:keyword", args=[self.slug])


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(blank=True, help_text="One or two sentences shown on the author's page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:author", args=[self.slug])


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
        """The article at `slug` with its section and author, as visible_to(user) finds it, or
        None. Its page reads the keywords and related links with a query each."""
        return self.visible_to(user).select_related("section", "author").filter(slug=slug).first()

    def for_hits(self, ids):
        """{id: article} for a page of search hits, as listings show them, without the body."""
        return self.for_listing().defer("body").in_bulk(ids)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Ready for review"
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
        help_text=(
            "Paragraphs, headings, lists, links, bold, italic and quotes, from the toolbar or its shortcuts. "
            "Pasted text keeps its structure and loses its styles; anything else is removed on save."
        )
    )
    credit_line = models.CharField(max_length=100, blank=True, help_text="e.g. mp-emg/jbr/jj")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="articles")
    source_url = models.URLField(
        max_length=500, blank=True, help_text='Shown as "Read more from original source".'
    )
    image = models.ImageField(
        "lead image",
        upload_to="articles/%Y/%m/",
        blank=True,
        help_text=(
            "JPEG, PNG, WebP or GIF. Sizes for every screen are made on upload, turned upright, "
            "and without the photo's metadata (such as its GPS position)."
        ),
    )
    image_alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="Required with an image: describe it for readers who cannot see it.",
    )
    image_caption = models.CharField(max_length=250, blank=True)
    image_credit = models.CharField(
        max_length=150, blank=True, help_text='Who made the image, e.g. "Photo: ESA/S. Corvaja".'
    )
    # The image's renditions (news/images.py): made on save, read by every page that shows it.
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only editors who may publish can choose Published; contributors send drafts for review.",
    )
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
        permissions = [("publish_article", "Can publish articles")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
            models.Index(fields=["author", "status", "-published_at"], name="article_author_idx"),
            models.Index(fields=["is_lead", "status", "-published_at"], name="article_lead_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self._store_image()
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
        day = self.local_published_at
        return reverse(
            "news:article",
            kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}", "slug": self.slug},
        )

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Add alt text: describe the image for readers who cannot see it."}
            )

    def _store_image(self):
        """Store a new upload as its clean copy with renditions; remake the renditions of an
        image set by name whose renditions were made for another one; forget them without an image."""
        if not self.image:
            self.image_renditions = {}
        elif not self.image._committed:
            clean = images.clean_copy(images.open_upload(self.image))
            stem, _ = os.path.splitext(os.path.basename(self.image.name))
            self.image.save(stem + clean.extension, clean.content, save=False)
            self.image_renditions = images.make_renditions(clean.image, self.image.name, self.image.storage)
        elif self.image_renditions.get("source") != self.image.name:
            with self.image.open("rb"):
                image = images.open_upload(self.image)
            self.image_renditions = images.make_renditions(image, self.image.name, self.image.storage)

    @cached_property
    def lead_image(self):
        """The lead image as pages print it, or None without an image (or its renditions)."""
        if not self.image or self.image_renditions.get("source") != self.image.name:
            return None
        return images.ResponsiveImage(
            self.image_renditions, self.image.storage, self.image_alt, self.image_caption, self.image_credit
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
    def dateline_source(self):
        """'Moscow (AFP)': the dateline without its date, for lists that show the date already."""
        if self.agency:
            return f"{self.dateline_place} ({self.agency})".strip()
        return self.dateline_place

    @property
    def dateline(self):
        """'Moscow (AFP) Feb 15, 2021', leaving out the parts the article does not have; the date
        is written as every page writes dates ("M j, Y")."""
        day = self.dateline_date or self.local_published_at.date()
        return f"{self.dateline_source} {day:%b} {day.day}, {day.year}".strip()

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


class ArticleRevision(models.Model):
    """One save of an article, for the editors' History: who saved it, how, a copy of the fields
    it then had (news/revisions.py lists them) and which of them changed. Unrelated to the
    readers' "Updated" stamp (Article.revised_at), which only text changes after publication move.
    """

    class Origin(models.TextChoices):
        ADMIN = "admin", "Admin"
        IMPORT = "import", "Import"
        SYSTEM = "system", "System"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(
        max_length=10, choices=Origin.choices, help_text="Admin for editors' saves; import or system otherwise."
    )
    fields = models.JSONField(help_text="The article's fields as this save left them.")
    changed = models.JSONField(default=list, help_text="Names of the fields that differ from the revision before.")
    note = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["article", "-id"], name="article_revision_idx")]

    def __str__(self):
        return f"{self.article_id} at {self.created_at:%Y-%m-%d %H:%M} by {self.saved_by}"

    @property
    def saved_by(self):
        """The editor's name when there is one, else where the save came from."""
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.get_origin_display().lower()


# Timer runs drift by a few seconds: a source due at 12:15:00 is fetched by the run at 12:14:59.
FEED_DUE_SLACK = timedelta(minutes=1)


class FeedSource(models.Model):
    """An agency's RSS or Atom feed, fetched by `manage.py import_feeds` (news/feed_intake.py)."""

    name = models.CharField(max_length=100, help_text="Shown in this list, e.g. AFP Space.")
    url = models.URLField(
        "feed address",
        max_length=500,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The RSS 2.0 or Atom feed's http(s) address.",
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="feed_sources", help_text="New items go to this section."
    )
    agency = models.CharField(max_length=50, blank=True, help_text="Put in each new article's dateline, e.g. AFP.")
    publish = models.BooleanField(
        "publish new items",
        default=False,
        help_text="Off: new items arrive as drafts for an editor to check and publish.",
    )
    interval = models.PositiveIntegerField(
        "minutes between fetches",
        default=15,
        validators=[MinValueValidator(15)],
        help_text="The fetch runs every 15 minutes, so 15 is the shortest.",
    )
    is_active = models.BooleanField(
        "fetch automatically", default=True, help_text="Off: only `manage.py import_feed` fetches it."
    )
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_summary = models.CharField(max_length=250, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    # The feed's validators from its last full answer, sent back so an unchanged feed costs a 304.
    etag = models.CharField("ETag", max_length=250, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_due(self, now):
        return self.last_fetched_at is None or self.last_fetched_at + timedelta(minutes=self.interval) <= now + FEED_DUE_SLACK


class FeedItem(models.Model):
    """The article an agency's item became, and a digest of the item as the feed last gave it:
    a run re-imports an item only when its digest changes, so an editor's changes to the article
    stay until the agency itself updates the item. The row outlives an article the editors
    delete, so that the item is not imported again."""

    external_id = models.CharField(max_length=200, unique=True)
    article = models.OneToOneField(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="feed_item",
        help_text="Empty once the editors deleted the article: the item is then never imported again.",
    )
    source = models.ForeignKey(FeedSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="items")
    digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.external_id} ({'deleted' if self.article_id is None else self.article_id})"
