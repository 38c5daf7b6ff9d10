from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nghiquyet.plans"
    verbose_name = _("Nghị quyết, kế hoạch")
