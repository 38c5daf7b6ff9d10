from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "nghiquyet.orgs"
    verbose_name = _("Đơn vị")

    def ready(self) -> None:
        from nghiquyet.audit.actions import register

        from .choices import AUDIT_ACTIONS

        register(AUDIT_ACTIONS)

        from . import search

        search.register()
