"""What a target's wording says: :class:`TargetForm` and its parts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..problems import Message, _

HIGHER, LOWER, YES_NO, BAND = "higher", "lower", "yes_no", "band"
LEVEL, CHANGE_PERCENT, CHANGE_POINTS = "level", "change_percent", "change_points"
INCREASE, DECREASE = "increase", "decrease"

#: How to write a target, said after every problem.
TARGET_HINT = Message(
    _(
        "viết như nghị quyết ghi, ví dụ: “từ 11% trở lên”, “dưới 4%”, “6,5 - 7%”, "
        "“khoảng 30%”, “giảm 0,7% (còn 4,33%)”, “87-88 triệu đồng”, “đạt chuẩn đô thị loại I”"
    )
)


@dataclass(frozen=True)
class TargetPart:
    """A "trong đó" part: its own name and its own form."""

    name: str
    form: TargetForm


@dataclass(frozen=True)
class TargetForm:
    """What a target's wording says (see :mod:`nghiquyet.text.targets`)."""

    direction: str = HIGHER
    low: Decimal | None = None
    high: Decimal | None = None
    strict: bool = False
    unit: str = ""
    comparison: str = LEVEL
    #: ``increase`` or ``decrease`` for a change; empty for a level
    change: str = ""
    approximate: bool = False
    #: "cùng kỳ", "ước thực hiện năm 2017": what a change is against ("so với …")
    base: str = ""
    #: "/năm", "hằng năm": a figure for each year
    per_year: bool = False
    #: "bình quân": an average over the years
    average: bool = False
    #: "5 năm", "giai đoạn 2021-2025": the span a total is over
    period: str = ""
    #: the level that goes with a change ("(còn 4,33%)") or the change with a level
    also: TargetForm | None = None
    parts: tuple[TargetPart, ...] = ()
    #: the standard of a yes/no target ("đạt chuẩn đô thị loại I")
    standard: str = ""

    @property
    def is_range(self) -> bool:
        return self.high is not None and self.high != self.low

    def to_dict(self) -> dict:
        """The form as JSON (numbers as numbers), as ``nghiquyet plan extract --json`` prints."""
        return {
            "direction": self.direction,
            "low": None if self.low is None else float(self.low),
            "high": None if self.high is None else float(self.high),
            "strict": self.strict,
            "unit": self.unit,
            "comparison": self.comparison,
            "change": self.change,
            "approximate": self.approximate,
            "base": self.base,
            "per_year": self.per_year,
            "average": self.average,
            "period": self.period,
            "standard": self.standard,
            "also": self.also.to_dict() if self.also else None,
            "parts": [{"name": p.name, **p.form.to_dict()} for p in self.parts],
        }
