"""Background jobs (big reports and imports, with their progress and result), and what an
office writes into a review before it is generated."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from .choices import FINISHED, JobStatus, SignerTitle


def _result_path(job: "Job", filename: str) -> str:
    # The name people see is kept in ``result_name``; the path says nothing about it.
    return f"jobs/{job.created_at:%Y/%m}/{uuid.uuid4().hex}"


class Job(models.Model):
    """Work done by the background worker on behalf of a user, who can leave and come back."""

    kind = models.CharField(_("loại công việc"), max_length=32)
    title = models.CharField(_("công việc"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.CharField(_("đang làm"), max_length=255, blank=True)
    params = models.JSONField(_("tham số"), default=dict)
    upload = models.FileField(_("tệp tải lên"), upload_to="jobs/uploads/", blank=True)
    upload_name = models.CharField(_("tên tệp tải lên"), max_length=255, blank=True)
    result = models.FileField(_("kết quả"), upload_to=_result_path, blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=255, blank=True)
    result_type = models.CharField(_("kiểu tệp kết quả"), max_length=128, blank=True)
    outcome = models.JSONField(_("kết quả (dữ liệu)"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    #: Written by the running worker every few seconds (its lease): a running job whose
    #: heartbeat is older than ``NGHIQUYET_JOB_LEASE_SECONDS`` lost its worker.
    heartbeat_at = models.DateTimeField(_("còn chạy lúc"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = pgettext_lazy("plural", "công việc nền")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


class ReviewDraft(models.Model):
    """What an office decides and writes of one review (a plan for a period): the document's
    own facts (number, date, signer, final or draft) and the sections only people can write
    (documents.choices.ReviewSection). Every save is a new :class:`ReviewDraftRevision`."""

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("nghị quyết, kế hoạch"),
        on_delete=models.CASCADE,
        related_name="review_drafts",
    )
    period_key = models.CharField(_("kỳ"), max_length=16)
    number = models.CharField(
        _("số văn bản"), max_length=16, blank=True, help_text=_("Ví dụ 125 (Số 125-BC/TU).")
    )
    issued_on = models.DateField(_("ngày văn bản"), null=True, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=24, choices=SignerTitle.choices, blank=True
    )
    final = models.BooleanField(_("bản chính thức"), default=False)
    sections = models.JSONField(_("các phần do văn phòng viết"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("phiên bản"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    #: who may see a review's draft: those who may see its plan
    scope_paths = ("plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản soạn báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bản soạn báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["plan", "period_key"], name="reviewdraft_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.period_key}"


class ReviewDraftRevision(models.Model):
    """One saved version of a :class:`ReviewDraft`, kept as it was."""

    draft = models.ForeignKey(
        ReviewDraft, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("bản soạn")
    )
    revision = models.PositiveIntegerField(_("phiên bản"))
    facts = models.JSONField(_("thông tin văn bản"), default=dict)
    sections = models.JSONField(_("các phần"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)

    scope_paths = ("draft__plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản bản soạn báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "phiên bản bản soạn báo cáo")
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "revision"], name="reviewdraftrev_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.draft} — {self.revision}"
