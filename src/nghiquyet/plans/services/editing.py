"""Editing a plan, its groups and its targets after they were made: each through
``model_update``, one event with the old and new values."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_operation, model_update

from ..choices import TARGET_FIGURE_FIELDS
from ..models import Group, Plan, Target
from ..selectors import target_has_figures
from .common import changed_units, require_assignable, require_manage

#: The fields of a plan an office may change (its code names it in every address: kept).
PLAN_EDITABLE_FIELDS = (
    "kind",
    "number",
    "title",
    "issuing_body",
    "superior_body",
    "body_kind",
    "issued_on",
    "year",
    "term_start",
    "term_end",
    "parent",
    "scheme",
    "description",
)
GROUP_EDITABLE_FIELDS = ("code", "name", "order")
#: A target's fields that are not its plan figure (those are TARGET_FIGURE_FIELDS).
TARGET_EDITABLE_FIELDS = (
    "code",
    "name",
    "group",
    "order",
    "indicator",
    "temporal",
    "due_date",
    "lead_unit",
    "partner_units",
    "note",
)


@transaction.atomic
def plan_update(*, acting_user, plan: Plan, data: dict) -> dict:
    """Change what a plan says of itself (kind, number, bodies, years, parent, scheme…).

    The user must manage the plan's unit; the parent must be another plan the user may see.
    Returns the changes (``{field: [old, new]}``) written to one ``plan.update`` event.
    """
    require_manage(acting_user, plan.unit)
    parent = data.get("parent")
    if parent is not None:
        if parent.pk == plan.pk or _is_descendant(parent, plan):
            raise ValidationError({"parent": _("Văn bản không thể cụ thể hóa chính nó.")})
        if not Plan.objects.restrict(acting_user).filter(pk=parent.pk).exists():
            raise PermissionDenied
    return model_update(
        instance=plan,
        fields=PLAN_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="plan.update",
        unit=plan.unit,
    )


def _is_descendant(candidate: Plan, plan: Plan) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.parent_id == plan.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


@transaction.atomic
def group_update(*, acting_user, group: Group, data: dict) -> dict:
    """Rename or renumber a group (``code``, ``name``, ``order``); one ``group.update`` event."""
    require_manage(acting_user, group.plan.unit)
    return model_update(
        instance=group,
        fields=GROUP_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="group.update",
        unit=group.plan.unit,
    )


@transaction.atomic
@audit_operation()
def group_reorder(*, acting_user, plan: Plan, kind: str, groups: list[Group]) -> None:
    """Put the plan's groups of ``kind`` in the order given (every one of them, once)."""
    require_manage(acting_user, plan.unit)
    current = list(plan.groups.filter(kind=kind))
    if sorted(g.pk for g in groups) != sorted(g.pk for g in current):
        raise ValidationError({"order": _("Danh sách nhóm phải gồm đúng các nhóm của văn bản.")})
    for position, group in enumerate(groups, start=1):
        model_update(
            instance=next(g for g in current if g.pk == group.pk),
            fields=("order",),
            data={"order": position},
            acting_user=acting_user,
            action="group.update",
            unit=plan.unit,
        )


@transaction.atomic
def target_update(*, acting_user, target: Target, data: dict) -> dict:
    """Edit a target: its number, name, group (move), order, indicator, lead and partner
    units, note — and its plan figure (``TARGET_FIGURE_FIELDS``) while no figure has been
    reported against it; after that a figure changes only by :func:`target_adjust`.

    New lead or partner units must be units the user manages that have not ended. One
    ``target.update`` event with the old and new values.
    """
    plan = target.plan
    require_manage(acting_user, plan.unit)
    figure_change = [
        name
        for name in TARGET_FIGURE_FIELDS
        if name in data and data[name] != getattr(target, name)
    ]
    if figure_change and target_has_figures(target=target):
        raise ValidationError(
            {
                name: _(
                    "Chỉ tiêu đã có số liệu báo cáo: thay đổi giá trị chỉ tiêu phải ghi là điều "
                    "chỉnh chỉ tiêu (ngày áp dụng, văn bản điều chỉnh), số cũ được giữ lại."
                )
                for name in figure_change
            }
        )
    today = timezone.localdate()
    require_assignable(
        acting_user,
        today,
        lead_unit=changed_units(target, "lead_unit", data),
        partner_units=changed_units(target, "partner_units", data),
    )
    return model_update(
        instance=target,
        fields=(*TARGET_EDITABLE_FIELDS, *TARGET_FIGURE_FIELDS),
        data=data,
        acting_user=acting_user,
        action="target.update",
        unit=plan.unit,
    )
