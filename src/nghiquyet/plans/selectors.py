"""Reads of plans, targets and tasks, filtered by the acting user's scope."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.scopes import scope_for

from .models import ClassificationScheme, Plan, Task


def plan_list(*, user, action: str = Action.VIEW) -> QuerySet[Plan]:
    """Plans of units in the user's scope, with their target and task counts."""
    qs = Plan.objects.select_related("unit", "scheme", "parent").annotate(
        target_count=Count("targets", filter=Q(targets__composite__isnull=True), distinct=True),
        task_count=Count("tasks", distinct=True),
    )
    return scope_for(user).filter(qs, "unit__path", action)


def plan_get(*, user, code: str, action: str = Action.VIEW) -> Plan:
    """The plan with ``code`` if the user may see it; 404 otherwise (no hint that it exists)."""
    plan = (
        scope_for(user)
        .filter(Plan.objects.select_related("unit", "scheme"), "unit__path", action)
        .filter(code=code)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_tasks(*, user, plan: Plan) -> QuerySet[Task]:
    """Tasks of ``plan`` the user may see."""
    qs = Task.objects.filter(plan=plan).select_related("owner_unit", "group")
    return scope_for(user).filter(qs, "plan__unit__path", Action.VIEW)


def scheme_list() -> QuerySet[ClassificationScheme]:
    """Classification schemes are shared reference data, visible to every signed-in user."""
    return ClassificationScheme.objects.all()
