from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "nghiquyet.meetings"
    verbose_name = _("Hội nghị, kết luận")

    def ready(self) -> None:
        from nghiquyet.audit.actions import register

        from .choices import AUDIT_ACTIONS

        register(AUDIT_ACTIONS)
