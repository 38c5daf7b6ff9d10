"""Reads of how a target is divided among the units below (giao chỉ tiêu cho cấp dưới),
filtered by the acting user's scope: the units expected, the targets that can be divided,
one target's shares for its page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nghiquyet.accounts.choices import Action
from nghiquyet.engine import shares as engine_shares
from nghiquyet.orgs.choices import TERRITORIAL_KINDS
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from .choices import Aggregation, ShareMethod, TargetChange, TargetDirection
from .models import Plan, Target, TargetShareSet


def plan_expected_units(*, user, plan: Plan) -> list[OrgUnit]:
    """The units expected to concretise ``plan``: the places (communes, wards, districts…)
    directly under the plan's unit on the day the plan starts, those the user may see."""
    start = dt.date(plan.years[0], 1, 1) if plan.years else (plan.issued_on or timezone.localdate())
    return list(
        OrgUnit.objects.filter(parent=plan.unit, kind__in=TERRITORIAL_KINDS)
        .active_on(start)
        .restrict(user)
        .order_by("order", "name")
    )


def target_share_refusal(target: Target) -> str:
    """Why ``target`` cannot be divided among units ("" when it can): only a figure that adds
    up (a count) is divided; a rate is owed whole by every unit, a change or a yes/no is not
    a figure to divide."""
    if target.is_composite or target.indicator_id is None:
        return str(_("Chỉ tiêu này không gắn với một chỉ số nên không chia phần được."))
    if target.direction not in (TargetDirection.HIGHER, TargetDirection.LOWER):
        return str(_("Chỉ tiêu đạt / không đạt hoặc trong khoảng không chia phần được."))
    if target.change != TargetChange.NONE:
        return str(_("Chỉ tiêu tăng, giảm so với cùng kỳ không chia phần được."))
    if target.indicator.aggregation != Aggregation.SUM:
        return str(
            _(
                "Chỉ tiêu này không cộng được (tỷ lệ, tốc độ…): mỗi đơn vị phấn đấu đạt chính "
                "mức của cấp trên, không chia phần."
            )
        )
    if target.target_value is None:
        return str(_("Chỉ tiêu chưa có giá trị để chia."))
    return ""


def plan_shareable_targets(*, user, plan: Plan) -> list[Target]:
    """The targets of ``plan`` that can be divided among its units, each with
    ``share_set_cached`` (its :class:`TargetShareSet` or None)."""
    targets = [
        t
        for t in Target.objects.filter(plan=plan, is_composite=False, ended_on__isnull=True)
        .select_related("indicator")
        .restrict(user)
        .order_by("order", "pk")
        if not target_share_refusal(t)
    ]
    sets = {s.target_id: s for s in TargetShareSet.objects.filter(target__in=targets)}
    for t in targets:
        t.share_set_cached = sets.get(t.pk)
    return targets


@dataclass
class ShareRow:
    unit: OrgUnit
    population: int | None = None
    figure: object = None  # Decimal: the share in force (computed or typed)


@dataclass
class TargetShares:
    """How ``target`` is divided among ``rows`` (one per unit expected), for its page."""

    target: Target
    share_set: object  # TargetShareSet | None
    method: str
    rows: list[ShareRow]
    may_manage: bool
    #: shares typed by hand that no longer add up to the figure (after an adjustment)
    gap: object = None


def target_shares(*, user, target: Target) -> TargetShares:
    """The shares of ``target`` among the units under its plan's unit, as the user may see
    them (404 when the user may not see the plan)."""
    plan = target.plan
    if not scope_for(user).allows(Action.VIEW, plan.unit):
        raise Http404
    units = plan_expected_units(user=user, plan=plan)
    share_set = TargetShareSet.objects.filter(target=target).first()
    method = share_set.method if share_set else ShareMethod.EQUAL
    stored = {r.unit_id: r for r in share_set.rows.all()} if share_set else {}
    if share_set and method != ShareMethod.EQUAL:
        figures = share_set.figures(target.target_value)
    elif units and target.target_value is not None:
        # equal: the exact quotient, as the cascade page compares against (not whole steps)
        figures = {u.pk: target.target_value / len(units) for u in units}
    else:
        figures = {}
    rows = [
        ShareRow(
            u,
            stored[u.pk].population if u.pk in stored else None,
            figures.get(u.pk),
        )
        for u in units
    ]
    gap = None
    if share_set and method == ShareMethod.HAND and target.target_value is not None:
        gap = engine_shares.shares_total_gap(target.target_value, list(figures.values())) or None
    return TargetShares(
        target, share_set, method, rows, scope_for(user).allows(Action.MANAGE, plan.unit), gap
    )
