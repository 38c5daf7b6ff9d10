"""How a superior's target is divided among its sub-units (giao chỉ tiêu cho cấp dưới).

An office hands a figure down — equally, by population, or unit by unit — and the
cascade page names each unit whose own target is below its share. Only a target whose
figure adds up (a count, aggregation "cộng") is divided; a rate is owed whole by every
unit (:func:`nghiquyet.plans.share_selectors.target_share_refusal`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nghiquyet.engine.shares import split_by_weights
from nghiquyet.orgs.scopes import RestrictedQuerySet

from ..choices import ShareMethod
from .targets import Target


class TargetShareSet(models.Model):
    """The way an office divided one target of its plan among the units under it.

    No set (or the method *equal*) means equal shares. By population, each unit's share is
    computed from the populations kept here and the target's figure in force, rounded by the
    largest remainder so the shares add up to the figure; by hand, the office typed each
    unit's share, and they added up to the figure when it did.
    """

    target = models.OneToOneField(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="share_set"
    )
    method = models.CharField(
        _("cách giao"), max_length=12, choices=ShareMethod.choices, default=ShareMethod.EQUAL
    )
    population_source = models.CharField(
        _("nguồn số dân"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Niên giám thống kê tỉnh năm 2024."),
    )
    population_on = models.DateField(_("số dân tính đến ngày"), null=True, blank=True)
    #: the target's figure the shares were set against (a later adjustment is then visible)
    total = models.DecimalField(_("chỉ tiêu khi giao"), max_digits=20, decimal_places=6)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("giao lúc"), auto_now=True)

    #: who may see how a target was divided: those who may see its plan
    scope_paths = ("target__plan__unit__path",)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phần giao chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "phần giao chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.target} — {self.get_method_display()}"

    def figures(self, total: Decimal | None) -> dict[int, Decimal]:
        """unit id → the unit's share of ``total`` (the target's figure in force).

        Empty for equal shares (the caller divides) or when there is no figure."""
        rows = list(self.rows.all())
        if total is None or self.method == ShareMethod.EQUAL or not rows:
            return {}
        if self.method == ShareMethod.POPULATION:
            parts = split_by_weights(total, [r.population or 0 for r in rows], self.target.decimals)
            return {r.unit_id: p for r, p in zip(rows, parts, strict=True)}
        return {r.unit_id: r.figure for r in rows if r.figure is not None}


class TargetShare(models.Model):
    """One sub-unit's row of a :class:`TargetShareSet`: its population, or its share by hand."""

    share_set = models.ForeignKey(
        TargetShareSet, verbose_name=_("phần giao"), on_delete=models.CASCADE, related_name="rows"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    population = models.PositiveBigIntegerField(_("số dân"), null=True, blank=True)
    figure = models.DecimalField(
        _("phần được giao"), max_digits=20, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("phần giao của đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "phần giao của đơn vị")
        ordering = ["share_set", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["share_set", "unit"], name="target_share_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.share_set.target} — {self.unit}"
