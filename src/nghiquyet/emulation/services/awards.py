"""Writes of awards: a unit proposes a collective or a person → the emulation council votes
and the conditions are checked → the competent level decides, and each award enters the
history. Each step checks the acting user's scope and leaves an audit event; a refused step
writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from ..choices import ProposalStatus, Recipient
from ..models import Award, AwardKind, Decision, EmulationRound, Person, Proposal
from ..selectors import failed_conditions, proposal_checks, round_participants
from .people import person_create


def _under(unit: OrgUnit, root: OrgUnit) -> bool:
    return unit.path.startswith(root.path)


def _require_proposer(acting_user, unit: OrgUnit) -> None:
    scope = scope_for(acting_user)
    if not (scope.allows(Action.REPORT, unit) or scope.allows(Action.MANAGE, unit)):
        scope.require(Action.MANAGE, unit)


@transaction.atomic
def proposal_create(
    *,
    acting_user,
    rnd: EmulationRound,
    unit: OrgUnit,
    award_kind: AwardKind,
    achievements: str,
    person: Person | None = None,
    person_name: str = "",
    person_position: str = "",
) -> Proposal:
    """A unit (its reporter or office) proposes itself or one of its people, or the organiser
    proposes a member or a member's person. An individual's title takes ``person`` (already
    recorded, of ``unit``) or ``person_name`` and ``person_position`` (recorded now)."""
    _require_proposer(acting_user, unit)
    if unit not in round_participants(rnd):
        message = _("%(unit)s không tham gia đợt chấm điểm.") % {"unit": unit.name}
        raise ValidationError({"unit": message})
    errors = {}
    if not achievements.strip():
        errors["achievements"] = _("Hãy tóm tắt thành tích.")
    individual = award_kind.recipient == Recipient.INDIVIDUAL
    if individual and person is None and not person_name.strip():
        errors["person_name"] = _(
            "“%(kind)s” tặng cho cá nhân: hãy ghi họ và tên người được đề nghị."
        ) % {"kind": award_kind.name}
    if not individual and (person is not None or person_name.strip()):
        errors["award_kind"] = _("“%(kind)s” tặng cho tập thể, không tặng cho cá nhân.") % {
            "kind": award_kind.name
        }
    if person is not None and person.unit_id != unit.pk:
        errors["person"] = _("%(name)s không công tác tại %(unit)s.") % {
            "name": person.name,
            "unit": unit.name,
        }
    if person is not None and person.is_erased:
        errors["person"] = _("Dữ liệu của cá nhân này đã được xoá theo yêu cầu.")
    if errors:
        raise ValidationError(errors)
    if individual and person is None:
        person = person_create(
            acting_user=acting_user, unit=unit, name=person_name, position=person_position
        )
    holder = {"person": person} if person is not None else {"person__isnull": True}
    pending = Proposal.objects.filter(
        round=rnd,
        unit=unit,
        award_kind=award_kind,
        status__in=[ProposalStatus.PROPOSED, ProposalStatus.APPROVED, ProposalStatus.DECIDED],
        **holder,
    )
    if pending.exists():
        raise ValidationError(
            {
                "award_kind": _("%(who)s đã được đề nghị “%(kind)s” trong đợt này.")
                % {"who": person.name if person else unit.name, "kind": award_kind.name}
            }
        )
    proposal = Proposal.objects.create(
        round=rnd,
        unit=unit,
        person=person,
        award_kind=award_kind,
        achievements=achievements.strip(),
    )
    audit_log(
        acting_user=acting_user,
        action="proposal.create",
        obj=proposal,
        unit=unit,
        changes={
            "award_kind": [None, award_kind.code],
            "person": [None, person.pk if person else None],
            "status": [None, proposal.status],
        },
    )
    return proposal


def review_reasons(proposal: Proposal) -> list[str]:
    """Why the council's review did not pass a proposal: the vote share below the title's
    minimum, and each condition not met, named."""
    reasons = []
    share = proposal.vote_share
    minimum = proposal.award_kind.vote_share_min
    if share is not None and Decimal(share) < minimum:
        reasons.append(
            _("tỷ lệ phiếu đồng ý %(share)s%% dưới mức %(min)s%%")
            % {
                "share": formats.number_format(share, 1),
                "min": formats.number_format(minimum, 0),
            }
        )
    reasons += [
        _("chưa đạt điều kiện “%(condition)s”") % {"condition": c}
        for c in failed_conditions(proposal.checks or [])
    ]
    return reasons


@transaction.atomic
def proposal_review(
    *,
    acting_user,
    proposal: Proposal,
    votes_for: int,
    votes_total: int,
    note: str = "",
    council_confirmed: bool = False,
) -> Proposal:
    """The emulation council's review: the vote share, and the title's conditions checked
    (the system's, and those the council confirms). Passed → approved, else rejected."""
    scope_for(acting_user).require(Action.MANAGE, proposal.round.movement.unit)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(
            _("Đề nghị đã được xét (%(status)s).") % {"status": proposal.get_status_display()}
        )
    if votes_total is None or votes_total <= 0 or not 0 <= (votes_for or 0) <= votes_total:
        raise ValidationError(
            {"votes_for": _("Số phiếu đồng ý phải từ 0 đến tổng số phiếu (lớn hơn 0).")}
        )
    checks = proposal_checks(proposal)
    for item in checks:
        if item["ok"] is None:
            item["ok"] = council_confirmed
    share = Decimal(votes_for * 100) / Decimal(votes_total)
    passed = share >= proposal.award_kind.vote_share_min and all(i["ok"] for i in checks)
    old = proposal.status
    proposal.votes_for, proposal.votes_total = votes_for, votes_total
    proposal.council_note = note.strip()
    proposal.checks = checks
    proposal.reviewed_at = timezone.now()
    proposal.status = ProposalStatus.APPROVED if passed else ProposalStatus.REJECTED
    proposal.save()
    audit_log(
        acting_user=acting_user,
        action="proposal.review",
        obj=proposal,
        unit=proposal.unit,
        changes={
            "status": [old, proposal.status],
            "votes": [None, f"{votes_for}/{votes_total}"],
            "checks": [None, [i["ok"] for i in checks]],
        },
    )
    return proposal


@transaction.atomic
@audit_operation()
def decision_issue(
    *,
    acting_user,
    unit: OrgUnit,
    issuer: str,
    number: str,
    signed_on: dt.date,
    signer_position: str,
    proposals: list[Proposal],
    body_kind: str = "state",
    superior: str = "",
    signer_name: str = "",
) -> Decision:
    """The competent level's decision on approved proposals: each becomes an award in the
    history of the collective or the person."""
    scope_for(acting_user).require(Action.MANAGE, unit)
    errors = {}
    for field, value, label in (
        ("number", number, _("số, ký hiệu")),
        ("issuer", issuer, _("cơ quan ban hành")),
        ("signer_position", signer_position, _("chức vụ người ký")),
    ):
        if not (value or "").strip():
            errors[field] = _("Hãy ghi %(label)s.") % {"label": label}
    if errors:
        raise ValidationError(errors)
    # As they stand now (a caller may hold copies from before the council's vote).
    proposals = list(
        # Lock the proposals' rows only: PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer join to a proposal's person.
        Proposal.objects.select_for_update(of=("self",))
        .select_related("unit", "person", "award_kind", "round__movement__unit")
        .filter(pk__in=[p.pk for p in proposals])
        .order_by("pk")
    )
    if not proposals:
        raise ValidationError(
            {"proposals": _("Quyết định phải có ít nhất một đề nghị đã được hội đồng thông qua.")}
        )
    outside = [str(p) for p in proposals if not _under(p.round.movement.unit, unit)]
    if outside:
        raise ValidationError(
            {
                "proposals": _("Không thuộc các phong trào của %(unit)s: %(names)s.")
                % {"unit": unit.name, "names": "; ".join(outside)}
            }
        )
    not_ready = [str(p) for p in proposals if p.status != ProposalStatus.APPROVED]
    if not_ready:
        raise ValidationError(
            {
                "proposals": _("Chưa được hội đồng thông qua: %(names)s.")
                % {"names": "; ".join(not_ready)}
            }
        )
    held = [
        str(p)
        for p in proposals
        if Award.objects.filter(
            award_kind=p.award_kind,
            year=p.round.year,
            **({"person": p.person} if p.person_id else {"unit": p.unit, "person__isnull": True}),
        ).exists()
    ]
    if held:
        raise ValidationError(
            {"proposals": _("Đã được tặng trong năm: %(names)s.") % {"names": "; ".join(held)}}
        )
    decision = Decision.objects.create(
        unit=unit,
        issuer=issuer.strip(),
        superior=superior.strip(),
        body_kind=body_kind,
        number=number.strip(),
        signed_on=signed_on,
        signer_position=signer_position.strip(),
        signer_name=signer_name.strip(),
    )
    for proposal in proposals:
        Proposal.objects.filter(pk=proposal.pk).update(
            status=ProposalStatus.DECIDED, decision=decision
        )
        Award.objects.create(
            award_kind=proposal.award_kind,
            unit=proposal.unit,
            person=proposal.person,
            year=proposal.round.year,
            decision=decision,
        )
    audit_log(
        acting_user=acting_user,
        action="decision.issue",
        obj=decision,
        unit=unit,
        changes={"number": [None, decision.number], "proposals": [None, [p.pk for p in proposals]]},
    )
    return decision
