from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.admin import ReadOnlyAdminMixin

from . import moderation
from .models import (
    Ban,
    BannedWord,
    Comment,
    CommentableArticle,
    CommentFlag,
    CommentThread,
    FlaggedComment,
    ModerationAction,
    PendingComment,
    WatchWord,
)


class BanForm(forms.Form):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    expires_at = forms.DateTimeField(
        required=False, label="Ban until", help_text="YYYY-MM-DD HH:MM. Leave empty for a permanent ban."
    )
    remove_pending = forms.BooleanField(required=False, initial=True, label="Also remove their pending comments")

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at and expires_at <= timezone.now():
            raise forms.ValidationError("The end of the ban must be in the future.")
        return expires_at


class CommentFlagInline(admin.TabularInline):
    model = CommentFlag
    extra = 0
    fields = ["user", "reason", "note", "created_at", "resolved_at"]
    readonly_fields = fields
    can_delete = False


class ModerationQueueAdmin(admin.ModelAdmin):
    """Shared by every comment list: the moderator reads, then acts through the actions."""

    list_display = ["excerpt", "user", "article", "status", "hold_reason", "open_flags", "created_at"]
    list_filter = ["status"]
    search_fields = ["body", "user__username", "user__email", "article__title"]
    list_select_related = ["user", "article"]
    raw_id_fields = ["article", "user", "parent"]
    readonly_fields = ["article", "user", "parent", "body", "created_at", "edited_at", "open_flags", "hold_reason"]
    fields = readonly_fields[:4] + ["status"] + readonly_fields[4:]
    inlines = [CommentFlagInline]
    actions = ["approve", "remove", "ban_author"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    @admin.display(description="comment")
    def excerpt(self, comment):
        return comment.body[:80] or "(removed)"

    @admin.action(description="Approve: publish the selected comments", permissions=["change"])
    def approve(self, request, queryset):
        for comment in queryset:
            moderation.approve(comment, request.user)
        self.message_user(request, f"Approved {len(queryset)} comment(s).", messages.SUCCESS)

    @admin.action(description="Remove the selected comments", permissions=["change"])
    def remove(self, request, queryset):
        for comment in queryset:
            moderation.remove(comment, request.user)
        self.message_user(request, f"Removed {len(queryset)} comment(s).", messages.SUCCESS)

    @admin.action(description="Ban the authors of the selected comments", permissions=["change"])
    def ban_author(self, request, queryset):
        form = BanForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            banned = {}
            for comment in queryset.select_related("user"):
                if comment.user_id not in banned:
                    banned[comment.user_id] = moderation.ban(
                        comment.user, request.user, comment=comment, **form.cleaned_data
                    )
            self.message_user(request, f"Banned {len(banned)} reader(s).", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Ban comment authors",
            "form": form,
            "comments": queryset.select_related("user"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/comments/ban_authors.html", context)

    def save_model(self, request, obj, form, change):
        """Status changes made through the form go through the same audited steps as actions."""
        if "status" in form.changed_data and obj.status == Comment.Status.PUBLISHED:
            moderation.approve(obj, request.user, reason="Edited in admin")
        elif "status" in form.changed_data and obj.status == Comment.Status.REMOVED:
            moderation.remove(obj, request.user, reason="Edited in admin")
        else:
            super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(ModerationQueueAdmin):
    pass


@admin.register(PendingComment)
class PendingCommentAdmin(ModerationQueueAdmin):
    list_filter = []
    date_hierarchy = None
    ordering = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Comment.Status.PENDING)


@admin.register(FlaggedComment)
class FlaggedCommentAdmin(ModerationQueueAdmin):
    date_hierarchy = None
    ordering = ["-open_flags", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(open_flags__gt=0)


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ["user", "reason", "expires_at", "created_by", "created_at"]
    search_fields = ["user__username", "user__email", "reason"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            moderation.ban(obj.user, request.user, obj.reason, obj.expires_at)


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "moderator", "kind", "target_user", "article", "comment", "reason"]
    list_filter = ["kind"]
    list_select_related = ["moderator", "target_user", "article", "comment"]
    search_fields = ["moderator__username", "target_user__username", "reason"]
    date_hierarchy = "created_at"


@admin.register(BannedWord, WatchWord)
class WordListAdmin(admin.ModelAdmin):
    search_fields = ["word"]


@admin.register(CommentableArticle)
class CommentableArticleAdmin(admin.ModelAdmin):
    """Where editors close and reopen comments on an article."""

    list_display = ["title", "published_at", "comments_open"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    actions = ["close_comments", "reopen_comments"]
    fields = ["title", "published_at"]
    readonly_fields = fields

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        decisions = dict(
            CommentThread.objects.filter(article__in=changelist.result_list).values_list("article_id", "is_closed")
        )
        for article in changelist.result_list:
            article.thread_closed = decisions.get(article.pk)
        return changelist

    @admin.display(boolean=True, description="comments open")
    def comments_open(self, article):
        if getattr(article, "thread_closed", None) is not None:
            return not article.thread_closed
        return CommentThread.is_open_by_age(article)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Close comments on the selected articles", permissions=["change"])
    def close_comments(self, request, queryset):
        for article in queryset:
            moderation.set_thread(article, request.user, is_closed=True)
        self.message_user(request, f"Closed comments on {len(queryset)} article(s).", messages.SUCCESS)

    @admin.action(description="Reopen comments on the selected articles", permissions=["change"])
    def reopen_comments(self, request, queryset):
        for article in queryset:
            moderation.set_thread(article, request.user, is_closed=False)
        self.message_user(request, f"Reopened comments on {len(queryset)} article(s).", messages.SUCCESS)
