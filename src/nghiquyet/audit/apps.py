from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "nghiquyet.audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self) -> None:
        from .actions import AUDIT_ACTIONS, register

        register(AUDIT_ACTIONS)
