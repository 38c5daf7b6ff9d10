"""Writes for plans, targets and tasks. Each runs in a transaction and leaves an audit event.

One module per concern: ``creation`` (plans, groups, indicators, targets, tasks),
``editing`` (a plan, its groups and targets changed afterwards), ``adjustments`` (a target's
figure changed or the target ended by a later document), ``tasks`` (edit, reassign, extend,
cancel, merge), ``progress`` (progress updates and evidence), ``quality`` (data-quality
rules), ``common`` (what every write checks). Callers import from here.
"""

from .adjustments import target_adjust, target_end
from .common import assignable_errors, plan_starts_on
from .creation import (
    group_create,
    indicator_get_or_create,
    plan_create,
    scheme_presets_ensure,
    target_add,
    target_create,
    task_create,
)
from .editing import (
    GROUP_EDITABLE_FIELDS,
    PLAN_EDITABLE_FIELDS,
    TARGET_EDITABLE_FIELDS,
    group_reorder,
    group_update,
    plan_update,
    target_update,
)
from .progress import NOTE_MAX_LENGTH, task_update_create
from .quality import quality_rule_create, quality_rule_delete
from .tasks import TASK_EDITABLE_FIELDS, task_bulk_assign, task_close, task_extend, task_update

__all__ = [
    "GROUP_EDITABLE_FIELDS",
    "NOTE_MAX_LENGTH",
    "PLAN_EDITABLE_FIELDS",
    "TARGET_EDITABLE_FIELDS",
    "TASK_EDITABLE_FIELDS",
    "assignable_errors",
    "group_create",
    "group_reorder",
    "group_update",
    "indicator_get_or_create",
    "plan_create",
    "plan_starts_on",
    "plan_update",
    "quality_rule_create",
    "quality_rule_delete",
    "scheme_presets_ensure",
    "target_add",
    "target_adjust",
    "target_create",
    "target_end",
    "target_update",
    "task_bulk_assign",
    "task_close",
    "task_create",
    "task_extend",
    "task_update",
    "task_update_create",
]
