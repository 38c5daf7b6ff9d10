from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin

from .models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        # Path and depth follow the parent; recompute for the unit and its subtree.
        super().save_model(request, obj, form, change)
        from .tree import rebuild_paths

        rebuild_paths(obj)
