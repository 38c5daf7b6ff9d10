"""The office gives and manages tasks: add one to a plan, edit or reassign it (owner,
partners), extend its deadline with a reason (the earlier deadlines stay), cancel it or merge
it into another, give many tasks one owner. Each operation calls the service the web's
editor calls (plans/editor.py); the services check the scope and write the audit events,
and tell the new owner (a notification)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Status

from nghiquyet.accounts.choices import Action
from nghiquyet.plans import services
from nghiquyet.plans.choices import GroupKind
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_get, task_get, task_get_to_manage, task_row

from .. import lookups
from ..common import MAX_ID
from ..errors import error_responses
from ..schemas.tasks import (
    BulkAssignIn,
    BulkAssignOut,
    CloseIn,
    ExtendIn,
    TaskCreateIn,
    TaskDetailOut,
    TaskFieldsIn,
)

#: The tasks router itself: a path has one router, or its other methods answer 405.
from .tasks import router, task_detail_out, task_out

TAGS = ["Giao, quản lý nhiệm vụ"]
WRITE_ERRORS = error_responses(403, 404, 409)
TaskId = Path(..., ge=1, le=MAX_ID)


def _task_fields(request: HttpRequest, plan: Plan, payload: TaskFieldsIn, *, exclude=()) -> dict:
    """The given fields of the body, codes and ids turned into the objects they name."""
    data = payload.dict(exclude_unset=True, exclude=set(exclude))
    if "group_id" in data:
        data["group"] = lookups.group(plan, data.pop("group_id"), GroupKind.TASKS)
    if "owner_unit" in data:
        data["owner_unit"] = lookups.unit(request.auth, data["owner_unit"], "owner_unit")
    if "partner_units" in data:
        data["partner_units"] = lookups.units(request.auth, data["partner_units"], "partner_units")
    if "target_code" in data:
        data["target"] = lookups.target(plan, data.pop("target_code"))
    for name in ("code", "description"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


@router.post(
    "/plans/{code}/tasks",
    tags=TAGS,
    response={201: TaskDetailOut, **WRITE_ERRORS},
    summary="Giao nhiệm vụ (văn phòng)",
)
def add_task(request: HttpRequest, code: str, payload: TaskCreateIn):
    """Nội dung, đơn vị chủ trì, phối hợp (đơn vị mình quản lý, chưa thôi hoạt động), sản
    phẩm, thời hạn. Đơn vị chủ trì nhận thông báo; một sự kiện ``task.create``."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    data = _task_fields(request, plan, payload)
    task = services.task_create(acting_user=request.auth, plan=plan, **data)
    return Status(201, task_detail_out(request, task_get(user=request.auth, pk=task.pk)))


@router.patch(
    "/tasks/{task_id}",
    tags=TAGS,
    response={200: TaskDetailOut, **WRITE_ERRORS},
    summary="Sửa, giao lại nhiệm vụ",
)
def update_task(request: HttpRequest, payload: TaskFieldsIn, task_id: int = TaskId):
    """Chỉ các trường gửi lên được đổi. Đổi đơn vị chủ trì: đơn vị mới nhận thông báo. Một sự
    kiện ``task.update`` với giá trị cũ và mới."""
    task = task_get_to_manage(user=request.auth, pk=task_id)
    services.task_update(
        acting_user=request.auth, task=task, data=_task_fields(request, task.plan, payload)
    )
    return task_detail_out(request, task_get(user=request.auth, pk=task_id))


@router.post(
    "/tasks/{task_id}/extensions",
    tags=TAGS,
    response={201: TaskDetailOut, **WRITE_ERRORS},
    summary="Gia hạn nhiệm vụ, có lý do",
)
def extend_task(request: HttpRequest, payload: ExtendIn, task_id: int = TaskId):
    """Thời hạn mới phải sau thời hạn hiện tại; các lần gia hạn được giữ
    (``deadline_changes``: “Gia hạn lần 2 đến 30/09/2031 …”). Một sự kiện ``task.extend``."""
    task = task_get_to_manage(user=request.auth, pk=task_id)
    services.task_extend(
        acting_user=request.auth, task=task, deadline=payload.deadline, reason=payload.reason
    )
    return Status(201, task_detail_out(request, task_get(user=request.auth, pk=task_id)))


@router.post(
    "/tasks/{task_id}/close",
    tags=TAGS,
    response={200: TaskDetailOut, **WRITE_ERRORS},
    summary="Hủy nhiệm vụ, hoặc gộp vào nhiệm vụ khác",
)
def close_task(request: HttpRequest, payload: CloseIn, task_id: int = TaskId):
    """``cancelled`` (hủy) hoặc ``merged`` (gộp vào ``merged_into_id``, cùng văn bản), có lý do.
    Nhiệm vụ thôi theo dõi nhưng vẫn lưu. Một sự kiện ``task.close``."""
    task = task_get_to_manage(user=request.auth, pk=task_id)
    merged_into = lookups.task(task.plan, payload.merged_into_id, "merged_into_id")
    services.task_close(
        acting_user=request.auth,
        task=task,
        closed_as=payload.closed_as,
        reason=payload.reason,
        merged_into=merged_into,
    )
    return task_detail_out(request, task_get(user=request.auth, pk=task_id))


@router.post(
    "/plans/{code}/tasks/assign",
    tags=TAGS,
    response={200: BulkAssignOut, **WRITE_ERRORS},
    summary="Giao nhiều nhiệm vụ cho một đơn vị",
)
def bulk_assign_tasks(request: HttpRequest, code: str, payload: BulkAssignIn):
    """Mọi nhiệm vụ trong ``task_ids`` (của văn bản, đang theo dõi) nhận cùng đơn vị chủ trì
    (và đơn vị phối hợp, nếu gửi); tất cả hoặc không nhiệm vụ nào. Một sự kiện
    ``task.update`` cho mỗi nhiệm vụ đổi, cùng một mã thao tác."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    tasks = lookups.open_tasks(plan, payload.task_ids, "task_ids")
    owner = lookups.unit(request.auth, payload.owner_unit, "owner_unit")
    partners = (
        None
        if payload.partner_units is None
        else lookups.units(request.auth, payload.partner_units, "partner_units")
    )
    changed = services.task_bulk_assign(
        acting_user=request.auth,
        tasks=tasks,
        owner_unit=owner,
        partner_units=partners,
    )
    rows = [task_row(user=request.auth, task=task_get(user=request.auth, pk=t.pk)) for t in tasks]
    return {"changed": changed, "tasks": [task_out(r) for r in rows]}
