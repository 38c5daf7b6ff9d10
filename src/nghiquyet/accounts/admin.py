from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nghiquyet.audit.admin_mixins import HIDDEN as HIDDEN_PASSWORD
from nghiquyet.audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin
from nghiquyet.audit.services import audit_log, audit_operation

from .models import ApiToken, Grant
from .services import user_set_active

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    """Django's user pages, audited: every change with old and new values (passwords hidden),
    locking and unlocking an account as ``user.deactivate`` / ``user.activate``, a password
    set by an administrator as ``user.password``."""

    audit_hidden_fields = frozenset({"password", "password1", "password2"})
    actions = ["deactivate_users", "activate_users"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic(), audit_operation():
            was_active = form.initial.get("is_active", True)
            super().save_model(request, obj, form, change)
            if change and "is_active" in form.changed_data:
                audit_log(
                    acting_user=request.user,
                    action="user.activate" if obj.is_active else "user.deactivate",
                    obj=obj,
                    changes={"is_active": [was_active, obj.is_active]},
                )

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                audit_log(
                    acting_user=request.user,
                    action="user.password",
                    obj=User.objects.get(pk=id),
                    changes={"password": [HIDDEN_PASSWORD, HIDDEN_PASSWORD]},
                )
        return response

    def _set_active(self, request, queryset, active: bool) -> None:
        with transaction.atomic(), audit_operation():
            n = 0
            for user in queryset:
                if user.is_active != active:
                    user_set_active(acting_user=request.user, user=user, active=active)
                    n += 1
        message = (
            _("Đã mở khóa %(n)d tài khoản.") if active else _("Đã khóa %(n)d tài khoản.")
        ) % {"n": n}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Khóa các tài khoản đã chọn"))
    def deactivate_users(self, request, queryset):
        self._set_active(request, queryset, False)

    @admin.action(description=gettext_lazy("Mở khóa các tài khoản đã chọn"))
    def activate_users(self, request, queryset):
        self._set_active(request, queryset, True)


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
