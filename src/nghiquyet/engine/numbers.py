"""Reading and writing numbers the Vietnamese way ("1.234,5") and the English way.

Vietnamese writes ``.`` between thousands and ``,`` before decimals; people
also paste English-style figures. Reading is unambiguous except for a lone dot
followed by exactly three digits (``1.234``): that is 1 234 in Vietnamese and
1,234 in English. :class:`NumberReader` settles such cells by the convention
the rest of the file shows, Vietnamese when the file shows none.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import numpy as np

VI = "vi"
EN = "en"

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-"})
_PLAIN = re.compile(r"^[+-]?\d+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_VI_FULL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$")
_EN_FULL = re.compile(r"^[+-]?\d{1,3}(,\d{3})*\.\d+$")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")


class NumberError(ValueError):
    """Text that is not a number; the message is Vietnamese."""


class Convention(StrEnum):
    VI = VI
    EN = EN


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_MINUSES)
    text = _SPACES.sub("", text)
    if text.endswith("%"):
        text = text[:-1]
    return text


def evidence(text: str) -> Convention | None:
    """Which convention an unambiguous number shows, if any."""
    s = _clean(text)
    if _AMBIGUOUS.match(s) or _PLAIN.match(s):
        return None
    if _VI_FULL.match(s) or _COMMA_DECIMAL.match(s) or (_DOT_GROUPS.match(s) and s.count(".") > 1):
        return Convention.VI
    if _EN_FULL.match(s) or _DOT_DECIMAL.match(s) or (_COMMA_GROUPS.match(s) and s.count(",") > 1):
        return Convention.EN
    return None


def parse_number(text: str, convention: Convention | str = Convention.VI) -> float:
    """Read a number written either way; ``convention`` settles ``1.234`` / ``1,234``.

    Accepts a trailing ``%``, spaces or non-breaking spaces between groups and a
    Unicode minus. Raises :class:`NumberError` for anything else.
    """
    s = _clean(text)
    if not s:
        if text.strip():
            raise NumberError(f"'{text.strip()}' không phải là một số")
        raise NumberError("ô trống")
    if _PLAIN.match(s):
        return float(s)
    if _AMBIGUOUS.match(s):
        thousands = "." if convention == Convention.VI else ","
        return float(s.replace(thousands, "")) if thousands in s else float(s.replace(",", "."))
    if _VI_FULL.match(s) or _COMMA_DECIMAL.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _EN_FULL.match(s) or _DOT_DECIMAL.match(s):
        return float(s.replace(",", ""))
    if _DOT_GROUPS.match(s):
        return float(s.replace(".", ""))
    if _COMMA_GROUPS.match(s):
        return float(s.replace(",", ""))
    raise NumberError(f"'{text.strip()}' không phải là một số")


@dataclass
class NumberReader:
    """Reads the numbers of one file, settling ambiguous cells by the file's own convention."""

    vi_seen: int = 0
    en_seen: int = 0

    def observe(self, text: str) -> None:
        """Look at a cell before reading, to learn the file's convention."""
        found = evidence(text)
        if found == Convention.VI:
            self.vi_seen += 1
        elif found == Convention.EN:
            self.en_seen += 1

    @property
    def convention(self) -> Convention:
        return Convention.EN if self.en_seen > self.vi_seen else Convention.VI

    @property
    def mixed(self) -> bool:
        return self.vi_seen > 0 and self.en_seen > 0

    def read(self, text: str) -> float:
        s = _clean(text)
        if self.mixed and _AMBIGUOUS.match(s):
            raise NumberError(
                f"'{text.strip()}' không rõ nghĩa vì tệp viết số theo cả hai kiểu "
                "(1.234,5 và 1,234.5); hãy viết lại số này, ví dụ 1234"
            )
        return parse_number(text, self.convention)


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
