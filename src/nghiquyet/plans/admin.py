from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nghiquyet.audit.admin_mixins import AuditedModelAdmin

from .models import ClassificationScheme, Indicator, Plan, Target, TargetGroup, Task, TaskGroup


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(AuditedModelAdmin):
    list_display = ["key", "name"]
    search_fields = ["key", "name"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "nature", "aggregation"]
    list_filter = ["nature", "aggregation"]
    search_fields = ["code", "name"]


class TargetGroupInline(admin.TabularInline):
    model = TargetGroup
    extra = 0


class TaskGroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin):
    list_display = ["code", "heading", "title", "unit", "year", "term_start", "term_end", "is_demo"]
    list_filter = ["kind", "body_kind", "is_demo"]
    search_fields = ["code", "number", "title", "unit__name"]
    autocomplete_fields = ["unit", "parent"]
    inlines = [TargetGroupInline, TaskGroupInline]

    @admin.display(description=_("số, ký hiệu"))
    def heading(self, obj):
        return obj.heading


@admin.register(Target)
class TargetAdmin(AuditedModelAdmin):
    list_display = ["plan", "code", "name", "direction", "target_value", "target_high", "temporal"]
    list_filter = ["direction", "temporal", "change", "is_composite", "plan__kind"]
    search_fields = ["code", "name", "statement", "plan__code"]
    autocomplete_fields = ["plan", "indicator", "lead_unit", "partner_units", "parent", "composite"]
    list_select_related = ["plan"]


@admin.register(Task)
class TaskAdmin(AuditedModelAdmin):
    list_display = ["plan", "code", "title", "owner_unit", "deadline", "completed_on", "progress"]
    list_filter = ["plan__kind"]
    search_fields = ["title", "product", "plan__code", "owner_unit__name"]
    autocomplete_fields = ["plan", "owner_unit", "partner_units", "target", "group"]
    list_select_related = ["plan", "owner_unit"]


@admin.register(TaskGroup)
class TaskGroupAdmin(AuditedModelAdmin):
    search_fields = ["name", "plan__code"]


@admin.register(TargetGroup)
class TargetGroupAdmin(AuditedModelAdmin):
    search_fields = ["name", "plan__code"]
