"""Reads of reporting rounds: the rounds a user may see, the round that asks for a plan's
figures of a period, and who has reported in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Plan

from ..choices import SubmissionStatus, Timeliness
from ..models import (
    Period,
    ReportingRound,
    Submission,
)
from .periods import plan_ancestors_and_self
from .submissions import timeliness, visible_submissions


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
    return qs.restrict(user)


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
        visible_submissions(user)
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


def plan_round(*, user, plan: Plan, period: Period) -> ReportingRound | None:
    """The round that asks for this plan's figures of the period (its own or an ancestor's)."""
    if period.pk is None:
        return None
    rnd = (
        ReportingRound.objects.filter(plan__in=plan_ancestors_and_self(plan), period=period)
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
