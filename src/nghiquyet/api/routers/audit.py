"""The audit trail (nhật ký thay đổi)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from nghiquyet.audit.filters import AuditEventFilter
from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.selectors import audit_event_list

from ..common import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_YEAR, MIN_YEAR, page
from ..errors import ApiError, error_responses
from ..schemas import AuditEventOut, page_of

router = Router(tags=["Nhật ký thay đổi"])


def event_out(e: AuditEvent) -> dict:
    return {
        "id": e.pk,
        "at": e.at,
        "actor": e.actor.username if e.actor else None,
        "action": e.action,
        "action_label": e.action_label,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "object_repr": e.object_repr,
        "unit_code": e.unit.code if e.unit else None,
        "changes": e.changes if isinstance(e.changes, dict) else {"value": e.changes},
        "note": e.note,
        "correlation_id": str(e.correlation_id) if e.correlation_id else None,
    }


def _start(day: dt.date, field: str) -> dt.datetime:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ApiError(
            "validation_error",
            _("Ngày phải trong khoảng năm %(lo)s–%(hi)s.") % {"lo": MIN_YEAR, "hi": MAX_YEAR},
            [{"field": field, "row": None, "message": _("ngày không hợp lệ")}],
        )
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@router.get(
    "/audit-events",
    response={200: page_of(AuditEventOut), **error_responses(422)},
    summary="Nhật ký thay đổi",
)
def list_audit_events(
    request: HttpRequest,
    action: str | None = Query(None, max_length=64, description="Ví dụ submission.approve"),
    action_prefix: str | None = Query(None, max_length=64, description="Ví dụ submission."),
    since: dt.date | None = Query(None, description="Từ ngày (YYYY-MM-DD)"),
    until: dt.date | None = Query(None, description="Đến hết ngày (YYYY-MM-DD)"),
    object_type: str | None = Query(None, max_length=64, description="Ví dụ reporting.submission"),
    object_id: str | None = Query(None, max_length=64),
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị"),
    actor: str | None = Query(None, max_length=150, description="Tên đăng nhập"),
    correlation_id: uuid.UUID | None = Query(
        None, description="Mã thao tác: các sự kiện của cùng một thao tác"
    ),
    ordering: Literal["-at", "at"] = "-at",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Quản trị xem tất cả; văn phòng xem nhật ký của các đơn vị mình quản lý; mỗi người xem các
    thao tác của chính mình."""
    if until:
        _start(until, "until")
    filters = AuditEventFilter(
        action=action or "",
        action_prefix=action_prefix or "",
        since=_start(since, "since") if since else None,
        until=_start(until + dt.timedelta(days=1), "until") if until else None,
        object_type=object_type or "",
        object_id=object_id or "",
        unit=unit or "",
        actor=actor or "",
        correlation_id=correlation_id,
    )
    events = filters.apply(audit_event_list(user=request.auth))
    return page(events.order_by(ordering, ordering.replace("at", "id")), limit, offset, event_out)
