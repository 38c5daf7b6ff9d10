"""A report period as people and files write it: the keys (``2022``, ``2022-H1``, ``2022-9M``,
``2022-Q3``, ``2022-M07``, ``2020-2025``) and the words of the documents ("6 tháng đầu năm
2022", "9 tháng năm 2022", "quý III/2022", "tháng 7/2022", "năm 2022", "nhiệm kỳ 2020 – 2025").

:func:`read_period` returns ``(kind, year, number, end_year)`` with the kinds of
``reporting.choices.PeriodKind`` (a test holds them equal); ``reporting.periods`` makes its
``PeriodSpec`` from it.
"""

from __future__ import annotations

import re
import unicodedata

from .problems import Message, _, fail
from .words import fold

MONTH = "month"
QUARTER = "quarter"
HALF_YEAR = "half_year"
NINE_MONTHS = "nine_months"
YEAR = "year"
TERM = "term"

KINDS = (MONTH, QUARTER, HALF_YEAR, NINE_MONTHS, YEAR, TERM)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(\d{4})"

_KEYS = (
    (re.compile(rf"^{_YEAR}$"), YEAR),
    (re.compile(rf"^{_YEAR}_h1$"), HALF_YEAR),
    (re.compile(rf"^{_YEAR}_9m$"), NINE_MONTHS),
    (re.compile(rf"^{_YEAR}_q(\d)$"), QUARTER),
    (re.compile(rf"^{_YEAR}_m(\d{{1,2}})$"), MONTH),
    (re.compile(rf"^{_YEAR}_{_YEAR}$"), TERM),
)

# Compared on the folded text: "6 tháng đầu năm 2022" → "6_thang_dau_nam_2022".
_WORDS = (
    (re.compile(rf"^(?:nam_)?{_YEAR}$"), YEAR),
    (re.compile(rf"^6_thang(?:_dau_nam)?(?:_nam)?_{_YEAR}$"), HALF_YEAR),
    (re.compile(rf"^9_thang(?:_dau_nam)?(?:_nam)?_{_YEAR}$"), NINE_MONTHS),
    (re.compile(rf"^quy_(i|ii|iii|iv|\d)(?:_nam)?_{_YEAR}$"), QUARTER),
    (re.compile(rf"^thang_(\d{{1,2}})(?:_nam)?_{_YEAR}$"), MONTH),
    (re.compile(rf"^(\d{{1,2}})_{_YEAR}$"), MONTH),
    (re.compile(rf"^(?:nhiem_ky|giai_doan)_{_YEAR}_{_YEAR}$"), TERM),
)

PERIOD_HINT = Message(
    _(
        "ghi 2022, 2022-H1 (6 tháng), 2022-9M, 2022-Q3, 2022-M07, 2020-2025 hoặc như văn bản: "
        "6 tháng đầu năm 2022, quý III/2022, tháng 7/2022, nhiệm kỳ 2020-2025"
    )
)


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("/", " ").replace(".", " ")
    text = re.sub(r"[–—‒−]", "-", text)
    return fold(text)


def read_period(text: str) -> tuple[str, int, int | None, int | None]:
    """``(kind, year, number, end_year)`` of a period key or wording; raises ``TextError``."""
    written = str(text).strip()
    key = _folded(written)
    found = None
    for patterns in (_KEYS, _WORDS):
        for pattern, kind in patterns:
            match = pattern.match(key)
            if match:
                found = kind, match.groups()
                break
        if found:
            break
    if found is None:
        raise fail(
            _("kỳ báo cáo “%(text)s” không hợp lệ; %(hint)s"), text=written, hint=PERIOD_HINT
        )
    kind, groups = found
    if kind == TERM:
        start, end = int(groups[0]), int(groups[1])
        if end <= start:
            raise fail(_("kỳ báo cáo “%(text)s”: năm cuối nhiệm kỳ phải sau năm đầu"), text=written)
        return kind, start, None, end
    if kind in (MONTH, QUARTER):
        if groups[0].isdigit() and len(groups[0]) == 4:  # a key: year first
            year, number = int(groups[0]), int(groups[1])
        else:
            number = _ROMAN.get(groups[0]) or int(groups[0])
            year = int(groups[1])
        if not 1 <= number <= (12 if kind == MONTH else 4):
            raise fail(
                _("kỳ báo cáo “%(text)s” không hợp lệ; %(hint)s"), text=written, hint=PERIOD_HINT
            )
        return kind, year, number, None
    return kind, int(groups[0]), None, None
