"""Writing a :class:`~.form.TargetForm` back in one canonical wording
(:func:`render_target`)."""

from __future__ import annotations

from decimal import Decimal

from .form import BAND, CHANGE_POINTS, HIGHER, INCREASE, LEVEL, LOWER, YES_NO, TargetForm


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
