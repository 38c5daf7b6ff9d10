"""Cascade (cụ thể hóa): do the lower units' targets cover their parent's?

An office that sets a target for the city assigns it to the communes and wards,
each of which concretises it in its own resolution. :func:`plan_cascade` shows,
for each target handed down, which units have not concretised it yet and whether
the units' plan figures add up to the parent's:

- sums add up (new jobs: the wards' figures must total the city's);
- ratios are weighted by each unit's latest denominator (households, population)
  — a ratio of sums, never a mean of percentages;
- figures that do not add up (growth rates, yes/no) are listed, not checked.

A target counts as handed down once any lower unit has concretised it. The units
expected to concretise are the territorial units directly under the plan's unit
when the plan starts, plus any other unit that did concretise it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from nghiquyet.accounts.choices import Action
from nghiquyet.engine.rollup import RATIO, combine_plan_figures
from nghiquyet.engine.shares import shares_total_gap
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import Aggregation, ShareMethod, TargetChange, TargetDirection
from nghiquyet.plans.models import Plan, Target, TargetShareSet
from nghiquyet.plans.share_selectors import plan_expected_units, plan_shareable_targets

from ..models import Value

MATCHES = "matches"
FALLS_SHORT = "falls_short"
EXCEEDS = "exceeds"
INCOMPLETE = "incomplete"
UNCHECKED = "unchecked"

STATUS_LABELS = {
    MATCHES: _("khớp với chỉ tiêu cấp trên"),
    FALLS_SHORT: _("chưa đủ so với chỉ tiêu cấp trên"),
    EXCEEDS: _("cao hơn chỉ tiêu cấp trên"),
    INCOMPLETE: _("còn đơn vị chưa cụ thể hóa"),
    UNCHECKED: _("không cộng được, không đối chiếu"),
}


@dataclass
class ShortUnit:
    """A unit that set itself less than its share of its superior's target, and by how much.

    For a sum, the share the office set (by population, by hand: ``TargetShareSet``) or else
    the parent's figure divided equally among the units expected to concretise it; for a
    ratio of sums, the parent's rate itself."""

    unit: OrgUnit
    target: Target
    share: float
    figure: float

    @property
    def gap(self) -> float:
        """How far the unit's figure is from its share (negative: short of it)."""
        lower = self.target.direction == TargetDirection.LOWER
        return self.share - self.figure if lower else self.figure - self.share


@dataclass
class CascadeRow:
    target: Target
    #: unit id → the unit's concretised target
    children: dict[int, Target]
    missing: list[OrgUnit]
    #: the children's plan figures combined (sum, or ratio weighted by denominators)
    total: float | None
    status: str
    #: for ratios: how the figures were weighted
    weights_note: str = ""
    #: the units whose own figure is below their share of the parent's
    short_units: list[ShortUnit] = field(default_factory=list)
    #: how the office divided the target (None: equally)
    share_set: TargetShareSet | None = None
    #: shares set by hand that no longer add up to the figure in force (after an adjustment)
    shares_gap: Decimal | None = None

    @property
    def share_method_label(self) -> str:
        if self.share_set is None:
            return str(ShareMethod.EQUAL.label)
        return self.share_set.get_method_display()

    @property
    def difference(self) -> float | None:
        if self.total is None or self.target.target_value is None:
            return None
        return self.total - float(self.target.target_value)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_problem(self) -> bool:
        return self.status in (FALLS_SHORT, INCOMPLETE)


@dataclass
class UnitCascade:
    unit: OrgUnit
    plan: Plan | None
    done: int
    missing: list[Target] = field(default_factory=list)
    #: the targets the unit concretised below its share
    short: list[ShortUnit] = field(default_factory=list)


@dataclass
class Cascade:
    plan: Plan
    units: list[UnitCascade]
    rows: list[CascadeRow]
    #: the targets that can be divided among the units, each with ``share_set_cached``
    shareable: list[Target] = field(default_factory=list)
    #: may the user set the shares (manage the plan's unit)?
    may_manage: bool = False

    @property
    def problems(self) -> list[CascadeRow]:
        return [r for r in self.rows if r.is_problem]


def _plan_start(plan: Plan) -> dt.date:
    years = plan.years
    return dt.date(years[0], 1, 1) if years else (plan.issued_on or dt.date.today())


def _latest_denominators(indicator_ids: set[int], unit_ids: list[int], by: dt.date) -> dict:
    """(indicator, unit) → the latest known denominator up to ``by`` (households, population)."""
    found: dict[tuple[int, int], float] = {}
    rows = (
        Value.objects.current()
        .filter(
            indicator_id__in=indicator_ids,
            unit_id__in=unit_ids,
            denominator__isnull=False,
            period__end_date__lte=by,
        )
        .order_by("period__end_date")
        .values_list("indicator_id", "unit_id", "denominator")
    )
    for ind, unit, den in rows:
        found[(ind, unit)] = float(den)
    return found


def _tolerance(target: Target) -> float:
    return 0.5 * 10 ** -(target.decimals or 0)


def plan_cascade(*, user, plan: Plan) -> Cascade:
    """How the lower units have concretised ``plan``'s targets (only units in the user's scope)."""
    scope = scope_for(user)
    scope.require(Action.VIEW, plan.unit)
    targets = list(
        Target.objects.filter(plan=plan, is_composite=False)
        .select_related("indicator")
        .order_by("order", "pk")
    )
    children = list(
        Target.objects.filter(parent__in=targets).select_related("plan__unit").restrict(user)
    )
    by_target: dict[int, dict[int, Target]] = defaultdict(dict)
    for child in children:
        by_target[child.parent_id][child.plan.unit_id] = child
    start = _plan_start(plan)
    expected = plan_expected_units(user=user, plan=plan)
    known = {u.pk for u in expected}
    extra = {c.plan.unit for c in children if c.plan.unit_id not in known}
    units = expected + sorted(extra, key=lambda u: (u.order, u.name))
    unit_plans = {
        p.unit_id: p for p in Plan.objects.filter(parent=plan).select_related("unit").restrict(user)
    }
    handed_down = [t for t in targets if by_target.get(t.pk)]
    ratio_ids = {
        t.indicator_id
        for t in handed_down
        if t.indicator_id and t.indicator.aggregation == Aggregation.RATIO
    }
    weights = (
        _latest_denominators(ratio_ids, [u.pk for u in units], dt.date(start.year, 12, 31))
        if ratio_ids
        else {}
    )

    share_sets = {
        s.target_id: s
        for s in TargetShareSet.objects.filter(target__in=handed_down).prefetch_related("rows")
    }
    rows = []
    for t in handed_down:
        got = by_target[t.pk]
        missing = [u for u in units if u.pk not in got]
        total, note = _combine(t, got, weights)
        row = CascadeRow(t, got, missing, total, _status(t, total, missing), note)
        row.share_set = share_sets.get(t.pk)
        row.short_units = _short_units(t, got, units, row.share_set)
        if row.share_set and row.share_set.method == ShareMethod.HAND:
            given = list(row.share_set.figures(t.target_value).values())
            row.shares_gap = shares_total_gap(t.target_value, given) or None
        rows.append(row)

    per_unit = []
    for u in units:
        lacking = [t for t in handed_down if u.pk not in by_target[t.pk]]
        short = [s for r in rows for s in r.short_units if s.unit.pk == u.pk]
        per_unit.append(
            UnitCascade(u, unit_plans.get(u.pk), len(handed_down) - len(lacking), lacking, short)
        )
    return Cascade(
        plan,
        per_unit,
        rows,
        plan_shareable_targets(user=user, plan=plan),
        scope.allows(Action.MANAGE, plan.unit),
    )


def _short_units(
    target: Target, got: dict[int, Target], units: list[OrgUnit], share_set=None
) -> list[ShortUnit]:
    """The units whose concretised figure is below their share of ``target``'s: the share the
    office set (by population, by hand), or else an equal share among the units expected."""
    if (
        target.indicator_id is None
        or target.change != TargetChange.NONE
        or target.target_value is None
        or target.direction == TargetDirection.YES_NO
        or not units
    ):
        return []
    aggregation = target.indicator.aggregation
    parent = float(target.target_value)
    set_figures = share_set.figures(target.target_value) if share_set is not None else {}
    if aggregation == Aggregation.SUM and set_figures:
        # a unit the office gave no share (one that concretised though not expected) is not judged
        shares = {u.pk: float(set_figures[u.pk]) for u in units if u.pk in set_figures}
    elif aggregation == Aggregation.SUM:
        shares = {u.pk: parent / len(units) for u in units}
    elif aggregation == Aggregation.RATIO:
        shares = {u.pk: parent for u in units}
    else:
        return []
    found = []
    for unit in units:
        child = got.get(unit.pk)
        if child is None or child.target_value is None or unit.pk not in shares:
            continue
        item = ShortUnit(unit, target, shares[unit.pk], float(child.target_value))
        if item.gap < -_tolerance(target):
            found.append(item)
    return found


def _combine(target: Target, got: dict[int, Target], weights) -> tuple[float | None, str]:
    if target.indicator_id is None or target.change != TargetChange.NONE:
        return None, ""
    figures = {u: float(c.target_value) for u, c in got.items() if c.target_value is not None}
    if not figures:
        return None, ""
    aggregation = target.indicator.aggregation
    units = list(figures)
    w = [weights.get((target.indicator_id, u)) for u in units] if aggregation == RATIO else None
    total = combine_plan_figures(aggregation, [figures[u] for u in units], w)
    if aggregation != RATIO:
        return total, ""
    if total is None:
        return None, str(_("thiếu mẫu số (số hộ, số dân…) của đơn vị để tính tỷ lệ chung"))
    label = target.indicator.denominator_label or _("mẫu số")
    return (
        total,
        str(_("bình quân theo %(weight)s gần nhất của từng đơn vị"))
        % {"weight": str(label).lower()},
    )


def _status(target: Target, total: float | None, missing: list[OrgUnit]) -> str:
    if total is None:
        return INCOMPLETE if missing else UNCHECKED
    if target.target_value is None:
        return UNCHECKED
    diff = total - float(target.target_value)
    if abs(diff) <= _tolerance(target):
        return INCOMPLETE if missing else MATCHES
    lower = target.direction == TargetDirection.LOWER
    short = diff > 0 if lower else diff < 0
    if short:
        return INCOMPLETE if missing else FALLS_SHORT
    return EXCEEDS
