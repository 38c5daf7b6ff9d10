"""A resolution sheet's cells as values: numbers, ranges, tolerances, dates, spans, codes, and
the words people type in the columns that choose ("tăng", "cộng dồn", "tỷ lệ"…).

Every cell becomes a value through the text layer (:mod:`nghiquyet.text`: numbers, the words
of the choosing columns), its problem reported by sheet, row and column in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.selectors import orgunit_codes_resolve
from nghiquyet.plans.choices import (
    Aggregation,
    PlanKind,
    TargetChange,
    TargetDirection,
    Temporal,
)
from nghiquyet.plans.models import Plan
from nghiquyet.text import (
    NumberReader,
    TextError,
    cell_text,
    directions,
    label_key,
    read_cell_number,
    word_map,
)

from ..problems import problem_text
from .spec import TEXT_MAX, Field

_ROMAN = re.compile(r"^([IVXLC]+)\.?$")


_ROMAN_WITH_NAME = re.compile(r"^([IVXLC]+)[.)]\s+(\S.*)$")


_TARGET_CODE = re.compile(r"^\d[0-9A-Za-z.]*$")


SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


RANGE = re.compile(r"^\s*([^–—-]+?)\s*[–—-]\s*([^–—-]+?)\s*$")


_SPAN = re.compile(r"^\s*(\d{4})\s*(?:[–—-]\s*(\d{4}))?\s*$")


def kind_words() -> dict[str, str]:
    words = {}
    for value, label in PlanKind.choices:
        words[label_key(value)] = value
        words[label_key(label)] = value
        words[label_key(re.sub(r"\(.*?\)", "", str(label)))] = value
    words.update(
        word_map(
            [
                (PlanKind.TERM_RESOLUTION, ("Nghị quyết Đại hội", "nghị quyết nhiệm kỳ")),
                (PlanKind.ANNUAL_RESOLUTION, ("Nghị quyết năm", "nghị quyết hằng năm")),
                (PlanKind.THEMATIC_RESOLUTION, ("Nghị quyết chuyên đề",)),
                (PlanKind.CONCLUSION, ("Kết luận", "thông báo kết luận")),
            ]
        )
    )
    return words


#: The words of the direction column: the text layer's one list.
DIRECTION_WORDS = list(directions.DIRECTION_WORDS)


CHANGE_WORDS = [
    (TargetChange.NONE, ("—", "-", "–", "không", "không so sánh", "none")),
    (
        TargetChange.INCREASE,
        ("tăng % so cùng kỳ", "tăng so cùng kỳ", "tăng %", "tăng", "increase"),
    ),
    (
        TargetChange.DECREASE,
        ("giảm % so cùng kỳ", "giảm so cùng kỳ", "giảm %", "giảm", "decrease"),
    ),
]


TEMPORAL_WORDS = [
    (Temporal.ANNUAL, ("trong năm", "năm", "lũy kế trong năm", "annual")),
    (Temporal.LEVEL, ("mức", "mức đạt", "tại thời điểm", "level")),
    (Temporal.CUMULATIVE, ("cộng dồn", "cộng dồn cả giai đoạn", "lũy kế giai đoạn", "cumulative")),
    (Temporal.AVERAGE, ("bình quân", "bình quân hằng năm", "average")),
]


AGGREGATION_WORDS = [
    (Aggregation.SUM, ("cộng", "tổng", "sum")),
    (Aggregation.RATIO, ("tỷ lệ", "tỉ lệ", "tử số / mẫu số", "ratio")),
    (Aggregation.NONE, ("không", "không cộng được", "none")),
]


ONGOING_WORDS = {label_key(w) for w in ("thường xuyên", "hằng năm", "liên tục")}


class Cells:
    """One worksheet's cells with the problem list and the helpers that fill it."""

    def __init__(self, name: str, rows: list[list], user):
        self.name = name
        self.rows = rows
        self.problems: list[str] = []
        self.scope = scope_for(user)
        english = (get_language() or "vi").startswith("en")
        self.reader = NumberReader.english_page() if english else NumberReader()
        self._units: dict[str, OrgUnit | None] = {}
        self.columns_targets: dict[str, int] = {}
        self.columns_tasks: dict[str, int] = {}

    def cell(self, row: int, col: int | None):
        if col is None or row - 1 >= len(self.rows) or col - 1 >= len(self.rows[row - 1]):
            return ""
        value = self.rows[row - 1][col - 1]
        return value.strip() if isinstance(value, str) else value

    def text(self, row: int, col: int | None) -> str:
        value = self.cell(row, col)
        return "" if value == "" or value is None else cell_text(value).strip()

    def bad(self, row: int, col: int | None, what: str, message: str) -> None:
        self.problems.append(problem_text(self.name, row, col, what, message))

    def number(self, row: int, col: int | None, what: str) -> Decimal | None:
        try:
            return read_cell_number(self.cell(row, col), self.reader)
        except TextError as exc:
            self.bad(row, col, what, exc.problem.text)
            return None

    def unit(self, row: int, col: int | None, what: str, code: str) -> OrgUnit | None:
        if re.search(r"[;,\n]", code):
            self.bad(
                row,
                col,
                what,
                _(
                    "chỉ ghi một đơn vị chủ trì (“%(text)s”); các đơn vị khác ghi ở cột Đơn vị "
                    "phối hợp"
                )
                % {"text": code},
            )
            return None
        if code not in self._units:
            # The official code, or another source's code kept as an alias.
            self._units[code] = orgunit_codes_resolve(user=self.scope, codes=[code]).get(code)
        found = self._units[code]
        if found is None:
            self.bad(
                row,
                col,
                what,
                _("không có đơn vị mã “%(code)s” (xem trang “Đơn vị” của mẫu)") % {"code": code},
            )
        return found

    def units(self, row: int, col: int | None, what: str) -> list[OrgUnit]:
        out = []
        for code in re.split(r"[;,\n]+", self.text(row, col)):
            code = code.strip()
            if code:
                unit = self.unit(row, col, what, code)
                if unit is not None and unit not in out:
                    out.append(unit)
        return out

    def choice(self, row, col, what, words: dict[str, str], default, choices: str):
        text = self.text(row, col)
        if not text:
            return default
        value = words.get(label_key(text))
        if value is None:
            self.bad(
                row,
                col,
                what,
                _("không hiểu “%(text)s”; ghi một trong: %(choices)s")
                % {"text": text, "choices": choices},
            )
            return default
        return value

    def date(self, row: int, col: int | None, what: str, *, ongoing_ok: bool) -> dt.date | None:
        raw = self.cell(row, col)
        if raw == "" or raw is None:
            return None
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = cell_text(raw).strip()
        if ongoing_ok and label_key(text) in ONGOING_WORDS:
            return None
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        if ongoing_ok:
            match = re.fullmatch(r"(?:(\d{1,2})/)?(\d{4})", text)
            if match:
                year = int(match.group(2))
                month = int(match.group(1) or 12)
                if 1 <= month <= 12 and 1900 < year < 2200:
                    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                    return nxt - dt.timedelta(days=1)
        self.bad(
            row,
            col,
            what,
            _("“%(text)s” không phải ngày theo dạng dd/mm/yyyy") % {"text": text},
        )
        return None


def meta_value(sheet: Cells, f: Field, r: int, col, raw, text: str):
    if f.name == "code":
        if not SLUG.match(text) or len(text) > 64:
            sheet.bad(
                r,
                col,
                f.label,
                _(
                    "“%(text)s” không hợp lệ: chỉ dùng chữ không dấu, số, dấu gạch ngang, tối đa "
                    "64 ký tự (ví dụ tinh-2026)"
                )
                % {"text": text},
            )
        elif Plan.objects.filter(code=text).exists():
            sheet.bad(
                r,
                col,
                f.label,
                _("mã “%(text)s” đã được dùng cho một văn bản khác; hãy chọn mã khác")
                % {"text": text},
            )
        return text
    if f.name == "kind":
        labels = "; ".join(str(label) for _v, label in PlanKind.choices)
        return sheet.choice(r, col, f.label, kind_words(), None, labels)
    if f.name == "unit":
        return sheet.unit(r, col, f.label, text)
    if f.name == "span":
        match = _SPAN.match(text)
        if not match:
            sheet.bad(
                r,
                col,
                f.label,
                _("“%(text)s” không hợp lệ; ghi một năm (2026) hoặc nhiệm kỳ (2025–2030)")
                % {"text": text},
            )
            return None
        start, end = int(match.group(1)), match.group(2)
        if end and int(end) <= start:
            sheet.bad(r, col, f.label, _("năm kết thúc nhiệm kỳ phải sau năm bắt đầu"))
            return None
        return (start, int(end) if end else None)
    if f.name == "issued_on":
        return sheet.date(r, col, f.label, ongoing_ok=False)
    if len(text) > TEXT_MAX:
        sheet.bad(r, col, f.label, _("dài quá %(n)s ký tự") % {"n": TEXT_MAX})
    return text


def code_kind(sheet: Cells, r: int, code_col: int, name_col: int):
    """('group', code, name) / ('item', code, None) / None for a row to skip."""
    code = sheet.text(r, code_col)
    name = sheet.text(r, name_col)
    match = _ROMAN.match(code)
    if match:
        return "group", match.group(1), name
    match = _ROMAN_WITH_NAME.match(code)
    if match and not name:
        return "group", match.group(1), match.group(2).strip()
    code = code.rstrip(".")
    if _TARGET_CODE.match(code) and len(code) <= 16:
        return "item", code, None
    return "bad", code, None


def tolerance(sheet: Cells, r: int, col: int | None, what: str, raw) -> Decimal | None:
    text = cell_text(raw).strip()
    percent = text.endswith("%")
    value = sheet.number(r, col, what)
    if value is None:
        return None
    if percent:
        value = value / 100
    elif value >= 1:
        sheet.bad(
            r,
            col,
            what,
            _("ghi dung sai dạng 5%% hoặc 0,05 (nhỏ hơn 100%%), không phải %(v)s") % {"v": text},
        )
        return None
    if value < 0:
        sheet.bad(r, col, what, _("dung sai không được âm"))
        return None
    return value.quantize(Decimal("0.0001"))


def observe_figures(sheet: Cells, rows, columns: list[int | None]) -> None:
    """Let the sheet's number reader see every figure typed as text first, so that an
    ambiguous "1.234" follows the file's own convention."""
    for r in rows:
        for col in columns:
            raw = sheet.cell(r, col)
            if isinstance(raw, str) and raw:
                for part in RANGE.match(raw).groups() if RANGE.match(raw) else (raw,):
                    sheet.reader.observe(part)


def target_figures(
    sheet: Cells, r: int, cols: dict[str, int], what, direction: str
) -> tuple[Decimal | None, Decimal | None, Decimal | None, set[str]]:
    """A target row's plan figure, upper bound and tolerance, and which of them were given.

    "6,0 - 6,5" in the plan column is a range when the upper bound's column is empty; a
    yes/no target takes "đạt" or nothing; a tolerance is "5%" or "0,05".
    """
    given: set[str] = set()
    value = high = tol = None
    value_raw = sheet.cell(r, cols.get("value"))
    range_match = RANGE.match(value_raw) if isinstance(value_raw, str) else None
    if range_match and sheet.text(r, cols.get("high")) == "":
        low_text, high_text = range_match.groups()
        try:
            value = sheet.reader.read(low_text)
            high = sheet.reader.read(high_text)
        except TextError:
            value = sheet.number(r, cols.get("value"), what("value"))
        given.add("value")
    elif direction == TargetDirection.YES_NO and label_key(value_raw) in {"dat", ""}:
        if value_raw not in ("", None):
            given.add("value")
    else:
        value = sheet.number(r, cols.get("value"), what("value"))
        if value_raw not in ("", None):
            given.add("value")
        high = sheet.number(r, cols.get("high"), what("high"))
    if high is not None:
        given.add("high")
    tol_raw = sheet.cell(r, cols.get("tolerance"))
    if tol_raw not in ("", None):
        given.add("tolerance")
        tol = tolerance(sheet, r, cols.get("tolerance"), what("tolerance"), tol_raw)
    return value, high, tol, given
