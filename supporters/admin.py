import csv
from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models.functions import TruncMonth
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from portal.admin import ReadOnlyAdminMixin

from . import events, stripe_gateway
from .models import Contribution, StripeEvent, Subscription
from .money import format_amount, to_decimal


class _Echo:
    def write(self, value):
        return value


class MonthFilter(admin.SimpleListFilter):
    title = "month"
    parameter_name = "month"

    def lookups(self, request, model_admin):
        months = (
            model_admin.get_queryset(request).exclude(paid_at=None).annotate(month=TruncMonth("paid_at"))
            .values_list("month", flat=True).distinct().order_by("-month")[:24]
        )
        return [(month.strftime("%Y-%m"), month.strftime("%B %Y")) for month in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year, month = (int(part) for part in self.value().split("-"))
            start = timezone.make_aware(datetime(year, month, 1))
        except ValueError:
            return queryset.none()
        end = start.replace(year=year + month // 12, month=month % 12 + 1)
        return queryset.filter(paid_at__gte=start, paid_at__lt=end)


class CsvExportMixin:
    """An "Export CSV" link on the change list that exports exactly the filtered list."""

    csv_fields = ()

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_export"
        return [path("export/", self.admin_site.admin_view(self.export_csv), name=name), *super().get_urls()]

    def export_csv(self, request):
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("These filters are not valid.", content_type="text/plain")
        rows = changelist.get_queryset(request).select_related("supporter")
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow([label for label, _ in self.csv_fields])
            for row in rows.iterator(chunk_size=500):
                yield writer.writerow([_cell(value(row)) for _, value in self.csv_fields])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}s-{stamp}.csv"'
        return response


def _cell(value):
    """Stop spreadsheets from running a formula a supporter typed as their e-mail address."""
    return f"'{value}" if str(value)[:1] in ("=", "+", "-", "@") else value


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdminMixin, CsvExportMixin, admin.ModelAdmin):
    list_display = ["paid_at", "display_amount", "frequency", "status", "email", "supporter", "stripe_link"]
    list_filter = ["status", "frequency", MonthFilter]
    search_fields = ["email", "supporter__email", "stripe_payment_intent_id", "stripe_invoice_id"]
    list_select_related = ["supporter"]
    readonly_fields = [field.name for field in Contribution._meta.fields] + ["stripe_link"]
    csv_fields = (
        ("paid_at", lambda c: c.paid_at.isoformat() if c.paid_at else ""),
        ("amount", lambda c: to_decimal(c.amount, c.currency)),
        ("amount_refunded", lambda c: to_decimal(c.amount_refunded, c.currency)),
        ("currency", lambda c: c.currency.upper()),
        ("frequency", lambda c: c.frequency),
        ("status", lambda c: c.status),
        ("email", lambda c: c.email),
        ("supporter", lambda c: c.supporter.get_username() if c.supporter else ""),
        ("stripe_payment_intent_id", lambda c: c.stripe_payment_intent_id or ""),
        ("stripe_invoice_id", lambda c: c.stripe_invoice_id or ""),
    )

    @admin.display(description="amount", ordering="amount")
    def display_amount(self, obj):
        return obj.display_amount

    @admin.display(description="Stripe")
    def stripe_link(self, obj):
        if obj.stripe_payment_intent_id:
            url = stripe_gateway.dashboard_url("payments", obj.stripe_payment_intent_id)
        elif obj.stripe_invoice_id:
            url = stripe_gateway.dashboard_url("invoices", obj.stripe_invoice_id)
        else:
            return "—"
        return format_html('<a href="{}" rel="noopener">Open in Stripe</a>', url)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "revenue_by_month": [
                {**row, "display": format_amount(row["total"], row["currency"])}
                for row in Contribution.objects.revenue_by_month()[:12]
            ],
            "recurring": _recurring(),
        }
        return super().changelist_view(request, extra_context)


def _recurring():
    return [
        {**row, "display": format_amount(row["total"], row["currency"])}
        for row in Subscription.objects.monthly_recurring_revenue()
    ]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdminMixin, CsvExportMixin, admin.ModelAdmin):
    list_display = ["created_at", "display_amount", "status", "cancel_at_period_end", "current_period_end", "email", "supporter", "stripe_link"]
    list_filter = ["status", "cancel_at_period_end"]
    search_fields = ["email", "supporter__email", "stripe_subscription_id", "stripe_customer_id"]
    list_select_related = ["supporter"]
    readonly_fields = [field.name for field in Subscription._meta.fields] + ["stripe_link"]
    csv_fields = (
        ("created_at", lambda s: s.created_at.isoformat()),
        ("amount", lambda s: to_decimal(s.amount, s.currency)),
        ("currency", lambda s: s.currency.upper()),
        ("status", lambda s: s.status),
        ("cancel_at_period_end", lambda s: "yes" if s.cancel_at_period_end else "no"),
        ("current_period_end", lambda s: s.current_period_end.isoformat() if s.current_period_end else ""),
        ("email", lambda s: s.email),
        ("supporter", lambda s: s.supporter.get_username() if s.supporter else ""),
        ("stripe_subscription_id", lambda s: s.stripe_subscription_id),
    )

    @admin.display(description="amount", ordering="amount")
    def display_amount(self, obj):
        return f"{obj.display_amount} / month"

    @admin.display(description="Stripe")
    def stripe_link(self, obj):
        url = stripe_gateway.dashboard_url("subscriptions", obj.stripe_subscription_id)
        return format_html('<a href="{}" rel="noopener">Open in Stripe</a>', url)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "recurring": _recurring()}
        return super().changelist_view(request, extra_context)


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["received_at", "type", "stripe_id", "is_processed", "attempts", "short_error"]
    list_filter = ["type", ("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["stripe_id", "type"]
    readonly_fields = ["stripe_id", "type", "payload", "received_at", "processed_at", "error", "attempts", "stripe_link"]
    actions = ["process_again"]

    @admin.display(boolean=True, description="processed")
    def is_processed(self, obj):
        return obj.is_processed

    @admin.display(description="error")
    def short_error(self, obj):
        return obj.error[:80]

    @admin.display(description="Stripe")
    def stripe_link(self, obj):
        return format_html('<a href="{}" rel="noopener">Open in Stripe</a>', stripe_gateway.dashboard_url("events", obj.stripe_id))

    @admin.action(description="Process the selected failed events again", permissions=["view"])
    def process_again(self, request, queryset):
        done = failed = 0
        for event in queryset.filter(processed_at=None):
            try:
                events.process(event)
                done += 1
            except events.ProcessingFailed:
                failed += 1
        if done:
            self.message_user(request, f"{done} event(s) processed.", messages.SUCCESS)
        if failed:
            self.message_user(request, f"{failed} event(s) failed again; see their error.", messages.ERROR)
        if not done and not failed:
            self.message_user(request, "Nothing to do: the selected events were processed already.", messages.INFO)
