"""Reads of awards, scoped: proposals, decisions, people, and the award history of a unit or a
person; and the conditions of a title checked against that history."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM, scope_for

from ..choices import ConditionCheck, ProposalStatus, Recipient
from ..models import Award, AwardKind, Decision, EmulationRound, Person, Proposal
from .rounds import round_participants, round_ranking


def proposal_list(*, user, rnd: EmulationRound) -> QuerySet[Proposal]:
    return (
        Proposal.objects.restrict(user, Action.VIEW)
        .filter(round=rnd)
        .select_related("unit", "person", "award_kind", "decision")
        .distinct()
    )


def proposal_get(*, user, pk: int, action: str = Action.VIEW) -> Proposal:
    """The proposal if the user sees it (404 otherwise); 403 when seen but ``action`` (on the
    organiser's unit: the council's and the deciding level's) refused."""
    proposal = (
        Proposal.objects.restrict(user, Action.VIEW)
        .select_related("round__movement__unit", "unit", "person", "award_kind", "decision")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, proposal.round.movement.unit)
    return proposal


def proposal_units(*, user, rnd: EmulationRound) -> list[OrgUnit]:
    """The round's units the user may propose for (its reporters and offices, the organiser)."""
    scope = scope_for(user)
    return [
        u
        for u in round_participants(rnd)
        if scope.allows(Action.REPORT, u) or scope.allows(Action.MANAGE, u)
    ]


def award_kinds(*, recipient: str | None = None) -> list[AwardKind]:
    qs = AwardKind.objects.all()
    return list(qs.filter(recipient=recipient) if recipient else qs)


def decidable_proposals(*, user, rnd: EmulationRound) -> list[Proposal]:
    """The council's passed proposals of a round, waiting for the competent level."""
    if not scope_for(user).allows(Action.MANAGE, rnd.movement.unit):
        return []
    return list(
        proposal_list(user=user, rnd=rnd).filter(status=ProposalStatus.APPROVED).order_by("pk")
    )


def decision_list(*, user) -> QuerySet[Decision]:
    return Decision.objects.restrict(user, Action.VIEW).distinct()


def decision_get(*, user, pk: int) -> Decision:
    decision = decision_list(user=user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def decision_awards(decision: Decision) -> list[Award]:
    return list(
        decision.awards.select_related("unit", "person", "award_kind").order_by(
            F("person").asc(nulls_first=True), "unit__order", "pk"
        )
    )


def award_get(*, user, pk: int) -> Award:
    """One award the user may see (its unit in the user's scope, or the deciding level's)."""
    award = (
        Award.objects.filter(
            Q(pk__in=Award.objects.restrict(user, Action.VIEW).values("pk"))
            | Q(decision__in=decision_list(user=user).values("pk")),
            pk=pk,
        )
        .select_related("unit", "person", "award_kind", "decision")
        .first()
    )
    if award is None:
        raise Http404
    return award


def award_history(*, user, unit: OrgUnit) -> QuerySet[Award]:
    """A unit's titles and awards (the collective's), newest first (within the user's scope)."""
    return (
        Award.objects.restrict(user, Action.VIEW)
        .filter(unit=unit, person__isnull=True)
        .select_related("award_kind", "decision")
        .order_by("-year", "award_kind__order")
    )


def unit_people_awards(*, user, unit: OrgUnit) -> QuerySet[Award]:
    """The awards of the unit's people (within the user's scope)."""
    return (
        Award.objects.restrict(user, Action.VIEW)
        .filter(unit=unit, person__isnull=False)
        .select_related("award_kind", "decision", "person")
        .order_by("-year", "person__name")
    )


def history_unit_get(*, user, pk: int) -> OrgUnit:
    unit = OrgUnit.objects.restrict(user, Action.VIEW).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


# --- people ------------------------------------------------------------------------------
def person_list(*, user, unit: OrgUnit | None = None) -> QuerySet[Person]:
    """People within the user's scope (never beyond it), erased ones too (their rows stay)."""
    qs = Person.objects.restrict(user, Action.VIEW).select_related("unit").distinct()
    return qs.filter(unit=unit) if unit is not None else qs


def person_get(*, user, pk: int, action: str = Action.VIEW) -> Person:
    """The person if within the user's scope (404 otherwise); 403 when seen but ``action`` on
    the person's unit refused."""
    person = person_list(user=user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, person.unit)
    return person


def person_can_manage(*, user, person: Person) -> bool:
    return scope_for(user).allows(Action.MANAGE, person.unit)


def person_awards(person: Person) -> list[Award]:
    return list(
        person.awards.select_related("award_kind", "decision", "unit").order_by(
            "-year", "award_kind__order"
        )
    )


def person_proposals(person: Person) -> list[Proposal]:
    return list(
        person.proposals.select_related("award_kind", "round__movement", "decision").order_by(
            "-round__year", "pk"
        )
    )


def person_data(person: Person) -> dict:
    """Everything the system holds about a person (Nghị định 13/2023/NĐ-CP: the data subject's
    right to obtain it): the record, the proposals and the awards."""
    return {
        "id": person.pk,
        "name": person.name,
        "position": person.position,
        "unit": {"code": person.unit.code, "name": person.unit.name},
        "recorded_at": person.created_at.isoformat(),
        "erased_at": person.erased_at.isoformat() if person.erased_at else None,
        "proposals": [
            {
                "id": p.pk,
                "year": p.round.year,
                "movement": p.round.movement.name,
                "award": p.award_kind.name,
                "achievements": p.achievements,
                "status": p.status,
                "status_label": str(p.get_status_display()),
                "votes_for": p.votes_for,
                "votes_total": p.votes_total,
            }
            for p in person_proposals(person)
        ],
        "awards": [
            {
                "year": a.year,
                "award": a.award_kind.name,
                "decision": a.decision.number if a.decision_id else a.reference,
                "signed_on": a.decision.signed_on.isoformat() if a.decision_id else None,
            }
            for a in person_awards(person)
        ],
    }


# --- conditions --------------------------------------------------------------------------
def _unit_rank(rnd: EmulationRound, unit: OrgUnit) -> int | None:
    for ranking in round_ranking(user=SYSTEM, rnd=rnd):
        for row in ranking.rows:
            if row.unit.pk == unit.pk:
                return row.rank
    return None


def _holder(proposal: Proposal) -> Q:
    """The award history of the proposal's recipient: the person's, or the collective's."""
    if proposal.person_id:
        return Q(person_id=proposal.person_id)
    return Q(unit=proposal.unit, person__isnull=True)


def proposal_checks(proposal: Proposal) -> list[dict]:
    """Each condition of the proposal's title or form, checked where the system can (prior
    years in the award history, a title in the same year, the rank in the cluster); the
    council's to confirm otherwise. ``ok`` is True, False, or None (the council confirms)."""
    out = []
    year = proposal.round.year
    for condition in proposal.award_kind.conditions:
        check = condition.get("check")
        item = {"check": check, "text": condition.get("text", ""), "ok": None, "detail": ""}
        if check == ConditionCheck.PRIOR_YEARS:
            years = int(condition["years"])
            wanted = set(range(year - years, year))
            got = set(
                Award.objects.filter(
                    _holder(proposal), award_kind__code=condition["award"], year__in=wanted
                ).values_list("year", flat=True)
            )
            item["ok"] = got == wanted
            missing = sorted(wanted - got)
            item["detail"] = (
                _("đủ %(n)d năm liền") % {"n": years}
                if item["ok"]
                else _("thiếu các năm %(years)s") % {"years": ", ".join(map(str, missing))}
            )
        elif check == ConditionCheck.WITH_TITLE:
            held = Award.objects.filter(
                _holder(proposal), award_kind__code=condition["award"], year=year
            ).exists()
            passed = Proposal.objects.filter(
                _holder(proposal),
                round=proposal.round,
                award_kind__code=condition["award"],
                status__in=[ProposalStatus.APPROVED, ProposalStatus.DECIDED],
            ).exists()
            item["ok"] = held or passed
            item["detail"] = (
                _("đã đạt trong năm %(year)d") % {"year": year}
                if item["ok"]
                else _("chưa đạt trong năm %(year)d") % {"year": year}
            )
        elif check == ConditionCheck.CLUSTER_RANK:
            rank = _unit_rank(proposal.round, proposal.unit)
            item["ok"] = rank is not None and rank <= int(condition["rank"])
            item["detail"] = _("hạng %(rank)s trong cụm") % {"rank": rank if rank else "—"}
        out.append(item)
    return out


def failed_conditions(checks: list[dict]) -> list[str]:
    """The conditions a review found unmet, as the message names them."""
    return [c["text"] + (f" ({c['detail']})" if c["detail"] else "") for c in checks if not c["ok"]]


def recipient_is_individual(kind: AwardKind) -> bool:
    return kind.recipient == Recipient.INDIVIDUAL
