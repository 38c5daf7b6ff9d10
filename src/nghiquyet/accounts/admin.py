from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin

from .models import Grant


@admin.register(Grant)
class GrantAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
