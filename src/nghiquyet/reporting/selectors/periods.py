"""Reads of periods: the shared reference periods, and the periods a plan's pages offer."""

from __future__ import annotations

from django.db.models import QuerySet

from nghiquyet.plans.models import Plan, Target

from ..choices import PeriodKind
from ..models import (
    Period,
    ReportingRound,
    Value,
)
from ..periods import PeriodSpec


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


def previous_year_key(period: Period) -> str:
    return period.spec.previous_year().key


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
    with_rounds = ReportingRound.objects.filter(plan__in=plan_ancestors_and_self(plan)).values_list(
        "period__key", flat=True
    )
    keys |= set(with_values) | {k for k in with_rounds if k[:4].isdigit() and int(k[:4]) in years}
    existing = {p.key: p for p in Period.objects.filter(key__in=keys)}
    periods = [
        existing.get(k) or period_for_year(int(k)) for k in keys if k in existing or k.isdigit()
    ]
    return sorted(periods, key=lambda p: (p.end_date, p.kind != PeriodKind.YEAR))


def plan_ancestors_and_self(plan: Plan) -> list[Plan]:
    chain = [plan]
    while chain[-1].parent_id:
        chain.append(chain[-1].parent)
    return chain
