from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nghiquyet.audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import (
    ClassificationScheme,
    Group,
    Indicator,
    Plan,
    QualityRule,
    Target,
    TargetAdjustment,
    Task,
    TaskDeadlineChange,
    TaskEvidence,
    TaskUpdate,
)


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(AuditedModelAdmin):
    list_display = ["key", "name"]
    search_fields = ["key", "name"]


@admin.register(QualityRule)
class QualityRuleAdmin(AuditedModelAdmin):
    list_display = ["indicator", "kind", "low", "high", "group", "unit"]
    list_filter = ["kind"]
    search_fields = ["indicator__code", "indicator__name", "group"]
    raw_id_fields = ["unit", "indicator"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "nature", "aggregation"]
    list_filter = ["nature", "aggregation"]
    search_fields = ["code", "name"]


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin):
    list_display = ["code", "heading", "title", "unit", "year", "term_start", "term_end", "is_demo"]
    list_filter = ["kind", "body_kind", "is_demo"]
    search_fields = ["code", "number", "title", "unit__name"]
    autocomplete_fields = ["unit", "parent"]
    inlines = [GroupInline]

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


@admin.register(Group)
class GroupAdmin(AuditedModelAdmin):
    list_display = ["plan", "kind", "code", "name", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "plan__code"]


class TaskEvidenceInline(admin.TabularInline):
    model = TaskEvidence
    extra = 0
    can_delete = False
    # The stored file is never linked directly: only the scope-checked download view serves it.
    fields = ["download", "size", "content_type", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tệp"))
    def download(self, obj):
        url = reverse("plans:evidence-download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Progress updates are records: written only through the task page, never edited."""

    list_display = [
        "task",
        "progress_before",
        "progress",
        "completed_on",
        "created_by",
        "created_at",
    ]
    list_select_related = ["task", "created_by"]
    search_fields = ["task__title", "note", "created_by__username"]
    date_hierarchy = "created_at"
    fields = [
        "task",
        "progress_before",
        "progress",
        "completed_on",
        "note",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [TaskEvidenceInline]


@admin.register(TaskEvidence)
class TaskEvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "update", "size", "content_type", "uploaded_by", "uploaded_at"]
    list_select_related = ["update__task", "uploaded_by"]
    search_fields = ["original_name", "sha256", "update__task__title"]
    fields = [
        "download",
        "update",
        "size",
        "content_type",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("tệp"))
    def download(self, obj):
        url = reverse("plans:evidence-download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(TargetAdjustment)
class TargetAdjustmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Adjustments are records: made through the target's page, never edited."""

    list_display = ["target", "kind", "effective_on", "document", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["document", "target__name", "target__plan__code"]


@admin.register(TaskDeadlineChange)
class TaskDeadlineChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Deadline extensions are records: made through the task's page, never edited."""

    list_display = ["task", "number", "old_deadline", "new_deadline", "created_by", "created_at"]
    search_fields = ["task__title", "reason"]
