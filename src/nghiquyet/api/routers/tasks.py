"""Tasks (nhiệm vụ, giải pháp) with their status, and progress updates."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from nghiquyet import engine
from nghiquyet.orgs.selectors import orgunit_list
from nghiquyet.plans.selectors import (
    DeadlineLine,
    TaskRow,
    plan_get,
    task_can_update,
    task_deadline_history,
    task_get,
    task_list,
    task_partner_units,
    task_row,
    task_updates,
)
from nghiquyet.plans.services import task_update_create

from ..common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET, page
from ..errors import error_responses
from ..schemas import TaskDetailOut, TaskOut, TaskUpdateIn, page_of

router = Router(tags=["Nhiệm vụ"])

TaskStatusParam = Literal[tuple(engine.TASK_STATUSES)]  # type: ignore[valid-type]


def task_out(row: TaskRow) -> dict:
    t = row.task
    return {
        "id": t.pk,
        "plan_code": t.plan.code,
        "code": t.code,
        "title": t.title,
        "owner_unit_code": t.owner_unit.code,
        "owner_unit_name": t.owner_unit.name,
        "product": t.product,
        "deadline": t.deadline,
        "completed_on": t.completed_on,
        "progress": t.progress,
        "status": row.status,
        "status_label": row.status_label,
        "days_late": row.days_late,
        "target_code": t.target.code if t.target_id else None,
    }


@router.get(
    "/tasks",
    response={200: page_of(TaskOut), **error_responses(404, 422)},
    summary="Danh sách nhiệm vụ",
)
def list_tasks(
    request: HttpRequest,
    plan: str | None = Query(None, max_length=64),
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị chủ trì (cả cây dưới nó)"),
    status: TaskStatusParam | None = None,
    q: str | None = Query(
        None,
        max_length=100,
        description="Tìm trong tên nhiệm vụ, sản phẩm, đơn vị chủ trì (có dấu hay không dấu)",
    ),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Nhiệm vụ trong phạm vi được xem (của đơn vị mình, đơn vị mình phối hợp, văn bản mình theo
    dõi), với tình trạng hôm nay; sắp theo thời hạn."""
    chosen_plan = plan_get(user=request.auth, code=plan) if plan else None
    chosen_unit = None
    if unit:
        chosen_unit = orgunit_list(user=request.auth).filter(code=unit).first()
        if chosen_unit is None:
            return {"count": 0, "limit": limit, "offset": offset, "items": []}
    rows = task_list(
        user=request.auth, unit=chosen_unit, status=status, plan=chosen_plan, query=q or ""
    )
    return page(rows, limit, offset, task_out)


def task_detail_out(request: HttpRequest, task) -> dict:
    out = task_out(task_row(user=request.auth, task=task))
    out["description"] = task.description
    out["partner_unit_codes"] = [u.code for u in task_partner_units(task=task)]
    out["can_update"] = task_can_update(request.auth, task)
    out["updates"] = [
        {
            "id": u.pk,
            "progress_before": u.progress_before,
            "progress": u.progress,
            "note": u.note,
            "completed_on": u.completed_on,
            "created_by": u.created_by.username,
            "created_at": u.created_at,
            "evidence": [
                {
                    "id": e.pk,
                    "name": e.original_name,
                    "size": e.size,
                    "content_type": e.content_type,
                }
                for e in u.evidence.all()
            ],
        }
        for u in task_updates(user=request.auth, task=task)
    ]
    out["closed_as"] = task.closed_as
    out["merged_into_id"] = task.merged_into_id
    out["deadline_changes"] = [
        {
            "number": c.number,
            "old_deadline": c.old_deadline,
            "new_deadline": c.new_deadline,
            "reason": c.reason,
            "text": str(DeadlineLine(c)),
            "created_by": c.created_by.username if c.created_by else None,
            "created_at": c.created_at,
        }
        for c in task_deadline_history(task=task)
    ]
    return out


@router.get(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, **error_responses(404)},
    summary="Một nhiệm vụ",
)
def get_task(request: HttpRequest, task_id: int = Path(..., ge=1, le=MAX_ID)):
    return task_detail_out(request, task_get(user=request.auth, pk=task_id))


@router.post(
    "/tasks/{task_id}/updates",
    response={201: TaskDetailOut, **error_responses(403, 404, 413, 422)},
    summary="Cập nhật tiến độ nhiệm vụ (đơn vị chủ trì)",
)
def add_task_update(
    request: HttpRequest, payload: TaskUpdateIn, task_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Tiến độ 0–100, nội dung bắt buộc; ở 100% phải có ngày hoàn thành. Tệp minh chứng gửi qua
    trang web."""
    task = task_get(user=request.auth, pk=task_id)
    task_update_create(
        acting_user=request.auth,
        task=task,
        progress=payload.progress,
        note=payload.note,
        completed_on=payload.completed_on,
    )
    return Status(201, task_detail_out(request, task_get(user=request.auth, pk=task_id)))
