"""Org units: a tree of any depth, effective-dated, with lineage.

Each unit stores a materialised path of ancestor ids (``/1/5/23/``) of its
*current* place so that a whole subtree is one indexed prefix query — the basis
of every scope check.

History is never rewritten (DESIGN.md §8). How a unit was named and where it sat
is kept in :class:`OrgUnitVersion` rows, one per span of time, so the tree can be
read as of any date; merges and splits are :class:`OrgUnitChange` records whose
:class:`OrgUnitLineage` links say which units' territory went where, and in what
share. Figures stay attached to the units that reported them; comparisons across
a change are computed from the lineage (see :mod:`nghiquyet.orgs.lineage`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import ChangeKind, OrgUnitKind
from .scopes import RestrictedQuerySet

#: A unit's code names it in every address (``/don-vi/<code>/``): letters, digits and
#: ``.`` ``_`` ``-`` only, starting with a letter or a digit ("86", "83-SKHDT", "28777-cu").
validate_unit_code = RegexValidator(
    r"\A[0-9A-Za-z][0-9A-Za-z._-]*\Z",
    _(
        "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (bắt đầu bằng chữ "
        "hoặc số), ví dụ 86 hoặc 86-SNV; không dùng “/”, dấu cách hay chữ có dấu."
    ),
    code="unit_code",
)


class OrgUnitQuerySet(RestrictedQuerySet):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        """Units that exist on ``day`` (``valid_from <= day < valid_to``)."""
        return self.filter(_active_on_q(day))

    def subtree(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """The unit and all its descendants."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    code = models.CharField(
        _("mã đơn vị"),
        max_length=32,
        unique=True,
        validators=[validate_unit_code],
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

    #: who may see a unit: those whose scope covers it (RestrictedQuerySet.restrict)
    scope_paths = ("path",)
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


def _active_on_q(day: dt.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


class OrgUnitChange(models.Model):
    """A dated change to the map: a merge, a split, a rename, a move, a dissolution."""

    kind = models.CharField(_("loại thay đổi"), max_length=12, choices=ChangeKind.choices)
    effective_on = models.DateField(
        _("có hiệu lực từ ngày"), help_text=_("Ngày đầu tiên áp dụng sắp xếp mới.")
    )
    decision = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản quyết định, ví dụ Nghị quyết số 202/2025/QH15."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    #: for a change recorded from a data package, what it is there (so a second load
    #: recognises it); empty for a change an office recorded
    source_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("thay đổi đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "thay đổi đơn vị")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_on:%d/%m/%Y})"


class OrgUnitVersion(models.Model):
    """What a unit was called and where it sat, from ``valid_from`` until ``valid_to``."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    code = models.CharField(_("mã đơn vị"), max_length=32, validators=[validate_unit_code])
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_versions",
    )
    change = models.ForeignKey(
        OrgUnitChange,
        verbose_name=_("do thay đổi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )

    class Meta:
        verbose_name = _("phiên bản đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "phiên bản đơn vị")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="orgunitversion_one_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="orgunitversion_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["parent", "valid_from"], name="orgunitversion_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @staticmethod
    def active_q(day: dt.date) -> Q:
        return _active_on_q(day)


class OrgUnitLineage(models.Model):
    """Part (``share``) of ``predecessor``'s territory went to ``successor`` on the change's date.

    A merge links every merged unit to the resulting one with share 1; a split links
    the divided unit to each part with its declared share (adding up to 1). A unit
    that goes on after giving part of itself away links to itself with the share it
    keeps.
    """

    change = models.ForeignKey(
        OrgUnitChange, verbose_name=_("thay đổi"), on_delete=models.CASCADE, related_name="links"
    )
    predecessor = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị trước"),
        on_delete=models.PROTECT,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị sau"),
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )
    #: None while the share of a split is still to be declared by an office
    share = models.DecimalField(
        _("tỷ lệ"), max_digits=7, decimal_places=6, default=1, null=True, blank=True
    )
    #: the change's date, repeated here so that lineage walks need no join
    effective_on = models.DateField(_("có hiệu lực từ ngày"), db_index=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "kế thừa đơn vị")
        ordering = ["effective_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "predecessor", "successor"], name="orgunitlineage_unique"
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=1)),
                name="orgunitlineage_share_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    @property
    def share_declared(self) -> bool:
        return self.share is not None


class OrgUnitAlias(models.Model):
    """Another source's code for a unit, so that imports keyed by either code find it.

    The unit's own ``code`` is the statistics office's; an alias never shadows another
    unit's official code (:func:`nghiquyet.orgs.selectors.orgunit_codes_resolve`).
    """

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="aliases"
    )
    code = models.CharField(_("mã khác"), max_length=32)
    source = models.CharField(_("nguồn"), max_length=64)

    scope_paths = ("unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã khác của đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "mã khác của đơn vị")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="orgunitalias_unique"),
        ]
        indexes = [models.Index(fields=["code"], name="orgunitalias_code")]

    def __str__(self) -> str:
        return f"{self.code} ({self.source})"
