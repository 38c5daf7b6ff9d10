"""Background jobs: big reports and imports, with their progress and result."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import FINISHED, JobStatus


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
