"""The units that concretise a plan, each evaluated for the period — who lags first."""

from __future__ import annotations

from dataclasses import dataclass

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Plan

from ..cache import cached
from ..models import (
    Period,
    Submission,
)
from .evaluation import PlanEvaluation, evaluations_uncached
from .missing import NoDataReason, unit_no_data_reason
from .rounds import plan_round
from .submissions import timeliness


@dataclass
class UnitComparison:
    plan: Plan
    evaluation: PlanEvaluation
    submission: Submission | None
    timeliness: str
    #: is there a round for the period (the plan's or one above it)?
    round_open: bool = False

    @property
    def evaluated(self) -> int:
        """How many of the unit's targets have a figure to evaluate."""
        return self.evaluation.total - self.evaluation.counts.get(engine.NO_DATA, 0)

    @property
    def has_figures(self) -> bool:
        """Has the unit any accepted figure for the period? A unit without is not ranked: it
        has not reported yet, which says nothing of how it performs."""
        return self.evaluated > 0

    @property
    def no_data_reason(self) -> NoDataReason:
        """Why a unit without figures has none: where its report stands."""
        return unit_no_data_reason(self.submission, round_open=self.round_open)

    @property
    def achieved_share(self) -> float | None:
        """Targets achieved, in % of the unit's targets; None for a unit without figures."""
        if not self.has_figures:
            return None
        return self.evaluation.counts.get(engine.ACHIEVED, 0) / self.evaluation.total * 100


def plan_units_comparison(*, user, plan: Plan, period: Period) -> list[UnitComparison]:
    """The units that concretise the plan, evaluated for the period: the units with figures
    ranked, who lags first; then, unranked, the units with no accepted figure yet."""
    return cached(
        "plan_units_comparison",
        user=user,
        parts=(plan.pk, period.pk),
        compute=lambda: units_comparison_uncached(user=user, plan=plan, period=period),
    )


def units_comparison_uncached(*, user, plan: Plan, period: Period) -> list[UnitComparison]:
    """:func:`plan_units_comparison` computed from the database, never from the cache."""
    children = Plan.objects.filter(parent=plan).select_related("unit", "scheme").restrict(user)
    rnd = plan_round(user=user, plan=plan, period=period)
    subs = {}
    if rnd is not None:
        subs = {s.unit_id: s for s in Submission.objects.filter(round=rnd)}
    rows = []
    children = list(children)
    scope = scope_for(user)
    for child in children:
        scope.require(Action.VIEW, child.unit)
    evaluations = evaluations_uncached(
        user=user, plans=children, period=period, scheme=plan.scheme.to_engine()
    )
    for child, ev in zip(children, evaluations, strict=True):
        sub = subs.get(child.unit_id)
        when = timeliness(sub) if sub is not None else ""
        rows.append(UnitComparison(child, ev, sub, when, round_open=rnd is not None))
    return sorted(
        rows, key=lambda r: (not r.has_figures, r.achieved_share or 0.0, r.plan.unit.name)
    )
