"""Filters of the lists of units' reports, rounds and figures, the same for the pages and
the API (see :mod:`nghiquyet.orgs.filters`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from nghiquyet.orgs.filters import under_q
from nghiquyet.plans.models import Plan

from .choices import SubmissionStatus, ValueStatus
from .models import ReportingRound, Submission, Value


@dataclass(frozen=True)
class SubmissionFilter:
    """Units' reports: by status, round, plan, period and reporting unit."""

    status: str = ""
    round: int | None = None
    plan: str = ""
    period: str = ""
    unit: str = ""

    def apply(self, subs: QuerySet[Submission], *, user) -> QuerySet[Submission]:
        if self.status in SubmissionStatus.values:
            subs = subs.filter(status=self.status)
        if self.round:
            subs = subs.filter(round_id=self.round)
        if self.plan:
            subs = subs.filter(round__plan__code=self.plan)
        if self.period:
            subs = subs.filter(round__period__key=self.period)
        if self.unit:
            subs = subs.filter(unit__code=self.unit)
        return subs


@dataclass(frozen=True)
class RoundFilter:
    """Reporting rounds: by plan and period."""

    plan: str = ""
    period: str = ""

    def apply(self, rounds: QuerySet[ReportingRound], *, user) -> QuerySet[ReportingRound]:
        if self.plan:
            rounds = rounds.filter(plan__code=self.plan)
        if self.period:
            rounds = rounds.filter(period__key=self.period)
        return rounds


@dataclass(frozen=True)
class ValueFilter:
    """Accepted figures: by unit or subtree, indicator, the indicators of a plan's targets
    (of one target), period, year and status."""

    unit: str = ""
    under: str = ""
    indicator: str = ""
    plan: Plan | None = None
    target: str = ""
    period: str = ""
    year: int | None = None
    status: str = ""

    def apply(self, values: QuerySet[Value], *, user) -> QuerySet[Value]:
        if self.unit:
            values = values.filter(unit__code=self.unit)
        if self.under:
            values = values.filter(under_q(user, self.under, "unit__path"))
        if self.indicator:
            values = values.filter(indicator__code=self.indicator)
        if self.plan is not None:
            targets = self.plan.targets.filter(indicator__isnull=False)
            if self.target:
                targets = targets.filter(code=self.target)
            values = values.filter(indicator_id__in=targets.values("indicator_id"))
        if self.period:
            values = values.filter(period__key=self.period)
        if self.year:
            values = values.filter(period__year=self.year)
        if self.status in ValueStatus.values:
            values = values.filter(status=self.status)
        return values
