""" "Việc cần làm": what waits for a user, by the rights the workflow checks.

- reports to fill (draft or returned, for units the user reports for), those returned first
  with the reason they were returned (or reopened) for;
- reports to approve (sent, for units the user approves for);
- reports to accept (approved, for units the user manages);
- the owner units' tasks due within :data:`TASK_DUE_DAYS` days or overdue (for those who
  report or approve for the owner unit);
- rounds the user manages that close within :data:`ROUND_CLOSING_DAYS` days and still wait
  for reports.

Each list is what :func:`~.submissions.submission_rights` and the task rules allow, so a click
lands on a page where the user can do the work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Task
from nghiquyet.plans.selectors import tasks_visible

from ..choices import EDITABLE_STATUSES, SubmissionAction, SubmissionStatus
from ..models import ReportingRound, Submission, SubmissionEvent
from .submissions import timeliness, visible_submissions

#: Tasks are shown this many days before their deadline; rounds this many before they close.
TASK_DUE_DAYS = 7
ROUND_CLOSING_DAYS = 7


@dataclass(frozen=True)
class TodoReport:
    submission: Submission
    timeliness: str
    filled: int
    total: int
    #: why it came back: the comment of the last return (or reopening)
    reason: str = ""


@dataclass(frozen=True)
class TodoTask:
    task: Task
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left


@dataclass(frozen=True)
class TodoRound:
    round: ReportingRound
    sent: int
    total: int
    days_left: int


@dataclass
class Todo:
    returned: list[TodoReport] = field(default_factory=list)
    to_fill: list[TodoReport] = field(default_factory=list)
    to_approve: list[TodoReport] = field(default_factory=list)
    to_accept: list[TodoReport] = field(default_factory=list)
    tasks_overdue: list[TodoTask] = field(default_factory=list)
    tasks_due: list[TodoTask] = field(default_factory=list)
    rounds_closing: list[TodoRound] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.returned,
                self.to_fill,
                self.to_approve,
                self.to_accept,
                self.tasks_overdue,
                self.tasks_due,
                self.rounds_closing,
            )
        )


def todo_for(*, user, today: dt.date | None = None) -> Todo:
    """What waits for ``user`` on ``today`` (see the module docstring)."""
    today = today or timezone.localdate()
    scope = scope_for(user)
    todo = Todo()
    waiting = (
        visible_submissions(user)
        .filter(
            status__in=[
                *EDITABLE_STATUSES,
                SubmissionStatus.SUBMITTED,
                SubmissionStatus.APPROVED,
            ]
        )
        .annotate(
            n_filled=Count("entries", filter=Q(entries__value__isnull=False)),
            n_total=Count("entries"),
        )
        .order_by("round__deadline", "round__plan__code", "unit__name")
    )
    subs = list(waiting)
    reasons = _reasons([s.pk for s in subs if s.status == SubmissionStatus.RETURNED])
    reopened = _reasons(
        [s.pk for s in subs if s.status == SubmissionStatus.DRAFT and s.version > 1],
        SubmissionAction.REOPEN,
    )
    for s in subs:
        row = TodoReport(
            submission=s,
            timeliness=timeliness(s, today),
            filled=s.n_filled,
            total=s.n_total,
            reason=reasons.get(s.pk) or reopened.get(s.pk, ""),
        )
        if s.status in EDITABLE_STATUSES and scope.allows(Action.REPORT, s.unit):
            (todo.returned if s.status == SubmissionStatus.RETURNED else todo.to_fill).append(row)
        elif s.status == SubmissionStatus.SUBMITTED and scope.allows(Action.APPROVE, s.unit):
            todo.to_approve.append(row)
        elif s.status == SubmissionStatus.APPROVED and scope.allows(Action.MANAGE, s.unit):
            todo.to_accept.append(row)

    tasks = (
        tasks_visible(user=user)
        .filter(completed_on__isnull=True, deadline__lte=today + dt.timedelta(TASK_DUE_DAYS))
        .order_by("deadline", "pk")
    )
    for task in tasks:
        if not (
            scope.allows(Action.REPORT, task.owner_unit)
            or scope.allows(Action.APPROVE, task.owner_unit)
        ):
            continue
        item = TodoTask(task=task, days_left=(task.deadline - today).days)
        (todo.tasks_overdue if item.overdue else todo.tasks_due).append(item)

    rounds = (
        ReportingRound.objects.select_related("plan__unit", "period")
        .filter(deadline__gte=today, deadline__lte=today + dt.timedelta(ROUND_CLOSING_DAYS))
        .annotate(
            n_total=Count("submissions", distinct=True),
            n_sent=Count(
                "submissions",
                filter=Q(submissions__first_submitted_at__isnull=False),
                distinct=True,
            ),
        )
        .restrict(user, Action.MANAGE)
        .order_by("deadline", "plan__code")
    )
    for rnd in rounds:
        if rnd.n_sent < rnd.n_total:
            todo.rounds_closing.append(
                TodoRound(
                    round=rnd,
                    sent=rnd.n_sent,
                    total=rnd.n_total,
                    days_left=(rnd.deadline - today).days,
                )
            )
    return todo


def _reasons(pks: list[int], action: str = SubmissionAction.RETURN) -> dict[int, str]:
    """The comment of the latest ``action`` event of each submission."""
    if not pks:
        return {}
    out: dict[int, str] = {}
    events = SubmissionEvent.objects.filter(submission_id__in=pks, action=action).order_by(
        "at", "pk"
    )
    for ev in events:
        out[ev.submission_id] = ev.comment
    return out
