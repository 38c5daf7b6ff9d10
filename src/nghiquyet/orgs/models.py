"""Org units: a tree of any depth, effective-dated.

Each unit stores a materialised path of ancestor ids (``/1/5/23/``) so that a
whole subtree is one indexed prefix query — the basis of every scope check.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import OrgUnitKind


class OrgUnitQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        """Units that exist on ``day`` (``valid_from <= day < valid_to``)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def subtree(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """The unit and all its descendants."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    code = models.CharField(
        _("mã đơn vị"),
        max_length=32,
        unique=True,
        help_text=_("Mã chính thức, ví dụ mã đơn vị hành chính hoặc mã định danh."),
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0, editable=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(
        _("hết hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên đơn vị không còn tồn tại (ví dụ sau sáp nhập)."),
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị")
        ordering = ["depth", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="orgunit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def is_within(self, other: OrgUnit) -> bool:
        """True if this unit is ``other`` or one of its descendants."""
        return self.path.startswith(other.path)

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]
