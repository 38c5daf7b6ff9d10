"""Writes of people who are proposed for or receive awards: recording the least an award
needs, and the data subject's rights under Nghị định 13/2023/NĐ-CP — a copy of their data
(logged) and erasure on request. Erasure keeps the decisions whole: the person's row, their
proposals and awards stay (a decision's list keeps its length), with the name replaced by
``[đã xoá theo yêu cầu]``, the position and the achievements emptied, and the audit trail's
copies of them blanked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation, audit_redact
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from ..choices import ERASED_NAME
from ..models import Person, Proposal
from ..selectors import person_data

NAME_MAX = 255


@transaction.atomic
def person_create(*, acting_user, unit: OrgUnit, name: str, position: str = "") -> Person:
    """Record a person of ``unit`` (name and position only): the unit's reporter or office."""
    scope = scope_for(acting_user)
    if not (scope.allows(Action.REPORT, unit) or scope.allows(Action.MANAGE, unit)):
        scope.require(Action.MANAGE, unit)
    name, position = " ".join(name.split()), " ".join(position.split())
    errors = {}
    if not name:
        errors["person_name"] = _("Hãy ghi họ và tên người được đề nghị.")
    elif len(name) > NAME_MAX:
        errors["person_name"] = _("Họ và tên dài quá %(n)d ký tự.") % {"n": NAME_MAX}
    elif name == ERASED_NAME:
        errors["person_name"] = _("Họ và tên không hợp lệ.")
    if len(position) > NAME_MAX:
        errors["person_position"] = _("Chức vụ dài quá %(n)d ký tự.") % {"n": NAME_MAX}
    if errors:
        raise ValidationError(errors)
    person = Person.objects.create(unit=unit, name=name, position=position)
    # The trail names the row by its id only: no personal data in the events.
    audit_log(
        acting_user=acting_user,
        action="person.create",
        obj=person,
        unit=unit,
        changes={"unit": [None, unit.code]},
    )
    return person


@transaction.atomic
def person_export(*, acting_user, person: Person) -> dict:
    """A copy of everything held about ``person`` for the person's request (the unit's office;
    the copy is logged, not kept)."""
    scope_for(acting_user).require(Action.MANAGE, person.unit)
    data = person_data(person)
    audit_log(
        acting_user=acting_user,
        action="person.export",
        obj=person,
        unit=person.unit,
        changes={
            "proposals": [None, len(data["proposals"])],
            "awards": [None, len(data["awards"])],
        },
    )
    return data


@transaction.atomic
@audit_operation()
def person_erase(*, acting_user, person: Person, reason: str = "") -> Person:
    """Erase ``person`` on request: name and position gone, achievements of their proposals
    gone, the trail's copies blanked; the rows stay so that every decision keeps its list."""
    scope_for(acting_user).require(Action.MANAGE, person.unit)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_erased:
        raise ValidationError(_("Dữ liệu của cá nhân này đã được xoá theo yêu cầu."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Hãy ghi căn cứ xoá (ví dụ: đơn yêu cầu của người có dữ liệu, ngày …).")}
        )
    person.name, person.position, person.erased_at = ERASED_NAME, "", timezone.now()
    person.save(update_fields=["name", "position", "erased_at"])
    proposals = list(Proposal.objects.filter(person=person).values_list("pk", flat=True))
    Proposal.objects.filter(pk__in=proposals).update(achievements=ERASED_NAME, council_note="")
    audit_redact(model=Person, object_ids=[person.pk], object_repr=ERASED_NAME)
    audit_redact(model=Proposal, object_ids=proposals, object_repr=ERASED_NAME)
    audit_log(
        acting_user=acting_user,
        action="person.erase",
        obj=person,
        unit=person.unit,
        changes={"erased": [False, True], "proposals": [None, len(proposals)]},
        note=reason.strip()[:1000],
    )
    return person
