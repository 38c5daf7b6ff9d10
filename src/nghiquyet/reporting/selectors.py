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
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.scopes import scope_for
from nghiquyet.plans.choices import Temporal
from nghiquyet.plans.models import Plan, Target, TargetGroup
from nghiquyet.plans.selectors import plan_tasks

from .choices import PeriodKind
from .models import Period, Value
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
    def task_total(self) -> int:
        return sum(self.task_counts.values())

    def class_items(self) -> list[tuple[str, str, int]]:
        """(key, label, count) for every class of the scheme, in order."""
        return [(k, self.labels[k], self.counts[k]) for k in self.scheme.keys]


def period_list(*, kind: str | None = None) -> QuerySet[Period]:
    """Periods are shared reference data."""
    qs = Period.objects.all()
    return qs.filter(kind=kind) if kind else qs


def period_for_year(year: int) -> Period:
    """The year period; an unsaved one (with its cut-off dates) if nobody reported for it yet."""
    spec = PeriodSpec(PeriodKind.YEAR, year)
    return Period.objects.filter(key=spec.key).first() or Period(
        key=spec.key,
        kind=spec.kind,
        year=year,
        start_date=spec.start_date,
        end_date=spec.end_date,
        deadline=spec.default_deadline,
    )


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


def _previous_year_key(period: Period) -> str:
    return period.spec.previous_year().key


def _values_by(values) -> dict[tuple[int, int], Value]:
    return {(v.indicator_id, v.period_id): v for v in values}


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
    scope_for(user).require(Action.VIEW, plan.unit)
    scheme = scheme or plan.scheme.to_engine()
    targets = list(
        Target.objects.filter(plan=plan)
        .select_related("indicator", "group", "lead_unit")
        .order_by("order", "pk")
    )
    top = [t for t in targets if t.composite_id is None]
    leaves = [t for t in targets if not t.is_composite]
    indicator_ids = {t.indicator_id for t in leaves}

    prev_key = _previous_year_key(period)
    span_years = [y for y in plan.years if y <= period.year] or [period.year]
    if period.kind == PeriodKind.TERM:
        span_years = plan.years or list(range(period.year + 1, period.end_year + 1))
    year_keys = [str(y) for y in span_years]
    periods = {p.key: p for p in Period.objects.filter(key__in=[period.key, prev_key, *year_keys])}
    values = _values_by(
        Value.objects.current()
        .filter(unit=plan.unit, indicator_id__in=indicator_ids, period__in=periods.values())
        .select_related("period")
    )
    prev = periods.get(prev_key)
    year_periods = [periods[k] for k in year_keys if k in periods]

    results: dict[int, TargetResult] = {}
    actual = np.full(len(leaves), np.nan)
    baseline = np.full(len(leaves), np.nan)
    for i, t in enumerate(leaves):
        res = TargetResult(target=t)
        res.value = values.get((t.indicator_id, period.pk))
        if prev is not None and (b := values.get((t.indicator_id, prev.pk))) is not None:
            res.baseline = float(b.value)
        if t.temporal in (Temporal.CUMULATIVE, Temporal.AVERAGE) and period.kind in (
            PeriodKind.YEAR,
            PeriodKind.TERM,
        ):
            yearly = {
                p.year: float(v.value)
                for p in year_periods
                if (v := values.get((t.indicator_id, p.pk))) is not None
            }
            if yearly:
                figures = list(yearly.values())
                combined = sum(figures) if t.temporal == Temporal.CUMULATIVE else np.mean(figures)
                res.actual = float(combined)
                res.derivation = _derivation(t.temporal, sorted(yearly), span_years)
        elif res.value is not None:
            res.actual = float(res.value.value)
        actual[i] = np.nan if res.actual is None else res.actual
        baseline[i] = np.nan if res.baseline is None else res.baseline
        results[t.pk] = res

    def column(attr):
        return np.array(
            [np.nan if getattr(t, attr) is None else float(getattr(t, attr)) for t in leaves]
        )

    ach = engine.achievement(
        [t.direction for t in leaves] or np.empty(0, dtype="U6"),
        column("target_value"),
        actual,
        target_high=column("target_high"),
        tolerance=column("tolerance"),
        baseline=baseline,
        change=np.array([t.change for t in leaves], dtype=np.int8),
    )
    _store(scheme, ach, [results[t.pk] for t in leaves])
    measured = engine.change_against(
        actual, baseline, np.array([t.change for t in leaves], dtype=np.int8)
    )
    for i, t in enumerate(leaves):
        results[t.pk].measured = None if np.isnan(measured[i]) else float(measured[i])

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
    group_objs = list(plan.target_groups.all())
    groups = [GroupResult(g, by_group[g.pk], _count(scheme, by_group[g.pk])) for g in group_objs]
    if by_group.get(None):
        groups.append(GroupResult(None, by_group[None], _count(scheme, by_group[None])))

    as_of = min(timezone.localdate(), period.end_date)
    tasks = list(plan_tasks(user=user, plan=plan).values_list("deadline", "completed_on"))
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
