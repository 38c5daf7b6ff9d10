"""A plan's evaluation for a period: rates, classes, counts, series."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from .common import Count


class ResultFields(Schema):
    code: str
    name: str
    unit_of_measure: str
    direction: str
    target_value: float | None
    target_high: float | None
    actual: float | None
    actual_status: str | None
    baseline: float | None
    measured: float | None
    rate: float | None
    annual_rate: float | None
    expected_share: float
    yoy_percent: float | None
    class_key: str
    class_label: str
    met: bool
    exceeded: bool
    derivation: str
    #: how the period's figure was obtained: reported, computed (from the sub-units),
    #: lineage (from predecessors across a merger or split), or "" when there is none
    actual_source: str
    actual_note: str
    #: how "cùng kỳ" was obtained when not as its unit reported it (e.g. from predecessors)
    baseline_note: str
    missing_reason: str | None = Field(
        description=(
            'Vì sao chưa có số liệu để đánh giá (như bảng điều khiển và báo cáo ghi: "chưa có '
            'số liệu cùng kỳ năm trước để so sánh", "Cục Thống kê tỉnh chưa báo cáo"…); '
            "null khi chỉ tiêu đã có kết quả"
        )
    )


class PartResultOut(ResultFields):
    pass


class TargetResultOut(ResultFields):
    group_code: str | None
    parts: list[PartResultOut]


class GroupResultOut(Schema):
    code: str | None
    name: str | None
    total: int
    counts: list[Count]


class TaskCountsOut(Schema):
    as_of: dt.date
    total: int
    counts: list[Count]


class EvaluationOut(Schema):
    plan_code: str
    unit_code: str
    period: str
    period_label: str
    scheme: str
    summary: str
    total: int
    counts: list[Count]
    groups: list[GroupResultOut]
    targets: list[TargetResultOut]
    tasks: TaskCountsOut


class UnitEvaluationOut(Schema):
    unit_code: str
    unit_name: str
    plan_code: str
    total: int
    evaluated: int = Field(description="Số chỉ tiêu đã có số liệu được tiếp nhận")
    has_figures: bool = Field(
        description="Đơn vị đã có số liệu được tiếp nhận; đơn vị chưa có thì không xếp hạng"
    )
    achieved_percent: float | None = Field(
        description="Tỷ lệ chỉ tiêu đạt và vượt (%); rỗng khi đơn vị chưa có số liệu"
    )
    summary: str
    counts: list[Count]
    submission_id: int | None
    submission_status: str | None
    timeliness: str
    missing_reason: str | None = Field(
        description="Vì sao đơn vị chưa có số liệu được tiếp nhận; null khi đã có"
    )


class ReferenceFigureOut(Schema):
    series: str
    value: float | None


class SeriesPointOut(Schema):
    period: str
    period_label: str
    actual: float | None
    status: str
    plan_figure: float | None
    note: str
    references: list[ReferenceFigureOut]


class BreakdownOut(Schema):
    unit_code: str
    unit_name: str
    target_plan_code: str | None
    target_code: str | None
    actual: float | None
    rate: float | None
    class_key: str
    class_label: str
    baseline: float | None
    baseline_note: str
    missing_reason: str | None = Field(
        description="Vì sao đơn vị chưa có số liệu chỉ tiêu này; null khi đã có"
    )


class VersionOut(Schema):
    version: int
    value: float
    status: str
    is_current: bool
    source: str
    note: str
    recorded_by: str | None
    recorded_at: dt.datetime


class TargetEvaluationOut(Schema):
    plan_code: str
    period: str
    result: TargetResultOut
    series: list[SeriesPointOut]
    breakdown: list[BreakdownOut]
    history: list[VersionOut]
