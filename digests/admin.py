from django.contrib import admin

from .models import Delivery, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "user", "is_all_news", "confirmed_at", "created_at"]
    list_filter = ["is_all_news", "sections"]
    search_fields = ["email", "user__username"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    filter_horizontal = ["sections"]
    readonly_fields = ["confirmed_at", "created_at"]
    date_hierarchy = "created_at"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The record send_digests keeps: read only, since a row is what stops a second send."""

    list_display = ["subscriber", "digest_date", "sent_at", "claimed_at", "error"]
    list_filter = ["digest_date"]
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
