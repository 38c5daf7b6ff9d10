"""Meetings (hội nghị, phiên họp Ban Thường vụ) and their conclusion notices.

There is one concept of a conclusion: the notice (Thông báo kết luận số …-TB/TU) is a
:class:`~nghiquyet.plans.models.Plan` of kind ``conclusion``; its numbered items are the plan's
task groups, and the tasks an item assigns are the plan's tasks in that group — tracked,
reported on and reminded of like every other task. A meeting records what the notice is the
conclusion of: when, who chaired, who took part, the agenda and the plans it reviewed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.orgs.scopes import RestrictedQuerySet

from .choices import MeetingKind


class Meeting(models.Model):
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cấp ủy, cơ quan họp"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(
        _("loại hội nghị"),
        max_length=24,
        choices=MeetingKind.choices,
        default=MeetingKind.STANDING_COMMITTEE,
    )
    title = models.CharField(_("tên hội nghị, nội dung chính"), max_length=500)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=255)
    participants = models.TextField(_("thành phần dự"), blank=True)
    agenda = models.TextField(_("nội dung, chương trình"), blank=True)
    reviewed_plans = models.ManyToManyField(
        "plans.Plan",
        verbose_name=_("nghị quyết, kế hoạch được xem xét"),
        blank=True,
        related_name="reviewed_in_meetings",
    )
    conclusion = models.OneToOneField(
        "plans.Plan",
        verbose_name=_("thông báo kết luận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting",
    )
    signer_position = models.CharField(
        _("chức vụ người ký"), max_length=255, blank=True, help_text=_("Ví dụ: PHÓ BÍ THƯ.")
    )
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    #: who may see a meeting: the meeting unit's scope, and the units its conclusion gives tasks
    scope_paths = ("unit__path", "conclusion__tasks__owner_unit__path")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị, phiên họp")
        verbose_name_plural = pgettext_lazy("plural", "hội nghị, phiên họp")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}: {self.title}"
