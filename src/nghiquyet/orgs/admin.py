from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import OrgUnit, OrgUnitAlias, OrgUnitChange, OrgUnitLineage


class AliasInline(admin.TabularInline):
    """Other sources' codes (from the map packages); read-only."""

    model = OrgUnitAlias
    extra = 0
    can_delete = False
    readonly_fields = ["code", "source"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    """Units are created here; once they exist, their name, place and dates change only
    through dated changes (the unit page), which keep the history."""

    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]
    inlines = [AliasInline]
    #: what only a dated change may alter
    HISTORY_FIELDS = ["code", "name", "short_name", "kind", "parent", "valid_from", "valid_to"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + self.HISTORY_FIELDS if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Path and depth follow the parent; recompute for the unit and its subtree.
        super().save_model(request, obj, form, change)
        if not change:
            from .models import OrgUnitVersion
            from .tree import rebuild_paths

            rebuild_paths(obj)
            OrgUnitVersion.objects.create(
                unit=obj,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
                code=obj.code,
                name=obj.name,
                short_name=obj.short_name,
                kind=obj.kind,
                parent=obj.parent,
            )


class LineageInline(admin.TabularInline):
    model = OrgUnitLineage
    fk_name = "change"
    extra = 0
    can_delete = False
    readonly_fields = ["predecessor", "successor", "share", "effective_on"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OrgUnitChange)
class OrgUnitChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["effective_on", "kind", "decision", "created_by"]
    list_filter = ["kind"]
    search_fields = ["decision", "note", "links__predecessor__name", "links__successor__name"]
    inlines = [LineageInline]
