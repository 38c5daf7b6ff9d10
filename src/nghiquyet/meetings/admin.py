from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    list_display = ["held_on", "kind", "title", "unit", "conclusion"]
    list_filter = ["kind"]
    search_fields = ["title", "chair"]
    raw_id_fields = ["unit", "conclusion"]
    filter_horizontal = ["reviewed_plans"]
