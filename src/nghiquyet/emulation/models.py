"""Emulation (thi đua): movements, clusters and blocks with their rotating lead unit,
registrations, and the scoring rounds with their criteria and scores.

A round's computed criteria are read from what the system already holds (targets achieved,
reports on time, tasks on time, reports accepted without return) and are not stored while the
round is open: they follow the figures. Closing the round writes them as :class:`Score` rows,
frozen; the council's hand scores are stored from the start.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from .choices import (
    COMPUTED_KINDS,
    ERASED_NAME,
    AwardBody,
    AwardCategory,
    ClusterKind,
    CriterionKind,
    ProposalStatus,
    Recipient,
    RoundStatus,
    ScoreSource,
)


class Cluster(models.Model):
    """A cluster or block (cụm, khối thi đua): units that compete with one another."""

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="emulation_clusters",
        help_text=_("Cấp ủy, cơ quan lập cụm, khối (ví dụ Thành ủy)."),
    )
    kind = models.CharField(
        _("loại"), max_length=8, choices=ClusterKind.choices, default=ClusterKind.CLUSTER
    )
    name = models.CharField(_("tên cụm, khối"), max_length=255)
    members = models.ManyToManyField(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị thành viên"),
        related_name="emulation_memberships",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    #: who may see a cluster: the organiser's scope and its members'
    scope_paths = ("unit__path", "members__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = pgettext_lazy("plural", "cụm, khối thi đua")
        ordering = ["unit", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="cluster_name_unique_in_unit")
        ]

    def __str__(self) -> str:
        return self.name


class ClusterLead(models.Model):
    """The cluster's lead unit (cụm trưởng, khối trưởng) for a year; it rotates each year."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="leads"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cụm trưởng, khối trưởng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cụm phó, khối phó"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cụm trưởng, khối trưởng")
        verbose_name_plural = pgettext_lazy("plural", "cụm trưởng, khối trưởng")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_lead_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.unit}"


class Movement(models.Model):
    """An emulation movement (phong trào thi đua), launched by a unit for a span of time."""

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị phát động"),
        on_delete=models.PROTECT,
        related_name="emulation_movements",
    )
    name = models.CharField(_("tên phong trào"), max_length=500)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    description = models.TextField(_("nội dung, mục tiêu"), blank=True)
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("cụm, khối tham gia"),
        blank=True,
        related_name="movements",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    scope_paths = ("unit__path", "clusters__members__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = pgettext_lazy("plural", "phong trào thi đua")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="movement_span_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class EmulationRound(models.Model):
    """A year's scoring of a movement (đợt chấm điểm, bình xét thi đua), against a resolution.

    Open, its computed scores follow the figures; closed, they are frozen as :class:`Score`.
    """

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("nghị quyết lấy kết quả"),
        on_delete=models.PROTECT,
        related_name="emulation_rounds",
        help_text=_(
            "Nghị quyết của đơn vị phát động; chỉ tiêu của mỗi đơn vị là chỉ tiêu trong nghị "
            "quyết cụ thể hóa của đơn vị đó."
        ),
    )
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("khóa sổ lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khóa sổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    as_of = models.DateField(
        _("tính đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày chốt tình trạng nhiệm vụ, báo cáo khi khóa sổ."),
    )

    scope_paths = ("movement__unit__path", "movement__clusters__members__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt chấm điểm thi đua")
        verbose_name_plural = pgettext_lazy("plural", "đợt chấm điểm thi đua")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "year"], name="emulation_round_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.movement} — {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class Criterion(models.Model):
    """A scoring criterion (tiêu chí) as data: what it is scored from, its weight, its maximum."""

    round = models.ForeignKey(
        EmulationRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    code = models.CharField(_("số thứ tự"), max_length=16)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    kind = models.CharField(_("cách chấm"), max_length=20, choices=CriterionKind.choices)
    weight = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, default=1)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = pgettext_lazy("plural", "tiêu chí thi đua")
        ordering = ["round", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_computed(self) -> bool:
        return self.kind in COMPUTED_KINDS


class Registration(models.Model):
    """A unit's emulation registration (đăng ký, giao ước thi đua) for a round."""

    round = models.ForeignKey(
        EmulationRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị đăng ký"),
        on_delete=models.PROTECT,
        related_name="emulation_registrations",
    )
    title_sought = models.CharField(_("danh hiệu đăng ký"), max_length=255)
    commitment = models.TextField(_("nội dung đăng ký, giao ước"))
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng ký"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    scope_paths = ("unit__path", "round__movement__unit__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = pgettext_lazy("plural", "đăng ký thi đua")
        ordering = ["round", "unit__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="registration_one_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.title_sought}"


class Score(models.Model):
    """A unit's points on one criterion: a council's hand score, or a computed one frozen
    when the round closed (``basis`` keeps what it was built from)."""

    round = models.ForeignKey(
        EmulationRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("nguồn điểm"), max_length=10, choices=ScoreSource.choices)
    points = models.DecimalField(
        _("điểm"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Trống: chưa có dữ liệu để tính."),
    )
    share = models.DecimalField(
        _("tỷ lệ đạt"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    basis = models.JSONField(_("căn cứ tính điểm"), default=list, blank=True)
    note = models.TextField(_("nhận xét, căn cứ"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấm"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("chấm lúc"), auto_now=True)

    scope_paths = ("unit__path", "round__movement__unit__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm thi đua")
        verbose_name_plural = pgettext_lazy("plural", "điểm thi đua")
        ordering = ["round", "unit", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "criterion", "unit"], name="score_one_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}: {self.points}"


class AwardKind(models.Model):
    """An emulation title or award form (danh hiệu thi đua, hình thức khen thưởng) with its
    conditions as data: ``[{"check": "prior_years" | "cluster_rank" | "council", …}]``."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    category = models.CharField(_("loại"), max_length=8, choices=AwardCategory.choices)
    recipient = models.CharField(
        _("tặng cho"), max_length=10, choices=Recipient.choices, default=Recipient.COLLECTIVE
    )
    body = models.CharField(_("của"), max_length=8, choices=AwardBody.choices)
    vote_share_min = models.DecimalField(
        _("tỷ lệ phiếu tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        help_text=_("Hội đồng đề nghị khi số phiếu đồng ý đạt tỷ lệ này trở lên."),
    )
    conditions = models.JSONField(_("điều kiện, tiêu chuẩn"), default=list, blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = pgettext_lazy("plural", "danh hiệu, hình thức khen thưởng")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person proposed for or given an award: only what an award needs — name, position and
    unit (Nghị định 13/2023/NĐ-CP: no more personal data than the purpose needs). Seen only
    within the unit's scope; exported and erased on request (:mod:`.services.people`)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị công tác"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    erased_at = models.DateTimeField(_("xoá theo yêu cầu lúc"), null=True, blank=True)

    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cá nhân được khen thưởng")
        verbose_name_plural = pgettext_lazy("plural", "cá nhân được khen thưởng")
        ordering = ["unit", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None or self.name == ERASED_NAME


class Decision(models.Model):
    """A decision on awards (quyết định khen thưởng) by the competent level."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("cấp quyết định"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    superior = models.CharField(_("cơ quan cấp trên"), max_length=255, blank=True)
    body_kind = models.CharField(_("thể thức"), max_length=8, choices=AwardBody.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    signed_on = models.DateField(_("ngày ký"))
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = pgettext_lazy("plural", "quyết định khen thưởng")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Proposal(models.Model):
    """A proposal for a collective's or a person's title or award (đề nghị khen thưởng): the
    unit proposes, the emulation council votes, the competent level decides."""

    round = models.ForeignKey(
        EmulationRound,
        verbose_name=_("đợt bình xét"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        help_text=_("Tập thể được đề nghị, hoặc đơn vị công tác của cá nhân được đề nghị."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân được đề nghị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    achievements = models.TextField(_("thành tích"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(_("tổng số phiếu"), null=True, blank=True)
    council_note = models.TextField(_("ý kiến hội đồng"), blank=True)
    checks = models.JSONField(_("kết quả kiểm tra điều kiện"), default=list, blank=True)
    reviewed_at = models.DateTimeField(_("xét lúc"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    created_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)

    scope_paths = ("unit__path", "round__movement__unit__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = pgettext_lazy("plural", "đề nghị khen thưởng")
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return f"{self.recipient_name} — {self.award_kind}"

    @property
    def recipient_name(self) -> str:
        return self.person.name if self.person_id else self.unit.name

    @property
    def vote_share(self):
        if not self.votes_total:
            return None
        return self.votes_for * 100 / self.votes_total


class Award(models.Model):
    """A title or award a unit (or a person of it) received in a year: the award history (from
    a decision here, or recorded from earlier paper decisions)."""

    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    reference = models.CharField(_("số quyết định (bản giấy)"), max_length=255, blank=True)

    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = pgettext_lazy("plural", "khen thưởng đã nhận")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_kind", "unit", "year"],
                condition=Q(person__isnull=True),
                name="award_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["award_kind", "person", "year"],
                condition=Q(person__isnull=False),
                name="award_once_a_year_person",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.name if self.person_id else self.unit.name
        return f"{who} — {self.award_kind} {self.year}"
