"""Writing the workbooks people fill in (the templates of a unit's report and of a
resolution): the look of input and header cells, cells whose text never becomes a formula,
and templates that are always in Vietnamese."""

from __future__ import annotations

import functools

from django.utils.translation import override
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, PatternFill, Side

from nghiquyet.text import formula_risk

#: Cells to fill in (yellow), header cells (blue), thin grey borders, wrapped text.
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def put(ws, row: int, column: int, value, **style):
    """Write a cell with ``style`` (attributes of the cell); text loses the characters a
    workbook cannot hold, and text that looks like a formula stays text (:func:`as_text`)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    for key, val in style.items():
        setattr(cell, key, val)
    as_text(cell)
    return cell


def as_text(cell) -> None:
    """A cell whose text a spreadsheet program would run as a formula (``=…``, ``+…``,
    ``-…``, ``@…``: :func:`nghiquyet.text.formula_risk`) is stored as text with Excel's
    quote prefix: shown and edited as text, read back unchanged."""
    value = cell.value
    if isinstance(value, str) and formula_risk(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def defuse(wb) -> None:
    """Every cell of every sheet through :func:`as_text` — called by each workbook writer
    (reviews, templates) just before saving: the system writes no formula of its own, so no
    cell's text may become one."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                as_text(cell)


def in_vietnamese(func):
    """Templates are documents: always Vietnamese, whatever the page's language, so that
    what a user downloads is what the import reads back."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with override("vi"):
            return func(*args, **kwargs)

    return wrapper
