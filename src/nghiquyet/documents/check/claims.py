"""What a check finds: a claim (a figure a draft states, matched to a target, and what the
data says of it), the verdicts, and the rule that decides them.

A figure is right when it equals the data as rounded to the decimals it is written with
("7,35" for 7,3512; "109,58%" for 109,576%). A figure with a qualifier is right within what
the qualifier allows: "trên 20.900" / "hơn 20.900" when the data is at least 20.900 (and
within :data:`APPROXIMATE` of it), "khoảng 20.900" / "gần 20.900" when the data is within
:data:`APPROXIMATE` of it ("gần": not above).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetDirection
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult
from nghiquyet.text.numbers import NUMBER_PATTERN, read_number
from nghiquyet.text.problems import TextError

RIGHT = "right"
WRONG = "wrong"
UNMATCHED = "unmatched"
VERDICT_WORDS = {RIGHT: "Đúng", WRONG: "Sai", UNMATCHED: "Không có trong số liệu"}

#: How far a figure said "khoảng", "gần", "trên", "hơn" may be from the data: 5%.
APPROXIMATE = 0.05

#: Words before a figure that make it approximate, and how.
QUALIFIERS = {"trên": "at_least", "hơn": "at_least", "khoảng": "about", "gần": "below"}

#: A number as reports write it: "6.388,3", "7,35", "103", "-2,52" (and "1,612.3").
NUMBER = NUMBER_PATTERN


@dataclass
class Claim:
    """One figure a document states, and what the data says of it."""

    text: str
    target: str
    claimed: str
    actual: str
    verdict: str
    #: where it is: index of the paragraph, or ``t<table>.<row>.<cell>`` for a table's cell
    where: str = field(default="", repr=False)


@dataclass
class CheckResult:
    claims: list[Claim]

    @property
    def counts(self) -> dict[str, int]:
        out = {RIGHT: 0, WRONG: 0, UNMATCHED: 0}
        for c in self.claims:
            out[c.verdict] += 1
        return out

    def as_json(self) -> dict:
        return {
            "claims": [{k: v for k, v in asdict(c).items() if k != "where"} for c in self.claims],
            "counts": self.counts,
        }


def number(text: str) -> Decimal | None:
    """The number written (either convention), or None."""
    try:
        return read_number(text.replace("−", "-"))
    except TextError:
        return None


def decimals(text: str) -> int:
    """How many decimals a figure is written with ("7,35": 2; "1,612.3": 1; "6.388": 0)."""
    text = text.rstrip("%").strip()
    if "," in text and "." in text:
        sep = "," if text.rfind(",") > text.rfind(".") else "."
        return len(text.rsplit(sep, 1)[1])
    if "," in text and len(text.rsplit(",", 1)[1]) != 3:
        return len(text.rsplit(",", 1)[1])
    if "." in text and len(text.rsplit(".", 1)[1]) != 3:
        return len(text.rsplit(".", 1)[1])
    if "," in text:  # "1,750": Vietnamese 1,75 — read_number decides; 3 decimals then
        value = number(text)
        return 3 if value is not None and value < 1000 else 0
    return 0


def same(claimed: str, actual: float | None, qualifier: str = "") -> bool:
    """Does the written figure equal the data, rounded to the decimals it is written with
    (or, with a qualifier, lie where the qualifier says)?"""
    value = number(claimed)
    if value is None or actual is None:
        return False
    value = float(value)
    half = 0.5 * 10 ** -decimals(claimed) + 1e-9
    room = abs(value) * APPROXIMATE + half
    if qualifier == "at_least":
        return value - half <= actual <= value + room
    if qualifier == "about":
        return abs(actual - value) <= room
    if qualifier == "below":
        return value - room <= actual <= value + half
    return abs(value - actual) <= half


#: Words of scale before a unit ("1,6 tỷ USD", "1.612,3 triệu USD"), in thousands.
_SCALES = {"nghìn": 1, "ngàn": 1, "triệu": 2, "tỷ": 3, "tỉ": 3}
_SCALE = re.compile(r"\s*\(?((?:(?:" + "|".join(_SCALES) + r")\b\s*)+)")


def _scale(text: str) -> int | None:
    """The scale a unit starts with, in thousands: "tỷ USD" 3, "nghìn tỷ đồng" 4."""
    m = _SCALE.match(text)
    return sum(_SCALES[w] for w in m.group(1).split()) if m else None


def scale_factor(after: str, r: TargetResult) -> float:
    """What the data is multiplied by to be in the figure's scale: 0,001 for "1,6 tỷ USD"
    when the target counts "triệu USD"; 1 when both say the same or either says none."""
    said = _scale(after.lower())
    unit = _scale(r.target.unit_of_measure.lower())
    if said is None or unit is None:
        return 1.0
    return 1000.0 ** (unit - said)


def results(ev: PlanEvaluation) -> list[TargetResult]:
    """The targets a figure can be about: every row and part, composites left out."""
    return [r for row in ev.rows for r in (row, *row.parts) if not r.target.is_composite]


_PREFIXES = ("tốc độ tăng trưởng ", "tốc độ tăng ", "tỷ lệ ", "số ")
_SUFFIXES = (" trên địa bàn", " nhà nước")
#: Abbreviations reports write for words of targets' names ("thu NSNN").
ABBREVIATIONS = {
    "ngân sách nhà nước": "nsnn",
    "bảo hiểm y tế": "bhyt",
    "bảo hiểm xã hội": "bhxh",
    "nông thôn mới": "ntm",
}


def names(r: TargetResult) -> list[str]:
    """The ways a text names the target (lower case), longest first: its name, its
    indicator's, without "tốc độ tăng trưởng", "số", "tỷ lệ" (the indicator's) before them or
    "nhà nước", "trên địa bàn" after them ("thu ngân sách" for "Thu ngân sách nhà nước"),
    with the usual abbreviations ("thu NSNN")."""
    t = r.target
    found = {t.name.lower()}
    if t.indicator_id:
        found.add(t.indicator.name.lower())
        for prefix in _PREFIXES:
            if t.indicator.name.lower().startswith(prefix):
                found.add(t.indicator.name.lower().removeprefix(prefix))
    for prefix in ("tốc độ tăng trưởng ", "tốc độ tăng ", "số "):
        if t.name.lower().startswith(prefix) and len(t.name) > len(prefix) + 3:
            found.add(t.name.lower().removeprefix(prefix))
    for suffix in _SUFFIXES:  # "… nhà nước trên địa bàn": both off, one after the other
        for name in list(found):
            if name.endswith(suffix) and len(name) - len(suffix) >= 10:
                found.add(name.removesuffix(suffix))
    for name in list(found):
        for words, short in ABBREVIATIONS.items():
            if words in name:
                found.add(name.replace(words, short))
    return sorted((n for n in found if len(n) >= 4), key=len, reverse=True)


def target_label(r: TargetResult) -> str:
    return f"{r.target.code}. {r.target.name}"


def judge(
    text: str,
    r: TargetResult,
    claimed: str,
    value: float | None,
    where: str,
    *,
    rate: bool = False,
    qualifier: str = "",
    shown: str = "",
) -> Claim:
    """The claim that ``claimed`` (a figure, "%" kept) is ``value``: right, wrong (with the
    data's figure) or unmatched (no figure in the data)."""
    text = " ".join(text.split())
    target = target_label(r)
    said = f"{shown} {claimed}".strip() if shown else claimed
    if value is None:
        return Claim(text, target, said, "", UNMATCHED, where)
    if r.target.direction == TargetDirection.YES_NO and not rate:
        return Claim(text, target, said, display.yes_no_text(value), UNMATCHED, where)
    figure = claimed.rstrip("%").strip()
    suffix = "%" if claimed.endswith("%") else ""
    verdict = RIGHT if same(figure, value, qualifier) else WRONG
    if rate:
        actual = display.percent(value)
    else:
        actual = display.number(value, max(decimals(figure), r.target.decimals)) + suffix
    return Claim(text, target, said, actual, verdict, where)


#: How a change against the same period last year is written: "tăng 13,18%" (relative),
#: "tăng 0,7 điểm phần trăm" (points of a percentage), "tăng 18 xã" (a difference).
PERCENT, POINTS, DIFFERENCE = "percent", "points", "difference"


def change_values(r: TargetResult, kind: str) -> list[float]:
    """What the data says the change against the same period last year is, in ``kind``
    (for a percentage target, "tăng 0,7%" may mean points: both are accepted)."""
    if r.actual is None or r.baseline is None:
        return []
    diff = r.actual - r.baseline
    relative = diff / abs(r.baseline) * 100.0 if r.baseline else None
    if kind == PERCENT:
        found = [relative] if relative is not None else []
        if r.target.unit_of_measure == "%":
            found.append(diff)
        return found
    return [diff]


def judge_change(text: str, r: TargetResult, figure: str, kind: str, where: str) -> Claim:
    """The claim that the change against last year is ``figure`` (signed: "-19,64"), in
    ``kind``: right, wrong (with the data's change) or unmatched (no figure last year)."""
    text = " ".join(text.split())
    unit = {PERCENT: "%", POINTS: " điểm %", DIFFERENCE: ""}[kind]
    said = f"{figure}{unit} so với cùng kỳ"
    values = change_values(r, kind)
    if not values or r.target.direction == TargetDirection.YES_NO:
        return Claim(text, target_label(r), said, "", UNMATCHED, where)
    verdict = RIGHT if any(same(figure, v) for v in values) else WRONG
    value = values[0]
    places = max(decimals(figure), 1 if kind != DIFFERENCE else r.target.decimals)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    actual = f"{sign}{display.number(abs(value), places)}{unit} so với cùng kỳ"
    return Claim(text, target_label(r), said, actual, verdict, where)
