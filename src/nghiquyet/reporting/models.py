"""Report periods and the figures (values) units report for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import PeriodKind, ValueSource, ValueStatus
from .periods import PeriodSpec


class Period(models.Model):
    """A report period with its Nghị định 09/2019 cut-off dates and a submission deadline."""

    key = models.CharField(_("mã kỳ"), max_length=16, unique=True)
    kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("tháng hoặc quý"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    start_date = models.DateField(_("số liệu từ ngày"))
    end_date = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn gửi báo cáo"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "kỳ báo cáo")
        ordering = ["year", "end_date", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def spec(self) -> PeriodSpec:
        return PeriodSpec(self.kind, self.year, self.number, self.end_year)

    @property
    def label(self) -> str:
        return self.spec.label


class ValueQuerySet(models.QuerySet):
    def current(self) -> ValueQuerySet:
        return self.filter(is_current=True)


class Value(models.Model):
    """A figure for an indicator, about a unit, in a period.

    Never updated in place: a new figure is a new version and the previous one
    stays, with who recorded it, when and why.
    """

    indicator = models.ForeignKey(
        "plans.Indicator", verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="values"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="values"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    numerator = models.DecimalField(
        _("tử số"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("mẫu số"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    status = models.CharField(
        _("tình trạng số liệu"),
        max_length=12,
        choices=ValueStatus.choices,
        default=ValueStatus.ESTIMATE,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    is_current = models.BooleanField(_("đang dùng"), default=True)
    note = models.TextField(_("ghi chú, giải trình"), blank=True)
    source = models.CharField(
        _("nguồn"), max_length=8, choices=ValueSource.choices, default=ValueSource.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects = ValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu")
        ordering = ["period", "indicator", "unit", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"],
                condition=Q(is_current=True),
                name="value_one_current",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "version"], name="value_version_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["period", "indicator", "unit"],
                condition=Q(is_current=True),
                name="value_current_lookup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit.code} · {self.period.key}: {self.value}"
