"""Reporting rounds and units' reports (submissions): read, fill in, and move through the
workflow — submit, approve, return, accept, reopen — with the same rules as the web."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from nghiquyet.plans.choices import Aggregation
from nghiquyet.plans.display import figure_text
from nghiquyet.plans.selectors import plan_get
from nghiquyet.reporting import rounds, workflow
from nghiquyet.reporting.choices import SubmissionAction, SubmissionStatus
from nghiquyet.reporting.filters import RoundFilter, SubmissionFilter
from nghiquyet.reporting.models import ReportingRound, Submission
from nghiquyet.reporting.selectors.rounds import round_completeness, round_get, round_list
from nghiquyet.reporting.selectors.submissions import (
    submission_get,
    submission_grid,
    submission_list,
    submission_rights,
    timeliness,
)

from ..common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET, number, page, period_spec
from ..errors import ApiError, error_responses
from ..schemas import (
    EntriesIn,
    ReportingRoundDetailOut,
    RoundIn,
    RoundOut,
    SubmissionDetailOut,
    SubmissionOut,
    TransitionIn,
    page_of,
)

router = Router(tags=["Đợt báo cáo, báo cáo của đơn vị"])

StatusParam = Literal[tuple(SubmissionStatus.values)]  # type: ignore[valid-type]
SubmissionOrdering = Literal["deadline", "-deadline", "unit", "-unit", "updated", "-updated"]
_SUB_ORDER = {
    "deadline": ("round__deadline", "round__plan__code", "unit__name"),
    "-deadline": ("-round__deadline", "round__plan__code", "unit__name"),
    "unit": ("unit__name", "round__deadline"),
    "-unit": ("-unit__name", "round__deadline"),
    "updated": ("updated_at",),
    "-updated": ("-updated_at",),
}
RoundOrdering = Literal["period", "-period", "deadline", "-deadline"]
_ROUND_ORDER = {
    "period": ("period__end_date", "plan__code"),
    "-period": ("-period__end_date", "plan__code"),
    "deadline": ("deadline", "plan__code"),
    "-deadline": ("-deadline", "plan__code"),
}


def round_out(r: ReportingRound) -> dict:
    return {
        "id": r.pk,
        "plan_code": r.plan.code,
        "period": r.period.key,
        "period_label": r.period.label,
        "deadline": r.deadline,
        "note": r.note,
        "opened_at": r.opened_at,
        "closed_at": r.closed_at,
        "units": getattr(r, "units", 0),
        "accepted": getattr(r, "accepted", 0),
    }


def submission_out(s: Submission) -> dict:
    rnd = s.round
    return {
        "id": s.pk,
        "round_id": rnd.pk,
        "plan_code": rnd.plan.code,
        "period": rnd.period.key,
        "period_label": rnd.period.label,
        "unit_code": s.unit.code,
        "unit_name": s.unit.name,
        "status": s.status,
        "status_label": s.get_status_display(),
        "revision": s.revision,
        "version": s.version,
        # the unit's own deadline when the round was extended for it alone
        "deadline": s.due,
        "timeliness": timeliness(s),
        "submitted_at": s.submitted_at,
        "first_submitted_at": s.first_submitted_at,
        "updated_at": s.updated_at,
    }


def submission_detail_out(user, submission: Submission) -> dict:
    rights = submission_rights(user=user, submission=submission)
    out = submission_out(submission)
    out["rights"] = {
        "edit": rights.edit,
        "submit": rights.submit,
        "approve": rights.approve,
        "return": rights.return_,
        "accept": rights.accept,
        "reopen": rights.reopen,
    }
    out["entries"] = [
        {
            "id": g.entry.pk,
            "plan_code": g.entry.target.plan.code,
            "target_code": g.entry.target.code,
            "target_name": g.entry.target.name,
            "unit_code": g.entry.unit.code,
            "kind": "yes_no" if g.is_yes_no else ("ratio" if g.is_ratio else "plain"),
            "unit_of_measure": g.entry.target.unit_of_measure,
            "value": number(g.entry.value),
            "value_text": g.entry.value_text,
            "numerator": number(g.entry.numerator),
            "denominator": number(g.entry.denominator),
            "status": g.entry.status,
            "note": g.entry.note,
            "implausible": g.entry.implausible,
            "quality": g.entry.quality,
            "updated_at": g.entry.updated_at,
            "previous_value": number(g.previous.value) if g.previous else None,
            "previous_period": g.previous.period.key if g.previous else None,
            "last_year_value": number(g.last_year.value) if g.last_year else None,
        }
        for g in submission_grid(submission=submission)
    ]
    out["events"] = [
        {
            "action": e.action,
            "action_label": e.get_action_display(),
            "from_status": e.from_status,
            "to_status": e.to_status,
            "version": e.version,
            "actor": e.actor.username if e.actor else None,
            "at": e.at,
            "comment": e.comment,
        }
        for e in submission.events.select_related("actor").order_by("at", "pk")
    ]
    return out


# --- rounds ------------------------------------------------------------------------------------


@router.get(
    "/rounds",
    response={200: page_of(RoundOut), **error_responses(422)},
    summary="Danh sách đợt báo cáo",
)
def list_rounds(
    request: HttpRequest,
    plan: str | None = Query(None, max_length=64),
    period: str | None = Query(None, max_length=16),
    ordering: RoundOrdering = "-period",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    rounds = RoundFilter(plan=plan or "", period=period or "").apply(
        round_list(user=request.auth), user=request.auth
    )
    return page(rounds.order_by(*_ROUND_ORDER[ordering], "pk"), limit, offset, round_out)


@router.post(
    "/rounds",
    response={201: RoundOut, **error_responses(403, 404, 413, 422)},
    summary="Mở đợt báo cáo (văn phòng)",
)
def open_round(request: HttpRequest, payload: RoundIn):
    """Mỗi đơn vị được giao chỉ tiêu nhận một báo cáo ở trạng thái đang nhập."""
    plan = plan_get(user=request.auth, code=payload.plan)
    rnd = rounds.round_open(
        acting_user=request.auth,
        plan=plan,
        spec=period_spec(payload.period),
        deadline=payload.deadline,
        note=payload.note,
    )
    return Status(201, round_out(round_get(user=request.auth, pk=rnd.pk)))


@router.get(
    "/rounds/{round_id}",
    response={200: ReportingRoundDetailOut, **error_responses(404)},
    summary="Một đợt báo cáo và tình hình gửi báo cáo",
)
def get_round(request: HttpRequest, round_id: int = Path(..., ge=1, le=MAX_ID)):
    return round_detail_out(request, round_get(user=request.auth, pk=round_id))


def round_detail_out(request: HttpRequest, rnd: ReportingRound) -> dict:
    out = round_out(rnd)
    out["completeness"] = [
        {
            "submission_id": row.submission.pk,
            "unit_code": row.submission.unit.code,
            "unit_name": row.submission.unit.name,
            "status": row.submission.status,
            "timeliness": row.timeliness,
            "deadline": row.submission.due,
            "filled": row.filled,
            "total": row.total,
        }
        for row in round_completeness(user=request.auth, rnd=rnd)
    ]
    return out


# --- submissions -------------------------------------------------------------------------------


@router.get(
    "/submissions",
    response={200: page_of(SubmissionOut), **error_responses(422)},
    summary="Danh sách báo cáo của đơn vị",
)
def list_submissions(
    request: HttpRequest,
    status: StatusParam | None = None,
    round: int | None = Query(None, ge=1, le=MAX_ID, description="id của đợt báo cáo"),
    plan: str | None = Query(None, max_length=64, description="Mã văn bản của đợt báo cáo"),
    period: str | None = Query(None, max_length=16),
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị báo cáo"),
    ordering: SubmissionOrdering = "deadline",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Báo cáo của các đơn vị mình, và báo cáo trong các đợt của văn bản mình theo dõi."""
    filters = SubmissionFilter(
        status=status or "", round=round, plan=plan or "", period=period or "", unit=unit or ""
    )
    subs = submission_list(user=request.auth, filters=filters)
    return page(subs.order_by(*_SUB_ORDER[ordering], "pk"), limit, offset, submission_out)


_DETAIL = {
    "by_alias": True,
    "response": {200: SubmissionDetailOut, **error_responses(403, 404, 409, 413, 422)},
}


@router.get(
    "/submissions/{submission_id}",
    by_alias=True,
    response={200: SubmissionDetailOut, **error_responses(404)},
    summary="Một báo cáo: số liệu, quyền của người gọi, lịch sử",
)
def get_submission(request: HttpRequest, submission_id: int = Path(..., ge=1, le=MAX_ID)):
    submission = submission_get(user=request.auth, pk=submission_id)
    return submission_detail_out(request.auth, submission)


@router.patch(
    "/submissions/{submission_id}/entries",
    summary="Lưu số liệu vào báo cáo (tất cả hoặc không)",
    **_DETAIL,
)
def save_entries(
    request: HttpRequest, payload: EntriesIn, submission_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Như lưu bảng nhập liệu trên web: chỉ người báo cáo của đơn vị, khi báo cáo đang nhập hoặc
    bị trả lại; gửi kèm ``revision`` đã đọc — nếu người khác vừa lưu, trả 409 ``conflict`` và không
    ghi gì. Trường không gửi giữ nguyên; gửi ``null`` để xóa."""
    submission = submission_get(user=request.auth, pk=submission_id)
    current = {e.pk: e for e in submission.entries.select_related("target__indicator")}
    rows: dict[int, dict[str, str]] = {}
    for i, item in enumerate(payload.entries, start=1):
        sent = item.model_fields_set
        entry = current.get(item.id)
        row = {}
        for f in ("value", "numerator", "denominator"):
            if f in sent:
                raw = getattr(item, f)
                row[f] = _text(raw, i, f)
            elif entry is not None:
                row[f] = figure_text(getattr(entry, f))
        for f in ("status", "note"):
            if f in sent:
                row[f] = getattr(item, f) or ""
        if (
            entry is not None
            and {"numerator", "denominator"} & sent
            and "value" not in sent
            and entry.target.indicator_id
            and entry.target.indicator.aggregation == Aggregation.RATIO
        ):
            row["value"] = ""  # computed from the new parts
        rows[item.id] = row
    saved = workflow.submission_save(
        acting_user=request.auth, submission=submission, revision=payload.revision, rows=rows
    )
    return submission_detail_out(request.auth, submission_get(user=request.auth, pk=saved.pk))


def _text(raw, row: int, field: str) -> str:
    """A figure as the service reads it: JSON numbers as exact text, texts as typed."""
    if raw is None:
        return ""
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ApiError(
                "validation_error",
                _("Số liệu phải là số hữu hạn."),
                [{"field": field, "row": row, "message": _("phải là một số hữu hạn")}],
            )
        return figure_text(Decimal(repr(raw)))
    return str(raw)


#: The workflow's moves (reporting.workflow.TRANSITIONS) as operations of the API: one
#: endpoint each, made by the same function, with its summary and description.
_MOVES = {
    SubmissionAction.SUBMIT: (
        "submit",
        "Gửi báo cáo tới lãnh đạo đơn vị (người báo cáo)",
        "Mọi chỉ tiêu phải có số liệu (hoặc ghi chú lý do), số liệu khác thường phải giải trình.",
    ),
    SubmissionAction.APPROVE: ("approve", "Lãnh đạo đơn vị duyệt báo cáo", None),
    SubmissionAction.RETURN: (
        "return_",
        "Trả lại báo cáo (lãnh đạo đơn vị khi đã gửi, văn phòng khi đã duyệt)",
        "Phải ghi rõ lý do trong ``comment``.",
    ),
    SubmissionAction.ACCEPT: (
        "accept",
        "Văn phòng tiếp nhận báo cáo (số liệu thành số liệu chính thức của hệ thống)",
        None,
    ),
    SubmissionAction.REOPEN: (
        "reopen",
        "Văn phòng mở lại báo cáo đã tiếp nhận để điều chỉnh",
        "Phải ghi rõ lý do trong ``comment``; số liệu đã tiếp nhận vẫn giữ đến khi tiếp nhận lại.",
    ),
}


def _move(action: str):
    def move(
        request: HttpRequest, payload: TransitionIn, submission_id: int = Path(..., ge=1, le=MAX_ID)
    ):
        submission = submission_get(user=request.auth, pk=submission_id)
        saved = workflow.submission_transition(
            acting_user=request.auth,
            submission=submission,
            action=action,
            revision=payload.revision,
            comment=payload.comment,
        )
        return submission_detail_out(request.auth, submission_get(user=request.auth, pk=saved.pk))

    return move


for _action, (_name, _summary, _description) in _MOVES.items():
    router.add_api_operation(
        f"/submissions/{{submission_id}}/{_action}",
        ["POST"],
        _move(_action),
        summary=_summary,
        description=_description,
        operation_id=f"nghiquyet_api_routers_submissions_{_name}",
        **_DETAIL,
    )
