"""How targets and figures are written for people, in the active language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nghiquyet.engine import progress
from nghiquyet.engine.numbers import EN, VI, format_number

from .choices import TargetChange, TargetDirection

#: How a target whose figure is a growth rate is named by its rate ("Tốc độ tăng trưởng GRDP").
RATE_NAMES = ("tốc độ tăng trưởng ", "tốc độ tăng ", "tăng trưởng ")


def is_growth_rate(target) -> bool:
    """Is the target's figure a growth rate ("GRDP tăng 7%", "giá trị sản xuất công nghiệp
    tăng 10%"), read from what its indicator measures?

    Such a figure is not compared with last year's growth rate: offices never write "+4
    điểm %" of a growth rate; the sentence already says "tăng 10,8%"."""
    if target.unit_of_measure != "%" or target.change != TargetChange.NONE:
        return False
    names = [target.name.lower()]
    if target.indicator_id:
        names.append(target.indicator.name.lower())
    return any(n.startswith(RATE_NAMES) for n in names)


def decimals_needed(value: Decimal | float, max_decimals: int) -> int:
    """Fewest decimals (up to ``max_decimals``) that show ``value`` without loss."""
    text = f"{float(value):.{max_decimals}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def number(value: Decimal | float | None, max_decimals: int = 2) -> str:
    """``1234.5`` → ``1.234,5`` in Vietnamese (``1,234.5`` in English); trailing zeros dropped."""
    if value is None:
        return ""
    return format_number(value, max_decimals, trim=True, convention=_convention())


_held: ContextVar[str | None] = ContextVar("display_convention", default=None)


def _convention() -> str:
    """The active language's way of writing numbers (Django's formats for vi and en say the
    same; the engine's writer is ~10× faster than ``number_format``, which a review's
    appendix calls 30.000 times)."""
    return _held.get() or (EN if (get_language() or "vi").startswith("en") else VI)


@contextmanager
def numbers_in_active_language() -> Iterator[None]:
    """Within the block, numbers are written in the language active at its start without
    asking Django each time (~20 µs a number: a 7.500-row table asks 30.000 times).
    No language may be switched inside the block."""
    token = _held.set(_convention())
    try:
        yield
    finally:
        _held.reset(token)


def figure_text(value: Decimal | None) -> str:
    """A figure as text that reads the same the Vietnamese and the English way, the form in
    which the services that read typed figures (submission_save) are handed stored ones.

    ``1.234`` would be one thousand two hundred and thirty-four in Vietnamese, so a
    figure with exactly three decimals and a short whole part gets a fourth zero.
    """
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}\.\d{3}", text):
        text += "0"
    return "0" if text in ("-0", "0") else text


def percent(value: float | None, decimals: int = 2) -> str:
    """A rate with exactly ``decimals`` decimals: ``81,54%``."""
    text = format_number(value, decimals, convention=_convention())
    return f"{text}%" if text else ""


def _span(low, high, places: int) -> str:
    text = number(low, places)
    if high is not None and high != low:
        text = f"{text} – {number(high, places)}"
    return text


def _change_text(change: int, figure: str, points: bool) -> str:
    if points:
        if change == TargetChange.INCREASE:
            return _("tăng %(figure)s điểm %% so với cùng kỳ") % {"figure": figure}
        return _("giảm %(figure)s điểm %% so với cùng kỳ") % {"figure": figure}
    if change == TargetChange.INCREASE:
        return _("tăng %(figure)s%% so với cùng kỳ") % {"figure": figure}
    return _("giảm %(figure)s%% so với cùng kỳ") % {"figure": figure}


def target_text(target) -> str:
    """The plan figure as offices write it: "6 – 6,5", "≤ 4", "< 7,6", "khoảng 30",
    "giảm 5 – 10%", "giảm 0,7 điểm %", "80,4 – 80,8; tăng 10,2 – 10,71%"."""
    if target.is_composite:
        return _("đạt tất cả chỉ tiêu thành phần")
    if target.direction == TargetDirection.YES_NO:
        return _("Đạt")
    places = target.decimals
    text = _span(target.target_value, target.target_high, places)
    if target.change != TargetChange.NONE:
        return _change_text(target.change, text, target.change_in_points)
    if target.tolerance:
        text = _("khoảng %(figure)s") % {"figure": text}
    elif target.target_high is None or target.target_high == target.target_value:
        if target.direction == TargetDirection.LOWER:
            text = f"< {text}" if target.strict else f"≤ {text}"
        elif target.strict:
            text = f"> {text}"
    if target.with_change != TargetChange.NONE:
        change = _span(target.with_change_low, target.with_change_high, 2)
        text = f"{text}; {_change_text(target.with_change, change, target.change_in_points)}"
    return text


def yes_no_text(value) -> str:
    if value is None:
        return ""
    return _("Đạt") if value else _("Chưa đạt")


def actual_text(result) -> str:
    """The actual of an evaluated target (a ``TargetResult``) for a table cell."""
    target = result.target
    if result.actual is None:
        return ""
    if target.direction == TargetDirection.YES_NO:
        return yes_no_text(result.actual)
    places = target.decimals
    text = number(result.actual, places)
    if target.change != TargetChange.NONE and result.measured is not None:
        reduced = (result.measured >= 0) == (target.change == TargetChange.DECREASE)
        if target.change_in_points:
            change = _("%(points)s điểm %%") % {"points": number(abs(result.measured), 2)}
        else:
            change = percent(abs(result.measured))
        word = _("giảm %(change)s") if reduced else _("tăng %(change)s")
        text = f"{text} ({word % {'change': change}})"
    elif target.with_change != TargetChange.NONE and (
        change := change_text(result.actual, result.baseline, target)
    ):
        text = f"{text} ({change})"
    return text


def yoy_text(result) -> str:
    """Change against the same period last year.

    Percentages are compared in percentage points ("+0,7 điểm %"), other
    figures as a relative change ("+9,8%"), the way review reports write them; a growth
    rate not at all (:func:`is_growth_rate`).
    """
    if not progress.compares_with_last_year(result.target.temporal):
        return ""
    return change_text(result.actual, result.baseline, result.target)


def change_text(actual: float | None, baseline: float | None, target) -> str:
    """ "+9,8%" or, for a percentage, "+0,7 điểm %" — ``actual`` against ``baseline``; nothing
    for a growth rate ("+4 điểm %" of 10,8% against 6,8% is not how offices compare it)."""
    if actual is None or baseline is None:
        return ""
    if target.direction == TargetDirection.YES_NO or is_growth_rate(target):
        return ""
    if target.change_in_points:
        diff = actual - baseline
        sign = "+" if diff > 0 else ("−" if diff < 0 else "")
        return _("%(sign)s%(points)s điểm %%") % {"sign": sign, "points": number(abs(diff), 2)}
    if not baseline:
        return ""
    change = (actual - baseline) / abs(baseline) * 100.0
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return f"{sign}{percent(abs(change), 1)}"
