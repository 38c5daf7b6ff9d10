"""Writing the workbooks people fill in (the templates of a unit's report and of a
resolution): the look of input and header cells, cells whose text never becomes a formula,
and templates that are always in Vietnamese."""

from __future__ import annotations

import functools

from django.utils.translation import override
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, PatternFill, Side

#: Cells to fill in (yellow), header cells (blue), thin grey borders, wrapped text.
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def put(ws, row: int, column: int, value, **style):
    """Write a cell with ``style`` (attributes of the cell); text loses the characters a
    workbook cannot hold, and text starting with "=" stays text (never a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def in_vietnamese(func):
    """Templates are documents: always Vietnamese, whatever the page's language, so that
    what a user downloads is what the import reads back."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with override("vi"):
            return func(*args, **kwargs)

    return wrapper
