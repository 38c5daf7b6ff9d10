"""Filters of the lists of plans, targets and tasks, the same for the pages and the API
(see :mod:`nghiquyet.orgs.filters`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nghiquyet.orgs.filters import text_q, under_q
from nghiquyet.orgs.models import OrgUnit

from .choices import PlanKind
from .models import Plan, Target, Task


@dataclass(frozen=True)
class PlanFilter:
    """Plans: by issuing unit or subtree, kind, year, the plan they concretise, and a text
    in the title, the number, the code or the issuing unit's name or code."""

    unit: str = ""
    under: str = ""
    kind: str = ""
    year: int | None = None
    parent: str = ""
    q: str = ""

    def apply(self, plans: QuerySet[Plan], *, user) -> QuerySet[Plan]:
        if self.unit:
            plans = plans.filter(unit__code=self.unit)
        if self.under:
            plans = plans.filter(under_q(user, self.under, "unit__path"))
        if self.kind in PlanKind.values:
            plans = plans.filter(kind=self.kind)
        if self.year:
            plans = plans.filter(
                Q(year=self.year) | Q(term_start__lt=self.year, term_end__gte=self.year)
            )
        if self.parent:
            plans = plans.filter(parent__code=self.parent)
        return plans.filter(text_q(self.q, "title", "number", "code", "unit__name", "unit__code"))


@dataclass(frozen=True)
class TargetFilter:
    """Targets: by plan, group, number, indicator, lead unit, and a text in the name or the
    statement."""

    plan: str = ""
    group: int | None = None
    code: str = ""
    indicator: str = ""
    lead_unit: str = ""
    q: str = ""

    def apply(self, targets: QuerySet[Target], *, user) -> QuerySet[Target]:
        if self.plan:
            targets = targets.filter(plan__code=self.plan)
        if self.group:
            targets = targets.filter(group_id=self.group)
        if self.code:
            targets = targets.filter(code=self.code)
        if self.indicator:
            targets = targets.filter(indicator__code=self.indicator)
        if self.lead_unit:
            targets = targets.filter(lead_unit__code=self.lead_unit)
        return targets.filter(text_q(self.q, "name", "statement"))


@dataclass(frozen=True)
class TaskFilter:
    """Tasks: by owner unit (its subtree), plan, and a text in the title, the product, the
    owner unit's name or code, or the task's number. (The status is computed for a day,
    so :func:`~nghiquyet.plans.selectors.task_list` filters by it after.)"""

    unit: OrgUnit | None = None
    plan: Plan | None = None
    q: str = ""

    def apply(self, tasks: QuerySet[Task], *, user) -> QuerySet[Task]:
        if self.unit is not None:
            tasks = tasks.filter(owner_unit__path__startswith=self.unit.path)
        if self.plan is not None:
            tasks = tasks.filter(plan=self.plan)
        q = (self.q or "").strip()
        if q:
            tasks = tasks.filter(
                text_q(q, "title", "product", "owner_unit__name")
                | Q(owner_unit__code=q)
                | Q(code=q)
            )
        return tasks
