from django.contrib import admin

from nghiquyet.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "title", "kind", "status", "progress", "created_by", "unit"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "created_by__username"]
