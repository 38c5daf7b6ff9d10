"""Reads of meetings, scoped, and how each conclusion is being carried out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import GroupKind
from nghiquyet.plans.models import Group, Plan
from nghiquyet.plans.selectors import TaskRow, task_list, task_status_counts

from .models import Meeting


def meeting_list(*, user) -> QuerySet[Meeting]:
    return Meeting.objects.restrict(user, Action.VIEW).select_related("unit", "conclusion")


def meeting_get(*, user, pk: int, action: str = Action.VIEW) -> Meeting:
    """The meeting if the user sees it (404 otherwise); 403 when seen but ``action`` refused."""
    meeting = meeting_list(user=user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, meeting.unit)
    return meeting


def meeting_can_manage(*, user, meeting: Meeting) -> bool:
    return scope_for(user).allows(Action.MANAGE, meeting.unit)


def meeting_units(*, user):
    """Units the user may record meetings of (those it manages), the highest first."""
    return OrgUnit.objects.restrict(user, Action.MANAGE)


def assignable_units(meeting: Meeting) -> list[OrgUnit]:
    """Who a conclusion may give tasks to: the meeting's unit and the units directly under it."""
    unit = meeting.unit
    children = unit.children.all() if unit.valid_to else unit.children.filter(valid_to__isnull=True)
    children = children.order_by("order", "code")
    return [meeting.unit, *children]


def reviewable_plans(*, user, meeting_unit) -> QuerySet[Plan]:
    """Plans a meeting of ``meeting_unit`` may review: the unit's own and those under it."""
    return (
        Plan.objects.restrict(user, Action.VIEW)
        .filter(unit__path__startswith=meeting_unit.path)
        .order_by("-year", "code")
    )


def conclusion_items(meeting: Meeting) -> list[Group]:
    if not meeting.conclusion_id:
        return []
    return list(meeting.conclusion.groups.filter(kind=GroupKind.TASKS).order_by("order", "pk"))


@dataclass
class ItemProgress:
    item: Group
    rows: list[TaskRow]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass
class ConclusionProgress:
    meeting: Meeting
    as_of: dt.date
    items: list[ItemProgress]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts["done_on_time"] + self.counts["done_late"]

    def count_items(self) -> list[tuple[str, str, int]]:
        return [(k, engine.TASK_STATUS_LABELS[k], self.counts[k]) for k in engine.TASK_STATUSES]


def conclusion_progress(
    *, user, meeting: Meeting, as_of: dt.date | None = None
) -> ConclusionProgress:
    """How the conclusion is being carried out ("tình hình thực hiện kết luận"): every item
    with the tasks it assigned that the user may see, each with its status on ``as_of``."""
    as_of = as_of or timezone.localdate()
    items = conclusion_items(meeting)
    rows = task_list(user=user, plan=meeting.conclusion, as_of=as_of) if items else []
    by_item: dict[int, list[TaskRow]] = {}
    for row in rows:
        by_item.setdefault(row.task.group_id, []).append(row)
    progress = [
        ItemProgress(
            item=item,
            rows=sorted(by_item.get(item.pk, []), key=lambda r: r.task.code),
            counts=task_status_counts(by_item.get(item.pk, [])),
        )
        for item in items
    ]
    return ConclusionProgress(
        meeting=meeting, as_of=as_of, items=progress, counts=task_status_counts(rows)
    )
