"""What is measured (:class:`Indicator`) and how results are classified
(:class:`ClassificationScheme`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet import engine

from ..choices import Aggregation, IndicatorNature, SchemeRangeBound


class ClassificationScheme(models.Model):
    """Classification bands as data (DESIGN.md §4); presets ``bands`` and ``binary``."""

    key = models.SlugField(_("khóa"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    bands = models.JSONField(
        _("các mức"),
        help_text=_(
            'Danh sách mức theo thứ tự, ví dụ [{"key": "achieved", "label": "đạt và vượt", '
            '"min_rate": 100}, …, {"key": "not_achieved", "label": "không đạt", '
            '"min_rate": null}].'
        ),
    )
    strict_met = models.BooleanField(
        _("bằng cận ngặt vẫn tính là đạt"),
        default=True,
        help_text=_(
            'Chỉ tiêu "dưới 4%" với số liệu đúng 4% được tính là đạt (như các tỉnh đánh giá).'
        ),
    )
    range_bound = models.CharField(
        _("chỉ tiêu dạng khoảng đánh giá theo"),
        max_length=12,
        choices=SchemeRangeBound.choices,
        default=SchemeRangeBound.LENIENT,
    )

    class Meta:
        verbose_name = _("bảng phân loại")
        verbose_name_plural = pgettext_lazy("plural", "bảng phân loại")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.to_engine()
        except engine.SchemeError as exc:
            raise ValidationError({"bands": str(exc)}) from None

    def to_engine(self) -> engine.Scheme:
        return engine.scheme_from_dict(
            {
                "key": self.key,
                "name": self.name,
                "bands": self.bands,
                "strict_met": self.strict_met,
                "range_bound": self.range_bound,
            }
        )


def default_scheme_id() -> int | None:
    return (
        ClassificationScheme.objects.filter(key=engine.BANDS.key).values_list("pk", flat=True)
    ).first()


class Indicator(models.Model):
    """Something measured (chỉ số): GRDP growth, poverty rate, new-rural communes…"""

    code = models.SlugField(_("mã chỉ số"), max_length=64, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=255)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=64, blank=True)
    nature = models.CharField(
        _("tính chất số liệu"),
        max_length=8,
        choices=IndicatorNature.choices,
        default=IndicatorNature.STOCK,
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=8, choices=Aggregation.choices, default=Aggregation.NONE
    )
    ratio_factor = models.DecimalField(
        _("hệ số tỷ lệ"),
        max_digits=12,
        decimal_places=2,
        default=100,
        help_text=_("Giá trị = tử số / mẫu số × hệ số (100 cho phần trăm)."),
    )
    numerator_label = models.CharField(_("tử số"), max_length=255, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=255, blank=True)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    description = models.TextField(_("mô tả, cách tính"), blank=True)

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = pgettext_lazy("plural", "chỉ số")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_of_measure})" if self.unit_of_measure else self.name
