"""Reporting periods."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


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
