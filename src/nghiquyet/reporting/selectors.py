"""Reads of periods and values, and the evaluation of a plan for a period.

:func:`plan_evaluation` is the one place where targets meet figures: the
dashboard, the command line, the documents and the API all call it, and it
hands the numbers to :mod:`nghiquyet.engine`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.lineage import lineage_closure
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import (
    Aggregation,
    IndicatorNature,
    TargetChange,
    TargetDirection,
    Temporal,
)
from nghiquyet.plans.models import Plan, Target, TargetGroup
from nghiquyet.plans.selectors import plans_tasks

from .choices import EDITABLE_STATUSES, PeriodKind, SubmissionStatus, Timeliness
from .figures import Figure, comparable_at, figures_at, has_sub_units
from .models import (
    Period,
    ReferencePoint,
    ReferenceSeries,
    ReportingRound,
    Submission,
    SubmissionEntry,
    Value,
)
from .periods import PeriodSpec

# Labels of the preset classes and task statuses, for the English catalogue.
_LABELS_FOR_TRANSLATION = (
    gettext_noop("đạt và vượt"),
    gettext_noop("đạt"),
    gettext_noop("xấp xỉ đạt"),
    gettext_noop("đạt trên 80%"),
    gettext_noop("đạt trên 70%"),
    gettext_noop("đạt trên 50%"),
    gettext_noop("không đạt"),
    gettext_noop("chưa có số liệu"),
    gettext_noop("hoàn thành đúng hạn"),
    gettext_noop("hoàn thành quá hạn"),
    gettext_noop("chưa hoàn thành trong hạn"),
    gettext_noop("chưa hoàn thành quá hạn"),
)


def class_labels(scheme: engine.Scheme) -> dict[str, str]:
    """The scheme's class labels in the active language (custom labels stay as written)."""
    return {key: _(label) for key, label in scheme.labels.items()}


def task_status_labels() -> dict[str, str]:
    return {key: _(label) for key, label in engine.TASK_STATUS_LABELS.items()}


def summary_text(scheme: engine.Scheme, counts: dict[str, int]) -> str:
    """The headline sentence in the active language."""
    return engine.summary_sentence(
        scheme,
        counts,
        labels=class_labels(scheme),
        noun=pgettext("summary sentence", "chỉ tiêu"),
        part=_("{n}/{total} {noun} {label}"),
        empty=_("Chưa có chỉ tiêu nào để đánh giá."),
    )


@dataclass
class TargetResult:
    target: Target
    actual: float | None = None
    value: Value | None = None
    baseline: float | None = None
    rate: float | None = None
    class_key: str = engine.NO_DATA
    class_label: str = ""
    met: bool = False
    exceeded: bool = False
    #: the figure compared with the target: the actual, or its % change for change targets
    measured: float | None = None
    #: how the actual was obtained when it is not one reported figure
    derivation: str = ""
    #: where the period's figure came from (reporting.figures: reported, computed, lineage)
    source: str = ""
    source_note: str = ""
    #: how the same period last year was obtained, when not as its unit reported it
    baseline_note: str = ""
    #: number of the footnote that carries ``baseline_note`` (1, 2…; 0: none)
    baseline_ref: int = 0
    #: for a year-to-date figure of a part of the year: actual / the whole year's target, in %
    annual_rate: float | None = None
    #: the share of the year's target expected by the end of the period (0,5 for 6 months)
    expected_share: float = 1.0
    parts: list[TargetResult] = field(default_factory=list)

    @property
    def yoy_percent(self) -> float | None:
        """Change against the same period last year, in percent ("so với cùng kỳ")."""
        if self.actual is None or not self.baseline:
            return None
        return (self.actual - self.baseline) / abs(self.baseline) * 100.0


@dataclass
class GroupResult:
    group: TargetGroup | None
    rows: list[TargetResult]
    counts: dict[str, int]


@dataclass
class PlanEvaluation:
    plan: Plan
    period: Period
    scheme: engine.Scheme
    rows: list[TargetResult]
    counts: dict[str, int]
    summary: str
    groups: list[GroupResult]
    labels: dict[str, str]
    task_counts: dict[str, int]
    task_as_of: dt.date

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def baseline_notes(self) -> list[str]:
        """The footnotes on "cùng kỳ" figures not taken as reported, numbered from 1."""
        notes: list[str] = []
        for row in self.rows:
            for r in (row, *row.parts):
                if r.baseline_note and r.baseline_note not in notes:
                    notes.append(r.baseline_note)
        return notes

    @property
    def task_total(self) -> int:
        return sum(self.task_counts.values())

    def class_items(self) -> list[tuple[str, str, int]]:
        """(key, label, count) for every class of the scheme, in order."""
        return [(k, self.labels[k], self.counts[k]) for k in self.scheme.keys]


def period_list(*, kind: str | None = None) -> QuerySet[Period]:
    """Periods are shared reference data."""
    qs = Period.objects.all()
    return qs.filter(kind=kind) if kind else qs


def period_or_unsaved(spec: PeriodSpec) -> Period:
    """The stored period, or an unsaved one with its cut-off dates if nobody reported for it."""
    return Period.objects.filter(key=spec.key).first() or Period(**spec.model_fields())


def period_for_year(year: int) -> Period:
    """The year period; an unsaved one (with its cut-off dates) if nobody reported for it yet."""
    return period_or_unsaved(PeriodSpec(PeriodKind.YEAR, year))


def plan_default_year(plan: Plan) -> int | None:
    """The year a dashboard opens on: the plan's latest year that has figures, else its first."""
    years = plan.years
    if not years:
        return None
    indicator_ids = Target.objects.filter(plan=plan).values("indicator_id")
    with_data = set(
        Value.objects.current()
        .filter(unit=plan.unit, indicator_id__in=indicator_ids, period__kind=PeriodKind.YEAR)
        .filter(period__year__in=years)
        .values_list("period__year", flat=True)
    )
    return max(with_data) if with_data else years[0]


def plan_default_period(plan: Plan, options: list[Period]) -> Period | None:
    """The period a dashboard opens on: the latest year with figures of the plan's unit,
    else its latest period with figures (a new plan's first 6 months), else the plan's
    first year.
    """
    indicator_ids = Target.objects.filter(plan=plan).values("indicator_id")
    saved = [p for p in options if p.pk is not None]
    with_values = set(
        Value.objects.current()
        .filter(unit=plan.unit, indicator_id__in=indicator_ids, period__in=saved)
        .values_list("period_id", flat=True)
        .distinct()
    )
    for kinds in ({PeriodKind.YEAR, PeriodKind.TERM}, set(PeriodKind.values)):
        for p in reversed(options):
            if p.pk in with_values and p.kind in kinds:
                return p
    year = plan_default_year(plan)
    if year is None:
        return None
    return next((p for p in options if p.key == str(year)), None) or period_for_year(year)


def _previous_year_key(period: Period) -> str:
    return period.spec.previous_year().key


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
    targets: dict[int, list[Target]] = defaultdict(list)
    for t in (
        Target.objects.filter(plan__in=plans)
        .select_related("indicator", "group", "lead_unit")
        .order_by("order", "pk")
    ):
        targets[t.plan_id].append(t)
    groups: dict[int, list[TargetGroup]] = defaultdict(list)
    for g in TargetGroup.objects.filter(plan__in=plans):
        groups[g.plan_id].append(g)
    tasks: dict[int, list[tuple]] = defaultdict(list)
    for plan_id, deadline, completed_on in plans_tasks(user=user, plans=plans).values_list(
        "plan_id", "deadline", "completed_on"
    ):
        tasks[plan_id].append((deadline, completed_on))

    spans = {plan.pk: _span(plan, targets[plan.pk], period) for plan in plans}
    # The years a plan's cumulative and average targets take in (none without such targets).
    year_keys = {pk: [str(y) for y in span[1]] if span[2] else [] for pk, span in spans.items()}
    prev_key = _previous_year_key(period)
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


def _span(plan: Plan, targets: list[Target], period: Period):
    """(leaf targets, the plan's years up to ``period``, the ids of targets that sum or
    average over those years)."""
    leaves = [t for t in targets if not t.is_composite]
    span_years = [y for y in plan.years if y <= period.year] or [period.year]
    if period.kind == PeriodKind.TERM:
        span_years = plan.years or list(range(period.year + 1, period.end_year + 1))
    over_years = {
        t.pk
        for t in leaves
        if t.temporal in (Temporal.CUMULATIVE, Temporal.AVERAGE)
        and period.kind in (PeriodKind.YEAR, PeriodKind.TERM)
    }
    return leaves, span_years, over_years


def _distinct_units(plans: list[Plan]) -> list[list[Plan]]:
    """The plans in batches in which no unit has two plans (figures are keyed by unit)."""
    batches: list[list[Plan]] = []
    for plan in plans:
        batch = next((b for b in batches if all(p.unit_id != plan.unit_id for p in b)), None)
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
    group_objs: list[TargetGroup],
    tasks: list[tuple],
) -> PlanEvaluation:
    """One plan's evaluation from what :func:`plan_evaluations` read."""
    leaves, span_years, over_years = span
    share = period_share(period)
    top = [t for t in targets if t.composite_id is None]
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
                numbers = list(yearly.values())
                combined = sum(numbers) if t.temporal == Temporal.CUMULATIVE else np.mean(numbers)
                res.actual = float(combined)
                res.derivation = _derivation(t.temporal, sorted(yearly), span_years)
        elif now is not None and now.value is not None:
            res.actual = now.value
        actual[i] = np.nan if res.actual is None else res.actual
        baseline[i] = np.nan if res.baseline is None else res.baseline
        results[t.pk] = res

    def column(attr):
        return np.array(
            [np.nan if getattr(t, attr) is None else float(getattr(t, attr)) for t in leaves]
        )

    # Figures that add up over the year are judged against the part of the year's
    # target due by the end of the period (6 months: half of it).
    scale = np.array([share if _accumulates(t) else 1.0 for t in leaves])
    ach = engine.achievement(
        [t.direction for t in leaves] or np.empty(0, dtype="U6"),
        column("target_value") * scale,
        actual,
        target_high=column("target_high") * scale,
        tolerance=column("tolerance"),
        baseline=baseline,
        change=np.array([t.change for t in leaves], dtype=np.int8),
    )
    _store(scheme, ach, [results[t.pk] for t in leaves])
    measured = engine.change_against(
        actual, baseline, np.array([t.change for t in leaves], dtype=np.int8)
    )
    for i, t in enumerate(leaves):
        res = results[t.pk]
        res.measured = None if np.isnan(measured[i]) else float(measured[i])
        if scale[i] < 1.0:
            res.expected_share = float(scale[i])
            if res.actual is not None and t.target_value:
                res.annual_rate = res.actual / float(t.target_value) * 100.0

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
    concretised = set(
        Target.objects.filter(parent__in=leaves).values_list("parent_id", flat=True).distinct()
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
        gather(other, unit_ids, comparable_at, period=other, ref=period.end_date)
    return out


def period_share(period: Period) -> float:
    """The part of a year a period covers: 0,5 for 6 months, 1 for a year or a term."""
    if period.kind in (PeriodKind.YEAR, PeriodKind.TERM):
        return 1.0
    return period.spec.months / 12


def _accumulates(target: Target) -> bool:
    """Does the target's figure add up over the year (so that half a year owes half of it)?

    Amounts and counts do (exports, new jobs); rates do not, even of a flow (the share of
    mediations that succeeded is judged against the same rate at any time of the year).
    """
    return (
        target.temporal == Temporal.ANNUAL
        and target.indicator_id is not None
        and target.indicator.nature == IndicatorNature.FLOW
        and target.indicator.aggregation == Aggregation.SUM
        and target.change == TargetChange.NONE
    )


def _years_text(years: list[int]) -> str:
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _derivation(temporal: str, years: list[int], span: list[int]) -> str:
    """ "cộng dồn 2021–2024", "bình quân 2021, 2023 (thiếu số liệu năm 2022)"."""
    text = (
        _("cộng dồn %(years)s") if temporal == Temporal.CUMULATIVE else _("bình quân %(years)s")
    ) % {"years": _years_text(years)}
    missing = [y for y in span if y not in years]
    if missing:
        text += " " + _("(thiếu số liệu năm %(years)s)") % {"years": _years_text(missing)}
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


def value_history(*, user, indicator_id: int, unit, period: Period) -> QuerySet[Value]:
    """Every version of one figure, newest first."""
    scope_for(user).require(Action.VIEW, unit)
    return Value.objects.filter(indicator_id=indicator_id, unit=unit, period=period).order_by(
        "-version"
    )


# --- rounds and submissions ------------------------------------------------------------------


def _visible_submissions(user) -> QuerySet[Submission]:
    scope = scope_for(user)
    qs = Submission.objects.select_related("round__plan__unit", "round__period", "unit")
    return qs.filter(scope.q("unit__path") | scope.q("round__plan__unit__path"))


def submission_list(*, user, status: str | None = None, round_id: int | None = None):
    """Submissions the user may see: its units' own, and those of rounds of plans it oversees."""
    qs = _visible_submissions(user)
    if status:
        qs = qs.filter(status=status)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs.order_by("round__deadline", "round__plan__code", "unit__name")


def submission_get(*, user, pk: int) -> Submission:
    """The submission if the user may see it; 404 otherwise."""
    submission = _visible_submissions(user).filter(pk=pk).select_related("updated_by").first()
    if submission is None:
        raise Http404
    return submission


@dataclass(frozen=True)
class SubmissionRights:
    edit: bool
    submit: bool
    approve: bool
    return_: bool
    accept: bool
    reopen: bool

    @property
    def any_action(self) -> bool:
        return any((self.submit, self.approve, self.return_, self.accept, self.reopen))


def submission_rights(*, user, submission: Submission) -> SubmissionRights:
    """What the user may do with the submission now — the same rules the services enforce."""
    scope = scope_for(user)
    status = submission.status
    reporter = scope.allows(Action.REPORT, submission.unit)
    approver = scope.allows(Action.APPROVE, submission.unit)
    office = scope.allows(Action.MANAGE, submission.unit)
    editable = status in EDITABLE_STATUSES
    return SubmissionRights(
        edit=reporter and editable,
        submit=reporter and editable,
        approve=approver and status == SubmissionStatus.SUBMITTED,
        return_=(approver and status == SubmissionStatus.SUBMITTED)
        or (office and status == SubmissionStatus.APPROVED),
        accept=office and status == SubmissionStatus.APPROVED,
        reopen=office and status == SubmissionStatus.ACCEPTED,
    )


def timeliness(submission: Submission, deadline: dt.date, today: dt.date | None = None) -> str:
    """Whether the report arrived on time: judged by its first sending, against the deadline."""
    today = today or timezone.localdate()
    if submission.first_submitted_at:
        sent = timezone.localdate(submission.first_submitted_at)
        return Timeliness.ON_TIME if sent <= deadline else Timeliness.LATE
    return Timeliness.MISSING if today > deadline else Timeliness.NOT_DUE


@dataclass
class GridRow:
    entry: SubmissionEntry
    previous: Value | None
    last_year: Value | None
    is_ratio: bool
    is_yes_no: bool


def submission_grid(*, submission: Submission) -> list[GridRow]:
    """The rows of the data-entry grid with the figures to compare against.

    ``previous`` is the latest accepted figure of an earlier period (any kind), and
    ``last_year`` the accepted figure of the same period a year before.
    """
    entries = list(
        submission.entries.select_related("target__indicator", "target__plan", "unit").order_by(
            "order", "pk"
        )
    )
    period = submission.round.period
    last_year_key = period.spec.previous_year().key
    keys = {(e.target.indicator_id, e.unit_id) for e in entries}
    earlier = (
        Value.objects.current()
        .filter(
            indicator_id__in={k[0] for k in keys},
            unit_id__in={k[1] for k in keys},
            period__end_date__lt=period.end_date,
        )
        .select_related("period")
        .order_by("-period__end_date", "period__kind")
    )
    previous: dict[tuple[int, int], Value] = {}
    last_year: dict[tuple[int, int], Value] = {}
    for v in earlier:
        key = (v.indicator_id, v.unit_id)
        previous.setdefault(key, v)
        if v.period.key == last_year_key:
            last_year[key] = v
    return [
        GridRow(
            entry=e,
            previous=previous.get((e.target.indicator_id, e.unit_id)),
            last_year=last_year.get((e.target.indicator_id, e.unit_id)),
            is_ratio=e.target.indicator.aggregation == Aggregation.RATIO,
            is_yes_no=e.target.direction == TargetDirection.YES_NO,
        )
        for e in entries
    ]


def round_list(*, user, plan: Plan | None = None) -> QuerySet[ReportingRound]:
    """Rounds of plans the user may see."""
    qs = ReportingRound.objects.select_related("plan__unit", "period").annotate(
        units=Count("submissions", distinct=True),
        accepted=Count(
            "submissions",
            filter=Q(submissions__status=SubmissionStatus.ACCEPTED),
            distinct=True,
        ),
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return scope_for(user).filter(qs, "plan__unit__path", Action.VIEW)


def round_get(*, user, pk: int) -> ReportingRound:
    rnd = round_list(user=user).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    return rnd


@dataclass
class CompletenessRow:
    submission: Submission
    timeliness: str
    filled: int
    total: int


def round_completeness(*, user, rnd: ReportingRound) -> list[CompletenessRow]:
    """Per unit of the round the user may see: status, timeliness, how many figures it filled.

    A ward's people see their own report's row; the office sees every unit's.
    """
    subs = (
        _visible_submissions(user)
        .filter(round=rnd)
        .select_related("unit")
        .annotate(
            total=Count("entries"),
            filled=Count("entries", filter=Q(entries__value__isnull=False)),
        )
        .order_by("unit__order", "unit__name")
    )
    today = timezone.localdate()
    return [CompletenessRow(s, timeliness(s, rnd.deadline, today), s.filled, s.total) for s in subs]


def completeness_counts(rows: list[CompletenessRow]) -> dict[str, int]:
    counts = dict.fromkeys(Timeliness.values, 0)
    for row in rows:
        counts[row.timeliness] += 1
    return counts


# --- dashboards ---------------------------------------------------------------------------


def plan_period_options(plan: Plan) -> list[Period]:
    """Periods a plan's dashboard can show: its years, and any period with figures or a round."""
    years = plan.years
    keys = {str(y) for y in years}
    indicator_ids = Target.objects.filter(plan=plan).values("indicator_id")
    with_values = Period.objects.filter(
        year__in=years,
        values__unit=plan.unit,
        values__indicator_id__in=indicator_ids,
        values__is_current=True,
    ).values_list("key", flat=True)
    with_rounds = ReportingRound.objects.filter(
        plan__in=_plan_ancestors_and_self(plan)
    ).values_list("period__key", flat=True)
    keys |= set(with_values) | {k for k in with_rounds if k[:4].isdigit() and int(k[:4]) in years}
    existing = {p.key: p for p in Period.objects.filter(key__in=keys)}
    periods = [
        existing.get(k) or period_for_year(int(k)) for k in keys if k in existing or k.isdigit()
    ]
    return sorted(periods, key=lambda p: (p.end_date, p.kind != PeriodKind.YEAR))


def _plan_ancestors_and_self(plan: Plan) -> list[Plan]:
    chain = [plan]
    while chain[-1].parent_id:
        chain.append(chain[-1].parent)
    return chain


def plan_round(*, user, plan: Plan, period: Period) -> ReportingRound | None:
    """The round that asks for this plan's figures of the period (its own or an ancestor's)."""
    if period.pk is None:
        return None
    rnd = (
        ReportingRound.objects.filter(plan__in=_plan_ancestors_and_self(plan), period=period)
        .select_related("plan__unit", "period")
        .first()
    )
    if rnd is None:
        return None
    scope = scope_for(user)
    return (
        rnd
        if scope.allows(Action.VIEW, rnd.plan.unit) or scope.allows(Action.VIEW, plan.unit)
        else None
    )


@dataclass
class UnitComparison:
    plan: Plan
    evaluation: PlanEvaluation
    submission: Submission | None
    timeliness: str

    @property
    def achieved_share(self) -> float:
        total = self.evaluation.total
        return self.evaluation.counts.get(engine.ACHIEVED, 0) / total * 100 if total else 0.0


def plan_units_comparison(*, user, plan: Plan, period: Period) -> list[UnitComparison]:
    """The units that concretise the plan, evaluated for the period — who lags first."""
    children = scope_for(user).filter(
        Plan.objects.filter(parent=plan).select_related("unit", "scheme"), "unit__path"
    )
    rnd = plan_round(user=user, plan=plan, period=period)
    subs = {}
    if rnd is not None:
        subs = {s.unit_id: s for s in Submission.objects.filter(round=rnd)}
    rows = []
    children = list(children)
    evaluations = plan_evaluations(
        user=user, plans=children, period=period, scheme=plan.scheme.to_engine()
    )
    for child, ev in zip(children, evaluations, strict=True):
        sub = subs.get(child.unit_id)
        when = timeliness(sub, rnd.deadline) if sub is not None else ""
        rows.append(UnitComparison(child, ev, sub, when))
    return sorted(rows, key=lambda r: (r.achieved_share, r.plan.unit.name))


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


def target_detail(*, user, plan: Plan, code: str, period: Period) -> TargetDetail:
    """One target of a plan: its figures over time, against plan, and by unit."""
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
    )


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
            scope.filter(plan.unit.children.all(), "path")
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
        share = period_share(period) if _accumulates(target) else 1.0
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
        )
        keys = engine.class_keys(scheme, engine.classify(scheme, ach))
        rates = [None if np.isnan(r) else float(r) for r in ach.rate]
    else:
        keys, rates = [engine.NO_DATA] * len(units), [None] * len(units)
    prev = Period.objects.filter(key=_previous_year_key(period)).first()
    before = {}
    if prev is not None and units:
        before = comparable_at(
            indicators=[target.indicator],
            unit_ids=[u.pk for u in units],
            period=prev,
            ref=period.end_date,
            rollup=False,
        )
    rows = []
    for i, u in enumerate(units):
        fig = before.get((target.indicator_id, u.pk))
        rows.append(
            BreakdownRow(
                u,
                children[i] if children else None,
                None if np.isnan(actual[i]) else float(actual[i]),
                rates[i],
                keys[i] if children else "",
                labels[keys[i]] if children else "",
                baseline=fig.value if fig else None,
                baseline_note=fig.note if fig else "",
            )
        )
    return sorted(rows, key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0))


def value_list(*, user) -> QuerySet[Value]:
    """Accepted figures (current versions) about units the user may see."""
    qs = Value.objects.current().select_related("indicator", "unit", "period", "recorded_by")
    return scope_for(user).filter(qs, "unit__path", Action.VIEW)
