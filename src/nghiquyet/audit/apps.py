from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "nghiquyet.audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from nghiquyet.text import use_translation

        from . import signals
        from .actions import AUDIT_ACTIONS, register

        register(AUDIT_ACTIONS)
        signals.connect()
        # The text layer's problems are shown in the page's language (it imports no Django);
        # audit is the lowest app, so every program that starts Django has it.
        use_translation(gettext)
