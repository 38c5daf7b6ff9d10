"""Yes/no as people write it for a target that is met or not ("đạt chuẩn đô thị loại I").

One word list, here. "Không đạt" and "Chưa đạt" mean the same: the target is not met (0);
the pages show "Chưa đạt" (a scheme may label it "không đạt"). A tick (``x``, ``✓``) is yes;
an empty cell is no figure yet, never "no".
"""

from __future__ import annotations

from decimal import Decimal

from .numbers import read_number
from .problems import Message, TextError, _, fail
from .words import label_key, word_map

#: What a person may write for "met", compared with :func:`~nghiquyet.text.words.label_key`.
YES_WORDS = (
    "đạt",
    "Đạt",
    "đã đạt",
    "có",
    "x",
    "hoàn thành",
    "đã hoàn thành",
    "vượt",
    "đạt và vượt",
    "1",
    "yes",
    "true",
    "achieved",
    "met",
)

#: What a person may write for "not met".
NO_WORDS = (
    "chưa đạt",
    "không đạt",
    "không",
    "chưa",
    "chưa hoàn thành",
    "không hoàn thành",
    "0",
    "no",
    "false",
    "not achieved",
    "not met",
)

_TICKS = {"✓", "✔", "☑", "✅"}

_WORDS: dict[str, bool] = word_map([(True, YES_WORDS), (False, NO_WORDS)])

#: How to write it, said after every yes/no problem.
YES_NO_HINT = Message(_("ghi Đạt (hoặc có, x, 1) hoặc Chưa đạt (hoặc không đạt, không, 0)"))


def read_yes_no(cell: object) -> bool | None:
    """``True`` (met), ``False`` (not met) or ``None`` (empty); raises ``TextError``.

    Takes a spreadsheet's booleans and the numbers 1 and 0 as well as the words.
    """
    if cell is None:
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float | Decimal):
        if cell in (0, 1):
            return bool(cell)
        raise _bad(str(cell))
    text = str(cell).strip()
    if not text:
        return None
    if text in _TICKS:
        return True
    found = _WORDS.get(label_key(text))
    if found is not None:
        return found
    try:
        number = read_number(text)
    except TextError:
        raise _bad(text) from None
    if number in (0, 1):
        return bool(number)
    raise _bad(text)


def _bad(text: str) -> TextError:
    return fail(_("“%(text)s” không phải là đạt/không đạt; %(hint)s"), text=text, hint=YES_NO_HINT)
