"""Reads of plans, targets and tasks, filtered by the acting user's scope."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.selectors import orgunit_assignable

from .choices import AdjustmentKind
from .filters import TargetFilter, TaskFilter
from .models import (
    ClassificationScheme,
    Group,
    Indicator,
    Plan,
    QualityRule,
    Target,
    TargetAdjustment,
    Task,
    TaskDeadlineChange,
    TaskEvidence,
    TaskUpdate,
)


def plan_list(*, user, action: str = Action.VIEW) -> QuerySet[Plan]:
    """Plans of units in the user's scope, with their target and task counts."""
    qs = Plan.objects.select_related("unit", "scheme", "parent").annotate(
        target_count=Count("targets", filter=Q(targets__composite__isnull=True), distinct=True),
        task_count=Count("tasks", distinct=True),
    )
    return qs.restrict(user, action)


def plan_get(*, user, code: str, action: str = Action.VIEW) -> Plan:
    """The plan with ``code`` if the user may do ``action`` on it.

    404 if the user may not see it (no hint that it exists); 403 (``PermissionDenied``)
    if the user sees it but may not do ``action`` (manage it, for an office's pages).
    """
    plan = Plan.objects.select_related("unit", "scheme").restrict(user).filter(code=code).first()
    if plan is None:
        raise Http404
    if action != Action.VIEW and not scope_for(user).allows(action, plan.unit):
        raise PermissionDenied
    return plan


def plan_can_manage(*, user, plan: Plan) -> bool:
    """May the user manage ``plan`` (open rounds, enter reference figures, import)?"""
    return scope_for(user).allows(Action.MANAGE, plan.unit)


def plan_tasks(*, user, plan: Plan) -> QuerySet[Task]:
    """Tasks of ``plan`` the user may see."""
    return plans_tasks(user=user, plans=[plan]).select_related("owner_unit", "group")


def plans_tasks(*, user, plans: list[Plan]) -> QuerySet[Task]:
    """Tasks of any of ``plans`` whose plan the user may see."""
    return Task.objects.filter(
        plan__in=Plan.objects.filter(pk__in=[p.pk for p in plans]).restrict(user), closed_as=""
    )


def scheme_list() -> QuerySet[ClassificationScheme]:
    """Classification schemes are shared reference data, visible to every signed-in user."""
    return ClassificationScheme.objects.all()


# --- Task tracking ------------------------------------------------------------------

#: Labels of the four task statuses (engine.TASK_STATUS_LABELS), in the active language.
TASK_STATUS_LABELS = {
    "done_on_time": _("hoàn thành đúng hạn"),
    "done_late": _("hoàn thành quá hạn"),
    "open_on_time": _("chưa hoàn thành trong hạn"),
    "open_overdue": _("chưa hoàn thành quá hạn"),
}


def task_status_choices() -> list[tuple[str, str]]:
    """(key, label) of the four statuses, in the engine's order."""
    return [(key, str(TASK_STATUS_LABELS[key])) for key in engine.TASK_STATUSES]


def tasks_visible(*, user) -> QuerySet[Task]:
    """Tasks the user may see.

    A task is visible if its owner unit, one of its partner units or the unit
    of its plan is in the user's view scope — so a ward sees the tasks a city
    resolution gives it without seeing the city's resolution itself.
    """
    return Task.objects.select_related("owner_unit", "plan", "plan__unit", "group").restrict(user)


def tasks_tracked(*, user) -> QuerySet[Task]:
    """Tasks the user may see that are still tracked (not cancelled, not merged)."""
    return tasks_visible(user=user).filter(closed_as="")


@dataclass
class TaskRow:
    """A task with its status on the day ``as_of`` (computed, never stored)."""

    task: Task
    status: str
    #: days past the deadline: still open (overdue) or when completed (late); else 0
    days_late: int
    #: whether the user may open the task's plan (a ward may own a task of a city plan)
    plan_visible: bool = True

    @property
    def status_label(self) -> str:
        return str(TASK_STATUS_LABELS[self.status])

    @property
    def is_overdue(self) -> bool:
        return self.status == "open_overdue"


def _rows(tasks: list[Task], as_of: dt.date, user=None) -> list[TaskRow]:
    codes = engine.task_status(
        [t.deadline for t in tasks] or np.empty(0, "datetime64[D]"),
        [t.completed_on for t in tasks] or np.empty(0, "datetime64[D]"),
        as_of,
    )
    scope = scope_for(user) if user is not None else None
    rows = []
    for task, code in zip(tasks, codes, strict=True):
        status = engine.TASK_STATUSES[int(code)]
        if status == "open_overdue":
            days = (as_of - task.deadline).days
        elif status == "done_late":
            days = (task.completed_on - task.deadline).days
        else:
            days = 0
        visible = scope.allows(Action.VIEW, task.plan.unit) if scope is not None else True
        rows.append(TaskRow(task=task, status=status, days_late=days, plan_visible=visible))
    return rows


def task_list(
    *,
    user,
    unit: OrgUnit | None = None,
    status: str | None = None,
    plan: Plan | None = None,
    query: str = "",
    as_of: dt.date | None = None,
) -> list[TaskRow]:
    """The user's tasks with their status on ``as_of`` (today by default).

    ``unit``, ``plan`` and ``query`` are the list's filters (:class:`.filters.TaskFilter`,
    the pages' and the API's), ``status`` one of :data:`engine.TASK_STATUSES`. Sorted by
    deadline.
    """
    as_of = as_of or timezone.localdate()
    qs = TaskFilter(unit=unit, plan=plan, q=query).apply(tasks_tracked(user=user), user=user)
    qs = qs.order_by(F("deadline").asc(nulls_last=True), "plan__code", "pk")
    rows = _rows(list(qs), as_of, user)
    if status:
        rows = [r for r in rows if r.status == status]
    return rows


def task_get(*, user, pk: int) -> Task:
    """The task ``pk`` if the user may see it; 404 otherwise (no hint that it exists)."""
    task = tasks_visible(user=user).filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def task_row(*, user, task: Task, as_of: dt.date | None = None) -> TaskRow:
    """One task (already obtained through :func:`task_get`) with its status."""
    return _rows([task], as_of or timezone.localdate(), user)[0]


def task_can_update(user, task: Task) -> bool:
    """May ``user`` report progress on ``task``? (The rule the service enforces.)

    Only users who *report* for the task's owner unit (its subtree) may: the
    unit's reporters, and administrators. Approvers, viewers and offices read
    the progress but do not write it; partner units report through the owner.
    """
    return scope_for(user).allows(Action.REPORT, task.owner_unit)


def task_updates(*, user, task: Task) -> QuerySet[TaskUpdate]:
    """Progress history of a task, newest first, with its evidence; empty outside scope."""
    if not tasks_visible(user=user).filter(pk=task.pk).exists():
        return TaskUpdate.objects.none()
    return (
        TaskUpdate.objects.filter(task=task)
        .select_related("created_by")
        .prefetch_related("evidence")
        .order_by("-created_at", "-pk")
    )


def task_partner_units(*, task: Task) -> QuerySet[OrgUnit]:
    return task.partner_units.order_by("depth", "order", "name")


def evidence_get(*, user, pk: int) -> TaskEvidence:
    """An evidence file if the user may see its task; 404 otherwise."""
    evidence = TaskEvidence.objects.select_related("update").restrict(user).filter(pk=pk).first()
    if evidence is None:
        raise Http404
    return evidence


@dataclass
class UnitOverdue:
    """One owner unit on the overdue page: its status counts and its overdue tasks."""

    unit: OrgUnit
    counts: dict[str, int]
    overdue: list[TaskRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def overdue_count(self) -> int:
        return self.counts["open_overdue"]

    @property
    def most_days_late(self) -> int:
        return max((r.days_late for r in self.overdue), default=0)

    def count_items(self) -> list[tuple[str, str, int]]:
        """(key, label, count) of the four statuses, in the engine's order."""
        return [
            (key, str(TASK_STATUS_LABELS[key]), self.counts[key]) for key in engine.TASK_STATUSES
        ]


def task_overdue_by_unit(
    *, user, as_of: dt.date | None = None, sort: str = "overdue"
) -> list[UnitOverdue]:
    """Per owner unit of the user's tasks: the four status counts and the overdue tasks.

    The overdue tasks (not completed, deadline passed) are sorted most overdue
    first. Units are sorted by ``sort``: ``"overdue"`` (most overdue tasks first)
    or ``"unit"`` (the org tree's order).
    """
    as_of = as_of or timezone.localdate()
    rows = _rows(list(tasks_tracked(user=user).order_by("pk")), as_of, user)
    by_unit: dict[int, UnitOverdue] = {}
    for row in rows:
        unit = row.task.owner_unit
        entry = by_unit.get(unit.pk)
        if entry is None:
            entry = by_unit[unit.pk] = UnitOverdue(
                unit=unit, counts=dict.fromkeys(engine.TASK_STATUSES, 0)
            )
        entry.counts[row.status] += 1
        if row.is_overdue:
            entry.overdue.append(row)
    units = list(by_unit.values())
    for entry in units:
        entry.overdue.sort(key=lambda r: (-r.days_late, r.task.pk))
    if sort == "unit":
        units.sort(key=_tree_order)
    else:
        units.sort(key=lambda e: (-e.overdue_count, -e.most_days_late, *_tree_order(e)))
    return units


def _tree_order(entry: UnitOverdue) -> tuple:
    return (entry.unit.depth, entry.unit.order, entry.unit.name)


def task_status_counts(rows: list[TaskRow]) -> dict[str, int]:
    """Number of rows per status, every status present, in the engine's order."""
    counts = dict.fromkeys(engine.TASK_STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def task_owner_units(*, user) -> QuerySet[OrgUnit]:
    """Owner units of the tasks the user may see (for the unit filter)."""
    owners = tasks_visible(user=user).values("owner_unit")
    return OrgUnit.objects.filter(pk__in=owners).order_by("depth", "order", "name")


def task_plans(*, user) -> QuerySet[Plan]:
    """Plans of the tasks the user may see (for the plan filter)."""
    plans = tasks_visible(user=user).values("plan")
    return Plan.objects.filter(pk__in=plans).select_related("unit").order_by("-year", "code")


def target_get(*, user, plan: Plan, code: str, measured: bool = False) -> Target:
    """The target ``code`` of ``plan`` if the user may see it (``measured``: only a target with
    an indicator, not a composite); 404 otherwise."""
    qs = Target.objects.select_related("plan__unit", "indicator").restrict(user)
    if measured:
        qs = qs.filter(indicator__isnull=False)
    target = qs.filter(plan=plan, code=code).first()
    if target is None:
        raise Http404
    return target


def target_list(*, user) -> QuerySet[Target]:
    """Targets of the plans the user may see (parts of composite targets included)."""
    return Target.objects.select_related(
        "plan", "group", "indicator", "lead_unit", "composite", "parent__plan", "part_of"
    ).restrict(user)


def target_search(*, user, query: str, limit: int = 30) -> list[Target]:
    """Targets of the plans the user may see whose name or statement contains ``query``,
    without regard to case or diacritics ("nha o" finds "nhà ở"), newest plans first."""
    targets = TargetFilter(q=query).apply(target_list(user=user), user=user)
    return list(targets.order_by("-plan__year", "plan__code", "order", "pk")[:limit])


def quality_rules_for(*, indicator: Indicator, unit: OrgUnit) -> list[QualityRule]:
    """The data-quality rules that apply to ``unit``'s figures of ``indicator``: those set
    for the unit itself or any unit above it."""
    rules = QualityRule.objects.filter(indicator=indicator).select_related("unit", "created_by")
    return [r for r in rules if unit.path.startswith(r.unit.path)]


def quality_rule_get(*, user, pk: int) -> QualityRule:
    """A rule the user may see; 404 otherwise."""
    rule = QualityRule.objects.select_related("unit", "indicator").restrict(user).filter(pk=pk)
    found = rule.first()
    if found is None:
        raise Http404
    return found


# --- Editing: what the office's pages need ---------------------------------------------------


def target_has_figures(*, target: Target) -> bool:
    """Has a figure been reported or asked for against ``target``'s plan figure? (A round
    opened on its plan, or a figure of its indicator for the plan's years.) From then on,
    a change to the plan figure is an adjustment."""
    if target.plan.rounds.exists():
        return True
    if target.indicator_id is None or not target.plan.years:
        return False
    return target.indicator.values.filter(period__year__in=target.plan.years).exists()


def targets_in_force(targets: list[Target], *, on: dt.date) -> list[Target]:
    """``targets`` as they were in force on ``on``: a target ended by then is left out, and
    one adjusted after ``on`` takes the figure it had before (a copy; the rows stay as
    they are). What evaluations of a period ending on ``on`` judge against."""
    targets = [t for t in targets if t.ended_on is None or t.ended_on > on]
    later: dict[int, TargetAdjustment] = {}
    for adj in TargetAdjustment.objects.filter(
        target__in=[t.pk for t in targets], effective_on__gt=on, kind=AdjustmentKind.ADJUST
    ).order_by("-effective_on", "-pk"):
        later[adj.target_id] = adj  # the earliest adjustment after ``on`` wins
    if not later:
        return targets
    result = []
    for t in targets:
        adj = later.get(t.pk)
        if adj is not None:
            t = copy.copy(t)
            for name, raw in adj.before.items():
                setattr(t, name, Target._meta.get_field(name).to_python(raw))
        result.append(t)
    return result


def target_adjustments(*, user, target: Target) -> QuerySet[TargetAdjustment]:
    """The adjustments of a target the user may see, in the order they took effect."""
    return (
        TargetAdjustment.objects.restrict(user)
        .filter(target=target)
        .select_related("created_by")
        .order_by("effective_on", "pk")
    )


def task_deadline_history(*, task: Task) -> QuerySet[TaskDeadlineChange]:
    """A task's deadline extensions, first one first ("gia hạn lần 1…")."""
    return task.deadline_changes.select_related("created_by").order_by("number")


def plan_unit_choices(*, user) -> QuerySet[OrgUnit]:
    """Units the user may issue a plan for: those it manages that exist today."""
    return orgunit_assignable(user=user, on=timezone.localdate())


def plan_create_require(*, user) -> None:
    """Only a user who manages some unit may create a plan (403 otherwise)."""
    if not plan_unit_choices(user=user).exists():
        raise PermissionDenied


def plan_outline(*, user, plan: Plan) -> dict:
    """What the plan's editing page lists: its groups, its targets (with how many times each
    was adjusted) and its tasks (with how many times each was extended), in order."""
    return {
        "target_groups": list(plan.target_groups),
        "task_groups": list(plan.task_groups),
        "targets": list(
            Target.objects.restrict(user)
            .filter(plan=plan)
            .select_related("group", "lead_unit")
            .annotate(adjustment_count=Count("adjustments", distinct=True))
            .order_by("order", "pk")
        ),
        "tasks": list(
            plan_tasks_all(user=user, plan=plan).annotate(
                extension_count=Count("deadline_changes", distinct=True)
            )
        ),
    }


def plan_tasks_all(*, user, plan: Plan) -> QuerySet[Task]:
    """Every task of ``plan`` the user may see, cancelled and merged ones included."""
    return (
        Task.objects.filter(plan=plan, plan__in=Plan.objects.restrict(user))
        .select_related("owner_unit", "group")
        .order_by("group__order", "code", "pk")
    )


def group_get(*, plan: Plan, pk: int) -> Group:
    """A group of ``plan`` (the caller checked the plan); 404 otherwise."""
    group = plan.groups.filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def group_next_order(*, plan: Plan, kind: str) -> int:
    """The order a group added at the end of the plan's groups of ``kind`` takes."""
    last = plan.groups.filter(kind=kind).order_by("-order").values_list("order", flat=True)
    return (last.first() or 0) + 1


def indicator_choices() -> QuerySet[Indicator]:
    """Indicators are shared reference data: any office may pick one for its target."""
    return Indicator.objects.order_by("name")


def target_next_code(*, plan: Plan) -> str:
    """The number a new target of ``plan`` is offered: one more than the highest number."""
    numbers = [int(c) for c in plan.targets.values_list("code", flat=True) if c.isdigit()]
    return str(max(numbers, default=0) + 1)


def target_get_by_pk(*, user, plan: Plan, pk: int) -> Target:
    """A target of ``plan`` the user may see, by id; 404 otherwise."""
    target = (
        Target.objects.restrict(user)
        .select_related("plan__unit", "indicator", "group", "lead_unit")
        .filter(plan=plan, pk=pk)
        .first()
    )
    if target is None:
        raise Http404
    return target


def task_get_to_manage(*, user, pk: int) -> Task:
    """A task the user may see (404 otherwise) and whose plan it manages (403 otherwise)."""
    task = task_get(user=user, pk=pk)
    if not scope_for(user).allows(Action.MANAGE, task.plan.unit):
        raise PermissionDenied
    return task


def task_can_manage(*, user, task: Task) -> bool:
    """May the user edit, reassign, extend or close ``task`` (manage its plan's unit)?"""
    return scope_for(user).allows(Action.MANAGE, task.plan.unit)


@dataclass(frozen=True)
class DeadlineLine:
    """One extension as the task page writes it: "Gia hạn lần 2 đến 30/09/2031: lý do"."""

    change: TaskDeadlineChange

    def __str__(self) -> str:
        return str(
            _("Gia hạn lần %(n)d đến %(day)s (trước: %(old)s): %(reason)s")
            % {
                "n": self.change.number,
                "day": formats.date_format(self.change.new_deadline, "SHORT_DATE_FORMAT"),
                "old": formats.date_format(self.change.old_deadline, "SHORT_DATE_FORMAT")
                if self.change.old_deadline
                else "—",
                "reason": self.change.reason,
            }
        )


def task_deadline_lines(*, task: Task) -> list[DeadlineLine]:
    """A task's extensions, first one first, as lines for the page."""
    return [DeadlineLine(c) for c in task_deadline_history(task=task)]
