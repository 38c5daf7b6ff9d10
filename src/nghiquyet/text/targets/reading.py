"""Reading a wording into a :class:`~.form.TargetForm` (:func:`read_target`)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..numbers import read_number
from ..problems import _, fail
from .form import (
    BAND,
    CHANGE_PERCENT,
    CHANGE_POINTS,
    DECREASE,
    HIGHER,
    INCREASE,
    LEVEL,
    LOWER,
    TARGET_HINT,
    YES_NO,
    TargetForm,
    TargetPart,
)
from .lines import split_line
from .rendering import format_decimal
from .words import (
    ABOVE_AFTER,
    ALSO,
    APPROX,
    AT_LEAST,
    AT_MOST,
    AVERAGE,
    BAND_NAMES,
    BASE,
    BELOW_AFTER,
    FILLER,
    GROWTH_NAMES,
    NUM,
    PAREN,
    PARTS,
    PER_YEAR,
    PERIOD_WORDS,
    POINTS,
    RANGE_JOIN,
    RATE_NAMES,
    REMAINING,
    SPACES,
    STRICT_ABOVE,
    STRICT_BELOW,
    TIMES,
    YES_NO_VERBS,
    normal,
)


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
    raw = normal(text)
    if not raw:
        raise fail(_("ô trống; %(hint)s"), hint=TARGET_HINT)
    body, parts = _split_parts(raw, name)
    form = _read_with_also(body, raw, name)
    return replace(form, parts=parts) if parts else form


def _split_parts(text: str, name: str) -> tuple[str, tuple[TargetPart, ...]]:
    m = PARTS.search(text)
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
        if not figure and YES_NO_VERBS.search(piece):
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


def _read_with_also(text: str, whole: str, name: str) -> TargetForm:
    """A figure with, maybe, a second one: "giảm 0,7% (còn 4,33%)", "80,4-80,8 triệu đồng,
    tăng 10,2-10,71%"."""
    second, bracketed = None, False
    m = REMAINING.search(text)
    if m:
        second, bracketed = m.group(1), True
        text = (text[: m.start()] + text[m.end() :]).strip()
    else:
        pieces = ALSO.split(text, maxsplit=1)
        if len(pieces) == 2 and NUM.search(pieces[0]) and NUM.search(pieces[1]):
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


def _read_one(text: str, whole: str, name: str) -> TargetForm:
    """One figure: bounds, unit, change or level, and the words around it."""
    times = TIMES.match(text.strip())
    if times:
        # "gấp 1,5 lần năm 2020": a 50% rise against that year
        rise = (_number(times.group(1)) - 1) * 100
        text = f"tăng {format_decimal(rise.normalize() + Decimal(0))}%"
        if times.group(2):
            text += f" so với {times.group(2)}"
    form: dict = {}
    # "(5 năm)", "(trở lên)", other notes in brackets
    period = ""
    for m in list(PAREN.finditer(text)):
        inner = m.group(1).strip()
        if PERIOD_WORDS.match(inner):
            period = inner
            text = text.replace(m.group(0), " ")
        elif re.fullmatch(r"trở lên|trở xuống", inner, re.I):
            continue
        elif NUM.search(inner) or inner:
            # a note ("theo giá hiện hành", "1 xã"): not part of the figure
            text = text.replace(m.group(0), " ")
    text = SPACES.sub(" ", text).strip(" ,;:")
    m = BASE.search(text)
    if m:
        form["base"] = m.group(1).strip(" ,;.")
        text = text[: m.start()].strip(" ,")
    if PER_YEAR.search(text):
        form["per_year"] = True
        text = PER_YEAR.sub("", text).strip()
    if AVERAGE.search(text):
        form["average"] = True
        text = AVERAGE.sub("", text).strip()
    text = SPACES.sub(" ", text).strip(" ,:")

    numbers = list(NUM.finditer(text))
    if not numbers:
        if YES_NO_VERBS.search(text):
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
        if not RANGE_JOIN.match(" " + join + " ") and join not in ("-",):
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
        words, w = _strip_word(words, APPROX)
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
        words, w = _strip_word(words, AT_LEAST + AT_MOST + STRICT_ABOVE + STRICT_BELOW)
        if w:
            if w in AT_MOST:
                direction = LOWER
            elif w in STRICT_ABOVE:
                strict = True
            elif w in STRICT_BELOW:
                direction, strict = LOWER, True
            continue
        words, w = _strip_word(words, ("từ",))
        if w:
            seen.append("từ")
            continue
        words, w = _strip_word(words, FILLER)
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
    if ABOVE_AFTER.search(tail):
        tail = ABOVE_AFTER.sub("", tail).strip()
        if direction == LOWER and not change:
            raise _not_understood(
                whole,
                _(
                    "“%(text)s” chưa đọc được thành chỉ tiêu: "
                    "vừa “trở lên” vừa là mức tối đa; %(hint)s"
                ),
            )
    elif BELOW_AFTER.search(tail):
        tail = BELOW_AFTER.sub("", tail).strip()
        direction = LOWER
    if POINTS.match(tail):
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
        if GROWTH_NAMES.search(name) and not RATE_NAMES.match(name):
            # "Tốc độ tăng trưởng kinh tế tăng 6,5%": the growth rate itself is the figure.
            comparison, change = LEVEL, ""
        elif RATE_NAMES.match(name):
            comparison = CHANGE_POINTS
    if (
        comparison == LEVEL
        and high is not None
        and (band or (BAND_NAMES.match(name) and unit == "%"))
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
