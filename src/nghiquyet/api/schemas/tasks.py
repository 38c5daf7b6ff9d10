"""Tasks and their progress updates."""

from __future__ import annotations

import datetime as dt

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


class TaskDetailOut(TaskOut):
    description: str
    partner_unit_codes: list[str]
    can_update: bool
    updates: list[TaskUpdateOut]


class TaskUpdateIn(Schema):
    progress: int = Field(ge=0, le=100)
    note: str = Field(max_length=4000)
    completed_on: dt.date | None = None
