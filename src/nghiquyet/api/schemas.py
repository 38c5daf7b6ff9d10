"""What the API reads and writes. Numbers are JSON numbers; dates and times are ISO 8601."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, create_model

# --- common ------------------------------------------------------------------------------------


class Count(Schema):
    """How many items of one class (or task status), with its label in the request's language."""

    key: str
    label: str
    count: int


def page_of(item: type[Schema]) -> type[Schema]:
    """``{"count": …, "limit": …, "offset": …, "items": [...]}`` of ``item``."""
    return create_model(
        f"{item.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        count=(int, Field(description="Tổng số mục khớp bộ lọc")),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[item], ...),
    )


# --- org units ---------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: str | None
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None


# --- plans -------------------------------------------------------------------------------------


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


# --- tasks -------------------------------------------------------------------------------------


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


# --- periods -----------------------------------------------------------------------------------


class PeriodOut(Schema):
    key: str
    kind: str
    label: str
    year: int
    number: int | None
    end_year: int | None
    start_date: dt.date
    end_date: dt.date
    deadline: dt.date


# --- rounds and submissions --------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    plan_code: str
    period: str
    period_label: str
    deadline: dt.date
    note: str
    opened_at: dt.datetime
    units: int
    accepted: int


class CompletenessOut(Schema):
    submission_id: int
    unit_code: str
    unit_name: str
    status: str
    timeliness: str
    filled: int
    total: int


class RoundDetailOut(RoundOut):
    completeness: list[CompletenessOut]


class RoundIn(Schema):
    plan: str = Field(max_length=64, description="Mã nghị quyết, kế hoạch, ví dụ thanhpho-2021")
    period: str = Field(max_length=16, description="Mã kỳ: 2021, 2021-H1, 2021-9M, 2021-Q3…")
    deadline: dt.date | None = None
    note: str = Field("", max_length=4000)


class SubmissionOut(Schema):
    id: int
    round_id: int
    plan_code: str
    period: str
    period_label: str
    unit_code: str
    unit_name: str
    status: str
    status_label: str
    revision: int
    version: int
    deadline: dt.date
    timeliness: str
    submitted_at: dt.datetime | None
    first_submitted_at: dt.datetime | None
    updated_at: dt.datetime


class EntryOut(Schema):
    id: int
    plan_code: str
    target_code: str
    target_name: str
    unit_code: str
    kind: Literal["plain", "ratio", "yes_no"]
    unit_of_measure: str
    value: float | None
    value_text: str = Field(
        "", description="Số liệu như đã ghi, khi không chỉ là một số (“khoảng 22.710”, “61-62”)"
    )
    numerator: float | None
    denominator: float | None
    status: str
    note: str
    implausible: bool
    #: the data-quality rules the figure breaks, one sentence a line (reporting.quality); the
    #: note is the unit's explanation
    quality: str = ""
    updated_at: dt.datetime | None
    previous_value: float | None
    previous_period: str | None
    last_year_value: float | None


class RightsOut(Schema):
    edit: bool
    submit: bool
    approve: bool
    return_: bool = Field(alias="return")
    accept: bool
    reopen: bool


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    version: int
    actor: str | None
    at: dt.datetime
    comment: str


class SubmissionDetailOut(SubmissionOut):
    rights: RightsOut
    entries: list[EntryOut]
    events: list[EventOut]


#: A figure as sent: a JSON number, or text written the Vietnamese ("1.234,5") or English way.
Figure = float | str | None


class EntryIn(Schema):
    id: int = Field(ge=1, le=2**63 - 1, description="Mã dòng (id trong entries của báo cáo)")
    value: Figure = None
    numerator: Figure = None
    denominator: Figure = None
    status: str | None = Field(None, max_length=32)
    note: str | None = Field(None, max_length=4000)


class EntriesIn(Schema):
    revision: int = Field(
        ge=0, le=2**31 - 1, description="revision của báo cáo mà bạn đã đọc (khóa lạc quan)"
    )
    entries: list[EntryIn] = Field(max_length=5000)


class TransitionIn(Schema):
    revision: int = Field(ge=0, le=2**31 - 1)
    comment: str = Field("", max_length=4000)


# --- values and exchange -----------------------------------------------------------------------


class ValueOut(Schema):
    unit_code: str
    indicator_code: str
    period: str
    value: float
    value_text: str = Field(
        "", description="Số liệu như báo cáo đã ghi, khi không chỉ là một số (“khoảng 22.710”)"
    )
    numerator: float | None
    denominator: float | None
    status: str
    version: int
    source: str
    note: str
    recorded_at: dt.datetime


class ExchangeRowIn(Schema):
    """One figure keyed by natural codes; absent fields keep the report's current content."""

    plan_code: str | None = Field(None, max_length=64)
    unit_code: str = Field(max_length=32)
    target_code: str = Field(max_length=16)
    period: str | None = Field(None, max_length=16)
    value: Figure = None
    numerator: Figure = None
    denominator: Figure = None
    status: str | None = Field(None, max_length=32)
    note: str | None = Field(None, max_length=4000)


class ExchangeIn(Schema):
    plan: str | None = Field(None, max_length=64, description="Mã văn bản chung cho mọi dòng")
    period: str | None = Field(None, max_length=16, description="Mã kỳ chung cho mọi dòng")
    rows: list[ExchangeRowIn] = Field(max_length=20000)


class ExchangeRowOut(Schema):
    plan_code: str
    unit_code: str
    target_code: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str
    note: str
    source: Literal["accepted", "submission"]
    version: int | None
    submission_id: int | None
    submission_status: str | None


class ExchangeChangeOut(Schema):
    row: int
    plan_code: str
    unit_code: str
    target_code: str
    period: str
    field: str
    old: Any = None
    new: Any = None


class ExchangeSubmissionOut(Schema):
    id: int
    unit_code: str
    period: str
    status: str
    revision: int
    changed: int


class ImportOut(Schema):
    dry_run: bool
    rows: int
    changed: int
    unchanged: int
    message: str
    submissions: list[ExchangeSubmissionOut]
    changes: list[ExchangeChangeOut]


# --- evaluation --------------------------------------------------------------------------------


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


# --- audit and accounts ------------------------------------------------------------------------


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor: str | None
    action: str
    action_label: str
    object_type: str
    object_id: str
    object_repr: str
    unit_code: str | None
    changes: dict[str, Any]
    note: str
    correlation_id: str | None = Field(
        description="Mã thao tác: các sự kiện của cùng một thao tác (ví dụ một lần nhập nghị "
        "quyết) có cùng mã"
    )


class GrantOut(Schema):
    role: str
    role_label: str
    unit_code: str
    unit_name: str


class TokenInfoOut(Schema):
    name: str
    prefix: str
    expires_at: dt.datetime
    last_used_at: dt.datetime | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_superuser: bool
    language: str
    grants: list[GrantOut]
    token: TokenInfoOut | None
