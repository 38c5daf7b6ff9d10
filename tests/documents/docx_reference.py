"""The appendix tables as they were built before docx_tables: python-docx's objects,
cell by cell. Kept as the reference that the one-pass XML must reproduce byte for byte
(test_docx_tables.py); not used by the application."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from nghiquyet.documents.render_docx import (
    CLASS_FILLS,
    OUTLOOK_ALIGN,
    OUTLOOK_FILLS,
    OUTLOOK_HEADINGS,
    OUTLOOK_WIDTHS,
    TABLE_STYLE,
    _table_cell,
)
from nghiquyet.documents.review_tables import row_cells, target_columns


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _keep_whole(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def target_table(doc, rows, rate_heading: str = "% kế hoạch", pace_heading: str = "") -> None:
    style = doc.styles[TABLE_STYLE].style_id
    headings, widths, aligns = target_columns(rate_heading, pace_heading)
    table = doc.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    trs = table.rows
    header = trs[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, headings, strict=True):
        _table_cell(cell, text, style, align="c", bold=True)
        _shade(cell, "F0F2F5")
    for tr, row in zip(trs[1:], rows, strict=True):
        _keep_whole(tr)
        cells = tr.cells
        values = row_cells(row, bool(pace_heading))
        for cell, text, align in zip(cells, values, aligns, strict=True):
            _table_cell(cell, text, style, align=align, italic=row.part and align == "l")
        _shade(cells[-1], CLASS_FILLS.get(row.class_key, "FFFFFF"))


def outlook_table(doc, rows) -> None:
    style = doc.styles[TABLE_STYLE].style_id
    table = doc.add_table(rows=1 + len(rows), cols=len(OUTLOOK_HEADINGS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, OUTLOOK_WIDTHS, strict=True):
        column.width = Cm(width)
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, OUTLOOK_HEADINGS, strict=True):
        _table_cell(cell, text, style, align="c", bold=True)
        _shade(cell, "F0F2F5")
    for tr, row in zip(table.rows[1:], rows, strict=True):
        _keep_whole(tr)
        for cell, text, align in zip(tr.cells, row.values, OUTLOOK_ALIGN, strict=True):
            _table_cell(cell, text, style, align=align)
        _shade(tr.cells[-1], OUTLOOK_FILLS.get(row.outlook, "FFFFFF"))
