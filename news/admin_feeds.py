"""Agency feed sources in admin: editors add a feed, choose its section and whether its items
are published or drafts, and see when it was last fetched and what went wrong."""

from django.contrib import admin, messages
from django.utils.html import format_html

from .feed_intake import import_source
from .models import FeedSource


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "section", "agency", "publish", "interval", "is_active", "last_fetched_at", "is_ok"]
    list_filter = ["is_active", "publish", "section"]
    search_fields = ["name", "url", "agency"]
    readonly_fields = ["last_fetched_at", "last_summary", "last_error_text", "etag", "last_modified"]
    fieldsets = [
        (None, {"fields": ["name", "url", "section", "agency", "publish", "interval", "is_active"]}),
        ("Last fetch", {"fields": readonly_fields}),
    ]
    actions = ["fetch_now"]

    @admin.display(boolean=True, description="OK")
    def is_ok(self, source):
        return None if source.last_fetched_at is None else not source.last_error

    @admin.display(description="last error")
    def last_error_text(self, source):
        return format_html('<pre class="feed-error">{}</pre>', source.last_error) if source.last_error else "—"

    @admin.action(description="Fetch the selected feeds now", permissions=["change"])
    def fetch_now(self, request, queryset):
        for source in queryset.select_related("section"):
            report, error = import_source(source)
            if error:
                self.message_user(request, f"{source.name}: {error}", messages.ERROR)
                continue
            level = messages.WARNING if report.failed else messages.SUCCESS
            self.message_user(request, f"{source.name}: {report.summary()}", level)
