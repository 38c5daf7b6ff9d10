"""What every write of plans checks: the user manages the unit, and the units given
work may be given it (in the user's scope, not ended)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from ..models import Plan, Task
from ..signals import task_assigned


def require_manage(acting_user, unit: OrgUnit) -> None:
    scope_for(acting_user).require(Action.MANAGE, unit)


def _unit_ended_error(unit: OrgUnit, on: dt.date) -> str | None:
    if unit.valid_to is not None and unit.valid_to <= on:
        return _("Đơn vị %(unit)s đã thôi hoạt động từ ngày %(day)s: không giao việc mới.") % {
            "unit": unit.name,
            "day": formats.date_format(unit.valid_to, "SHORT_DATE_FORMAT"),
        }
    return None


def assignable_errors(
    *, acting_user, units: dict[str, list[OrgUnit]], on: dt.date | None
) -> dict[str, list[str]]:
    """Why the units given to a target or a task (field → units) may not be given work:
    the user must manage each of them (a unit it may only read is not its to task), and
    none may have ended by ``on`` (not checked when ``on`` is None)."""
    scope = scope_for(acting_user)
    errors: dict[str, list[str]] = {}
    for field, given in units.items():
        for unit in given:
            if unit is None:
                continue
            if not scope.allows(Action.MANAGE, unit):
                errors.setdefault(field, []).append(
                    _("Không thể giao cho %(unit)s: đơn vị này không thuộc phạm vi bạn quản lý.")
                    % {"unit": unit.name}
                )
            elif on is not None and (message := _unit_ended_error(unit, on)):
                errors.setdefault(field, []).append(message)
    return errors


def require_assignable(acting_user, on: dt.date | None, **units) -> None:
    errors = assignable_errors(
        acting_user=acting_user,
        units={k: list(v) if isinstance(v, list | tuple) else [v] for k, v in units.items()},
        on=on,
    )
    if errors:
        raise ValidationError(errors)


def plan_starts_on(plan: Plan) -> dt.date:
    """The first day of the time a plan sets figures for (its issue date without years)."""
    if plan.years:
        return dt.date(plan.years[0], 1, 1)
    return plan.issued_on or timezone.localdate()


def assign_on(plan: Plan) -> dt.date | None:
    """The day on which the units given work by ``plan`` must still exist: the plan's start.
    None (no check of ended units) for the record of a unit that had itself ended by then —
    a former unit's resolution entered as history gives work to the units of its time."""
    on = plan_starts_on(plan)
    return on if plan.unit.exists_on(on) else None


def changed_units(instance, field: str, data: dict) -> list[OrgUnit]:
    """The units ``data`` gives ``field`` that ``instance`` does not have yet."""
    if field not in data:
        return []
    new = data[field]
    if isinstance(new, list | tuple):
        had = {u.pk for u in getattr(instance, field).all()} if instance.pk else set()
        return [u for u in new if u.pk not in had]
    old_id = getattr(instance, f"{field}_id")
    return [new] if new is not None and new.pk != old_id else []


def announce(task: Task, acting_user) -> None:
    """Tell the layers above that a person gave ``task`` to its owner (``signals``)."""
    if getattr(acting_user, "is_authenticated", False):
        task_assigned.send(sender=Task, task=task, acting_user=acting_user)
