from django.contrib import admin

from nghiquyet.audit.admin_mixins import ReadOnlyAdminMixin

from .models import Job, ReviewDraft, ReviewDraftRevision


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "title", "kind", "status", "progress", "created_by", "unit"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "created_by__username"]


@admin.register(ReviewDraft)
class ReviewDraftAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: drafts are written through the review page (a revision per save)."""

    list_display = ["plan", "period_key", "number", "issued_on", "final", "revision", "updated_at"]
    search_fields = ["plan__code", "plan__number"]


@admin.register(ReviewDraftRevision)
class ReviewDraftRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["draft", "revision", "created_by", "created_at"]
