"""One target of a plan: its figures over time against plan, by unit, every version of the
period's figure, and the region's and the country's figures beside them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.http import Http404
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.engine import progress
from nghiquyet.orgs.lineage import lineage_closure
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import AdjustmentKind, TargetChange
from nghiquyet.plans.display import target_text
from nghiquyet.plans.models import Plan, Target, TargetAdjustment
from nghiquyet.plans.selectors import target_adjustments

from ..cache import cached
from ..choices import PeriodKind
from ..figures import Figure, comparable_at
from ..models import (
    Period,
    ReferencePoint,
    ReferenceSeries,
    Submission,
    Value,
)
from .evaluation import (
    PlanEvaluation,
    TargetResult,
    accumulates,
    class_labels,
    period_share,
    plan_evaluation,
)
from .missing import NoDataReason, no_data_reasons, target_no_data_reason, unit_no_data_reason
from .periods import period_for_year, previous_year_key
from .rounds import plan_round
from .values import value_history


@dataclass
class SeriesPoint:
    period: Period
    actual: float | None
    status: str
    plan_figure: float | None
    #: how the figure was obtained when it is not the unit's own (e.g. from its predecessors)
    note: str = ""
    #: the reference series' figures for the same period, in the order of TargetDetail.references
    references: list[float | None] = field(default_factory=list)


@dataclass
class BreakdownRow:
    unit: object
    target: Target | None
    actual: float | None
    rate: float | None
    class_key: str
    class_label: str
    #: the same period last year, for the unit's territory as it is now
    baseline: float | None = None
    baseline_note: str = ""
    #: why the unit has no figure, where it has none
    no_data_reason: NoDataReason | None = None


@dataclass
class ReferenceLine:
    """A region's or the country's figures beside the unit's ("so sánh tương quan")."""

    series: ReferenceSeries
    #: period key → figure
    points: dict[str, float]

    @property
    def name(self) -> str:
        return self.series.name


@dataclass
class AdjustmentLine:
    """A later document's change to the target, with the figure before and after it."""

    adjustment: TargetAdjustment
    #: the plan figure as offices write it, before and after ("150", "≤ 4")
    before: str
    after: str
    #: is the figure after this adjustment the one in force for the period viewed?
    in_force: bool = False

    @property
    def is_end(self) -> bool:
        return self.adjustment.kind == AdjustmentKind.END


@dataclass
class Adjustments:
    """A target's adjustments, and which figure judges the period viewed."""

    lines: list[AdjustmentLine]
    #: the figure as the plan was issued (before any adjustment)
    original: str
    #: the adjustment whose figure is in force for the period; None: the figure as issued
    in_force: AdjustmentLine | None
    #: the first adjustment after the period's end (the period still reads the older figure)
    later: AdjustmentLine | None

    def __bool__(self) -> bool:
        return bool(self.lines)


@dataclass
class TargetDetail:
    plan: Plan
    target: Target
    result: TargetResult
    series: list[SeriesPoint]
    breakdown: list[BreakdownRow]
    evaluation: PlanEvaluation
    #: every version of the period's figure, newest first
    history: list[Value]
    references: list[ReferenceLine] = field(default_factory=list)
    adjustments: Adjustments | None = None
    #: why the target has no result, where it has none
    no_data_reason: NoDataReason | None = None

    @property
    def current_references(self) -> list[tuple[str, float]]:
        """The region's and the country's figures for the period shown."""
        key = self.evaluation.period.key
        return [(line.name, line.points[key]) for line in self.references if key in line.points]


def reference_lines(*, user, plan: Plan, indicator_id: int | None, kind: str | None = None):
    """The reference series kept for ``indicator_id`` by the plan's unit or a unit above it."""
    scope_for(user).require(Action.VIEW, plan.unit)
    if indicator_id is None:
        return []
    owners = [*plan.unit.ancestor_ids(), plan.unit_id]
    series = list(
        ReferenceSeries.objects.filter(indicator_id=indicator_id, owner_id__in=owners).order_by(
            "order", "name"
        )
    )
    points = ReferencePoint.objects.filter(series__in=series, is_current=True).select_related(
        "period"
    )
    if kind:
        points = points.filter(period__kind=kind)
    by_series: dict[int, dict[str, float]] = defaultdict(dict)
    for p in points:
        by_series[p.series_id][p.period.key] = float(p.value)
    return [ReferenceLine(s, by_series.get(s.pk, {})) for s in series]


#: Reference series an office usually keeps, offered before any is entered.
USUAL_REFERENCES = ("Cả nước", "Vùng Đồng bằng sông Cửu Long")


def reference_series_names(*, user, plan: Plan, indicator) -> list[str]:
    """Names to offer for a new reference figure: the usual ones and those the plan's unit
    already keeps for ``indicator``."""
    scope_for(user).require(Action.VIEW, plan.unit)
    kept = ReferenceSeries.objects.filter(owner=plan.unit, indicator=indicator).values_list(
        "name", flat=True
    )
    return sorted({*USUAL_REFERENCES, *kept})


def target_detail(*, user, plan: Plan, code: str, period: Period) -> TargetDetail:
    """One target of a plan: its figures over time, against plan, and by unit — from the
    evaluation cache when the same question was asked at the same data version (the page is
    read far more often than its figures change; see :mod:`nghiquyet.reporting.cache`)."""
    scope_for(user).require(Action.VIEW, plan.unit)
    return cached(
        "target_detail",
        user=user,
        parts=(plan.pk, period.key, code),  # a period's key is unique, saved or not
        compute=lambda: target_detail_uncached(user=user, plan=plan, code=code, period=period),
    )


def target_detail_uncached(*, user, plan: Plan, code: str, period: Period) -> TargetDetail:
    """:func:`target_detail` computed from the database."""
    evaluation = plan_evaluation(user=user, plan=plan, period=period)
    result = next(
        (r for row in evaluation.rows for r in (row, *row.parts) if r.target.code == code), None
    )
    if result is None:
        raise Http404
    target = result.target
    series: list[SeriesPoint] = []
    if target.indicator_id:
        figures = {
            t.plan.year: float(t.target_value)
            for t in Target.objects.filter(
                indicator_id=target.indicator_id,
                plan__unit=plan.unit,
                plan__year__isnull=False,
                target_value__isnull=False,
                change=TargetChange.NONE,
            ).select_related("plan")
        }
        seen = set()
        for p, fig in _unit_series(target.indicator, plan.unit, period):
            seen.add(p.year)
            series.append(
                SeriesPoint(
                    p,
                    fig.value,
                    fig.record.get_status_display() if fig.record else "",
                    figures.get(p.year) if period.kind == PeriodKind.YEAR else None,
                    note=fig.note,
                )
            )
        if period.kind == PeriodKind.YEAR:
            for year, figure in figures.items():
                if year not in seen:
                    series.append(SeriesPoint(period_for_year(year), None, "", figure))
            series.sort(key=lambda p: p.period.end_date)
    history = []
    if target.indicator_id and period.pk is not None:
        history = list(
            value_history(
                user=user, indicator_id=target.indicator_id, unit=plan.unit, period=period
            ).select_related("recorded_by", "submission__unit")
        )
    references = reference_lines(
        user=user, plan=plan, indicator_id=target.indicator_id, kind=period.kind
    )
    for point in series:
        point.references = [line.points.get(point.period.key) for line in references]
    return TargetDetail(
        plan,
        target,
        result,
        series,
        _breakdown(user, plan, target, period),
        evaluation,
        history,
        references,
        target_adjustment_lines(user=user, target_id=target.pk, on=evaluation.period.end_date),
        no_data_reasons(user=user, ev=evaluation).get(target.pk)
        if result.class_key == engine.NO_DATA
        else None,
    )


def _apply(target: Target, values: dict) -> Target:
    """A copy of ``target`` with the figure fields of an adjustment's ``before``/``after``."""
    state = copy.copy(target)
    for name, value in values.items():
        setattr(state, name, Target._meta.get_field(name).to_python(value))
    return state


def target_adjustment_lines(*, user, target_id: int, on: dt.date) -> Adjustments:
    """The target's adjustments in the order they took effect, each with the figure before and
    after it, and which one is in force for a period ending ``on`` — the rule of
    :func:`nghiquyet.plans.selectors.targets_in_force`: an adjustment from a day after ``on``
    does not apply to the period."""
    current = Target.objects.select_related("indicator").get(pk=target_id)
    adjustments = list(target_adjustments(user=user, target=current))
    state = current
    lines: list[AdjustmentLine] = []
    for adj in reversed(adjustments):  # walk back from the figure in force today
        if adj.kind == AdjustmentKind.END:
            lines.append(AdjustmentLine(adj, target_text(state), ""))
            continue
        before = _apply(state, adj.before)
        lines.append(AdjustmentLine(adj, target_text(before), target_text(state)))
        state = before
    lines.reverse()
    figures = [line for line in lines if not line.is_end]
    applied = [line for line in figures if line.adjustment.effective_on <= on]
    in_force = applied[-1] if applied else None
    if in_force is not None:
        in_force.in_force = True
    later = next((line for line in figures if line.adjustment.effective_on > on), None)
    return Adjustments(lines, target_text(state), in_force, later)


def _unit_series(indicator, unit, period: Period) -> list[tuple[Period, Figure]]:
    """The unit's figures for every period of ``period``'s kind, oldest first.

    Periods before a merge or split that formed the unit as it is today are filled
    from its predecessors' figures (and say so); the unit's own figures stand as
    reported.
    """
    family = lineage_closure(unit.pk)
    periods = list(
        Period.objects.filter(
            kind=period.kind,
            values__indicator=indicator,
            values__unit_id__in=family,
            values__is_current=True,
        )
        .distinct()
        .order_by("end_date")
    )
    out = []
    for p in periods:
        fig = comparable_at(
            indicators=[indicator], unit_ids=[unit.pk], period=p, ref=None, rollup=False
        ).get((indicator.pk, unit.pk))
        if fig is not None and fig.value is not None:
            out.append((p, fig))
    return out


def _breakdown(user, plan: Plan, target: Target, period: Period) -> list[BreakdownRow]:
    """The target by unit: the units' own (concretised) targets, or their figures alone."""
    if target.indicator_id is None or period.pk is None:
        return []
    scope = scope_for(user)
    children = [
        c
        for c in Target.objects.filter(parent=target).select_related("plan__unit", "indicator")
        if scope.allows(Action.VIEW, c.plan.unit)
    ]
    if children:
        units = [c.plan.unit for c in children]
    else:
        units = list(
            plan.unit.children.restrict(user)
            .filter(
                values__indicator_id=target.indicator_id,
                values__period=period,
                values__is_current=True,
            )
            .distinct()
        )
    values = {
        v.unit_id: float(v.value)
        for v in Value.objects.current().filter(
            indicator_id=target.indicator_id, period=period, unit__in=units
        )
    }
    scheme = plan.scheme.to_engine()
    labels = class_labels(scheme)
    actual = np.array([values.get(u.pk, np.nan) for u in units])
    if children:
        share = period_share(period) if accumulates(target) else 1.0
        ach = engine.achievement(
            [c.direction for c in children] or np.empty(0, dtype="U6"),
            np.array(
                [np.nan if c.target_value is None else float(c.target_value) for c in children]
            )
            * share,
            actual,
            target_high=np.array(
                [np.nan if c.target_high is None else float(c.target_high) for c in children]
            )
            * share,
            strict=[c.strict for c in children],
            **scheme.options,
        )
        keys = engine.class_keys(scheme, engine.classify(scheme, ach))
        rates = [None if np.isnan(r) else float(r) for r in ach.rate]
    else:
        keys, rates = [engine.NO_DATA] * len(units), [None] * len(units)
    # A total over the term is not rated on a figure within a year (800 of a 5-year 7.800 is
    # not "không đạt" at mid-year): the figure is shown, the rating waits, with the reason the
    # dashboard and the reviews give (engine.progress.judged_in_period).
    unrated = {
        i: target_no_data_reason(TargetResult(target=c), period=period)
        for i, c in enumerate(children)
        if not progress.judged_in_period(c.temporal, period.kind)
    }
    for i in unrated:
        keys[i], rates[i] = engine.NO_DATA, None
    # A term total within the term is judged, year by year, on the years so far (sum or
    # average, against the pace): as each unit's own evaluation judges it on the dashboard's
    # units table — not one year's figure against the whole 5-year target (700 of 3.900 is
    # "không đạt"; 2.100 after 3 of 5 years is near its pace).
    over_years: list[int] = [
        i
        for i, c in enumerate(children)
        if i not in unrated and progress.judged_over_years(c.temporal, period.kind)
    ]
    if over_years:
        from .comparisons import plan_units_comparison

        judged = {
            r.target.pk: r
            for u in plan_units_comparison(user=user, plan=plan, period=period)
            for r in u.evaluation.rows
        }
        for i in over_years:
            r = judged.get(children[i].pk)
            if r is not None:
                keys[i], rates[i] = r.class_key, r.rate
                actual[i] = np.nan if r.actual is None else r.actual
    prev = Period.objects.filter(key=previous_year_key(period)).first()
    before = {}
    if prev is not None and units:
        before = comparable_at(
            indicators=[target.indicator],
            unit_ids=[u.pk for u in units],
            period=prev,
            ref=period.end_date,
            rollup=False,
        )
    rnd = plan_round(user=user, plan=plan, period=period)
    subs = (
        {s.unit_id: s for s in Submission.objects.filter(round=rnd, unit__in=units)}
        if rnd is not None
        else {}
    )
    rows = []
    for i, u in enumerate(units):
        # the years so far of a term total have no same-period figure to set beside them
        fig = None if i in over_years else before.get((target.indicator_id, u.pk))
        rows.append(
            BreakdownRow(
                u,
                children[i] if children else None,
                None if np.isnan(actual[i]) else float(actual[i]),
                rates[i],
                keys[i] if children else "",
                (_("chưa đánh giá") if i in unrated else labels[keys[i]]) if children else "",
                baseline=fig.value if fig else None,
                baseline_note=fig.note if fig else "",
                no_data_reason=unit_no_data_reason(subs.get(u.pk), round_open=rnd is not None)
                if np.isnan(actual[i])
                else unrated.get(i),
            )
        )
    return sorted(rows, key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0))
