"""Accepted figures and the bulk exchange of figures (export, import)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from .submissions import Figure


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
