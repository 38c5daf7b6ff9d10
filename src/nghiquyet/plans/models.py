"""Plans (resolutions, programs…), their target groups, targets and tasks.

What is *measured* (an :class:`Indicator`, e.g. "tỷ lệ hộ nghèo") is kept apart
from what a plan *demands* of it (a :class:`Target`, e.g. "còn 2,25 % năm 2022").
Figures are recorded per indicator, unit and period, so the annual resolution,
the term resolution and last year's plan all read the same numbers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet import engine
from nghiquyet.orgs.scopes import RestrictedQuerySet

from .choices import (
    DOCUMENT_TYPE,
    AdjustmentKind,
    Aggregation,
    BodyKind,
    ChangeMeasure,
    GroupKind,
    IndicatorNature,
    PlanKind,
    QualityRuleKind,
    SchemeRangeBound,
    TargetChange,
    TargetDecides,
    TargetDirection,
    TaskClosure,
    Temporal,
)


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


class Plan(models.Model):
    """A resolution, program, plan or meeting conclusion with its targets and tasks."""

    code = models.SlugField(
        _("mã"),
        max_length=64,
        unique=True,
        help_text=_("Mã ngắn dùng trong hệ thống, ví dụ tinh-2022."),
    )
    kind = models.CharField(_("loại văn bản"), max_length=32, choices=PlanKind.choices)
    number = models.CharField(
        _("số, ký hiệu"), max_length=64, blank=True, help_text=_("Ví dụ: 04-NQ/TU.")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("Đơn vị (địa bàn) mà nghị quyết, kế hoạch đặt chỉ tiêu cho."),
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=255, help_text=_("Ví dụ: Tỉnh ủy Bến Tre.")
    )
    superior_body = models.CharField(
        _("cơ quan cấp trên"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Đảng bộ tỉnh Bến Tre (dòng trên tên cơ quan ban hành)."),
    )
    body_kind = models.CharField(
        _("thể thức văn bản"), max_length=8, choices=BodyKind.choices, default=BodyKind.PARTY
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"), null=True, blank=True)
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cụ thể hóa văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    scheme = models.ForeignKey(
        ClassificationScheme,
        verbose_name=_("bảng phân loại"),
        on_delete=models.PROTECT,
        related_name="plans",
        default=default_scheme_id,
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_demo = models.BooleanField(
        _("dữ liệu minh họa"), default=False, help_text=_("Số liệu chỉ để minh họa.")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    #: who may see a plan: those whose scope covers its unit (RestrictedQuerySet.restrict)
    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nghị quyết, kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "nghị quyết, kế hoạch")
        ordering = ["-year", "-term_end", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gt=models.F("term_start")),
                name="plan_term_order",
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        """ "Nghị quyết số 04-NQ/TU" — the document type and number, as offices cite it."""
        doc_type = str(DOCUMENT_TYPE[self.kind])
        if not self.number:
            return doc_type
        return str(_("%(type)s số %(number)s")) % {"type": doc_type, "number": self.number}

    @property
    def span_display(self) -> str:
        if self.term_start and self.term_end:
            return f"{self.term_start}–{self.term_end}"
        return str(self.year or "")

    @property
    def years(self) -> list[int]:
        """Years the plan's figures cover.

        A term resolution adopted in 2020 for 2020–2025 sets targets for the five
        years 2021–2025, like the five-year socio-economic plan it goes with.
        """
        if self.term_start and self.term_end:
            return list(range(self.term_start + 1, self.term_end + 1))
        return [self.year] if self.year else []

    @property
    def target_groups(self) -> models.QuerySet[Group]:
        """The plan's groups of targets, in order."""
        return self.groups.filter(kind=GroupKind.TARGETS)

    @property
    def task_groups(self) -> models.QuerySet[Group]:
        """The plan's groups of tasks and solutions, in order."""
        return self.groups.filter(kind=GroupKind.TASKS)

    def clean(self) -> None:
        errors = {}
        if self.kind == PlanKind.TERM_RESOLUTION and not (self.term_start and self.term_end):
            errors["term_start"] = _("Nghị quyết Đại hội phải có năm bắt đầu và kết thúc nhiệm kỳ.")
        if self.kind == PlanKind.ANNUAL_RESOLUTION and not self.year:
            errors["year"] = _("Nghị quyết năm phải có năm.")
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.")
        if errors:
            raise ValidationError(errors)


class Group(models.Model):
    """A numbered group of a plan's targets ("I. Xây dựng Đảng", "II. Phát triển kinh tế") or
    of its tasks and solutions ("nhóm nhiệm vụ, giải pháp"): the same thing for both."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("nghị quyết, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    kind = models.CharField(
        _("nhóm của"), max_length=8, choices=GroupKind.choices, default=GroupKind.TARGETS
    )
    code = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    name = models.CharField(_("tên nhóm"), max_length=500)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm chỉ tiêu, nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "nhóm chỉ tiêu, nhiệm vụ")
        ordering = ["plan", "kind", "order", "pk"]

    def __str__(self) -> str:
        return self.name


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


class Task(models.Model):
    """A task: "có việc, có người, có sản phẩm" — a job, an owner, a product, a deadline."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("nghị quyết, kế hoạch"), on_delete=models.CASCADE, related_name="tasks"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("nhóm nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        limit_choices_to={"kind": GroupKind.TASKS},
    )
    code = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    owner_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="owned_tasks",
    )
    partner_units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="partner_tasks"
    )
    product = models.CharField(_("sản phẩm"), max_length=500)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    closed_as = models.CharField(
        _("kết thúc"),
        max_length=12,
        choices=TaskClosure.choices,
        blank=True,
        help_text=_("Nhiệm vụ được hủy hoặc gộp vào nhiệm vụ khác: không còn theo dõi."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_tasks",
    )
    target = models.ForeignKey(
        Target,
        verbose_name=_("phục vụ chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    #: who may see a task: its owner's, its plan's and its partners' (a ward sees the tasks a
    #: city resolution gives it without seeing the city's resolution)
    scope_paths = ("owner_unit__path", "plan__unit__path", "partner_units__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "nhiệm vụ")
        ordering = ["plan", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.progress < 100:
            errors["progress"] = _("Nhiệm vụ đã hoàn thành phải có tiến độ 100%.")
        if self.group_id and (
            self.group.kind != GroupKind.TASKS or self.group.plan_id != self.plan_id
        ):
            errors["group"] = _("Nhóm nhiệm vụ phải là nhóm nhiệm vụ của cùng nghị quyết.")
        if errors:
            raise ValidationError(errors)


class TaskDeadlineChange(models.Model):
    """A task's deadline extended ("gia hạn lần 2 đến 30/09"): the history stays."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="deadline_changes"
    )
    number = models.PositiveSmallIntegerField(_("lần gia hạn"))
    old_deadline = models.DateField(_("thời hạn cũ"), null=True, blank=True)
    new_deadline = models.DateField(_("thời hạn mới"))
    reason = models.TextField(_("lý do"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gia hạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gia hạn lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "gia hạn nhiệm vụ")
        ordering = ["task", "number"]
        constraints = [
            models.UniqueConstraint(fields=["task", "number"], name="taskdeadline_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.number}"


def evidence_upload_to(instance: TaskEvidence, filename: str) -> str:
    """``evidence/<yyyy>/<uuid4 hex>``: nothing the uploader typed ends up in the path.

    The original name is kept in :attr:`TaskEvidence.original_name` and only
    ever sent back in a ``Content-Disposition`` header.
    """
    return f"evidence/{timezone.now():%Y}/{uuid.uuid4().hex}"


class TaskUpdate(models.Model):
    """A progress report on a task: how far it is, what was done, and when it was completed."""

    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ"),
        # Reported progress and its evidence are records: a task that has them is not deleted.
        on_delete=models.PROTECT,
        related_name="updates",
    )
    progress_before = models.PositiveSmallIntegerField(_("tiến độ trước (%)"), default=0)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.TextField(_("nội dung cập nhật"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("cập nhật lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "cập nhật tiến độ nhiệm vụ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100) & Q(progress_before__lte=100),
                name="taskupdate_progress_max_100",
            ),
            models.CheckConstraint(
                condition=Q(progress=100) | Q(completed_on__isnull=True),
                name="taskupdate_completed_only_at_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.progress}%"


class TaskEvidence(models.Model):
    """A file attached to a progress update as evidence (minh chứng).

    Stored under a random name in the private ``MEDIA_ROOT``; served only by the
    scope-checked download view, with the type detected from its content.
    """

    update = models.ForeignKey(
        TaskUpdate,
        verbose_name=_("cập nhật tiến độ"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=100)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    #: who may see an evidence file: those who may see its task
    scope_paths = (
        "update__task__owner_unit__path",
        "update__task__plan__unit__path",
        "update__task__partner_units__path",
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = pgettext_lazy("plural", "minh chứng")
        ordering = ["update", "pk"]

    def __str__(self) -> str:
        return self.original_name


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


from .share_models import TargetShare, TargetShareSet  # noqa: E402, F401 (to the models package)
