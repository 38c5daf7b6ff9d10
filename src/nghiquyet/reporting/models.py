"""Report periods and the figures (values) units report for them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from .choices import (
    PeriodKind,
    SubmissionAction,
    SubmissionStatus,
    ValueSource,
    ValueStatus,
)
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


class ValueQuerySet(RestrictedQuerySet):
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
    value_text = models.CharField(
        _("số liệu như đã ghi"),
        max_length=200,
        blank=True,
        help_text=_("Chữ của báo cáo khi không chỉ là một số, ví dụ “khoảng 22.710”, “61-62”."),
    )
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
        _("nguồn"), max_length=12, choices=ValueSource.choices, default=ValueSource.MANUAL
    )
    submission = models.ForeignKey(
        "Submission",
        verbose_name=_("báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
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

    #: who may see a figure: those whose scope covers the unit it is about
    scope_paths = ("unit__path",)

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
            # The numbers ride along (PostgreSQL; SQLite ignores ``include``): a period's
            # current figures are read from the index alone, not the table — the national
            # roll-up reads every commune's (docs/performance.md, "The national roll-up").
            models.Index(
                fields=["period", "indicator", "unit"],
                include=["value", "numerator", "denominator"],
                condition=Q(is_current=True),
                name="value_current_lookup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit.code} · {self.period.key}: {self.value}"


class ReportingRound(models.Model):
    """A reporting round: the office asks every assigned unit for a plan's figures of a period."""

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("nghị quyết, kế hoạch"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="rounds"
    )
    deadline = models.DateField(_("hạn gửi báo cáo"))
    note = models.TextField(_("yêu cầu, hướng dẫn"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở đợt"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đóng đợt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    #: who may see a round: those who may see its plan
    scope_paths = ("plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "đợt báo cáo")
        ordering = ["-period__end_date", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="round_one_per_plan_period"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.heading} — {self.period.label}"


class Submission(models.Model):
    """A unit's report in a round: its figures, moving through the approval workflow.

    ``revision`` grows with every change and guards against lost updates: a
    change is accepted only from someone who saw the latest revision.
    ``version`` counts corrections: it grows when accepted figures are reopened.
    """

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("đợt báo cáo"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    deadline = models.DateField(
        _("hạn gửi riêng của đơn vị"),
        null=True,
        blank=True,
        help_text=_("Hạn được gia hạn cho riêng đơn vị này; để trống là hạn chung của đợt."),
    )
    revision = models.PositiveIntegerField(_("lần lưu"), default=1)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    #: who may see a unit's report: the unit's people, and those who oversee the round's plan
    scope_paths = ("unit__path", "round__plan__unit__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo của đơn vị")
        ordering = ["round", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="submission_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.round}"

    @property
    def due(self) -> dt.date:
        """The day the report is due: the unit's own extended deadline, else the round's."""
        return self.deadline or self.round.deadline


class SubmissionEntry(models.Model):
    """One figure of a submission, as the unit enters it (the working copy).

    Figures reach :class:`Value` (what dashboards show) only when the office
    accepts the submission.
    """

    submission = models.ForeignKey(
        Submission, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="entries"
    )
    target = models.ForeignKey(
        "plans.Target", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("số liệu của đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6, null=True)
    value_text = models.CharField(
        _("số liệu như đã ghi"),
        max_length=200,
        blank=True,
        help_text=_("Chữ người báo cáo ghi khi không chỉ là một số, ví dụ “khoảng 22.710”."),
    )
    numerator = models.DecimalField(_("tử số"), max_digits=20, decimal_places=6, null=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=20, decimal_places=6, null=True)
    status = models.CharField(
        _("tình trạng số liệu"),
        max_length=12,
        choices=ValueStatus.choices,
        default=ValueStatus.ESTIMATE,
    )
    note = models.TextField(_("ghi chú, giải trình"), blank=True)
    implausible = models.BooleanField(_("khác thường so với các kỳ trước"), default=False)
    #: why it is flagged: the rules it breaks, with the reference figures (one per line)
    quality = models.TextField(_("cảnh báo chất lượng số liệu"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("số liệu trong báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "số liệu trong báo cáo")
        ordering = ["submission", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "target", "unit"], name="entry_one_per_target_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} — {self.unit}"


class SubmissionEvent(models.Model):
    """The workflow history of a submission: who did what, when and why."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=12, choices=SubmissionAction.choices)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=12, choices=SubmissionStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=12, choices=SubmissionStatus.choices
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "lịch sử báo cáo")
        ordering = ["submission", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_action_display()}"


class ReferenceSeries(models.Model):
    """Figures of the region or the country for an indicator, to compare with ("so sánh
    tương quan"): e.g. GRDP growth of Đồng bằng sông Cửu Long and of the whole country.

    Kept by an office (``owner``) for the plans of its unit and the units below it.
    """

    KIND_CHOICES = [
        ("country", _("Cả nước")),
        ("region", _("Vùng")),
        ("other", _("Khác")),
    ]

    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="reference_series",
    )
    name = models.CharField(
        _("tên"), max_length=120, help_text=_("Ví dụ: Cả nước; Vùng Đồng bằng sông Cửu Long.")
    )
    kind = models.CharField(_("loại"), max_length=12, choices=KIND_CHOICES, default="country")
    owner = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị theo dõi"),
        on_delete=models.PROTECT,
        related_name="reference_series",
    )
    source = models.CharField(
        _("nguồn"), max_length=255, blank=True, help_text=_("Ví dụ: Tổng cục Thống kê.")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dãy số liệu tham chiếu")
        verbose_name_plural = pgettext_lazy("plural", "dãy số liệu tham chiếu")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "owner", "name"], name="referenceseries_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReferencePoint(models.Model):
    """One figure of a reference series; corrections are new versions, never overwrites."""

    series = models.ForeignKey(
        ReferenceSeries,
        verbose_name=_("dãy số liệu"),
        on_delete=models.CASCADE,
        related_name="points",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    note = models.CharField(_("ghi chú, nguồn"), max_length=255, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    is_current = models.BooleanField(_("đang dùng"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số liệu tham chiếu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu tham chiếu")
        ordering = ["series", "period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period"],
                condition=Q(is_current=True),
                name="referencepoint_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.period.key}: {self.value}"
