"""Tasks and their progress updates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class TaskOut(Schema):
    id: int
    plan_code: str
    code: str
    title: str
    owner_unit_code: str
    owner_unit_name: str
    product: str
    deadline: dt.date | None
    completed_on: dt.date | None
    progress: int
    status: str
    status_label: str
    days_late: int
    target_code: str | None


class EvidenceOut(Schema):
    id: int
    name: str
    size: int
    content_type: str


class TaskUpdateOut(Schema):
    id: int
    progress_before: int
    progress: int
    note: str
    completed_on: dt.date | None
    created_by: str
    created_at: dt.datetime
    evidence: list[EvidenceOut]


class DeadlineChangeOut(Schema):
    number: int
    old_deadline: dt.date | None
    new_deadline: dt.date
    reason: str
    text: str = Field(description="Như trang nhiệm vụ ghi: “Gia hạn lần 2 đến 30/09/2031 …”")
    created_by: str | None
    created_at: dt.datetime


class TaskDetailOut(TaskOut):
    description: str
    partner_unit_codes: list[str]
    can_update: bool
    updates: list[TaskUpdateOut]
    closed_as: str = Field(description="cancelled, merged hoặc rỗng (đang theo dõi)")
    merged_into_id: int | None
    deadline_changes: list[DeadlineChangeOut]


class TaskUpdateIn(Schema):
    progress: int = Field(ge=0, le=100)
    note: str = Field(max_length=4000)
    completed_on: dt.date | None = None


# --- the office's writes --------------------------------------------------------------------


class TaskFieldsIn(Schema):
    """A task's fields that can change; units by code. The deadline changes only by an
    extension (``/tasks/{task_id}/extensions``), which keeps its history."""

    code: str = Field(None, max_length=16)
    title: str = Field(None, min_length=1, max_length=500)
    description: str = Field(None, max_length=20000)
    group_id: int | None = Field(None, ge=1, le=2**63 - 1)
    owner_unit: str = Field(None, min_length=1, max_length=32, description="Mã đơn vị chủ trì")
    partner_units: list[str] = Field(None, max_length=200, description="Mã các đơn vị phối hợp")
    product: str = Field(None, min_length=1, max_length=500, description="Sản phẩm")
    target_code: str | None = Field(None, max_length=16, description="Chỉ tiêu gắn với nhiệm vụ")


class TaskCreateIn(TaskFieldsIn):
    title: str = Field(..., min_length=1, max_length=500)
    owner_unit: str = Field(..., min_length=1, max_length=32)
    product: str = Field(..., min_length=1, max_length=500)
    deadline: dt.date | None = None


class ExtendIn(Schema):
    deadline: dt.date = Field(..., description="Thời hạn mới, sau thời hạn hiện tại")
    reason: str = Field(..., min_length=1, max_length=4000, description="Lý do gia hạn")


class CloseIn(Schema):
    closed_as: Literal["cancelled", "merged"]
    merged_into_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Nhiệm vụ được gộp vào (cùng văn bản)"
    )
    reason: str = Field(..., min_length=1, max_length=4000)


class BulkAssignIn(Schema):
    task_ids: list[int] = Field(..., min_length=1, max_length=500)
    owner_unit: str = Field(..., min_length=1, max_length=32)
    partner_units: list[str] | None = Field(
        None, max_length=200, description="Nếu có: thay đơn vị phối hợp của mọi nhiệm vụ"
    )


class BulkAssignOut(Schema):
    changed: int
    tasks: list[TaskOut]
