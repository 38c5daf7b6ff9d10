from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import Period, Value


@admin.register(Period)
class PeriodAdmin(AuditedModelAdmin):
    list_display = ["key", "label", "start_date", "end_date", "deadline"]
    list_filter = ["kind", "year"]
    search_fields = ["key"]
    readonly_fields = ["key", "kind", "year", "number", "end_year", "start_date", "end_date"]

    def has_add_permission(self, request):
        # Periods are created with their Nghị định 09/2019 cut-offs by the service.
        return False


@admin.register(Value)
class ValueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Figures are read-only here: a new figure is a new version, made by the service."""

    list_display = [
        "indicator",
        "unit",
        "period",
        "value",
        "status",
        "version",
        "is_current",
        "recorded_by",
        "recorded_at",
    ]
    list_filter = ["status", "is_current", "source", "period__kind"]
    search_fields = ["indicator__code", "indicator__name", "unit__name", "unit__code"]
    list_select_related = ["indicator", "unit", "period", "recorded_by"]
