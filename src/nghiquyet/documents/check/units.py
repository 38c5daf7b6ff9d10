"""What a check needs besides the plan's evaluation: the evaluations of the units whose own
plans concretise it, by unit name (the appendix of a review prints one table per unit:
"Phụ lục 2. Phường 6 (Nghị quyết số 01-NQ/ĐU)"), and, for a term plan, the forecast's counts
("3/9 chỉ tiêu có khả năng đạt")."""

from __future__ import annotations

from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation
from nghiquyet.reporting.selectors.term import term_review


def unit_evaluations(*, user, plan: Plan, period: Period) -> dict[str, PlanEvaluation]:
    """{unit name: its plan's evaluation for the period} of the units the user may see."""
    return {
        u.plan.unit.name: u.evaluation
        for u in plan_units_comparison(user=user, plan=plan, period=period)
    }


def outlook_counts(*, user, plan: Plan, period: Period) -> dict[str, tuple[int, int]]:
    """{forecast label ("có khả năng đạt", "khó đạt", "không thể đạt"): (targets, of all)} of
    a term plan's review for the period; empty for other plans."""
    last_year = period.year if period.kind == PeriodKind.YEAR else None
    review = term_review(user=user, plan=plan, last_year=last_year)
    if review is None or not review.rows:
        return {}
    out: dict[str, tuple[int, int]] = {}
    for row in review.rows:
        done, total = out.get(row.outlook_label.lower(), (0, len(review.rows)))
        out[row.outlook_label.lower()] = (done + 1, total)
    return out
