"""Plans, their target groups and targets; a target's wording."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class PlanOut(Schema):
    code: str
    kind: str
    kind_label: str
    heading: str
    number: str
    title: str
    unit_code: str
    unit_name: str
    issuing_body: str
    issued_on: dt.date | None
    year: int | None
    term_start: int | None
    term_end: int | None
    years: list[int]
    parent_code: str | None
    scheme: str
    is_demo: bool
    target_count: int
    task_count: int


class TargetGroupOut(Schema):
    id: int
    plan_code: str
    code: str
    name: str
    order: int


class PlanDetailOut(PlanOut):
    description: str
    target_groups: list[TargetGroupOut]


class TargetOut(Schema):
    id: int
    plan_code: str
    code: str
    name: str
    statement: str
    group_id: int | None
    group_code: str | None
    indicator_code: str | None
    unit_of_measure: str
    aggregation: str | None
    direction: str
    target_value: float | None
    target_high: float | None
    tolerance: float | None
    change: Literal["none", "increase", "decrease"]
    temporal: str
    due_date: dt.date | None
    is_composite: bool
    composite_code: str | None
    parent_plan_code: str | None
    parent_code: str | None
    lead_unit_code: str | None
    partner_unit_codes: list[str]
    strict: bool
    change_measure: Literal["percent", "points"]
    with_change: Literal["none", "increase", "decrease"]
    with_change_low: float | None
    with_change_high: float | None
    decided_by: Literal["both", "level", "change"]
    part_of_code: str | None


class TargetWordingIn(Schema):
    text: str = Field(..., min_length=1, max_length=1000, description="như nghị quyết ghi")
    name: str = Field("", max_length=500, description="tên chỉ tiêu, giúp đọc cho đúng")


class TargetWordingOut(Schema):
    text: str
    #: the form in its canonical wording
    canonical: str
    form: dict
