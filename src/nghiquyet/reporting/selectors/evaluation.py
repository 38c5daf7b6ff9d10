"""The evaluation of a plan for a period.

:func:`plan_evaluation` is the one place where targets meet figures: the dashboard, the
command line, the documents and the API all call it, and it hands the numbers to
:mod:`nghiquyet.engine`, which decides every one of them.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.engine import progress
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import (
    Aggregation,
    GroupKind,
    TargetChange,
    Temporal,
)
from nghiquyet.plans.models import Group, Indicator, Plan, Target
from nghiquyet.plans.selectors import plans_tasks, targets_in_force

from ..cache import cached
from ..figures import Figure, comparable_at, figures_at, has_sub_units
from ..models import (
    Period,
)
from .periods import previous_year_key
from .results import (
    GroupResult,
    PlanEvaluation,
    TargetResult,
    class_labels,
    summary_text,
)
from .results import task_status_labels as task_status_labels  # callers import it from here


def plan_evaluation(
    *, user, plan: Plan, period: Period, scheme: engine.Scheme | None = None
) -> PlanEvaluation:
    """Evaluate every target of ``plan`` for ``period`` at the plan's unit.

    - annual and level targets take the period's figure;
    - cumulative targets sum, and average targets average, the yearly figures
      from the plan's first year up to the period's year (progress so far);
    - change-against-last-year targets compare with the same period last year;
    - composite targets are met only when every part is.
    """
    return plan_evaluations(user=user, plans=[plan], period=period, scheme=scheme)[0]


def evaluation_uncached(
    *, user, plan: Plan, period: Period, scheme: engine.Scheme | None = None
) -> PlanEvaluation:
    """:func:`plan_evaluation` computed from the database, not taken from the cache — for a
    caller that keeps a whole answer of its own built from it (the API's JSON)."""
    scope_for(user).require(Action.VIEW, plan.unit)
    return evaluations_uncached(user=user, plans=[plan], period=period, scheme=scheme)[0]


def plan_evaluations(
    *, user, plans: list[Plan], period: Period, scheme: engine.Scheme | None = None
) -> list[PlanEvaluation]:
    """:func:`plan_evaluation` of several plans (every commune's, on a city's dashboard) in
    a fixed number of queries: the targets, groups, tasks, periods and figures of all
    the plans are read together, not one set per plan."""
    plans = list(plans)
    scope = scope_for(user)
    for plan in plans:
        scope.require(Action.VIEW, plan.unit)
    if not plans:
        return []
    return cached(
        "plan_evaluations",
        user=user,
        parts=(tuple(p.pk for p in plans), period.pk, repr(scheme)),
        compute=lambda: evaluations_uncached(user=user, plans=plans, period=period, scheme=scheme),
    )


def evaluations_uncached(
    *, user, plans: list[Plan], period: Period, scheme: engine.Scheme | None = None
) -> list[PlanEvaluation]:
    """:func:`plan_evaluations` computed from the database, never from the cache (the
    reference the cached answers are tested against; the user's scope is checked by the
    caller)."""
    if not plans:
        return []
    targets: dict[int, list[Target]] = defaultdict(list)
    # Each target as it was in force for the period: its figure before a later adjustment,
    # none once a later document ended it.
    for t in targets_in_force(
        _with_related(list(Target.objects.filter(plan__in=plans).order_by("order", "pk"))),
        on=period.end_date,
    ):
        targets[t.plan_id].append(t)
    groups: dict[int, list[Group]] = defaultdict(list)
    for g in Group.objects.filter(plan__in=plans, kind=GroupKind.TARGETS):
        groups[g.plan_id].append(g)
    tasks: dict[int, list[tuple]] = defaultdict(list)
    for plan_id, deadline, completed_on in plans_tasks(user=user, plans=plans).values_list(
        "plan_id", "deadline", "completed_on"
    ):
        tasks[plan_id].append((deadline, completed_on))

    spans = {plan.pk: _span(plan, targets[plan.pk], period) for plan in plans}
    # The years a plan's cumulative and average targets take in (none without such targets).
    year_keys = {pk: [str(y) for y in span[1]] if span[2] else [] for pk, span in spans.items()}
    prev_key = previous_year_key(period)
    wanted = {period.key, prev_key, *(k for keys in year_keys.values() for k in keys)}
    periods = {p.key: p for p in Period.objects.filter(key__in=wanted)}
    prev = periods.get(prev_key)
    year_periods = {
        pk: [periods[k] for k in keys if k in periods] for pk, keys in year_keys.items()
    }
    figures: dict[int, dict] = {}
    for batch in _distinct_units(plans):
        items = [(plan, spans[plan.pk][0], year_periods[plan.pk]) for plan in batch]
        figures.update(_plan_figures(items, period, prev))

    return [
        _evaluate(
            plan,
            period,
            scheme or plan.scheme.to_engine(),
            targets[plan.pk],
            figures[plan.pk],
            prev,
            year_periods[plan.pk],
            spans[plan.pk],
            groups[plan.pk],
            tasks[plan.pk],
        )
        for plan in plans
    ]


def _with_related(targets: list[Target]) -> list[Target]:
    """``targets`` with their indicator, group and lead unit, each object read once.

    ``select_related`` would build an Indicator per target: a province's 7.500 concretised
    targets share its 60 indicators, and building the copies was a fifth of a cold units
    table. The objects are shared between targets, read-only like the rest of an evaluation.
    """
    for name, model in (("indicator", Indicator), ("group", Group), ("lead_unit", OrgUnit)):
        field = Target._meta.get_field(name)
        ids = {getattr(t, field.attname) for t in targets} - {None}
        objects = model.objects.in_bulk(ids) if ids else {}
        for t in targets:
            key = getattr(t, field.attname)
            field.set_cached_value(t, objects.get(key) if key is not None else None)
    return targets


def _span(plan: Plan, targets: list[Target], period: Period):
    """(leaf targets, the plan's years up to ``period``, the ids of targets that sum or
    average over those years)."""
    leaves = [t for t in targets if not t.is_composite]
    span_years = progress.span_years(plan.years, period.kind, period.year, period.end_year)
    over_years = {t.pk for t in leaves if progress.judged_over_years(t.temporal, period.kind)}
    return leaves, span_years, over_years


def _distinct_units(plans: list[Plan]) -> list[list[Plan]]:
    """The plans in batches in which no two plans' units are the same or one under the other:
    figures are keyed by unit, and a unit's sub-units' figures must not be counted for a plan
    of a unit above it in the same batch (the province's "1/9 đơn vị cấp dưới" came out as
    "0/9" beside the city's plan)."""

    def apart(a: Plan, b: Plan) -> bool:
        pa, pb = a.unit.path, b.unit.path
        return not (pa.startswith(pb) or pb.startswith(pa))

    batches: list[list[Plan]] = []
    for plan in plans:
        batch = next((b for b in batches if all(apart(p, plan) for p in b)), None)
        if batch is None:
            batches.append(batch := [])
        batch.append(plan)
    return batches


def _evaluate(
    plan: Plan,
    period: Period,
    scheme: engine.Scheme,
    targets: list[Target],
    figures: dict[tuple[int, int], Figure],
    prev: Period | None,
    year_periods: list[Period],
    span: tuple[list[Target], list[int], set[int]],
    group_objs: list[Group],
    tasks: list[tuple],
) -> PlanEvaluation:
    """One plan's evaluation from what :func:`plan_evaluations` read."""
    leaves, span_years, over_years = span
    share = period_share(period)
    top = [t for t in targets if t.composite_id is None and t.part_of_id is None]
    results: dict[int, TargetResult] = {}
    actual = np.full(len(leaves), np.nan)
    baseline = np.full(len(leaves), np.nan)
    for i, t in enumerate(leaves):
        res = TargetResult(target=t)
        now = figures.get((t.indicator_id, period.pk))
        if now is not None:
            res.value = now.record
            res.source_note = now.note
            res.source = now.source
        if prev is not None and (b := figures.get((t.indicator_id, prev.pk))) is not None:
            res.baseline = b.value
            res.baseline_note = b.note
        if t.pk in over_years:
            yearly = {
                p.year: fig.value
                for p in year_periods
                if (fig := figures.get((t.indicator_id, p.pk))) is not None
                and fig.value is not None
            }
            if yearly:
                res.actual = progress.over_years(list(yearly.values()), t.temporal)
                res.derivation = _derivation(t.temporal, yearly, span_years)
        elif (
            now is not None
            and now.value is not None
            and progress.judged_in_period(t.temporal, period.kind)
        ):
            res.actual = now.value
        actual[i] = np.nan if res.actual is None else res.actual
        baseline[i] = np.nan if res.baseline is None else res.baseline
        results[t.pk] = res

    # Figures that add up over the year are judged against the part of the year's
    # target due by the end of the period (6 months: half of it).
    scale = progress.owed_shares(*_accumulation_columns(leaves), share)
    # A total over the term is judged part-way through it against the years so far.
    years_total = len(plan.years)
    years_done = len([y for y in span_years if y in plan.years])
    term_scale = np.array(
        [
            progress.term_owed_share(t.temporal, period.kind, years_done, years_total)
            if t.pk in over_years
            else 1.0
            for t in leaves
        ],
        dtype=float,
    )
    scale = scale * term_scale
    ach, measured = targets_achievement(scheme, leaves, actual, baseline, scale)
    _store(scheme, ach, [results[t.pk] for t in leaves])
    for i, t in enumerate(leaves):
        res = results[t.pk]
        res.measured = None if np.isnan(measured[i]) else float(measured[i])
        if term_scale[i] < 1.0:
            res.term_share = float(term_scale[i])
            res.years_done, res.years_total = years_done, years_total
            if (
                res.actual is not None
                and t.target_value is not None
                and t.direction == engine.Direction.HIGHER
            ):
                yearly = [
                    fig.value
                    for p in year_periods
                    if (fig := figures.get((t.indicator_id, p.pk))) is not None
                    and fig.value is not None
                ]
                res.pace = progress.term_pace(
                    res.actual,
                    float(t.target_value),
                    years_done,
                    years_total,
                    max(yearly, default=0.0),
                    engine.CANNOT_FACTOR,
                )
        elif scale[i] < 1.0:
            res.expected_share = float(scale[i])
            target = None if t.target_value is None else float(t.target_value)
            res.annual_rate = progress.annual_rate(res.actual, target)
    # "trong đó": a part is judged on its own figure and shown under its target.
    for t in leaves:
        if t.part_of_id is not None and t.part_of_id in results:
            results[t.part_of_id].parts.append(results[t.pk])

    composites = [t for t in top if t.is_composite]
    if composites:
        index = {t.pk: i for i, t in enumerate(composites)}
        part_rows = [(i, t) for i, t in enumerate(leaves) if t.composite_id in index]
        for t in composites:
            results[t.pk] = TargetResult(target=t)
        if part_rows:
            picked = np.array([i for i, _t in part_rows])
            sub = engine.Achievement(
                rate=ach.rate[picked],
                met=ach.met[picked],
                exceeded=ach.exceeded[picked],
                has_data=ach.has_data[picked],
            )
            combined = engine.combine_all(
                [index[t.composite_id] for _i, t in part_rows], sub, len(composites)
            )
            _store(scheme, combined, [results[t.pk] for t in composites])
            for _i, t in part_rows:
                results[t.composite_id].parts.append(results[t.pk])

    refs: dict[str, int] = {}
    for t in targets:
        res = results.get(t.pk)
        if res is not None and res.baseline_note:
            res.baseline_ref = refs.setdefault(res.baseline_note, len(refs) + 1)

    labels = class_labels(scheme)
    rows = [results[t.pk] for t in top]
    for r in rows:
        r.class_label = labels[r.class_key]
        for p in r.parts:
            p.class_label = labels[p.class_key]
    counts = _count(scheme, rows)

    by_group: dict[int | None, list[TargetResult]] = defaultdict(list)
    for r in rows:
        by_group[r.target.group_id].append(r)
    groups = [GroupResult(g, by_group[g.pk], _count(scheme, by_group[g.pk])) for g in group_objs]
    if by_group.get(None):
        groups.append(GroupResult(None, by_group[None], _count(scheme, by_group[None])))

    as_of = min(timezone.localdate(), period.end_date)
    status = engine.task_status(
        [d for d, _c in tasks] or np.empty(0, "datetime64[D]"),
        [c for _d, c in tasks] or np.empty(0, "datetime64[D]"),
        as_of,
    )
    return PlanEvaluation(
        plan=plan,
        period=period,
        scheme=scheme,
        rows=rows,
        counts=counts,
        summary=summary_text(scheme, counts),
        groups=groups,
        labels=labels,
        task_counts=engine.count_statuses(status),
        task_as_of=as_of,
    )


def _plan_figures(
    items: list[tuple[Plan, list[Target], list[Period]]], period: Period, prev: Period | None
) -> dict[int, dict[tuple[int, int], Figure]]:
    """The figures the plans' evaluations need: plan id → (indicator id, period id) → figure.

    ``items`` are (plan, its leaf targets, the years its targets sum or average over),
    each plan of a different unit. For each plan, the period's own figure of its unit
    — computed from the sub-units for a target concretised below that adds up (sum,
    ratio of sums), else as reported (by the lead unit); and the other periods' (same
    period last year, the years of a term) for the unit's territory as it is at the
    end of ``period``, carried across merges and splits from its predecessors.
    """
    out: dict[int, dict[tuple[int, int], Figure]] = {plan.pk: {} for plan, _l, _y in items}
    items = [item for item in items if item[1]]
    if not items:
        return out
    leaves = [t for _plan, plan_leaves, _years in items for t in plan_leaves]
    indicators = list({t.indicator_id: t.indicator for t in leaves}.values())
    # By the plans (a join on the parent), not by an IN list of every leaf (7.500 ids for a
    # province's communes); order_by(): Target's default ordering would drag a join and a
    # sort into the DISTINCT (111 ms at province scale).
    leaf_ids = {t.pk for t in leaves}
    concretised = leaf_ids & set(
        Target.objects.filter(parent__plan__in=[plan.pk for plan, _l, _y in items])
        .order_by()
        .values_list("parent_id", flat=True)
        .distinct()
    )
    from_children: dict[int, set[int]] = defaultdict(set)
    for plan, plan_leaves, _years in items:
        for t in plan_leaves:
            if t.pk in concretised and t.indicator.aggregation in (
                Aggregation.SUM,
                Aggregation.RATIO,
            ):
                from_children[t.indicator_id].add(plan.unit_id)
    plan_of_unit = {plan.unit_id: plan.pk for plan, _l, _y in items}
    wanted = {plan.pk: {t.indicator_id for t in plan_leaves} for plan, plan_leaves, _y in items}
    with_sub_units = has_sub_units(plan_of_unit)

    def gather(at: Period, unit_ids: list[int], fetch, **kwargs) -> None:
        # Units without sub-units take their own figures; the others may be rolled up.
        for rollup in (True, False):
            chosen = [u for u in unit_ids if (u in with_sub_units) == rollup]
            if not chosen:
                continue
            found = fetch(indicators=indicators, unit_ids=chosen, rollup=rollup, **kwargs)
            for (ind, unit), fig in found.items():
                plan_id = plan_of_unit[unit]
                if ind in wanted[plan_id]:
                    out[plan_id][(ind, at.pk)] = fig

    gather(period, list(plan_of_unit), figures_at, period=period, from_children=from_children)
    others: dict[int, tuple[Period, list[int]]] = {}
    for plan, _leaves, years in items:
        for other in {p.pk: p for p in [prev, *years] if p is not None}.values():
            if other.pk != period.pk:
                others.setdefault(other.pk, (other, []))[1].append(plan.unit_id)
    for other, unit_ids in others.values():
        # Other periods give numbers only (last year's figure, the years of a term): no
        # status or history is shown for them, so no record is built.
        gather(other, unit_ids, comparable_at, period=other, ref=period.end_date, records=False)
    return out


def _decimal_column(targets: list[Target], attr: str) -> np.ndarray:
    return np.array(
        [np.nan if getattr(t, attr) is None else float(getattr(t, attr)) for t in targets],
        dtype=np.float64,
    )


def targets_achievement(
    scheme: engine.Scheme,
    targets: list[Target],
    actual: np.ndarray,
    baseline: np.ndarray,
    scale: np.ndarray | float = 1.0,
) -> tuple[engine.Achievement, np.ndarray]:
    """How ``targets`` fared with ``actual`` (and ``baseline``, the same period last year),
    by ``scheme``'s options; and the figure each was measured by (its change, for a
    change target). ``scale`` is the part of each target owed by the period.

    Every form of a target is read here, once: bounds (strict or not), ranges,
    bands, changes in percent or points, a level with a change.
    """
    change = np.array([t.change for t in targets], dtype=np.int8)
    points = np.array([t.change_in_points for t in targets], dtype=np.bool_)
    ach = engine.achievement(
        [t.direction for t in targets] or np.empty(0, dtype="U6"),
        _decimal_column(targets, "target_value") * scale,
        actual,
        target_high=_decimal_column(targets, "target_high") * scale,
        tolerance=_decimal_column(targets, "tolerance"),
        baseline=baseline,
        change=change,
        points=points,
        strict=np.array([t.strict for t in targets], dtype=np.bool_),
        **scheme.options,
    )
    measured = engine.change_against(actual, baseline, change, points)
    with_change = np.array([t.with_change for t in targets], dtype=np.int8)
    if (with_change != TargetChange.NONE).any():
        by_change = engine.achievement(
            np.full(len(targets), engine.Direction.HIGHER.value),
            _decimal_column(targets, "with_change_low"),
            actual,
            target_high=_decimal_column(targets, "with_change_high"),
            baseline=baseline,
            change=with_change,
            points=points,
            **scheme.options,
        )
        decides = np.where(
            with_change != TargetChange.NONE,
            np.array([t.decided_by for t in targets], dtype=np.int8),
            engine.Decides.LEVEL,
        )
        ach = engine.combine_decided(ach, by_change, decides)
    return ach, measured


def period_share(period: Period) -> float:
    """The part of a year ``period`` covers (:func:`nghiquyet.engine.progress.period_share`)."""
    return progress.period_share(period.kind, period.spec.months)


def accumulates(target: Target) -> bool:
    """Does the target's figure add up over the year, so that half a year owes half of it?
    (:func:`nghiquyet.engine.progress.accumulates`)"""
    return progress.accumulates(*(column[0] for column in _accumulation_columns([target])))


def _accumulation_columns(targets: list[Target]):
    """(temporals, natures, aggregations, changes) of ``targets``, as the engine takes them."""
    indicators = [t.indicator if t.indicator_id else None for t in targets]
    return (
        [t.temporal for t in targets],
        [i.nature if i else "" for i in indicators],
        [i.aggregation if i else "" for i in indicators],
        [t.change for t in targets],
    )


def _derivation(temporal: str, yearly: dict[int, float], span: list[int]) -> str:
    """ "cộng dồn 2021–2024", "bình quân 2021, 2023 (thiếu số liệu năm 2022)"."""
    used, missing = progress.years_covered(span, yearly)
    text = (
        _("cộng dồn %(years)s") if temporal == Temporal.CUMULATIVE else _("bình quân %(years)s")
    ) % {"years": progress.years_text(used)}
    if missing:
        text += " " + _("(thiếu số liệu năm %(years)s)") % {"years": progress.years_text(missing)}
    return text


def _store(scheme: engine.Scheme, ach: engine.Achievement, rows: list[TargetResult]) -> None:
    codes = engine.classify(scheme, ach)
    keys = engine.class_keys(scheme, codes)
    for i, r in enumerate(rows):
        r.rate = None if np.isnan(ach.rate[i]) else float(ach.rate[i])
        r.met = bool(ach.met[i])
        r.exceeded = bool(ach.exceeded[i])
        r.class_key = keys[i]


def _count(scheme: engine.Scheme, rows: list[TargetResult]) -> dict[str, int]:
    counts = dict.fromkeys(scheme.keys, 0)
    for r in rows:
        counts[r.class_key] += 1
    return counts
