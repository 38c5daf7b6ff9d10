"""Report periods and their data cut-offs (Nghị định 09/2019/NĐ-CP, Điều 12).

- month: from the 15th of the previous month to the 14th of the month;
- quarter: from the 15th of the month before the quarter to the 14th of its last month;
- 6 months: 15/12 of the previous year to 14/6;
- 9 months: 15/12 of the previous year to 14/9;
- year: 15/12 of the previous year to 14/12;
- term: 15/12 of the first year to 14/12 of the last year.

The default submission deadline is the 20th of the period's last month, the
date by which provinces send periodic reports to the Government; an office
may set its own on each period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nghiquyet.text.periods import read_period

from .choices import PeriodKind

DEFAULT_DEADLINE_DAY = 20
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    year: int
    number: int | None = None  # month 1–12 or quarter 1–4
    end_year: int | None = None  # last year of a term

    @property
    def key(self) -> str:
        """Natural key: ``2022``, ``2022-H1``, ``2022-9M``, ``2022-Q3``, ``2022-M07``,
        ``2020-2025``."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}"
            case PeriodKind.HALF_YEAR:
                return f"{self.year}-H1"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year}-9M"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.number}"
            case PeriodKind.MONTH:
                return f"{self.year}-M{self.number:02d}"
            case PeriodKind.TERM:
                return f"{self.year}-{self.end_year}"
        raise ValueError(self.kind)

    @property
    def last_month(self) -> tuple[int, int]:
        """(year, month) of the period's last month."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.year, self.number
            case PeriodKind.QUARTER:
                return self.year, self.number * 3
            case PeriodKind.HALF_YEAR:
                return self.year, 6
            case PeriodKind.NINE_MONTHS:
                return self.year, 9
            case PeriodKind.YEAR:
                return self.year, 12
            case PeriodKind.TERM:
                return self.end_year, 12
        raise ValueError(self.kind)

    @property
    def first_month(self) -> tuple[int, int]:
        match self.kind:
            case PeriodKind.MONTH:
                return self.year, self.number
            case PeriodKind.QUARTER:
                return self.year, self.number * 3 - 2
            case PeriodKind.TERM:
                return self.year + 1, 1
        return self.year, 1

    @property
    def months(self) -> int:
        """How many months the period spans (a year-to-date period counts from January)."""
        first_year, first = self.first_month
        last_year, last = self.last_month
        return (last_year - first_year) * 12 + last - first + 1

    @property
    def start_date(self) -> dt.date:
        year, month = self.first_month
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return dt.date(year, month, 15)

    @property
    def end_date(self) -> dt.date:
        year, month = self.last_month
        return dt.date(year, month, 14)

    @property
    def default_deadline(self) -> dt.date:
        year, month = self.last_month
        return dt.date(year, month, DEFAULT_DEADLINE_DAY)

    def model_fields(self, deadline: dt.date | None = None) -> dict:
        """The fields of a ``Period`` row for this period (the deadline defaults to the 20th
        of the last month)."""
        return {
            "key": self.key,
            "kind": self.kind,
            "year": self.year,
            "number": self.number,
            "end_year": self.end_year,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "deadline": deadline or self.default_deadline,
        }

    @property
    def label(self) -> str:
        """The period's name in the active language ("6 tháng đầu năm 2021", "First half of
        2021"); the documents, made in Vietnamese, ask under ``override("vi")``."""
        facts = {"year": self.year, "end_year": self.end_year, "number": self.number}
        match self.kind:
            case PeriodKind.YEAR:
                return _("Năm %(year)s") % facts
            case PeriodKind.HALF_YEAR:
                return _("6 tháng đầu năm %(year)s") % facts
            case PeriodKind.NINE_MONTHS:
                return _("9 tháng năm %(year)s") % facts
            case PeriodKind.QUARTER:
                return _("Quý %(roman)s/%(year)s") % {**facts, "roman": _ROMAN[self.number]}
            case PeriodKind.MONTH:
                return _("Tháng %(number)s/%(year)s") % facts
            case PeriodKind.TERM:
                return _("Nhiệm kỳ %(year)s–%(end_year)s") % facts
        raise ValueError(self.kind)

    def previous_year(self) -> PeriodSpec:
        """The same period one year earlier ("cùng kỳ năm trước")."""
        return PeriodSpec(
            self.kind,
            self.year - 1,
            self.number,
            self.end_year - 1 if self.end_year else None,
        )

    def validate(self) -> None:
        if self.kind not in PeriodKind.values:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if self.kind == PeriodKind.MONTH and not (self.number and 1 <= self.number <= 12):
            raise ValueError("a month period needs a month from 1 to 12")
        if self.kind == PeriodKind.QUARTER and not (self.number and 1 <= self.number <= 4):
            raise ValueError("a quarter period needs a quarter from 1 to 4")
        if self.kind == PeriodKind.TERM and not (self.end_year and self.end_year > self.year):
            raise ValueError("a term needs an end year after its start year")
        if self.kind not in (PeriodKind.MONTH, PeriodKind.QUARTER) and self.number is not None:
            raise ValueError(f"a {self.kind} period has no number")


def parse_period_key(key: str) -> PeriodSpec:
    """Inverse of :attr:`PeriodSpec.key`, and the words of the documents ("6 tháng đầu năm
    2022", "quý III/2022"), read by the text layer; raises ``TextError`` (a ValueError) with
    a Vietnamese message."""
    kind, year, number, end_year = read_period(key)
    spec = PeriodSpec(kind, year, number, end_year)
    spec.validate()
    return spec
