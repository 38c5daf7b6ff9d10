from django.contrib import admin

from nghiquyet.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username"]
