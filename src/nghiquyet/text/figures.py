"""Figures as reports print them: ``khoảng 22.710``, ``ước 7,35``, ``61-62``, ``trên 4``,
``giảm 1,72%``, ``10.994 người``, ``Xuất siêu``.

A figure is a number with, around it, what the report said about it: a qualifier (about,
estimated, above, below), a change (tăng, giảm), a range, a unit, a remark after a comma
("khoảng 22.710 tỷ đồng, đạt 102,3% KH"). :func:`read_figure` keeps all of it and the text as
written; :meth:`Figure.number` is the one number evaluated, by these rules (docs/excel.md):

- ``khoảng``/``ước``/``trên``/``dưới``/``từ … trở lên`` and a unit change nothing: ``trên 4`` is 4
  (the bound itself; for "higher is better" it is the figure a province would count);
- **a range** (``61-62``, ``từ 61 đến 62``) is rated by the bound the target's direction makes
  conservative: the lower bound when higher is better (61), the upper bound when lower is
  better (62), the lower bound when the direction is not known;
- ``giảm X`` is −X — unless the target itself measures a reduction ("Mức giảm tỷ lệ hộ nghèo",
  "Giảm tỷ lệ hộ nghèo"), where it is X; ``tăng X`` is X;
- ``Xuất siêu`` (a trade surplus) is the import-surplus rate "below 0": 0, counted below any
  positive ceiling ("Tỷ lệ nhập siêu … dưới 3": Xuất siêu, Vượt — Chính phủ, kết quả 12 chỉ tiêu
  năm 2019).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .cells import Cell, cell_text, is_blank, read_cell_number
from .numbers import MIXED, NUMBER_PATTERN, TOO_LARGE, NumberReader, bounded
from .problems import Message, TextError, _, fail
from .words import fold

APPROX = "approx"
ESTIMATE = "estimate"
ABOVE = "above"
BELOW = "below"

INCREASE = "increase"
DECREASE = "decrease"

#: Words before the number, longest first (compared on the lower-cased text).
_LEADING: tuple[tuple[str, str], ...] = (
    ("ước thực hiện", ESTIMATE),
    ("ước tính", ESTIMATE),
    ("ước đạt", ESTIMATE),
    ("ước", ESTIMATE),
    ("khoảng", APPROX),
    ("xấp xỉ", APPROX),
    ("gần", APPROX),
    ("trên", ABOVE),
    ("hơn", ABOVE),
    ("ít nhất", ABOVE),
    ("tối thiểu", ABOVE),
    ("≥", ABOVE),
    (">=", ABOVE),
    (">", ABOVE),
    ("dưới", BELOW),
    ("không quá", BELOW),
    ("tối đa", BELOW),
    ("≤", BELOW),
    ("<=", BELOW),
    ("<", BELOW),
    ("đạt", ""),
    ("là", ""),
    ("còn", ""),
)

_CHANGES = (("tăng", INCREASE), ("giảm", DECREASE))

_TRAILING = (("trở lên", ABOVE), ("trở xuống", BELOW))

_NUMBER = re.compile(rf"\s*({NUMBER_PATTERN})\s*%?")
_RANGE_DASH = re.compile(r"\s*[-–—]\s*")
_RANGE_WORD = re.compile(r"\s*(?:đến|tới)\s*")
_UNIT = re.compile(r"^[^\d]{0,40}$")
#: A remark after the figure: ", đạt 102,3% KH", "(trở lên)" is not one.
_REMARK = re.compile(r"(?:,\s+|;\s*|\s+\((?!trở)).*$", re.S)

#: Words that are a figure on their own.
_WORD_FIGURES = {"xuat_sieu": (Decimal(0), BELOW, "%")}

FIGURE_HINT = Message(
    _(
        "viết số như 1.234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân), "
        "có thể kèm chữ như trong báo cáo: khoảng 22.710, ước 7,35, 61-62, trên 4, giảm 1,72%, "
        "10.994 người"
    )
)

_RATE_WORDS = ("ke_hoach", "kh", "so_voi", "so_cung_ky", "cung_ky")

#: Where a target itself measures a reduction, "giảm X" is X.
_REDUCTION_NAMES = ("giam", "muc_giam", "ty_le_giam", "keo_giam", "toc_do_giam")


@dataclass(frozen=True)
class Figure:
    """A figure as written: ``text``, and what it says (see the module's rules)."""

    text: str
    low: Decimal
    high: Decimal | None = None
    qualifier: str = ""
    change: str = ""
    unit: str = ""
    remark: str = ""

    @property
    def plain(self) -> bool:
        """Only a number (``1.234,5``, ``6,5%``): nothing to keep beside it."""
        return not (self.high is not None or self.qualifier or self.change or self.unit)

    def number(self, *, direction: str | None = None, reduction: bool = False) -> Decimal:
        """The number evaluated: a range's bound by ``direction``, a reduction's sign."""
        value = self.low
        if self.high is not None and direction == "lower":
            value = self.high
        if self.change == DECREASE and not reduction:
            value = -value
        return value


def measures_reduction(name: str) -> bool:
    """ "Mức giảm tỷ lệ hộ nghèo", "Giảm tỷ lệ hộ nghèo": the figure is the reduction itself."""
    key = fold(name)
    return any(key == n or key.startswith(n + "_") for n in _REDUCTION_NAMES)


def _strip_prefix(text: str, words) -> tuple[str, str | None]:
    lowered = text.lower()
    for word, meaning in words:
        if lowered.startswith(word) and (
            not word[-1].isalpha() or len(text) == len(word) or not text[len(word)].isalpha()
        ):
            return text[len(word) :].lstrip(), meaning
    return text, None


def _bad(written: str) -> TextError:
    return fail(_("“%(text)s” không phải là một số; %(hint)s"), text=written, hint=FIGURE_HINT)


def _read(reader: NumberReader, number: str, written: str) -> Decimal:
    try:
        return reader.read(number)
    except TextError as exc:
        if exc.problem.message == MIXED:
            raise
        raise _bad(written) from None


def parse_figure(written: str, reader: NumberReader | None = None) -> Figure:
    """The figure a text says; raises ``TextError`` naming what to write instead."""
    reader = reader or NumberReader()
    text = unicodedata.normalize("NFC", written).strip()
    if not text:
        raise fail(_("ô trống; hãy ghi một số"))
    word = _WORD_FIGURES.get(fold(text.rstrip(".")))
    if word is not None:
        value, qualifier, unit = word
        return Figure(text, value, qualifier=qualifier, unit=unit)
    rest = text
    remark = ""
    found = _REMARK.search(rest)
    if found and found.start() > 0:
        remark = found.group(0).strip(" ,;")
        rest = rest[: found.start()]
    qualifier = change = ""
    while True:
        rest, meaning = _strip_prefix(rest, _LEADING)
        if meaning is None:
            rest, meaning = _strip_prefix(rest, _CHANGES)
            if meaning is None:
                break
            change = meaning
        elif meaning:
            qualifier = qualifier or meaning
    rest, word_from = _strip_prefix(rest, (("từ", ABOVE),))
    number = _NUMBER.match(rest)
    if number is None:
        raise _bad(text)
    low = _read(reader, number.group(1), text)
    rest = rest[number.end() :]
    high = None
    joint = _RANGE_DASH.match(rest) or _RANGE_WORD.match(rest)
    if joint:
        second = _NUMBER.match(rest[joint.end() :])
        if second is None:
            raise _bad(text)
        high = _read(reader, second.group(1), text)
        rest = rest[joint.end() + second.end() :]
        if high < low:
            low, high = high, low
        word_from = None
    rest = rest.strip().strip("()").strip()
    for words, meaning in _TRAILING:
        if rest.lower().endswith(words):
            qualifier = qualifier or meaning
            rest = rest[: -len(words)].strip().strip("()").strip()
    if word_from and not qualifier:
        qualifier = ABOVE
    percent = "%" in number.group(0)
    unit = rest.strip()
    if not _UNIT.match(unit) or (percent and fold(unit).startswith(_RATE_WORDS)):
        # "99,8% kế hoạch", "102,3% KH" is a rate against the plan, not the figure
        raise _bad(text)
    if percent and not unit:
        unit = "%"
    return Figure(
        text,
        bounded(low, text),
        bounded(high, text) if high is not None else None,
        qualifier,
        change,
        unit,
        remark,
    )


def read_figure(cell: Cell, reader: NumberReader | None = None) -> Figure | None:
    """A cell that holds a figure, typed as a number or written as printed; None when empty."""
    if is_blank(cell):
        return None
    if not isinstance(cell, str):
        value = read_cell_number(cell, reader)
        return Figure(cell_text(cell), value) if value is not None else None
    try:
        value = read_cell_number(cell, reader)
    except TextError as exc:
        if exc.problem.message in (MIXED, TOO_LARGE):
            raise
        return parse_figure(cell, reader)
    return Figure(cell.strip(), value) if value is not None else None


def read_figure_value(
    cell: Cell,
    reader: NumberReader | None = None,
    *,
    direction: str | None = None,
    reduction: bool = False,
    compared: bool = False,
) -> tuple[Decimal | None, str]:
    """A report's figure for a target: its number and, when it said more than a number, its text.

    ``direction`` (``higher``/``lower``) and ``reduction`` (the target measures a reduction)
    apply the rules of :meth:`Figure.number`; a target ``compared`` with the same period of
    last year takes the level reached, never a change ("giảm 1,72%" is refused there: the
    change is computed).
    """
    figure = read_figure(cell, reader)
    if figure is None:
        return None, ""
    if compared and figure.change:
        raise fail(
            _(
                "“%(text)s” là mức tăng, giảm; chỉ tiêu này so với cùng kỳ năm trước nên hãy ghi "
                "số đạt được trong kỳ, hệ thống tự tính mức tăng, giảm"
            ),
            text=figure.text,
        )
    return figure.number(direction=direction, reduction=reduction), (
        "" if figure.plain else figure.text[:200]
    )
