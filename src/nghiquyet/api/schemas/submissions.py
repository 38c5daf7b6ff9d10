"""Reporting rounds and units' reports (submissions)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class RoundOut(Schema):
    id: int
    plan_code: str
    period: str
    period_label: str
    deadline: dt.date
    note: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None = Field(description="Đóng lúc; rỗng: đợt đang mở")
    units: int
    accepted: int


class CompletenessOut(Schema):
    submission_id: int
    unit_code: str
    unit_name: str
    status: str
    timeliness: str
    deadline: dt.date = Field(description="Hạn của đơn vị (hạn riêng khi được gia hạn riêng)")
    filled: int
    total: int


class ReportingRoundDetailOut(RoundOut):
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


# --- the office's rounds: preview, extend, close, remind -----------------------------------


class PreviewUnitOut(Schema):
    unit_code: str
    unit_name: str
    reasons: list[str] = Field(
        description="Vì sao đơn vị nhận báo cáo: chủ trì chỉ tiêu, đơn vị ban hành, cụ thể hóa"
    )
    targets: int


class NeverAskedOut(Schema):
    unit_code: str
    unit_name: str


class RoundPreviewOut(Schema):
    plan_code: str
    units: list[PreviewUnitOut]
    never_asked: list[NeverAskedOut] = Field(
        description="Đơn vị cấp dưới mà chỉ tiêu cộng dồn cần, nhưng không báo cáo nào hỏi đến"
    )
    summed_targets: list[str] = Field(description="Số các chỉ tiêu cộng từ đơn vị cấp dưới")


class RoundExtendIn(Schema):
    deadline: dt.date = Field(..., description="Hạn mới: sau hạn hiện tại, không trong quá khứ")
    reason: str = Field(..., min_length=1, max_length=4000, description="Lý do gia hạn")
    units: list[str] | None = Field(
        None,
        max_length=500,
        description="Mã các đơn vị được gia hạn riêng; bỏ trống: gia hạn chung cả đợt",
    )


class RoundExtendOut(ReportingRoundDetailOut):
    extended: int = Field(description="Số báo cáo có hạn mới")


class RoundCloseIn(Schema):
    note: str = Field("", max_length=4000)


class RemindOut(Schema):
    reminders: int = Field(description="Số lời nhắc đã tạo hôm nay (0: không đơn vị nào cần nhắc)")
