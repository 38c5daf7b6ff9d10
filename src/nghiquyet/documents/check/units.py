"""The evaluations of the units whose own plans concretise a plan, by unit name: what the
appendix of a review prints per unit ("Phụ lục 2. Phường 6 (Nghị quyết số 01-NQ/ĐU)")."""

from __future__ import annotations

from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation


def unit_evaluations(*, user, plan: Plan, period: Period) -> dict[str, PlanEvaluation]:
    """{unit name: its plan's evaluation for the period} of the units the user may see."""
    return {
        u.plan.unit.name: u.evaluation
        for u in plan_units_comparison(user=user, plan=plan, period=period)
    }
