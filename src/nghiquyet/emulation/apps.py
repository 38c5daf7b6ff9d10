from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "nghiquyet.emulation"
    verbose_name = _("Thi đua, khen thưởng")

    def ready(self) -> None:
        from nghiquyet.audit.actions import register

        from .choices import AUDIT_ACTIONS

        register(AUDIT_ACTIONS)
