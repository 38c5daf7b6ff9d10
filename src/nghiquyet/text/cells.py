"""A spreadsheet's or a request's cell as a value: what a cell may hold, its text as a person
reads it, and a number cell read whatever its type (text, number, boolean, date)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from .numbers import NUMBER_HINT, NumberReader, bounded, decimal_of
from .problems import _, fail

#: What a cell may hold: text from a CSV, a form or a text cell; numbers, booleans and dates
#: from typed XLSX cells or JSON. An empty cell is ``""`` (or ``None`` from JSON).
Cell = str | float | int | bool | Decimal | dt.date | dt.datetime | dt.time | dt.timedelta | None


def is_blank(cell: Cell) -> bool:
    """True for an empty cell: ``None``, an empty or whitespace-only string."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """The text of a cell as a person reads it: ``1.0`` → ``"1"``, a date as dd/mm/yyyy."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if math.isfinite(cell) and cell.is_integer():
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


def read_cell_number(cell: Cell, reader: NumberReader | None = None) -> Decimal | None:
    """A cell that must hold a plain number: ``None`` when empty; raises ``TextError``.

    Text is read by ``reader`` (the convention of its file or request; Vietnamese when not
    given); typed numbers as they are; booleans and dates are refused.
    """
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise fail(
            _("“%(text)s” không phải là một số; %(hint)s"), text=cell_text(cell), hint=NUMBER_HINT
        )
    if isinstance(cell, int | float | Decimal):
        return bounded(decimal_of(cell), cell_text(cell))
    if not isinstance(cell, str):
        raise fail(
            _("“%(text)s” là ngày tháng hoặc giờ, không phải là một số; hãy định dạng ô là Số"),
            text=cell_text(cell),
        )
    value = (reader or NumberReader()).read(cell)
    return bounded(value, cell)
