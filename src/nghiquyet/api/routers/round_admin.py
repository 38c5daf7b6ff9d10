"""The office runs a round: sees before opening it who will receive a report and why, extends
the deadline for one unit or for all (with a reason), closes it, reminds the late units now.
The same services as the round's web pages (reporting.rounds, notifications.services); each
checks that the caller manages the plan and writes the audit event."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path

from nghiquyet.accounts.choices import Action
from nghiquyet.notifications.services import round_remind_now
from nghiquyet.plans.selectors import plan_get
from nghiquyet.reporting import rounds
from nghiquyet.reporting.selectors.rounds import round_get, round_preview

from .. import lookups
from ..common import MAX_ID
from ..errors import error_responses
from ..schemas.submissions import (
    RemindOut,
    ReportingRoundDetailOut,
    RoundCloseIn,
    RoundExtendIn,
    RoundExtendOut,
    RoundPreviewOut,
)

#: The rounds' router (rounds and submissions share one).
from .submissions import round_detail_out, router

TAGS = ["Đợt báo cáo: văn phòng điều hành"]
WRITE_ERRORS = error_responses(403, 404, 409)
RoundId = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/plans/{code}/round-preview",
    tags=TAGS,
    response={200: RoundPreviewOut, **error_responses(403, 404)},
    summary="Trước khi mở đợt: đơn vị nào nhận báo cáo, vì sao",
)
def preview_round(request: HttpRequest, code: str):
    """Mỗi đơn vị sẽ nhận báo cáo và lý do (chủ trì chỉ tiêu, đơn vị ban hành, cụ thể hóa văn
    bản); cảnh báo các đơn vị cấp dưới mà chỉ tiêu cộng dồn cần nhưng không báo cáo nào hỏi."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    preview = round_preview(user=request.auth, plan=plan)
    return {
        "plan_code": plan.code,
        "units": [
            {
                "unit_code": row.unit.code,
                "unit_name": row.unit.name,
                "reasons": [str(r) for r in row.reasons],
                "targets": row.targets,
            }
            for row in preview.rows
        ],
        "never_asked": [{"unit_code": u.code, "unit_name": u.name} for u in preview.never_asked],
        "summed_targets": preview.summed_targets,
    }


def _round_to_manage(request: HttpRequest, round_id: int):
    rnd = round_get(user=request.auth, pk=round_id)
    plan_get(user=request.auth, code=rnd.plan.code, action=Action.MANAGE)
    return rnd


@router.post(
    "/rounds/{round_id}/extend",
    tags=TAGS,
    response={200: RoundExtendOut, **WRITE_ERRORS},
    summary="Gia hạn đợt báo cáo: cho một số đơn vị hoặc cả đợt",
)
def extend_round(request: HttpRequest, payload: RoundExtendIn, round_id: int = RoundId):
    """Hạn mới (sau hạn hiện tại, không trong quá khứ) và lý do. ``units``: chỉ các đơn vị đó
    (hạn riêng của báo cáo), bỏ trống: cả đợt. Một sự kiện ``round.extend`` cho mỗi báo cáo,
    hoặc cho cả đợt."""
    rnd = _round_to_manage(request, round_id)
    units = None if payload.units is None else lookups.units(request.auth, payload.units, "units")
    n = rounds.round_extend(
        acting_user=request.auth,
        rnd=rnd,
        deadline=payload.deadline,
        reason=payload.reason,
        units=units,
    )
    out = round_detail_out(request, round_get(user=request.auth, pk=round_id))
    out["extended"] = n
    return out


@router.post(
    "/rounds/{round_id}/close",
    tags=TAGS,
    response={200: ReportingRoundDetailOut, **WRITE_ERRORS},
    summary="Đóng đợt báo cáo",
)
def close_round(request: HttpRequest, payload: RoundCloseIn, round_id: int = RoundId):
    """Báo cáo chưa gửi không nhận thêm số liệu; điều đã gửi, đã tiếp nhận được giữ. Đợt đã
    đóng: 409. Một sự kiện ``round.close``."""
    rnd = _round_to_manage(request, round_id)
    rounds.round_close(acting_user=request.auth, rnd=rnd, note=payload.note)
    return round_detail_out(request, round_get(user=request.auth, pk=round_id))


@router.post(
    "/rounds/{round_id}/remind",
    tags=TAGS,
    response={200: RemindOut, **WRITE_ERRORS},
    summary="Nhắc ngay các đơn vị chậm báo cáo",
)
def remind_round(request: HttpRequest, round_id: int = RoundId):
    """Lời nhắc của hôm nay tới các đơn vị chậm (mỗi lời nhắc một lần cho mỗi đơn vị và hạn).
    Một sự kiện ``reminder.run`` khi có lời nhắc."""
    rnd = _round_to_manage(request, round_id)
    return {"reminders": round_remind_now(acting_user=request.auth, rnd=rnd)}
