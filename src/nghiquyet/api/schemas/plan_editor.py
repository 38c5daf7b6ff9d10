"""What the office sends to make and edit a plan: the plan, its groups, its targets (as
printed), adjustments and ends of targets. Units, plans, indicators are named by code."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from nghiquyet.plans.choices import Aggregation, BodyKind, GroupKind, PlanKind, Temporal

from .plans import TargetGroupOut

PlanKindIn = Literal[tuple(PlanKind.values)]  # type: ignore[valid-type]
BodyKindIn = Literal[tuple(BodyKind.values)]  # type: ignore[valid-type]
GroupKindIn = Literal[tuple(GroupKind.values)]  # type: ignore[valid-type]
TemporalIn = Literal[tuple(Temporal.values)]  # type: ignore[valid-type]
AggregationIn = Literal[tuple(Aggregation.values)]  # type: ignore[valid-type]

Year = Field(None, ge=1945, le=2200)
Id = Field(None, ge=1, le=2**63 - 1)
UnitCode = Field(None, max_length=32, description="Mã đơn vị")


class PlanFieldsIn(Schema):
    """A plan's own fields that can change after it is created."""

    kind: PlanKindIn = Field(None, description="Loại văn bản")
    number: str = Field(None, max_length=64, description="Số, ký hiệu, ví dụ 04-NQ/TU")
    title: str = Field(None, min_length=1, max_length=500, description="Trích yếu")
    issuing_body: str = Field(None, min_length=1, max_length=255, description="Cơ quan ban hành")
    superior_body: str = Field(None, max_length=255, description="Cơ quan cấp trên")
    body_kind: BodyKindIn = Field(
        None, description="Thể thức: party (HD 36-HD/VPTW) hoặc state (NĐ 30/2020/NĐ-CP)"
    )
    issued_on: dt.date | None = None
    year: int | None = Year
    term_start: int | None = Year
    term_end: int | None = Year
    parent: str | None = Field(None, max_length=64, description="Mã văn bản được cụ thể hóa")
    scheme: str | None = Field(None, max_length=40, description="Khóa cách phân loại")
    description: str = Field(None, max_length=20000)


class PlanCreateIn(PlanFieldsIn):
    code: str = Field(..., min_length=1, max_length=64, description="Mã văn bản (trong địa chỉ)")
    kind: PlanKindIn
    title: str = Field(..., min_length=1, max_length=500)
    unit: str = Field(..., min_length=1, max_length=32, description="Mã đơn vị ban hành")
    issuing_body: str = Field(..., min_length=1, max_length=255)


class GroupIn(Schema):
    kind: GroupKindIn = "targets"
    code: str = Field("", max_length=16, description="Số thứ tự in, ví dụ I, II, 1")
    name: str = Field(..., min_length=1, max_length=500)


class GroupPatchIn(Schema):
    code: str = Field(None, max_length=16)
    name: str = Field(None, min_length=1, max_length=500)


class GroupOrderIn(Schema):
    kind: GroupKindIn = "targets"
    group_ids: list[int] = Field(
        ..., max_length=500, description="id của mọi nhóm cùng loại, theo thứ tự mới"
    )


class GroupOut(TargetGroupOut):
    kind: str


class TargetFieldsIn(Schema):
    """A target as the resolution prints it: ``statement`` ("dưới 4%", "tăng 6,5-7%") is read
    by the same text layer as the plan import and decides the figure."""

    code: str = Field(None, min_length=1, max_length=16, description="Số thứ tự chỉ tiêu")
    name: str = Field(None, min_length=1, max_length=255)
    statement: str = Field(
        None, min_length=1, max_length=1000, description="Chỉ tiêu như nghị quyết ghi"
    )
    group_id: int | None = Id
    order: int = Field(None, ge=0, le=32767)
    indicator_code: str | None = Field(None, max_length=64, description="Mã chỉ số có sẵn")
    temporal: TemporalIn = None
    due_date: dt.date | None = None
    lead_unit: str | None = UnitCode
    partner_units: list[str] = Field(None, max_length=200, description="Mã các đơn vị phối hợp")
    note: str = Field(None, max_length=4000)


class TargetCreateIn(TargetFieldsIn):
    code: str = Field(..., min_length=1, max_length=16)
    name: str = Field(..., min_length=1, max_length=255)
    statement: str = Field(..., min_length=1, max_length=1000)
    new_indicator: str = Field(
        "", max_length=255, description="Tên chỉ số mới, khi chưa có chỉ số phù hợp"
    )
    new_indicator_unit: str = Field("", max_length=64)
    new_indicator_aggregation: AggregationIn = "none"


class AdjustIn(Schema):
    statement: str = Field(
        ..., min_length=1, max_length=1000, description="Chỉ tiêu mới như văn bản điều chỉnh ghi"
    )
    effective_on: dt.date = Field(..., description="Áp dụng từ ngày")
    document: str = Field(..., min_length=1, max_length=255, description="Văn bản điều chỉnh")
    reason: str = Field("", max_length=4000)


class EndIn(Schema):
    ended_on: dt.date = Field(..., description="Thôi áp dụng từ ngày")
    document: str = Field(..., min_length=1, max_length=255, description="Văn bản bãi bỏ")
    reason: str = Field("", max_length=4000)


class AdjustmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    effective_on: dt.date
    document: str
    reason: str
    before: dict
    after: dict
    created_by: str | None
    created_at: dt.datetime
