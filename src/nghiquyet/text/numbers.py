"""Numbers as offices write them: ``1.234,5`` (Vietnamese), and ``1234.5`` or ``1,234.5``
(English) where that is unambiguous.

The rule, once:

- ``.`` between thousands and ``,`` before decimals is Vietnamese; ``,`` between thousands
  and ``.`` before decimals is English. A number showing both separators, two groups of
  three (``12.345.678``), or a separator followed by other than three digits (``6,5``,
  ``6.5``, ``0,234``) is unambiguous and reads the same under either convention.
- **Ambiguous** is a lone separator followed by exactly three digits, with one to three
  digits before it, not starting with 0: ``1.234``, ``1,750``, ``-12.500``. It is read by the
  convention of where it was written: **Vietnamese unless that place shows English** —
  ``1.234`` is 1 234 and ``1,750`` is 1,75 (Nghị quyết 01/NQ-CP prints "1,750 tỷ USD").
  A file, a request or a page shows English when it holds more unambiguous English numbers
  than Vietnamese ones, or when the page's language is English. A file that shows both
  conventions cannot settle it: the ambiguous number is refused and the message says to
  write it without the separator (``1234``) or with decimals (``1,750``/``1.750,0``).
- Spaces, non-breaking and thin spaces between groups, a trailing ``%``, a leading ``+``,
  the Unicode minus ``−`` and the dashes ``–``/``‒`` used as a minus are accepted.

:func:`read_number` reads one text; :class:`NumberReader` reads the numbers of one place
(a file, a request, a grid), having observed them all first. Both return a
:class:`~decimal.Decimal`, exactly as written (``6,35`` is ``Decimal("6.35")``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .problems import Message, _, fail

VI = "vi"
EN = "en"

#: A number inside a phrase ("tăng 6,5-7%", "khoảng 22.710 tỷ đồng"): digits with ``.``/``,``
#: between them; :func:`read_number` decides what the separators mean.
NUMBER_PATTERN = r"[+\-\u2212]?\d+(?:[.,]\d+)*"

#: Figures the database can hold: 20 digits, 6 of them decimals.
NUMBER_LIMIT = Decimal(10) ** 14

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
_NUMBER_FORMS = (_PLAIN, _AMBIGUOUS, _VI_FULL, _EN_FULL, _DOT_DECIMAL, _COMMA_DECIMAL)
_NUMBER_FORMS += (_DOT_GROUPS, _COMMA_GROUPS)

#: How to write a number, said after every number problem.
NUMBER_HINT = Message(
    _("viết số như 1.234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)")
)


class Convention(StrEnum):
    VI = VI
    EN = EN


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_MINUSES)
    text = _SPACES.sub("", text)
    return text.removesuffix("%")


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


def _is_number(s: str) -> bool:
    return any(p.match(s) for p in _NUMBER_FORMS)


def is_ambiguous(text: str) -> bool:
    """``1.234``, ``1,750``: a lone separator before exactly three digits."""
    return bool(_AMBIGUOUS.match(_clean(text)))


def _not_a_number(text: str):
    return fail(_("“%(text)s” không phải là một số; %(hint)s"), text=text.strip(), hint=NUMBER_HINT)


def read_number(text: str, convention: Convention | str = Convention.VI) -> Decimal:
    """A number written either way; ``convention`` settles ``1.234`` / ``1,750``.

    Raises :class:`~nghiquyet.text.problems.TextError` (an empty text included).
    """
    s = _clean(text)
    if not s:
        raise _not_a_number(text) if text.strip() else fail(_("ô trống; hãy ghi một số"))
    if _PLAIN.match(s):
        plain = s
    elif _AMBIGUOUS.match(s):
        thousands = "." if convention == Convention.VI else ","
        plain = s.replace(thousands, "") if thousands in s else s.replace(",", ".")
    elif _VI_FULL.match(s) or _COMMA_DECIMAL.match(s):
        plain = s.replace(".", "").replace(",", ".")
    elif _EN_FULL.match(s) or _DOT_DECIMAL.match(s):
        plain = s.replace(",", "")
    elif _DOT_GROUPS.match(s):
        plain = s.replace(".", "")
    elif _COMMA_GROUPS.match(s):
        plain = s.replace(",", "")
    else:
        raise _not_a_number(text)
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        raise _not_a_number(text) from None


TOO_LARGE = _("số %(text)s quá lớn (tối đa 14 chữ số phần nguyên)")

MIXED = _(
    "“%(text)s” không rõ nghĩa vì tệp viết số theo cả hai kiểu (1.234,5 và 1,234.5); hãy viết "
    "lại số này không có dấu ngăn cách hàng nghìn (1234) hoặc có phần thập phân (1,750)"
)


def bounded(value: Decimal, text: str) -> Decimal:
    """``value`` if the database can hold it (at most 14 digits before the decimal point)."""
    if not value.is_finite() or abs(value) >= NUMBER_LIMIT:
        raise fail(TOO_LARGE, text=text.strip())
    return value


def decimal_of(value: int | float | Decimal) -> Decimal:
    """A number a spreadsheet or JSON typed as a number, as a Decimal (``0.1`` → ``0.1``)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise fail(_("ô không chứa một số hữu hạn; %(hint)s"), hint=NUMBER_HINT)
        return Decimal(repr(value))
    return Decimal(value)


@dataclass
class NumberReader:
    """Reads the numbers of one place (a file, a request), settling ``1.234`` by its own
    convention: :meth:`observe` every number first, then :meth:`read`."""

    vi_seen: int = 0
    en_seen: int = 0

    @classmethod
    def english_page(cls) -> NumberReader:
        """A reader for a page shown in English: an ambiguous ``1.234`` is 1.234."""
        return cls(en_seen=1)

    def observe(self, text: object) -> None:
        """Look at a text before reading, to learn the place's convention (non-text ignored)."""
        if not isinstance(text, str) or not text.strip():
            return
        whole = _clean(text)
        parts = [whole] if _is_number(whole) else re.findall(NUMBER_PATTERN, text)
        for part in parts:
            self._count(evidence(part))

    def _count(self, found: Convention | None) -> None:
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

    def read(self, text: str) -> Decimal:
        """``text`` as a number by this place's convention; raises ``TextError``."""
        if self.mixed and _AMBIGUOUS.match(_clean(text)):
            raise fail(MIXED, text=text.strip())
        return read_number(text, self.convention)
