"""What a plan demands of an indicator (:class:`Target`) and the later documents that change it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from ..choices import (
    AdjustmentKind,
    ChangeMeasure,
    GroupKind,
    TargetChange,
    TargetDecides,
    TargetDirection,
    Temporal,
)
from .indicators import Indicator
from .plans import Group, Plan


class Target(models.Model):
    """A measurable target (chỉ tiêu) of a plan, in any of the forms of DESIGN.md §3."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("nghị quyết, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("nhóm chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
        limit_choices_to={"kind": GroupKind.TARGETS},
    )
    code = models.CharField(_("số thứ tự"), max_length=16)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text=_("Bỏ trống với chỉ tiêu tổng hợp (gồm nhiều chỉ tiêu thành phần)."),
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    statement = models.TextField(
        _("nguyên văn"), blank=True, help_text=_("Như ghi trong nghị quyết, ví dụ: GRDP tăng 6,5%.")
    )
    direction = models.CharField(
        _("chiều đánh giá"),
        max_length=8,
        choices=TargetDirection.choices,
        default=TargetDirection.HIGHER,
    )
    target_value = models.DecimalField(
        _("giá trị chỉ tiêu"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    target_high = models.DecimalField(
        _("cận trên (chỉ tiêu dạng khoảng)"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Với chỉ tiêu dạng khoảng, ví dụ 6,0 – 6,5%: 6,0 là chỉ tiêu, 6,5 là cận trên."
        ),
    )
    tolerance = models.DecimalField(
        _('dung sai (chỉ tiêu "khoảng")'),
        max_digits=6,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Tỷ lệ cho phép lệch với chỉ tiêu 'khoảng', ví dụ 0,05 là 5%."),
    )
    strict = models.BooleanField(
        _("cận ngặt"),
        default=False,
        help_text=_('"trên 90", "dưới 4%" (khác "từ 90 trở lên", "không quá 4%").'),
    )
    change = models.PositiveSmallIntegerField(
        _("so sánh"), choices=TargetChange.choices, default=TargetChange.NONE
    )
    change_measure = models.CharField(
        _("đo mức tăng, giảm bằng"),
        max_length=8,
        choices=ChangeMeasure.choices,
        default=ChangeMeasure.AUTO,
        blank=True,
    )
    with_change = models.PositiveSmallIntegerField(
        _("kèm mức tăng, giảm"),
        choices=TargetChange.choices,
        default=TargetChange.NONE,
        help_text=_("Chỉ tiêu ghi cả mức đạt và mức tăng: 80,4-80,8 triệu đồng, tăng 10,2-10,71%."),
    )
    with_change_low = models.DecimalField(
        _("mức tăng, giảm"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    with_change_high = models.DecimalField(
        _("mức tăng, giảm (cận trên)"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    decided_by = models.PositiveSmallIntegerField(
        _("đánh giá theo"), choices=TargetDecides.choices, default=TargetDecides.BOTH
    )
    temporal = models.CharField(
        _("tính theo thời gian"), max_length=12, choices=Temporal.choices, default=Temporal.ANNUAL
    )
    due_date = models.DateField(
        _("thời hạn đạt"),
        null=True,
        blank=True,
        help_text=_("Với chỉ tiêu dạng mốc, ví dụ năm 2030."),
    )
    is_composite = models.BooleanField(
        _("chỉ tiêu tổng hợp"),
        default=False,
        help_text=_("Chỉ đạt khi mọi chỉ tiêu thành phần đều đạt."),
    )
    composite = models.ForeignKey(
        "self",
        verbose_name=_("thuộc chỉ tiêu tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
        limit_choices_to={"is_composite": True},
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("thuộc chỉ tiêu (trong đó)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_targets",
        help_text=_(
            'Chỉ tiêu "trong đó" có số liệu và kế hoạch riêng; chỉ tiêu chính vẫn đánh giá '
            "theo số liệu của nó (khác chỉ tiêu tổng hợp)."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cụ thể hóa chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_targets",
    )
    partner_units = models.ManyToManyField(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị phối hợp"),
        blank=True,
        related_name="partner_targets",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    ended_on = models.DateField(
        _("thôi áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Chỉ tiêu được bãi bỏ bởi văn bản sau: không đánh giá các kỳ từ ngày này."),
    )

    #: who may see a target: those who may see its plan
    scope_paths = ("plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="target_code_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.is_composite:
            if self.composite_id:
                errors["composite"] = _(
                    "Chỉ tiêu tổng hợp không thể là thành phần của chỉ tiêu khác."
                )
        else:
            if self.indicator_id is None:
                errors["indicator"] = _("Chỉ tiêu phải gắn với một chỉ số.")
            if self.direction != TargetDirection.YES_NO and self.target_value is None:
                errors["target_value"] = _(
                    "Chỉ tiêu phải có giá trị (trừ chỉ tiêu dạng đạt/không đạt)."
                )
        if (
            self.target_high is not None
            and self.target_value is not None
            and self.target_high < self.target_value
        ):
            errors["target_high"] = _("Cận trên phải lớn hơn hoặc bằng chỉ tiêu.")
        if self.tolerance is not None and not (0 <= self.tolerance < 1):
            errors["tolerance"] = _("Dung sai phải từ 0 đến dưới 1 (ví dụ 0,05).")
        if self.with_change != TargetChange.NONE:
            if self.change != TargetChange.NONE:
                errors["with_change"] = _(
                    "Chỉ tiêu đã là mức tăng, giảm thì không kèm thêm mức tăng, giảm."
                )
            if self.with_change_low is None:
                errors["with_change_low"] = _("Thiếu mức tăng, giảm kèm theo.")
        if self.direction == TargetDirection.BAND and (
            self.target_value is None or self.target_high is None
        ):
            errors["target_high"] = _("Chỉ tiêu trong khoảng phải có cả cận dưới và cận trên.")
        if self.part_of_id and (
            self.part_of_id == self.pk
            or self.part_of.plan_id != self.plan_id
            or self.part_of.part_of_id
        ):
            errors["part_of"] = _(
                'Chỉ tiêu "trong đó" phải thuộc một chỉ tiêu chính của cùng nghị quyết.'
            )
        if self.composite_id and self.composite.plan_id != self.plan_id:
            errors["composite"] = _("Chỉ tiêu thành phần phải cùng nghị quyết.")
        if self.group_id and (
            self.group.kind != GroupKind.TARGETS or self.group.plan_id != self.plan_id
        ):
            errors["group"] = _("Nhóm chỉ tiêu phải là nhóm chỉ tiêu của cùng nghị quyết.")
        if errors:
            raise ValidationError(errors)

    @property
    def unit_of_measure(self) -> str:
        return self.indicator.unit_of_measure if self.indicator_id else ""

    @property
    def decimals(self) -> int:
        """Decimals to show figures with (the indicator's; 2 for a composite)."""
        return self.indicator.decimals if self.indicator_id else 2

    @property
    def change_in_points(self) -> bool:
        """Is a change of this target measured in percentage points? A rate's is (the
        unit "%": "giảm 0,7%" of a poverty rate), a count's is a percentage; the
        target may say otherwise (:attr:`change_measure`)."""
        if self.change_measure:
            return self.change_measure == ChangeMeasure.POINTS
        return self.unit_of_measure.strip() == "%"


class TargetAdjustment(models.Model):
    """A plan figure changed by a later document ("điều chỉnh chỉ tiêu"), or a target ended.

    The target holds the figure in force today; each adjustment keeps the figure before it
    (``before``) and after it (``after``), so that a period that ended before
    ``effective_on`` is judged against the figure in force then
    (:func:`nghiquyet.plans.selectors.targets_in_force`).
    """

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="adjustments"
    )
    kind = models.CharField(
        _("loại"), max_length=8, choices=AdjustmentKind.choices, default=AdjustmentKind.ADJUST
    )
    effective_on = models.DateField(_("áp dụng từ ngày"))
    document = models.CharField(
        _("văn bản điều chỉnh"),
        max_length=255,
        help_text=_("Ví dụ: Nghị quyết số 12/NQ-HĐND ngày 10/7/2024 của HĐND tỉnh."),
    )
    reason = models.TextField(_("lý do"), blank=True)
    before = models.JSONField(_("trước điều chỉnh"), default=dict)
    after = models.JSONField(_("sau điều chỉnh"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    #: who may see an adjustment: those who may see its plan
    scope_paths = ("target__plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("điều chỉnh chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "điều chỉnh chỉ tiêu")
        ordering = ["target", "effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.target} — {self.document}"
