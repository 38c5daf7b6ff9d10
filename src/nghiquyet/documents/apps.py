from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "nghiquyet.documents"
    verbose_name = _("Văn bản, tệp Excel")

    def ready(self) -> None:
        from nghiquyet.audit.actions import register

        from .choices import AUDIT_ACTIONS

        register(AUDIT_ACTIONS)
        # Job kinds register themselves when their modules are imported.
        from . import job_kinds  # noqa: F401
