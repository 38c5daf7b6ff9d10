"""Tasks ("có việc, có người, có sản phẩm"), their extended deadlines, progress and evidence."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from ..choices import GroupKind, TaskClosure
from .plans import Group, Plan
from .targets import Target


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
