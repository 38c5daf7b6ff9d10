"""Targets as resolutions print them: "từ 11% trở lên", "dưới 4%", "khoảng 45-47",
"giảm 0,7% (còn 4,33%)", "80,4-80,8 triệu đồng, tăng 10,2-10,71% so với ước thực hiện năm
2017", "từ 12.650 tỷ đồng trở lên (trong đó vốn tư nhân trên 8.250 tỷ đồng)", "đạt chuẩn đô
thị loại I".

:func:`read_target` turns such a wording into a :class:`TargetForm` (direction, bounds,
strict or inclusive, unit, level or change, approximate, the base "so với …", per year,
"bình quân", the period "(5 năm)", the "trong đó" parts, a yes/no standard);
:func:`render_target` writes a form back in one canonical Vietnamese wording, which reads
back as the same form. A wording it cannot read raises
:class:`~nghiquyet.text.problems.TextError` saying what it understood and how to write it.

The words decide as offices mean them:

- bounds: "trên", "hơn", ">" are strict above; "dưới", "<" strict below; "từ … trở lên",
  "… trở lên", "ít nhất", "tối thiểu", "≥" inclusive above; "không quá", "tối đa", "trở
  xuống", "≤" inclusive below; a bare figure is a level to reach ("đạt 72 triệu đồng");
- "giảm … còn X", "còn X" (a level left: lower is better);
- a range "6,5 - 7,5%", "từ 7,5 đến 8,0%"; "trong khoảng 28 - 29%" is a two-sided band
  (a share of the economy's structure: either side misses it);
- "tăng X%", "giảm X%" are changes against a base ("gấp 1,5 lần năm 2020" is "tăng 50%
  so với năm 2020"); a change of a rate ("tỷ lệ hộ nghèo
  giảm 1,5 - 2%", or where the wording gives the level in % "(còn 4,33%)") is in
  percentage points, a change of anything else in percent; "điểm %" says so explicitly.
  A change in the figure's own unit ("tăng thêm 7 xã") is a difference, like points
  (``change_points``: the figure minus its base).
  "Tốc độ tăng trưởng … tăng 6,5%" is the level of a growth rate, not a change of it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from .numbers import NUMBER_PATTERN, read_number
from .problems import Message, _, fail

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
    """What a target's wording says (see the module's docstring)."""

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


# ---------------------------------------------------------------- reading

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
_NUM = re.compile(NUMBER_PATTERN.replace(r"[+\-\u2212]?", ""))
_RANGE_JOIN = re.compile(r"^\s*(?:-|đến|tới|to)\s*$")
_SPACES = re.compile(r"\s+")

_STRICT_ABOVE = ("trên", "hơn", ">", "cao hơn", "lớn hơn", "vượt")
_STRICT_BELOW = ("dưới", "<", "thấp hơn", "nhỏ hơn", "ít hơn")
_AT_LEAST = ("ít nhất", "tối thiểu", ">=", "≥", "không dưới", "không thấp hơn", "không ít hơn")
_AT_MOST = ("không quá", "không vượt quá", "tối đa", "<=", "≤", "không cao hơn", "không hơn")
_APPROX = ("khoảng", "xấp xỉ", "gần", "ước", "~")
_FILLER = ("đạt", "là", "ở mức", "mức", "phấn đấu", "duy trì", "giữ vững", "ổn định", "bằng")

#: The names of things whose changes are in percentage points.
_RATE_NAMES = re.compile(r"^\s*(tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|tỷ suất|cơ cấu)\b", re.I)
#: Names of growth rates: "tăng X%" is their level.
_GROWTH_NAMES = re.compile(r"(tốc độ|tăng trưởng|chỉ số)", re.I)
_BAND_NAMES = re.compile(r"^\s*(cơ cấu|tỷ trọng|tỉ trọng)\b", re.I)

#: the verbs of a yes/no standard ("đạt chuẩn đô thị loại I", "không còn hộ nghèo")
_YES_NO = re.compile(
    r"\b(?:được công nhận|công nhận|đạt chuẩn|đạt|hoàn thành|xây dựng|trở thành|"
    r"không còn|không để|không có|không xảy ra|giữ vững|duy trì|lên)\b",
    re.I,
)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).translate(_DASHES)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACES.sub(" ", text).strip().strip(".;").strip()


def _starts(text: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``text`` starts with (longest first), if any."""
    low = text.lower()
    for w in sorted(words, key=len, reverse=True):
        if low.startswith(w) and (
            not w[-1].isalpha() or len(low) == len(w) or not low[len(w)].isalpha()
        ):
            return w
    return None


def _strip_word(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    w = _starts(text, words)
    return (text[len(w) :].lstrip(" :"), w) if w else (text, None)


def _number(raw: str) -> Decimal:
    return read_number(raw).normalize() + Decimal(0)


def _not_understood(text: str, message: str, **params) -> Exception:
    """The problem with a wording: ``message`` has ``%(text)s`` and ``%(hint)s``."""
    return fail(message, text=text, hint=TARGET_HINT, **params)


def read_target(text: str, *, name: str = "") -> TargetForm:
    """The form of a target worded as ``text`` (a cell, a line of a resolution).

    ``name`` is the target's name ("Tỷ lệ hộ nghèo", "Tốc độ tăng trưởng kinh tế"), which
    decides what the wording alone cannot: a change of a rate is in percentage points; a
    growth rate's "tăng 6,5%" is its level; a share of the structure is a band. Raises
    :class:`~nghiquyet.text.problems.TextError`.
    """
    raw = _normal(text)
    if not raw:
        raise fail(_("ô trống; %(hint)s"), hint=TARGET_HINT)
    body, parts = _split_parts(raw, name)
    form = _read_with_also(body, raw, name)
    return replace(form, parts=parts) if parts else form


_PARTS = re.compile(r"\s*([,;(]?)\s*\btrong đó\b\s*[:,]?\s*(.*?)\s*$", re.I)


def _split_parts(text: str, name: str) -> tuple[str, tuple[TargetPart, ...]]:
    m = _PARTS.search(text)
    if not m or m.start() == 0:
        return text, ()
    body = text[: m.start()].strip(" ,;")
    inner = m.group(2).strip(" .;")
    if m.group(1) == "(" and inner.endswith(")"):
        inner = inner[:-1]
    parts = []
    for piece in re.split(r"\s*;\s*", inner):
        if not piece:
            continue
        part_name, figure = split_line(piece)
        if not figure and _YES_NO.search(piece):
            # "trong đó huyện Thanh Ba đạt chuẩn nông thôn mới": a standard, no figure
            parts.append(TargetPart("", TargetForm(direction=YES_NO, standard=piece)))
            continue
        if not figure:
            raise _not_understood(
                text,
                _(
                    "“%(text)s” chưa đọc được thành chỉ tiêu: phần “trong đó” “%(piece)s” "
                    "không có con số; %(hint)s"
                ),
                piece=piece,
            )
        context = f"{name} — {part_name}" if name else part_name
        parts.append(TargetPart(part_name, _read_with_also(figure, text, context)))
    return body, tuple(parts)


_ALSO = re.compile(r"\s*[,;]\s*(?=(?:tăng|giảm|còn|đạt|bằng|bình quân|khoảng)\b)", re.I)
#: a second figure in brackets: "(còn 4,33%)", "(theo giá hiện hành, tăng 12,5 - 13,5%/năm)"
_REMAINING = re.compile(r"\((?:[^()]*?[,;]\s*)?((?:còn|tăng|giảm)\b[^()]*\d[^()]*)\)", re.I)


def _read_with_also(text: str, whole: str, name: str) -> TargetForm:
    """A figure with, maybe, a second one: "giảm 0,7% (còn 4,33%)", "80,4-80,8 triệu đồng,
    tăng 10,2-10,71%"."""
    second, bracketed = None, False
    m = _REMAINING.search(text)
    if m:
        second, bracketed = m.group(1), True
        text = (text[: m.start()] + text[m.end() :]).strip()
    else:
        pieces = _ALSO.split(text, maxsplit=1)
        if len(pieces) == 2 and _NUM.search(pieces[0]) and _NUM.search(pieces[1]):
            text, second = pieces
    if second is None:
        return _read_one(text, whole, name)
    first = _read_one(text, whole, name)
    other = _read_one(second, whole, name)
    if first.comparison == LEVEL and other.comparison == LEVEL:
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "có hai mức đạt; chỉ tiêu chỉ ghi một mức; %(hint)s"
            ),
        )
    # "giảm 0,7% (còn 4,33%)": the level left shows a rate, so the change is in points.
    if bracketed and first.comparison != LEVEL and other.unit == "%" and first.unit == "%":
        first = replace(first, comparison=CHANGE_POINTS)
    return replace(first, also=other)


_PAREN = re.compile(r"\(([^()]*)\)")
_BASE = re.compile(r"\s*,?\s*\bso (?:với|cùng)\b\s*(.*)$", re.I)
_PER_YEAR = re.compile(r"\s*(?:/\s*năm|(?:bình quân\s+)?(?:hằng|hàng|mỗi|một)\s+năm)\b", re.I)
_AVERAGE = re.compile(r"\bbình quân\b(?:\s+(?:giai đoạn|cả giai đoạn|5 năm|mỗi năm))?", re.I)
_ABOVE_AFTER = re.compile(r"\s*\(?\s*trở lên\s*\)?", re.I)
_BELOW_AFTER = re.compile(r"\s*\(?\s*trở xuống\s*\)?", re.I)
_POINTS = re.compile(r"\s*(?:điểm\s*%|điểm phần trăm)", re.I)
_PERIOD_WORDS = re.compile(r"^(?:\d+\s*năm|giai đoạn.*|cả nhiệm kỳ|nhiệm kỳ.*|\d{4}\s*-\s*\d{4})$")


_TIMES = re.compile(
    rf"^(?:(?:đạt|tăng)\s+)?gấp\s+({NUMBER_PATTERN})\s+lần(?:\s+(?:so với\s+)?(.+))?$", re.I
)


def _read_one(text: str, whole: str, name: str) -> TargetForm:
    """One figure: bounds, unit, change or level, and the words around it."""
    times = _TIMES.match(text.strip())
    if times:
        # "gấp 1,5 lần năm 2020": a 50% rise against that year
        rise = (_number(times.group(1)) - 1) * 100
        text = f"tăng {format_decimal(rise.normalize() + Decimal(0))}%"
        if times.group(2):
            text += f" so với {times.group(2)}"
    form: dict = {}
    # "(5 năm)", "(trở lên)", other notes in brackets
    period = ""
    for m in list(_PAREN.finditer(text)):
        inner = m.group(1).strip()
        if _PERIOD_WORDS.match(inner):
            period = inner
            text = text.replace(m.group(0), " ")
        elif re.fullmatch(r"trở lên|trở xuống", inner, re.I):
            continue
        elif _NUM.search(inner) or inner:
            # a note ("theo giá hiện hành", "1 xã"): not part of the figure
            text = text.replace(m.group(0), " ")
    text = _SPACES.sub(" ", text).strip(" ,;:")
    m = _BASE.search(text)
    if m:
        form["base"] = m.group(1).strip(" ,;.")
        text = text[: m.start()].strip(" ,")
    if _PER_YEAR.search(text):
        form["per_year"] = True
        text = _PER_YEAR.sub("", text).strip()
    if _AVERAGE.search(text):
        form["average"] = True
        text = _AVERAGE.sub("", text).strip()
    text = _SPACES.sub(" ", text).strip(" ,:")

    numbers = list(_NUM.finditer(text))
    if not numbers:
        if _YES_NO.search(text):
            return TargetForm(direction=YES_NO, standard=text, period=period, **form)
        raise _not_understood(
            whole, _("“%(text)s” chưa đọc được thành chỉ tiêu: không có con số nào; %(hint)s")
        )

    head = text[: numbers[0].start()].strip()
    tail = text[numbers[-1].end() :].strip()
    if len(numbers) > 2:
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "có %(n)s con số (%(numbers)s); một chỉ tiêu ghi một số hoặc một khoảng; %(hint)s"
            ),
            n=len(numbers),
            numbers=", ".join(n.group(0) for n in numbers),
        )
    between = ""
    if len(numbers) == 2:
        between = text[numbers[0].end() : numbers[1].start()]
        between_unit = between.strip()
        # "6,5% - 7%", "1,4 đến 1,6%": a unit may sit between the two numbers
        join = between_unit
        if join.startswith("%"):
            join = join[1:].strip()
        if not _RANGE_JOIN.match(" " + join + " ") and join not in ("-",):
            raise _not_understood(
                whole,
                _(
                    "“%(text)s” chưa đọc được thành chỉ tiêu: "
                    "hai con số %(a)s và %(b)s không nối bằng “-” hay “đến”; %(hint)s"
                ),
                a=numbers[0].group(0),
                b=numbers[1].group(0),
            )
    # the words before the figure
    direction, strict, approximate, change, comparison, band = (
        HIGHER,
        False,
        False,
        "",
        LEVEL,
        False,
    )
    words = head.lower()
    seen = []
    while words:
        words, w = _strip_word(words, ("bình quân",))
        if w:
            form["average"] = True
            continue
        words, w = _strip_word(words, ("trong khoảng", "chiếm từ", "chiếm"))
        if w:
            band = band or w == "trong khoảng"
            continue
        words, w = _strip_word(words, _APPROX)
        if w:
            approximate = True
            continue
        words, w = _strip_word(words, ("tăng thêm", "tăng lên", "tăng"))
        if w:
            change, comparison = INCREASE, CHANGE_PERCENT
            continue
        words, w = _strip_word(words, ("giảm xuống còn", "giảm còn", "còn"))
        if w:
            direction = LOWER
            continue
        words, w = _strip_word(
            words,
            (
                "giảm thêm",
                "giảm",
            ),
        )
        if w:
            change, comparison = DECREASE, CHANGE_PERCENT
            continue
        words, w = _strip_word(words, _AT_LEAST + _AT_MOST + _STRICT_ABOVE + _STRICT_BELOW)
        if w:
            if w in _AT_MOST:
                direction = LOWER
            elif w in _STRICT_ABOVE:
                strict = True
            elif w in _STRICT_BELOW:
                direction, strict = LOWER, True
            continue
        words, w = _strip_word(words, ("từ",))
        if w:
            seen.append("từ")
            continue
        words, w = _strip_word(words, _FILLER)
        if w:
            continue
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "không hiểu “%(words)s” trước con số %(number)s; %(hint)s"
            ),
            words=words.strip(),
            number=numbers[0].group(0),
        )
    # the words after the figure: unit, "trở lên", "trở xuống", "điểm %"
    if _ABOVE_AFTER.search(tail):
        tail = _ABOVE_AFTER.sub("", tail).strip()
        if direction == LOWER and not change:
            raise _not_understood(
                whole,
                _(
                    "“%(text)s” chưa đọc được thành chỉ tiêu: "
                    "vừa “trở lên” vừa là mức tối đa; %(hint)s"
                ),
            )
    elif _BELOW_AFTER.search(tail):
        tail = _BELOW_AFTER.sub("", tail).strip()
        direction = LOWER
    if _POINTS.match(tail):
        tail = "%"
        if not change:
            raise _not_understood(
                whole,
                _(
                    "“%(text)s” chưa đọc được thành chỉ tiêu: "
                    "“điểm %%” chỉ dùng cho mức tăng, giảm; %(hint)s"
                ),
            )
        comparison = CHANGE_POINTS
    unit = tail.strip(" ,;:.")
    if between and between.strip().startswith("%") and not unit:
        unit = "%"
    unit = unit[:64]
    if re.search(r"[<>≤≥]|\btrở lên\b|\bdưới\b|\btrên\b", unit, re.I):
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "không hiểu “%(words)s” sau con số; %(hint)s"
            ),
            words=unit,
        )

    low = _number(numbers[0].group(0))
    high = _number(numbers[1].group(0)) if len(numbers) == 2 else None
    if high is not None and high < low:
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "khoảng %(a)s - %(b)s có cận dưới lớn hơn cận trên; %(hint)s"
            ),
            a=numbers[0].group(0),
            b=numbers[1].group(0),
        )
    if high is not None and strict:
        raise _not_understood(
            whole,
            _(
                "“%(text)s” chưa đọc được thành chỉ tiêu: "
                "một khoảng không có cận “trên”, “dưới”; %(hint)s"
            ),
        )
    if comparison == CHANGE_PERCENT and unit and unit != "%":
        # "tăng thêm 7 xã": a difference in the figure's own unit, not a percentage
        comparison = CHANGE_POINTS
    elif comparison == CHANGE_PERCENT:
        if _GROWTH_NAMES.search(name) and not _RATE_NAMES.match(name):
            # "Tốc độ tăng trưởng kinh tế tăng 6,5%": the growth rate itself is the figure.
            comparison, change = LEVEL, ""
        elif _RATE_NAMES.match(name):
            comparison = CHANGE_POINTS
    if (
        comparison == LEVEL
        and high is not None
        and (band or (_BAND_NAMES.match(name) and unit == "%"))
    ):
        direction = BAND
    return TargetForm(
        direction=direction,
        low=low,
        high=high,
        strict=strict,
        unit=unit,
        comparison=comparison,
        change=change,
        approximate=approximate,
        period=period,
        **form,
    )


# ---------------------------------------------------------------- writing


def format_decimal(value: Decimal) -> str:
    """``Decimal("12650")`` → ``12.650``, ``Decimal("1.75")`` → ``1,75`` (exactly, no rounding)."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _dot, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def render_target(form: TargetForm) -> str:
    """One canonical wording of ``form``; :func:`read_target` reads it back as ``form``."""
    text = _render_one(form)
    if form.also is not None:
        text = f"{text}, {_render_one(form.also, also=True)}"
    if form.parts:
        inner = "; ".join(f"{p.name} {render_target(p.form)}".strip() for p in form.parts)
        text = f"{text} (trong đó {inner})"
    return text


def _render_one(form: TargetForm, also: bool = False) -> str:
    if form.direction == YES_NO:
        text = form.standard
    else:
        unit = form.unit
        points = form.comparison == CHANGE_POINTS
        low = format_decimal(form.low)
        figure = f"{low} - {format_decimal(form.high)}" if form.is_range else low
        figure = f"{figure} điểm %" if points and unit == "%" else _with_unit(figure, unit)
        if form.per_year:
            figure += "/năm"
        words = []
        if form.average:
            words.append("bình quân")
        if form.approximate:
            words.append("khoảng")
        if form.comparison != LEVEL:
            words.append("tăng" if form.change == INCREASE else "giảm")
        elif form.direction == LOWER and (also or not form.strict) and not form.is_range:
            words.append("còn" if also or form.approximate else "không quá")
        elif also and form.direction == HIGHER:
            words.append("đạt")
        at_least = (
            not also
            and form.direction == HIGHER
            and form.comparison == LEVEL
            and not (form.strict or form.approximate or form.is_range)
        )
        if at_least:
            # "từ 7,5% trở lên": a level to reach, said so (a bare "7,5%" reads the same)
            words.append("từ")
            figure += " trở lên"
        if form.direction == BAND:
            words.append("trong khoảng")
        if form.strict:
            words.append("dưới" if form.direction == LOWER else "trên")
        if form.direction == LOWER and form.is_range and form.comparison == LEVEL:
            words.append("còn")
        text = " ".join([*words, figure])
    if form.base:
        text += f" so với {form.base}"
    if form.period:
        text += f" ({form.period})"
    return text


# ---------------------------------------------------------------- as a target's fields

#: The tolerance of "khoảng 30%" when the office gives none: 5% either way.
APPROXIMATE_TOLERANCE = Decimal("0.05")

_CHANGE_CODES = {INCREASE: 1, DECREASE: 2}


@dataclass(frozen=True)
class TargetFields:
    """A form as the fields of a target (``plans.Target``), with no Django: what
    ``target_create`` takes, plus the unit of measure and the "trong đó" parts."""

    direction: str
    target_value: Decimal | None
    target_high: Decimal | None
    strict: bool
    tolerance: Decimal | None
    change: int
    change_measure: str
    with_change: int
    with_change_low: Decimal | None
    with_change_high: Decimal | None
    #: "average" ("bình quân"), "cumulative" (over "(5 năm)"), or "" (as the office says)
    temporal: str
    unit: str
    parts: tuple[tuple[str, TargetFields], ...] = ()

    def model_fields(self) -> dict:
        """The keyword arguments of ``plans.services.target_create`` this form sets."""
        out = {
            "direction": self.direction,
            "target_value": self.target_value,
            "target_high": self.target_high,
            "strict": self.strict,
            "tolerance": self.tolerance,
            "change": self.change,
            "change_measure": self.change_measure,
            "with_change": self.with_change,
            "with_change_low": self.with_change_low,
            "with_change_high": self.with_change_high,
        }
        if self.temporal:
            out["temporal"] = self.temporal
        return out


def _measure(form: TargetForm) -> str:
    return "points" if form.comparison == CHANGE_POINTS else "percent"


def target_fields(form: TargetForm) -> TargetFields:
    """The fields of a target that ``form`` describes.

    A level with a change ("80,4-80,8 triệu đồng, tăng 10,2-10,71%", "giảm 0,7% (còn
    4,33%)") is the level, with the change beside it (unless the change counts another
    quantity); a lone change ("giảm 5-10%") is a change target; "khoảng" gets
    :data:`APPROXIMATE_TOLERANCE`.
    """
    level, change = form, None
    if form.also is not None:
        level, change = (form, form.also) if form.comparison == LEVEL else (form.also, form)
        if change.comparison == CHANGE_POINTS and change.unit not in ("%", level.unit):
            # "58,9% (…, tăng thêm 20 thôn)": a change of another quantity than the level's
            # is not judged; the level decides, the wording keeps the rest.
            change = None
    temporal = ""
    if form.average or (form.per_year and form.period):
        temporal = "average"
    elif form.period:
        temporal = "cumulative"
    parts = tuple((p.name, target_fields(p.form)) for p in form.parts)
    tolerance = APPROXIMATE_TOLERANCE if level.approximate else None
    if level.direction == YES_NO:
        return TargetFields(
            YES_NO, None, None, False, None, 0, "", 0, None, None, temporal, "", parts
        )
    if change is None and level.comparison != LEVEL:
        return TargetFields(
            HIGHER,
            level.low,
            level.high,
            level.strict,
            tolerance,
            _CHANGE_CODES[level.change],
            _measure(level),
            0,
            None,
            None,
            temporal,
            level.unit if level.comparison == CHANGE_POINTS and level.unit != "%" else "",
            parts,
        )
    return TargetFields(
        level.direction,
        level.low,
        level.high,
        level.strict,
        tolerance,
        0,
        _measure(change) if change else "",
        _CHANGE_CODES[change.change] if change else 0,
        change.low if change else None,
        change.high if change else None,
        temporal,
        level.unit,
        parts,
    )


# ---------------------------------------------------------------- a line: name and wording

_YEAR = re.compile(
    r"(?:(?<=năm )|(?<=giai đoạn )|(?<=thời kỳ )|(?<=so sánh )|(?<=đến )|(?<=kỳ ))"
    r"(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*-\s*(?:19|20)\d\d\b|(?<=-)\s*(?:19|20)\d\d\b",
    re.I,
)
#: words that may open a wording, read leftwards from its first figure
_LEAD_WORDS = tuple(
    sorted(
        {
            *_STRICT_ABOVE,
            *_STRICT_BELOW,
            *_AT_LEAST,
            *_AT_MOST,
            *_APPROX,
            *_FILLER,
            "tăng",
            "tăng thêm",
            "giảm",
            "giảm thêm",
            "còn",
            "giảm còn",
            "từ",
            "bình quân",
            "trong khoảng",
            "chiếm",
            "chiếm từ",
            "lên",
        },
        key=len,
        reverse=True,
    )
)


def split_line(text: str) -> tuple[str, str]:
    """A resolution's line as (name, wording): "Tỷ lệ đô thị hóa đến năm 2025: 16% trở lên"
    → ("Tỷ lệ đô thị hóa đến năm 2025", "16% trở lên"); "Tổng sản phẩm (GRDP) tăng từ 8,5%
    trở lên" → ("Tổng sản phẩm (GRDP)", "tăng từ 8,5% trở lên"). Years ("năm 2025",
    "2021 - 2025") are part of the name. A line without a figure is all wording when it
    states a standard ("đạt chuẩn đô thị loại I"), else all name."""
    text = _normal(text)
    colon = re.search(r"(?<!trong đó)(?<!trong đó )(?<!gồm):", text, re.I)
    if colon:
        name, rest = text[: colon.start()], text[colon.end() :]
        if ";" not in name and (_NUM.search(rest) or _YES_NO.search(rest)):
            return name.strip(), rest.strip()
    years = [m.span() for m in _YEAR.finditer(text)]
    paren = [m.span() for m in re.finditer(r"\([^()]*\)", text)]
    first = None
    for m in _NUM.finditer(text):
        inside = any(a <= m.start() < b for a, b in years + paren)
        if not inside:
            first = m.start()
            break
    if first is None:
        m = _YES_NO.search(text)
        if m:
            return text[: m.start()].strip(" ,:"), text[m.start() :].strip()
        return text, ""
    start = first
    # the sign or symbol right before the figure
    while start > 0 and text[start - 1] in " <>≤≥~":
        start -= 1
    head = text[:start].rstrip()
    while True:
        low = head.lower()
        for w in _LEAD_WORDS:
            if low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum()):
                head = head[: len(head) - len(w)].rstrip()
                break
        else:
            break
    return head.strip(" ,:-"), text[len(head) :].strip(" ,:")
