from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import ApiToken, Grant


@admin.register(Grant)
class GrantAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who holds API tokens; each user creates and revokes their own on the "Khóa API" page."""

    list_display = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "prefix"]
    exclude = ["secret_hash"]
