"""Emulation and awards (thi đua, khen thưởng) and meetings' conclusions: rounds and their
ranking with each point's trace; proposals → the council's vote → decisions; the people
awarded (their data exported or erased on request); meetings with how their conclusions are
carried out. The same selectors and services as the web pages, so the same scopes."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from nghiquyet.accounts.choices import Action
from nghiquyet.emulation import selectors, services
from nghiquyet.meetings import selectors as meeting_selectors
from nghiquyet.orgs.models import OrgUnit

from ..common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET, number, page
from ..errors import ApiError, error_responses
from ..schemas import page_of
from ..schemas.emulation import (
    AwardeeOut,
    DecisionIn,
    DecisionOut,
    EmulationRoundOut,
    EraseIn,
    MeetingDetailOut,
    MeetingOut,
    ProposalIn,
    ProposalOut,
    ReviewIn,
    RoundDetailOut,
    ScoreOut,
)

router = Router(tags=["Thi đua, khen thưởng; hội nghị"])

Id = Path(..., ge=1, le=MAX_ID)


# --- rendering -----------------------------------------------------------------------
def round_out(rnd) -> dict:
    return {
        "id": rnd.pk,
        "movement": rnd.movement.name,
        "organiser_code": rnd.movement.unit.code,
        "year": rnd.year,
        "plan_code": rnd.plan.code,
        "status": rnd.status,
        "as_of": rnd.as_of,
    }


def proposal_out(p) -> dict:
    return {
        "id": p.pk,
        "round_id": p.round_id,
        "unit_code": p.unit.code,
        "person_id": p.person_id,
        "recipient": p.recipient_name,
        "award_kind": p.award_kind.code,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "achievements": p.achievements,
        "votes_for": p.votes_for,
        "votes_total": p.votes_total,
        "vote_share": number(p.vote_share),
        "checks": p.checks if p.status != "proposed" else selectors.proposal_checks(p),
        "reasons": services.review_reasons(p) if p.status == "rejected" else [],
        "decision_id": p.decision_id,
    }


def award_out(a) -> dict:
    return {
        "id": a.pk,
        "year": a.year,
        "award_kind": a.award_kind.code,
        "unit_code": a.unit.code,
        "person_id": a.person_id,
        "recipient": a.person.name if a.person_id else a.unit.name,
    }


def _unit(code: str, field: str = "unit_code") -> OrgUnit:
    """A unit named by its code (the service decides whether the caller may act on it)."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise ApiError(
            "validation_error",
            f"Không có đơn vị mã “{code}”.",
            [{"field": field, "row": None, "message": "không có đơn vị này"}],
        )
    return unit


# --- rounds --------------------------------------------------------------------------
@router.get(
    "/emulation/rounds",
    response={200: page_of(EmulationRoundOut), **error_responses()},
    summary="Các đợt chấm điểm thi đua",
)
def list_rounds(
    request: HttpRequest,
    year: int | None = Query(None, ge=1945, le=2200),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Đợt chấm điểm của phong trào mình tổ chức hoặc cụm, khối mình tham gia."""
    rounds = selectors.round_list(user=request.auth).distinct().order_by("-year", "pk")
    if year:
        rounds = rounds.filter(year=year)
    return page(rounds, limit, offset, round_out)


@router.get(
    "/emulation/rounds/{round_id}",
    response={200: RoundDetailOut, **error_responses(404)},
    summary="Một đợt chấm điểm: tiêu chí và xếp hạng từng cụm, khối",
)
def get_round(request: HttpRequest, round_id: int = Id):
    """Điểm do hệ thống tính theo số liệu cho đến khi khóa sổ; sau đó là điểm đã chốt."""
    rnd = selectors.round_get(user=request.auth, pk=round_id)
    return {
        **round_out(rnd),
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "kind": c.kind,
                "weight": float(c.weight),
                "max_points": float(c.max_points),
            }
            for c in selectors.round_criteria(rnd)
        ],
        "rankings": [
            {
                "cluster": r.cluster.name,
                "lead_unit_code": r.lead.unit.code if r.lead else None,
                "rows": [
                    {
                        "unit_code": row.unit.code,
                        "unit_name": row.unit.name,
                        "rank": row.rank,
                        "total": float(row.total),
                        "points": {x.criterion.code: number(x.points) for x in row.results},
                    }
                    for row in r.rows
                ],
            }
            for r in selectors.round_ranking(user=request.auth, rnd=rnd)
        ],
    }


@router.get(
    "/emulation/rounds/{round_id}/units/{unit_code}/score",
    response={200: ScoreOut, **error_responses(404)},
    summary="Điểm của một đơn vị, với chỉ tiêu, báo cáo, nhiệm vụ làm căn cứ",
)
def get_score(request: HttpRequest, round_id: int = Id, unit_code: str = Path(..., max_length=32)):
    """Mỗi điểm kèm những gì nó được tính từ; đơn vị khác trong cụm không xem được (404)."""
    rnd = selectors.round_get(user=request.auth, pk=round_id)
    unit = next((u for u in selectors.round_participants(rnd) if u.code == unit_code), None)
    if unit is None:
        raise Http404
    score = selectors.score_trace(user=request.auth, rnd=rnd, unit=unit)
    return {
        "unit_code": unit.code,
        "total": float(score.total),
        "results": [
            {
                "code": r.criterion.code,
                "points": number(r.points),
                "share": number(r.share),
                "note": r.note,
                "source": r.source,
                "items": [
                    {
                        "kind": i["kind"],
                        "id": i["id"],
                        "label": i["label"],
                        "ok": i["ok"],
                        "counted": i.get("counted", True),
                        "detail": i["detail"],
                    }
                    for i in r.items
                ],
            }
            for r in score.results
        ],
    }


# --- proposals and decisions -----------------------------------------------------------
@router.get(
    "/emulation/rounds/{round_id}/proposals",
    response={200: page_of(ProposalOut), **error_responses(404)},
    summary="Đề nghị khen thưởng của một đợt",
)
def list_proposals(
    request: HttpRequest,
    round_id: int = Id,
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị đề nghị"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    rnd = selectors.round_get(user=request.auth, pk=round_id)
    proposals = selectors.proposal_list(user=request.auth, rnd=rnd).order_by("pk")
    if unit:
        proposals = proposals.filter(unit__code=unit)
    return page(proposals, limit, offset, proposal_out)


@router.post(
    "/emulation/rounds/{round_id}/proposals",
    response={201: ProposalOut, **error_responses(403, 404)},
    summary="Đề nghị khen thưởng một tập thể hoặc cá nhân",
)
def create_proposal(request: HttpRequest, payload: ProposalIn, round_id: int = Id):
    """Danh hiệu tặng cá nhân cần `person_id` (đã có) hoặc `person_name` (và `person_position`):
    hệ thống chỉ giữ họ tên, chức vụ, đơn vị."""
    rnd = selectors.round_get(user=request.auth, pk=round_id)
    unit = _unit(payload.unit_code)
    kind = next((k for k in selectors.award_kinds() if k.code == payload.award_kind), None)
    if kind is None:
        raise ApiError(
            "validation_error",
            f"Không có danh hiệu, hình thức mã “{payload.award_kind}”.",
            [{"field": "award_kind", "row": None, "message": "không có mã này"}],
        )
    person = (
        selectors.person_get(user=request.auth, pk=payload.person_id) if payload.person_id else None
    )
    proposal = services.proposal_create(
        acting_user=request.auth,
        rnd=rnd,
        unit=unit,
        award_kind=kind,
        achievements=payload.achievements,
        person=person,
        person_name=payload.person_name,
        person_position=payload.person_position,
    )
    return Status(201, proposal_out(selectors.proposal_get(user=request.auth, pk=proposal.pk)))


@router.get(
    "/emulation/proposals/{proposal_id}",
    response={200: ProposalOut, **error_responses(404)},
    summary="Một đề nghị khen thưởng, với điều kiện đã kiểm tra",
)
def get_proposal(request: HttpRequest, proposal_id: int = Id):
    return proposal_out(selectors.proposal_get(user=request.auth, pk=proposal_id))


@router.post(
    "/emulation/proposals/{proposal_id}/review",
    response={200: ProposalOut, **error_responses(403, 404)},
    summary="Hội đồng thi đua ghi kết quả bỏ phiếu",
)
def review_proposal(request: HttpRequest, payload: ReviewIn, proposal_id: int = Id):
    """Đạt khi tỷ lệ phiếu đồng ý đủ mức của danh hiệu và mọi điều kiện đều đạt; `reasons`
    nêu điều kiện chưa đạt."""
    proposal = selectors.proposal_get(user=request.auth, pk=proposal_id, action=Action.MANAGE)
    services.proposal_review(
        acting_user=request.auth,
        proposal=proposal,
        votes_for=payload.votes_for,
        votes_total=payload.votes_total,
        note=payload.note,
        council_confirmed=payload.council_confirmed,
    )
    return proposal_out(selectors.proposal_get(user=request.auth, pk=proposal_id))


def decision_out(decision) -> dict:
    return {
        "id": decision.pk,
        "number": decision.number,
        "signed_on": decision.signed_on,
        "issuer": decision.issuer,
        "awards": [award_out(a) for a in selectors.decision_awards(decision)],
    }


@router.post(
    "/emulation/rounds/{round_id}/decisions",
    response={201: DecisionOut, **error_responses(403, 404)},
    summary="Quyết định khen thưởng các đề nghị đã được hội đồng thông qua",
)
def create_decision(request: HttpRequest, payload: DecisionIn, round_id: int = Id):
    rnd = selectors.round_get(user=request.auth, pk=round_id, action=Action.MANAGE)
    chosen = {p.pk: p for p in selectors.proposal_list(user=request.auth, rnd=rnd)}
    missing = [i for i in payload.proposal_ids if i not in chosen]
    if missing:
        raise ApiError(
            "validation_error",
            "Đề nghị không thuộc đợt này: " + ", ".join(map(str, missing)) + ".",
            [{"field": "proposal_ids", "row": None, "message": "không thuộc đợt này"}],
        )
    data = payload.dict(exclude={"proposal_ids"})
    decision = services.decision_issue(
        acting_user=request.auth,
        unit=rnd.movement.unit,
        proposals=[chosen[i] for i in payload.proposal_ids],
        **data,
    )
    return Status(201, decision_out(decision))


@router.get(
    "/emulation/decisions/{decision_id}",
    response={200: DecisionOut, **error_responses(404)},
    summary="Một quyết định khen thưởng và danh sách",
)
def get_decision(request: HttpRequest, decision_id: int = Id):
    return decision_out(selectors.decision_get(user=request.auth, pk=decision_id))


# --- people --------------------------------------------------------------------------
def person_out(person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "position": person.position,
        "unit_code": person.unit.code,
        "erased": person.is_erased,
        "awards": [award_out(a) for a in selectors.person_awards(person)],
    }


@router.get(
    "/emulation/people/{person_id}",
    response={200: AwardeeOut, **error_responses(404)},
    summary="Một cá nhân được đề nghị, khen thưởng (trong phạm vi)",
)
def get_person(request: HttpRequest, person_id: int = Id):
    return person_out(selectors.person_get(user=request.auth, pk=person_id))


@router.get(
    "/emulation/people/{person_id}/export",
    response={200: dict, **error_responses(403, 404)},
    summary="Trích xuất toàn bộ dữ liệu của một cá nhân (Nghị định 13/2023/NĐ-CP)",
)
def export_person(request: HttpRequest, person_id: int = Id):
    """Văn phòng của đơn vị, theo yêu cầu của người có dữ liệu; việc trích xuất được ghi nhật
    ký."""
    person = selectors.person_get(user=request.auth, pk=person_id, action=Action.MANAGE)
    return services.person_export(acting_user=request.auth, person=person)


@router.post(
    "/emulation/people/{person_id}/erase",
    response={200: AwardeeOut, **error_responses(403, 404)},
    summary="Xoá dữ liệu một cá nhân theo yêu cầu; quyết định giữ nguyên danh sách",
)
def erase_person(request: HttpRequest, payload: EraseIn, person_id: int = Id):
    person = selectors.person_get(user=request.auth, pk=person_id, action=Action.MANAGE)
    services.person_erase(acting_user=request.auth, person=person, reason=payload.reason)
    return person_out(selectors.person_get(user=request.auth, pk=person_id))


# --- meetings ------------------------------------------------------------------------
def meeting_out(m) -> dict:
    return {
        "id": m.pk,
        "unit_code": m.unit.code,
        "kind": m.kind,
        "title": m.title,
        "held_on": m.held_on,
        "chair": m.chair,
        "conclusion_number": m.conclusion.number if m.conclusion_id else None,
    }


@router.get(
    "/meetings",
    response={200: page_of(MeetingOut), **error_responses()},
    summary="Hội nghị, phiên họp",
)
def list_meetings(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Hội nghị của đơn vị trong phạm vi, và hội nghị có kết luận giao nhiệm vụ cho đơn vị."""
    meetings = (
        meeting_selectors.meeting_list(user=request.auth)
        .select_related("unit", "conclusion")
        .distinct()
        .order_by("-held_on", "-pk")
    )
    return page(meetings, limit, offset, meeting_out)


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **error_responses(404)},
    summary="Một hội nghị và tình hình thực hiện kết luận",
)
def get_meeting(request: HttpRequest, meeting_id: int = Id):
    """Mỗi mục kết luận với các nhiệm vụ người gọi được xem và tình trạng hôm nay."""
    meeting = meeting_selectors.meeting_get(user=request.auth, pk=meeting_id)
    progress = meeting_selectors.conclusion_progress(user=request.auth, meeting=meeting)
    return {
        **meeting_out(meeting),
        "as_of": progress.as_of if progress else None,
        "counts": dict(progress.counts) if progress else {},
        "items": [
            {
                "code": item.item.code,
                "text": item.item.name,
                "tasks": [
                    {
                        "id": row.task.pk,
                        "code": row.task.code,
                        "title": row.task.title,
                        "owner_unit_code": row.task.owner_unit.code,
                        "deadline": row.task.deadline,
                        "status": row.status,
                        "days_late": row.days_late,
                    }
                    for row in item.rows
                ],
            }
            for item in (progress.items if progress else [])
        ],
    }
