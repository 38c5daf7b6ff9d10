"""Writes of meetings and conclusions. A meeting's notice, items and tasks are written through
plans' services (a conclusion is a plan of kind ``conclusion``), in one transaction and one
audit operation."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import BodyKind, GroupKind, PlanKind
from nghiquyet.plans.models import Group, Plan, Task

from .choices import ITEM_MAX_CHARS, MeetingKind
from .models import Meeting


@transaction.atomic
def meeting_create(
    *,
    acting_user,
    unit: OrgUnit,
    title: str,
    held_on: dt.date,
    chair: str,
    kind: str = MeetingKind.STANDING_COMMITTEE,
    place: str = "",
    participants: str = "",
    agenda: str = "",
    reviewed_plans: list[Plan] = (),
    signer_position: str = "",
    signer_name: str = "",
) -> Meeting:
    """Record a meeting of ``unit`` (the user must manage it) and the plans it reviewed."""
    scope = scope_for(acting_user)
    scope.require(Action.MANAGE, unit)
    hidden = [p.code for p in reviewed_plans if not scope.allows(Action.VIEW, p.unit)]
    if hidden:
        raise ValidationError({"reviewed_plans": _("Không có quyền xem: %s.") % ", ".join(hidden)})
    errors = {}
    if not title.strip():
        errors["title"] = _("Hãy ghi tên hội nghị, nội dung chính.")
    if not chair.strip():
        errors["chair"] = _("Hãy ghi người chủ trì.")
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        unit=unit,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        chair=chair.strip(),
        place=place,
        participants=participants,
        agenda=agenda,
        signer_position=signer_position,
        signer_name=signer_name,
    )
    meeting.full_clean()
    meeting.save()
    meeting.reviewed_plans.set(reviewed_plans)
    audit_log(
        acting_user=acting_user,
        action="meeting.create",
        obj=meeting,
        unit=unit,
        changes={
            "title": [None, meeting.title],
            "held_on": [None, held_on],
            "chair": [None, meeting.chair],
            "reviewed_plans": [None, sorted(p.code for p in reviewed_plans)],
        },
    )
    return meeting


@transaction.atomic
@audit_operation()
def conclusion_issue(
    *,
    acting_user,
    meeting: Meeting,
    number: str,
    issued_on: dt.date,
    issuing_body: str,
    superior_body: str = "",
    body_kind: str = BodyKind.PARTY,
    summary: str = "",
    items: list[str] = (),
    is_demo: bool = False,
) -> Plan:
    """Issue the meeting's conclusion notice (a plan of kind ``conclusion``) with its numbered
    items; each item is a group of the plan's tasks."""
    scope_for(acting_user).require(Action.MANAGE, meeting.unit)
    if meeting.conclusion_id:
        raise ValidationError(
            _("Hội nghị đã có %(notice)s.") % {"notice": meeting.conclusion.heading}
        )
    if not number.strip():
        raise ValidationError({"number": _("Hãy ghi số, ký hiệu thông báo, ví dụ 125-TB/TU.")})
    notice = plan_services.plan_create(
        acting_user=acting_user,
        code=f"ket-luan-{meeting.pk}",
        kind=PlanKind.CONCLUSION,
        number=number.strip(),
        title=_("kết luận %(kind)s ngày %(day)s: %(title)s")
        % {
            "kind": meeting.get_kind_display().lower(),
            "day": meeting.held_on.strftime("%d/%m/%Y"),
            "title": meeting.title,
        },
        unit=meeting.unit,
        issuing_body=issuing_body,
        superior_body=superior_body,
        body_kind=body_kind,
        issued_on=issued_on,
        year=issued_on.year,
        description=summary,
        is_demo=is_demo,
    )
    meeting.conclusion = notice
    meeting.save(update_fields=["conclusion"])
    for text in items:
        conclusion_item_add(acting_user=acting_user, meeting=meeting, text=text)
    audit_log(
        acting_user=acting_user,
        action="meeting.conclude",
        obj=meeting,
        unit=meeting.unit,
        changes={"conclusion": [None, notice.code], "number": [None, notice.number]},
    )
    return notice


def _require_notice(meeting: Meeting) -> Plan:
    if not meeting.conclusion_id:
        raise ValidationError(_("Hội nghị chưa có thông báo kết luận."))
    return meeting.conclusion


@transaction.atomic
def conclusion_item_add(*, acting_user, meeting: Meeting, text: str) -> Group:
    """Add the next numbered item ("1.", "2."…) to the meeting's conclusion."""
    notice = _require_notice(meeting)
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung kết luận.")})
    n = notice.groups.filter(kind=GroupKind.TASKS).count() + 1
    if len(text) > ITEM_MAX_CHARS:
        raise ValidationError(
            {
                "text": _(
                    "Nội dung mục %(n)d dài %(len)d ký tự, quá %(max)d: hãy tách thành nhiều mục."
                )
                % {"n": n, "len": len(text), "max": ITEM_MAX_CHARS}
            }
        )
    return plan_services.group_create(
        acting_user=acting_user,
        plan=notice,
        kind=GroupKind.TASKS,
        code=str(n),
        name=text,
        order=n,
    )


@transaction.atomic
def conclusion_task_assign(
    *,
    acting_user,
    meeting: Meeting,
    item: Group,
    owner_unit: OrgUnit,
    title: str,
    product: str,
    deadline: dt.date,
    partner_units: list[OrgUnit] = (),
) -> Task:
    """Turn an item of the conclusion into a task: a job, an owner, a product, a deadline
    ("có việc, có người, có sản phẩm"), linked back to the item."""
    notice = _require_notice(meeting)
    if item.plan_id != notice.pk or item.kind != GroupKind.TASKS:
        raise ValidationError({"item": _("Mục kết luận không thuộc thông báo này.")})
    errors = {}
    if not product.strip():
        errors["product"] = _("Hãy ghi sản phẩm của nhiệm vụ.")
    if deadline is None:
        errors["deadline"] = _("Hãy ghi thời hạn của nhiệm vụ.")
    if errors:
        raise ValidationError(errors)
    k = item.tasks.count() + 1
    return plan_services.task_create(
        acting_user=acting_user,
        plan=notice,
        group=item,
        code=f"{item.code}.{k}",
        title=title,
        owner_unit=owner_unit,
        product=product,
        deadline=deadline,
        partner_units=list(partner_units),
    )
