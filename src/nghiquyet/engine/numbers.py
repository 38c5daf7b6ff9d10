"""Writing numbers the Vietnamese way ("1.234,5") and the English way, rounding like a
spreadsheet. Reading them is the text layer's (:mod:`nghiquyet.text.numbers`).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

VI = "vi"
EN = "en"


def _excel_decimal(value: float) -> Decimal:
    """The value as a spreadsheet shows it: 15 significant digits of the binary float."""
    return Decimal(format(value, ".15g"))


def round_half_away(value, decimals: int = 2):
    """Round like Excel and like people: half away from zero (69,995 → 70,00; −2,5 → −3).

    A single number is first taken to 15 significant digits, as Excel does, so
    that 69,995 stored as 69,99499999… still rounds up, then rounded with
    decimal arithmetic. A NumPy array (rates, for classification) is rounded
    the same way in floating point, with a relative nudge of 10⁻¹³ standing in
    for the 15 digits; rates are small numbers for which both agree. NaN stays NaN.
    Python's and NumPy's ``round`` round half to even instead.
    """
    if np.ndim(value) == 0:
        number = float(value)
        if not math.isfinite(number):
            return number
        exact = _excel_decimal(number)
        return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    arr = np.asarray(value, dtype=np.float64)
    scaled = np.abs(arr) * 10.0**decimals
    rounded = np.floor(scaled + 0.5 + scaled * 1e-13)
    rounded = np.where(scaled >= 2.0**52, scaled, rounded)  # already whole at this size
    return np.sign(arr) * rounded / 10.0**decimals


def format_number(
    value: float | None, decimals: int = 2, *, trim: bool = False, convention: str = VI
) -> str:
    """Write a number the Vietnamese way: ``format_number(1234.5, 1) == "1.234,5"``.

    ``trim`` drops trailing zeros of the decimals ("6,50" → "6,5"). Rounds half away
    from zero (:func:`round_half_away`). None, NaN and infinities give an empty string.
    """
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return ""
    text = f"{round_half_away(value, decimals):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0") or re.fullmatch(r"-0\.0+", text):
        text = text[1:]
    if convention == EN:
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def format_percent(value: float | None, decimals: int = 2, convention: str = VI) -> str:
    """``81.538…`` → ``"81,54%"``; empty for None/NaN."""
    text = format_number(value, decimals, convention=convention)
    return f"{text}%" if text else ""
