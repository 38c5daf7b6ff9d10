"""A review's tables as an Excel workbook: a summary sheet, one sheet per target group and
one per unit, figures as numbers (Excel shows them in the reader's own format)."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .collector import without_collector
from .render_docx import CLASS_FILLS
from .report import Review
from .review_tables import OUTLOOK_HEADINGS, Row
from .sheets import defuse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F0F2F5")
COLUMNS = (
    ("STT", 6, None),
    ("Chỉ tiêu", 44, None),
    ("ĐVT", 12, None),
    ("Kế hoạch", 16, None),
    ("Kế hoạch (số)", 14, "#,##0.00"),
    ("Thực hiện (số)", 14, "#,##0.00"),
    ("Tỷ lệ đạt (%)", 12, "#,##0.00"),
    ("So với cùng kỳ", 16, None),
    ("Tình trạng số liệu", 16, None),
    ("Đánh giá", 18, None),
)


def _sheet_name(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of ``[]:*?/\\``), cut on a word
    boundary — "4. Các chỉ tiêu về xây dựng…", never mid-word — and unique in the workbook."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", text).split()) or "Trang"
    name = _shorten(name, 31)
    base, n = name, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = _shorten(base, 31 - len(suffix)) + suffix
        n += 1
    taken.add(name)
    return name


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.-–")
    return (cut or text[: limit - 1]) + "…"


def number_format(decimals: int) -> str:
    """Excel's format for an indicator's own decimals: "#,##0" for a count ("73 đảng
    viên", not "73,00"), "#,##0.0" for one decimal."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def print_setup(ws, *, header_row: int | None = None) -> None:
    """Landscape A4, fit to the page's width, the header row on every page, "Trang 1/3"
    at the foot — so that names and figures print on the same page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT


def _columns(pace_heading: str) -> list[tuple[str, int, str | None]]:
    """The target sheet's columns; part-way through the year the rate is of the whole year's
    plan (Row.rate_number) and the half-year pace stands beside it, as in Word and the PDF."""
    columns = list(COLUMNS)
    if pace_heading:
        at = next(i for i, c in enumerate(columns) if c[0] == "Tỷ lệ đạt (%)")
        columns[at] = ("% kế hoạch năm", 12, "#,##0.00")
        columns.insert(at + 1, (pace_heading, 12, "#,##0.00"))
    return columns


def _table(ws, rows: list[Row], first_row: int, pace_heading: str = "") -> None:
    columns = _columns(pace_heading)
    for col, (title, width, _fmt) in enumerate(columns, start=1):
        cell = ws.cell(row=first_row, column=col, value=title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, row in enumerate(rows, start=first_row + 1):
        rates = (row.rate_number, row.pace_number) if pace_heading else (row.rate_number,)
        values = (
            row.code,
            row.name,
            row.unit_of_measure,
            row.plan,
            row.plan_number,
            row.actual_number,
            *rates,
            row.yoy,
            row.status,
            row.class_label,
        )
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=value)
            cell.font = Font(name=FONT, italic=row.part and col == 2)
            cell.border = BORDER
            fmt = columns[col - 1][2]
            if fmt and col in (5, 6):  # plan and actual: the indicator's own decimals
                fmt = number_format(row.decimals)
            if fmt:
                cell.number_format = fmt
            cell.alignment = Alignment(vertical="top", wrap_text=col == 2)
        ws.cell(row=i, column=len(columns)).fill = PatternFill(
            "solid", fgColor=CLASS_FILLS.get(row.class_key, "FFFFFF")
        )
    ws.freeze_panes = ws.cell(row=first_row + 1, column=3)
    ws.auto_filter.ref = f"A{first_row}:{get_column_letter(len(columns))}{first_row + len(rows)}"
    print_setup(ws, header_row=first_row)


def _outlook_sheet(ws, outlook) -> None:
    """The forecast to the end of the term, with the reasoning beside each target."""
    ws.cell(row=1, column=1, value=outlook.table_title).font = Font(name=FONT, bold=True, size=12)
    heads = [*OUTLOOK_HEADINGS, "Lý do"]
    widths = [6, 40, 12, 22, 14, 20, 20, 24, 14, 18, 90]
    for col, (title, width) in enumerate(zip(heads, widths, strict=True), start=1):
        cell = ws.cell(row=3, column=col, value=title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, row in enumerate(outlook.rows, start=4):
        values = [*row.values, row.reason]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=value)
            cell.font = Font(name=FONT)
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=col in (2, len(values)), vertical="top")
    ws.freeze_panes = "C4"
    print_setup(ws, header_row=3)


@without_collector
def render_xlsx(review: Review) -> bytes:
    """The review's tables as .xlsx bytes."""
    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name("Tổng hợp", taken)
    ev = review.evaluation
    lines = [
        (review.letterhead.issuer, True),
        (f"{review.doc_type} — {review.title}", True),
        (review.intro, False),
    ]
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = Font(name=FONT, bold=bold, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2 + len(ev.scheme.keys))
        ws.row_dimensions[r].height = 48 if r == 3 else 20
    header_row = 5
    heads = ["Nhóm chỉ tiêu", "Số chỉ tiêu", *[ev.labels[k] for k in ev.scheme.keys]]
    for col, title in enumerate(heads, start=1):
        cell = ws.cell(row=header_row, column=col, value=title)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = 44 if col == 1 else 13
    for i, g in enumerate(review.groups, start=header_row + 1):
        values = [g.title, sum(g.counts.values()), *[g.counts.get(k, 0) for k in ev.scheme.keys]]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=value)
            cell.font = Font(name=FONT)
            cell.border = BORDER
    total_row = header_row + len(review.groups) + 1
    totals = ["Tổng cộng", ev.total, *[ev.counts.get(k, 0) for k in ev.scheme.keys]]
    for col, value in enumerate(totals, start=1):
        cell = ws.cell(row=total_row, column=col, value=value)
        cell.font = Font(name=FONT, bold=True)
        cell.border = BORDER
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    print_setup(ws, header_row=header_row)

    for g in review.groups:
        sheet = wb.create_sheet(_sheet_name(g.title, taken))
        sheet.cell(row=1, column=1, value=g.title).font = Font(name=FONT, bold=True, size=12)
        _table(sheet, g.rows, 3, review.pace_heading)
    if review.outlook:
        _outlook_sheet(wb.create_sheet(_sheet_name("Dự báo cuối nhiệm kỳ", taken)), review.outlook)
    for u in review.appendix:
        sheet = wb.create_sheet(_sheet_name(f"PL - {u.title}", taken))
        sheet.cell(row=1, column=1, value=u.title).font = Font(name=FONT, bold=True, size=12)
        sheet.cell(row=2, column=1, value=u.summary).font = Font(name=FONT)
        _table(sheet, u.rows, 4, review.pace_heading)
    wb.properties.title = review.title[:255]
    wb.properties.creator = "nghiquyet"
    out = io.BytesIO()
    defuse(wb)
    wb.save(out)
    return out.getvalue()
