"""Plans (resolutions, programs, plans, conclusions) and their numbered groups of
targets or of tasks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from ..choices import DOCUMENT_TYPE, BodyKind, GroupKind, PlanKind
from .indicators import ClassificationScheme, default_scheme_id


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
