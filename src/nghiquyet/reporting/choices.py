from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class ValueStatus(models.TextChoices):
    ESTIMATE = "estimate", _("ước thực hiện")
    PRELIMINARY = "preliminary", _("sơ bộ")
    OFFICIAL = "official", _("chính thức")


class ValueSource(models.TextChoices):
    MANUAL = "manual", _("nhập tay")
    IMPORT = "import", _("nhập từ tệp")
    API = "api", _("qua API")
    DEMO = "demo", _("dữ liệu minh họa")
