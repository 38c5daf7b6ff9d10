from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "nghiquyet.reporting"
    verbose_name = _("Báo cáo, số liệu")
