"""Django admin changes leave the same audit trail as changes made through services."""

from django.contrib import admin
from django.db import transaction

from .services import audit_log, audit_operation


def _unit_of(obj):
    for attr in ("unit", "owner_unit", "plan"):
        value = getattr(obj, attr, None)
        if value is not None:
            return value.unit if attr == "plan" else value
    return obj if obj._meta.label_lower == "orgs.orgunit" else None


#: What the trail shows instead of a secret (a password typed into the admin's form).
HIDDEN = "***"


class AuditedModelAdmin(admin.ModelAdmin):
    """Writes an :class:`AuditEvent` (with old and new values) for every add, change, delete.

    Fields named in ``audit_hidden_fields`` (passwords) are recorded as changed, never with
    their values."""

    audit_hidden_fields: frozenset[str] = frozenset()

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = {}
            if change and obj.pk:
                old = type(obj).objects.filter(pk=obj.pk).values(*form.changed_data).first()
                before = old or {}
            super().save_model(request, obj, form, change)
            audit_log(
                acting_user=request.user,
                action="admin.change" if change else "admin.add",
                obj=obj,
                unit=_unit_of(obj),
                changes={
                    f: [HIDDEN, HIDDEN]
                    if f in self.audit_hidden_fields
                    else [before.get(f), form.cleaned_data.get(f)]
                    for f in form.changed_data
                },
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_log(acting_user=request.user, action="admin.delete", obj=obj, unit=_unit_of(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(), audit_operation():
            for obj in queryset:
                audit_log(
                    acting_user=request.user, action="admin.delete", obj=obj, unit=_unit_of(obj)
                )
            super().delete_queryset(request, queryset)


class ReadOnlyAdminMixin:
    """For records that are never edited by hand: the audit trail, reported figures."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
