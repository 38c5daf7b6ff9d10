"""A task edited, reassigned (one or many), extended, cancelled or merged."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_operation, model_update
from nghiquyet.orgs.models import OrgUnit

from ..choices import TaskClosure
from ..models import Task, TaskDeadlineChange
from ..signals import task_extended
from .common import announce, changed_units, require_assignable, require_manage

TASK_EDITABLE_FIELDS = (
    "code",
    "title",
    "description",
    "group",
    "owner_unit",
    "partner_units",
    "product",
    "target",
)


@transaction.atomic
def task_update(*, acting_user, task: Task, data: dict) -> dict:
    """Edit a task, reassign it (owner, partners), move it to another group.

    New owners and partners must be units the user manages that have not ended. The
    deadline changes by :func:`task_extend` (its history stays). One ``task.update`` event.
    """
    plan = task.plan
    require_manage(acting_user, plan.unit)
    require_assignable(
        acting_user,
        timezone.localdate(),
        owner_unit=changed_units(task, "owner_unit", data),
        partner_units=changed_units(task, "partner_units", data),
    )
    if (target := data.get("target")) is not None and target.plan_id != plan.pk:
        raise ValidationError({"target": _("Chỉ tiêu phải của cùng văn bản.")})
    changes = model_update(
        instance=task,
        fields=TASK_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="task.update",
        unit=task.owner_unit,
    )
    if "owner_unit" in changes:
        announce(task, acting_user)
    return changes


@transaction.atomic
def task_extend(*, acting_user, task: Task, deadline: dt.date, reason: str) -> TaskDeadlineChange:
    """Extend a task's deadline with a reason; the earlier deadlines stay in its history
    ("gia hạn lần 2 đến 30/09/2031"). The new deadline must be later than the current one."""
    require_manage(acting_user, task.plan.unit)
    locked = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do gia hạn.")]
    if not isinstance(deadline, dt.date):
        errors["deadline"] = [_("Hãy ghi thời hạn mới (ngày/tháng/năm).")]
    elif locked.deadline is not None and deadline <= locked.deadline:
        errors["deadline"] = [
            _("Thời hạn mới phải sau thời hạn hiện tại (%(day)s).")
            % {"day": formats.date_format(locked.deadline, "SHORT_DATE_FORMAT")}
        ]
    if locked.completed_on is not None or locked.closed_as:
        errors["deadline"] = [_("Nhiệm vụ đã kết thúc, không gia hạn được.")]
    if errors:
        raise ValidationError(errors)
    number = locked.deadline_changes.count() + 1
    change = TaskDeadlineChange.objects.create(
        task=locked,
        number=number,
        old_deadline=locked.deadline,
        new_deadline=deadline,
        reason=reason,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    model_update(
        instance=locked,
        fields=("deadline",),
        data={"deadline": deadline},
        acting_user=acting_user,
        action="task.extend",
        unit=locked.owner_unit,
        note=reason,
    )
    task.deadline = deadline
    if getattr(acting_user, "is_authenticated", False):
        # Tell the layers above (notifications) that a person moved the deadline.
        task_extended.send(
            sender=Task, task=locked, acting_user=acting_user, old_deadline=change.old_deadline
        )
    return change


@transaction.atomic
def task_close(
    *, acting_user, task: Task, closed_as: str, reason: str, merged_into: Task | None = None
) -> dict:
    """Mark a task cancelled or merged into another task of the same plan; it leaves
    tracking (lists, overdue counts, evaluation) but stays on record."""
    require_manage(acting_user, task.plan.unit)
    errors: dict[str, list[str]] = {}
    if closed_as not in TaskClosure.values:
        errors["closed_as"] = [_("Hãy chọn hủy hoặc gộp nhiệm vụ.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Hãy ghi lý do.")]
    if closed_as == TaskClosure.MERGED:
        if merged_into is None:
            errors["merged_into"] = [_("Hãy chọn nhiệm vụ được gộp vào.")]
        elif merged_into.pk == task.pk or merged_into.plan_id != task.plan_id:
            errors["merged_into"] = [_("Chỉ gộp vào một nhiệm vụ khác của cùng văn bản.")]
    elif merged_into is not None:
        errors["merged_into"] = [_("Chỉ chọn nhiệm vụ gộp vào khi gộp nhiệm vụ.")]
    if task.closed_as:
        errors["closed_as"] = [_("Nhiệm vụ đã kết thúc.")]
    if errors:
        raise ValidationError(errors)
    return model_update(
        instance=task,
        fields=("closed_as", "merged_into"),
        data={"closed_as": closed_as, "merged_into": merged_into},
        acting_user=acting_user,
        action="task.close",
        unit=task.owner_unit,
        note=reason.strip(),
    )


@transaction.atomic
@audit_operation()
def task_bulk_assign(
    *, acting_user, tasks: list[Task], owner_unit: OrgUnit, partner_units=None
) -> int:
    """Give every task of ``tasks`` the same owner (and partners, if given); all or none."""
    data: dict = {"owner_unit": owner_unit}
    if partner_units is not None:
        data["partner_units"] = list(partner_units)
    return sum(1 for task in tasks if task_update(acting_user=acting_user, task=task, data=data))
