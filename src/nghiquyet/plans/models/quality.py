"""An office's data-quality rules on an indicator's figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from ..choices import QualityRuleKind
from .indicators import Indicator


class QualityRule(models.Model):
    """A data-quality rule an office sets on an indicator (DHIS2's validation rules): it
    applies to the figures of every unit in the office's unit's subtree, in the grid, the
    Excel template and the API alike (``reporting.quality``). A figure that breaks it is
    flagged, and must be corrected or explained before its report is sent."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ số"),
        on_delete=models.CASCADE,
        related_name="quality_rules",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("áp dụng cho đơn vị (và các đơn vị trực thuộc)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("quy tắc"), max_length=12, choices=QualityRuleKind.choices)
    low = models.DecimalField(_("từ"), max_digits=20, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(_("đến"), max_digits=20, decimal_places=6, null=True, blank=True)
    group = models.CharField(
        _("nhóm cơ cấu"),
        max_length=64,
        blank=True,
        help_text=_("Các chỉ số cùng tên nhóm phải cộng lại bằng 100."),
    )
    note = models.CharField(_("lý do, nguồn"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy tắc kiểm tra số liệu")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc kiểm tra số liệu")
        ordering = ["indicator", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.get_kind_display()}"
