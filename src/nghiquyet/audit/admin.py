from django.contrib import admin

from .admin_mixins import ReadOnlyAdminMixin
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail is append-only, even for administrators."""

    list_display = ["at", "actor", "action", "object_repr", "unit", "correlation_id"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor__username", "=correlation_id"]
    date_hierarchy = "at"
