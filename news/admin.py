from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from .admin_revisions import ArticleRevisionsAdminMixin
from .models import Article, ArticleRedirect, Author, Keyword, RelatedLink, Section


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


@admin.register(Article)
class ArticleAdmin(ArticleRevisionsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "section", "byline", "status", "published_at", "is_live", "is_lead"]
    list_filter = ["status", "section", "is_lead", ("published_at", admin.DateFieldListFilter)]
    list_select_related = ["section", "author"]
    search_fields = ["title", "slug", "teaser"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "keywords"]
    inlines = [RelatedLinkInline]
    actions = ["publish_now", "unpublish"]
    readonly_fields = ["preview_link", "revised_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "author", "teaser", "body"]}),
        ("Dateline and credits", {"fields": ["dateline_place", "agency", "dateline_date", "credit_line", "source_url"]}),
        ("Keywords", {"fields": ["keywords"]}),
        ("Lead image", {"fields": ["image", "image_alt", "image_caption"], "classes": ["collapse"]}),
        ("Publication", {"fields": ["status", "published_at", "is_lead", "correction", "preview_link", "revised_at", "updated_at"]}),
    ]

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

    @admin.action(description="Publish now", permissions=["change"])
    def publish_now(self, request, queryset):
        count = 0
        for article in queryset:
            if not article.is_live:
                article.status = Article.Status.PUBLISHED
                article.published_at = timezone.now()
                article.save()
                count += 1
        self.message_user(request, f"{count} article(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
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
