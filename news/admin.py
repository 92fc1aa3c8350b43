from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .admin_revisions import ArticleRevisionsAdminMixin
from .forms import LeadImageField
from .models import Article, ArticleRedirect, Author, Keyword, RelatedLink, Section
from .widgets import ArticleBodyWidget

PUBLISHING_ACTIONS = {"publish_now", "unpublish"}
NOT_A_PUBLISHER = (
    "Only editors with the “Can publish articles” permission can publish or unpublish articles. "
    "Save it as a draft, or as ready for review for an editor to publish."
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 1
    fields = ["order", "title", "url"]


class ArticleStatusFilter(admin.SimpleListFilter):
    """Each status with its number of articles, so the review queue's length shows in the list."""

    title = "status"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        counts = dict(model_admin.get_queryset(request).order_by().values_list("status").annotate(Count("pk")))
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in Article.Status.choices]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class ArticleAdminForm(forms.ModelForm):
    # Set per request by ArticleAdmin.get_form.
    may_publish = False

    class Meta:
        widgets = {"body": ArticleBodyWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.may_publish and "status" in self.fields:
            self.fields["status"].widget.choices = [
                choice for choice in self.fields["status"].choices if choice[0] != Article.Status.PUBLISHED
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Article.Status.PUBLISHED and not self.may_publish:
            raise forms.ValidationError(NOT_A_PUBLISHER)
        return status


@admin.register(Article)
class ArticleAdmin(ArticleRevisionsAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "byline", "status", "published_at", "is_live", "is_lead"]
    list_filter = [ArticleStatusFilter, "section", "is_lead", ("published_at", admin.DateFieldListFilter)]
    list_select_related = ["section", "author"]
    search_fields = ["title", "slug", "teaser"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "keywords"]
    inlines = [RelatedLinkInline]
    actions = ["publish_now", "unpublish"]
    readonly_fields = ["preview_link", "revised_at", "updated_at", "image_sizes"]
    formfield_overrides = {models.ImageField: {"form_class": LeadImageField}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "author", "teaser", "body"]}),
        ("Dateline and credits", {"fields": ["dateline_place", "agency", "dateline_date", "credit_line", "source_url"]}),
        ("Keywords", {"fields": ["keywords"]}),
        ("Lead image", {"fields": ["image", "image_alt", "image_caption", "image_credit", "image_sizes"]}),
        ("Publication", {"fields": ["status", "published_at", "is_lead", "correction", "preview_link", "revised_at", "updated_at"]}),
    ]

    def has_publish_permission(self, request):
        return request.user.has_perm("news.publish_article")

    def has_change_permission(self, request, obj=None):
        """A published article (live or scheduled) is changed only by those who may publish: for
        anyone else its change would go public, or it would be taken down."""
        if obj is not None and obj.status == Article.Status.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.may_publish = self.has_publish_permission(request)
        return form

    def changelist_view(self, request, extra_context=None):
        """The publishing actions are not offered to those who may not publish; a request for one
        anyway is refused with the reason (admin itself would ignore it without a word)."""
        if (
            request.method == "POST"
            and request.POST.get("action") in PUBLISHING_ACTIONS
            and not self.has_publish_permission(request)
        ):
            self.message_user(request, NOT_A_PUBLISHER, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    @admin.display(boolean=True, description="live")
    def is_live(self, obj):
        return obj.is_live

    @admin.display(description="written by")
    def byline(self, obj):
        return obj.byline

    @admin.display(description="preview link (valid for 7 days)")
    def preview_link(self, obj):
        if obj.pk is None:
            return "Save the article to get a preview link."
        return format_html(
            '<a href="{0}">{0}</a><br>Anyone with this link can read the article until it expires.',
            obj.get_preview_url(),
        )

    @admin.display(description="sizes made for readers")
    def image_sizes(self, obj):
        image = obj.lead_image
        if image is None:
            return "Upload an image: its sizes for every screen are made when you save."
        return format_html_join(
            ", ", '<a href="{}">{} × {}</a>', ((r.jpeg_url, r.width, r.height) for r in image.renditions)
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        count = 0
        for article in queryset:
            if not article.is_live:
                article.status = Article.Status.PUBLISHED
                article.published_at = timezone.now()
                article.save()
                count += 1
        self.message_user(request, f"{count} article(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(request, f"{count} article(s) moved back to draft.", messages.SUCCESS)


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    search_fields = ["old_slug", "article__title"]
    raw_id_fields = ["article"]
from . import admin_feeds  # noqa: E402, F401  (FeedSource, in a module of its own)
