"""Reads of units' reports (submissions): the ones a user may see, what the user may do with
one now, whether it came on time, and the rows of its data-entry grid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import (
    Aggregation,
    TargetDirection,
)

from ..choices import EDITABLE_STATUSES, SubmissionStatus, Timeliness
from ..models import (
    Submission,
    SubmissionEntry,
    Value,
)


def visible_submissions(user) -> QuerySet[Submission]:
    return Submission.objects.select_related("round__plan__unit", "round__period", "unit").restrict(
        user
    )


def submission_list(*, user, status: str | None = None, round_id: int | None = None):
    """Submissions the user may see: its units' own, and those of rounds of plans it oversees."""
    qs = visible_submissions(user)
    if status:
        qs = qs.filter(status=status)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs.order_by("round__deadline", "round__plan__code", "unit__name")


def submission_get(*, user, pk: int) -> Submission:
    """The submission if the user may see it; 404 otherwise."""
    submission = visible_submissions(user).filter(pk=pk).select_related("updated_by").first()
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
