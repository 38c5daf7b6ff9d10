"""Writing a unit's report as an Excel template, prefilled with its draft."""

from __future__ import annotations

import io
import math
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from nghiquyet.plans.display import number, target_text
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.selectors.submissions import submission_get, submission_grid

from ..problems import cell_ref, column_letter
from ..sheets import BORDER, HEAD_FILL, INPUT_FILL, WRAP, defuse, in_vietnamese, put
from .spec import (
    COL_CODE,
    COL_DENOMINATOR,
    COL_ID,
    COL_LAST_YEAR,
    COL_NAME,
    COL_NOTE,
    COL_NUMERATOR,
    COL_PLAN,
    COL_PREVIOUS,
    COL_PREVIOUS_PERIOD,
    COL_STATUS,
    COL_UOM,
    COL_VALUE,
    FIRST_ROW,
    FORMAT_VERSION,
    HEADER_ROW,
    KIND,
    META_SHEET,
    NOTE_MAX,
    RATIO,
    YES_NO,
    clean_text,
    column_headers,
    row_kind,
    shown_fields,
    sign,
    status_labels,
    template_filename,
)

#: Cells the user may not change (grey), and the protection of input cells.
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_UNLOCKED = Protection(locked=False)


def _number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * min(decimals, 6)


def _runs(column: int, rows: list[int]) -> list[str]:
    """``H7 H8 H9 H11`` as ``["H7:H9", "H11"]``: a data validation's ranges."""
    letter = column_letter(column)
    parts, start, prev = [], None, None
    for r in sorted(rows):
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            parts.append(f"{letter}{start}:{letter}{prev}" if prev != start else f"{letter}{start}")
            start = prev = r
    if start is not None:
        parts.append(f"{letter}{start}:{letter}{prev}" if prev != start else f"{letter}{start}")
    return parts


def _add(dv: DataValidation, column: int, rows: list[int]) -> None:
    for part in _runs(column, rows):
        dv.add(part)


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


@in_vietnamese
def submission_template(*, user, submission: Submission) -> tuple[bytes, str]:
    """The Excel template of a unit's report, prefilled with its draft: ``(bytes, file name)``.

    The user must be able to see the submission (404 otherwise, through
    :func:`~nghiquyet.reporting.selectors.submission_get`). Sheets: "Số liệu"
    (title rows, a frozen header, one row per entry as in the web grid, only the
    input cells unlocked, data validation on them, sheet protection on without a
    password), "Hướng dẫn" (instructions) and a very hidden sheet with the signed
    identity of the report and the figures as shown.
    """
    submission = submission_get(user=user, pk=submission.pk)
    rnd, period, plan = submission.round, submission.round.period, submission.round.plan
    grid = submission_grid(submission=submission)
    statuses = status_labels()

    wb = Workbook()
    ws = wb.active
    ws.title = _("Số liệu")
    guide = wb.create_sheet(_("Hướng dẫn"))
    meta_ws = wb.create_sheet(META_SHEET)

    # Title rows.
    last_col = COL_NOTE
    title = _("BÁO CÁO SỐ LIỆU THỰC HIỆN CHỈ TIÊU — %(period)s") % {"period": period.label}
    put(ws, 1, 1, title, font=Font(bold=True, size=13))
    put(ws, 2, 1, f"{plan.heading} {plan.title} — {plan.issuing_body or plan.unit.name}")
    put(
        ws,
        3,
        1,
        _("Đơn vị báo cáo: %(unit)s · Kỳ: %(period)s (số liệu từ %(start)s đến %(end)s)")
        % {
            "unit": submission.unit.name,
            "period": period.label,
            "start": _date(period.start_date),
            "end": _date(period.end_date),
        },
        font=Font(bold=True),
    )
    put(
        ws,
        4,
        1,
        _("Hạn gửi: %(deadline)s · Trạng thái: %(status)s · Tải mẫu lúc %(now)s")
        % {
            "deadline": _date(rnd.deadline),
            "status": submission.get_status_display(),
            "now": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
        },
    )
    put(
        ws,
        5,
        1,
        _(
            "Chỉ nhập vào các ô nền vàng. Không thêm, xóa hay đổi thứ tự dòng, cột. Không dùng "
            "công thức. Xem trang “Hướng dẫn”."
        ),
        font=Font(italic=True, color="9C5700"),
    )
    for r in range(1, 6):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)

    headers = column_headers()
    for col, text in headers.items():
        put(
            ws,
            HEADER_ROW,
            col,
            text,
            font=Font(bold=True),
            fill=HEAD_FILL,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border=BORDER,
        )
    widths = {
        COL_CODE: 7,
        COL_NAME: 46,
        COL_UOM: 11,
        COL_PLAN: 18,
        COL_PREVIOUS: 13,
        COL_PREVIOUS_PERIOD: 16,
        COL_LAST_YEAR: 13,
        COL_VALUE: 14,
        COL_NUMERATOR: 13,
        COL_DENOMINATOR: 13,
        COL_STATUS: 16,
        COL_NOTE: 40,
        COL_ID: 10,
    }
    for col, width in widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    ws.column_dimensions[column_letter(COL_ID)].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = cell_ref(FIRST_ROW, COL_UOM)

    number_rows, ratio_rows, yes_no_rows, all_rows = [], [], [], []
    entries_meta: list[list[str]] = []
    for i, row in enumerate(grid):
        r = FIRST_ROW + i
        e, t = row.entry, row.entry.target
        kind = row_kind(e)
        fmt = _number_format(t.decimals)
        name = t.name if e.unit_id == submission.unit_id else f"{t.name} ({e.unit.name})"
        put(ws, r, COL_CODE, str(t.code))
        put(ws, r, COL_NAME, name, alignment=WRAP)
        put(ws, r, COL_UOM, t.unit_of_measure)
        put(ws, r, COL_PLAN, target_text(t), alignment=WRAP)
        for col, ref in ((COL_PREVIOUS, row.previous), (COL_LAST_YEAR, row.last_year)):
            if ref is None:
                continue
            if kind == YES_NO:
                put(ws, r, col, _("Đạt") if ref.value else _("Chưa đạt"))
            else:
                put(ws, r, col, float(ref.value), number_format=fmt)
        if row.previous is not None:
            put(ws, r, COL_PREVIOUS_PERIOD, row.previous.period.label)
        shown = shown_fields(e, kind)
        value_cell = ws.cell(row=r, column=COL_VALUE)
        if kind == YES_NO:
            if shown["value"]:
                value_cell.value = _("Đạt") if shown["value"] == "1" else _("Chưa đạt")
            yes_no_rows.append(r)
        else:
            if e.value_text:
                value_cell.value = e.value_text  # as the report wrote it: "khoảng 22.710"
            elif shown["value"]:
                value_cell.value = float(shown["value"])
            value_cell.number_format = fmt
            number_rows.append(r)
        for col, field in ((COL_NUMERATOR, "numerator"), (COL_DENOMINATOR, "denominator")):
            cell = ws.cell(row=r, column=col)
            if kind == RATIO:
                if shown[field]:
                    cell.value = float(shown[field])
                integral = not shown[field] or Decimal(shown[field]) == int(Decimal(shown[field]))
                cell.number_format = "#,##0" if integral else "#,##0.0#####"
                cell.protection = _UNLOCKED
                cell.fill = INPUT_FILL
            else:
                cell.fill = _LOCKED_FILL
        if kind == RATIO:
            ratio_rows.append(r)
        put(ws, r, COL_STATUS, statuses.get(e.status, e.status))
        put(ws, r, COL_NOTE, clean_text(e.note), alignment=WRAP)
        put(ws, r, COL_ID, str(e.pk))
        for col in (COL_VALUE, COL_STATUS, COL_NOTE):
            cell = ws.cell(row=r, column=col)
            cell.protection = _UNLOCKED
            cell.fill = INPUT_FILL
        for col in range(1, COL_ID + 1):
            ws.cell(row=r, column=col).border = BORDER
        all_rows.append(r)
        entries_meta.append(
            [
                str(e.pk),
                str(r),
                kind,
                shown["value"],
                shown["numerator"],
                shown["denominator"],
                shown["status"],
                shown["note"],
            ]
        )

    _add_validations(ws, number_rows, ratio_rows, yes_no_rows, all_rows, statuses)

    # Locked everywhere but the input cells; no password: protection prevents slips,
    # and the import never reads a locked cell, so unprotecting gains nothing.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0

    _write_guide(guide, submission, statuses)

    identity = [
        ["kind", KIND],
        ["version", FORMAT_VERSION],
        ["submission", str(submission.pk)],
        ["round", str(rnd.pk)],
        ["unit", submission.unit.code],
        ["unit_name", submission.unit.name],
        ["period", period.key],
        ["period_label", period.label],
        ["plan", plan.code],
        ["data_sheet", ws.title],
        ["header_row", str(HEADER_ROW)],
        *[["header", str(col), text] for col, text in headers.items()],
    ]
    signed = identity + [["entry", *m] for m in entries_meta]
    put(meta_ws, 1, 1, "signature")
    put(meta_ws, 1, 2, sign(signed))
    for i, line in enumerate(signed, start=2):
        for j, text in enumerate(line, start=1):
            put(meta_ws, i, j, text)
    meta_ws.sheet_state = "veryHidden"
    meta_ws.protection.sheet = True

    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = title
    wb.properties.creator = "nghiquyet"
    buffer = io.BytesIO()
    defuse(wb)
    wb.save(buffer)
    return buffer.getvalue(), template_filename(submission)


def _add_validations(ws, number_rows, ratio_rows, yes_no_rows, all_rows, statuses) -> None:
    if number_rows:
        # No check by Excel: a figure may be written as reports print it ("khoảng 22.710",
        # "61-62"); the import reads and checks it like the grid does.
        dv = DataValidation(
            allow_blank=True,
            showErrorMessage=False,
            showInputMessage=True,
            promptTitle=_("Giá trị"),
            prompt=_(
                "Một số (1.234,5) hoặc như trong báo cáo: khoảng 22.710; ước 7,35; 61-62; trên 4. "
                "Chỉ tiêu tỷ lệ: nhập tử số, mẫu số."
            ),
        )
        _add(dv, COL_VALUE, number_rows)
        ws.add_data_validation(dv)
    if ratio_rows:
        dv = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Không phải là số"),
            error=_("Tử số và mẫu số là số không âm; nhập cả hai hoặc bỏ trống cả hai."),
        )
        _add(dv, COL_NUMERATOR, ratio_rows)
        _add(dv, COL_DENOMINATOR, ratio_rows)
        ws.add_data_validation(dv)
    if yes_no_rows:
        dv = DataValidation(
            type="list",
            formula1='"{},{}"'.format(_("Đạt"), _("Chưa đạt")),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Chọn trong danh sách"),
            error=_("Chọn “Đạt” hoặc “Chưa đạt”."),
        )
        _add(dv, COL_VALUE, yes_no_rows)
        ws.add_data_validation(dv)
    if all_rows:
        dv = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(statuses.values())),
            allow_blank=False,
            showErrorMessage=True,
            errorTitle=_("Chọn trong danh sách"),
            error=_("Chọn tình trạng số liệu: %(choices)s.")
            % {"choices": ", ".join(statuses.values())},
        )
        _add(dv, COL_STATUS, all_rows)
        ws.add_data_validation(dv)
        dv = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(NOTE_MAX),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Ghi chú quá dài"),
            error=_("Ghi chú tối đa %(n)s ký tự.") % {"n": number(NOTE_MAX, 0)},
        )
        _add(dv, COL_NOTE, all_rows)
        ws.add_data_validation(dv)


def _write_guide(ws, submission: Submission, statuses: dict[str, str]) -> None:
    period = submission.round.period
    lines = [
        (_("HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO SỐ LIỆU"), True),
        (
            _("Mẫu này dành riêng cho báo cáo của %(unit)s, kỳ %(period)s; hạn gửi %(deadline)s.")
            % {
                "unit": submission.unit.name,
                "period": period.label,
                "deadline": _date(submission.round.deadline),
            },
            False,
        ),
        (
            _(
                "1. Chỉ nhập vào các ô nền vàng của trang “Số liệu”: Giá trị; Tử số và Mẫu số "
                "(chỉ tiêu tỷ lệ); Tình trạng; Ghi chú, giải trình. Các ô khác đã được khóa."
            ),
            False,
        ),
        (
            _(
                "2. Không thêm, xóa, đổi thứ tự dòng hoặc cột, không đổi tên trang: mỗi dòng "
                "mang mã riêng để hệ thống ghi đúng chỉ tiêu."
            ),
            False,
        ),
        (
            _(
                "3. Số: nhập như mọi số trong Excel. Số gõ dạng chữ kiểu Việt Nam (1.234,5) hoặc "
                "kiểu Anh (1,234.5) đều được hiểu. Để trống ô nếu chưa có số liệu."
            ),
            False,
        ),
        (
            _(
                "4. Không dùng công thức: tệp có ô chứa công thức sẽ bị từ chối. Nếu đã tính "
                "bằng công thức, hãy Copy rồi Paste Special → Values (Dán đặc biệt → Giá trị)."
            ),
            False,
        ),
        (
            _(
                "5. Chỉ tiêu tỷ lệ (tỷ lệ hộ nghèo, bảo hiểm y tế…): nhập tử số và mẫu số, hệ "
                "thống tự tính tỷ lệ — để trống cột Giá trị. Phải nhập cả hai hoặc bỏ trống cả "
                "hai. Nếu nhập cả tỷ lệ thì tỷ lệ phải khớp tử số / mẫu số."
            ),
            False,
        ),
        (_("6. Chỉ tiêu đạt / không đạt: chọn “Đạt” hoặc “Chưa đạt” trong danh sách."), False),
        (
            _("7. Tình trạng số liệu: chọn một trong: %(choices)s.")
            % {"choices": ", ".join(statuses.values())},
            False,
        ),
        (
            _(
                "8. Ghi chú, giải trình: nguồn số liệu; giải trình số liệu khác xa các kỳ trước; "
                "lý do chưa có số liệu (tối đa %(n)s ký tự)."
            )
            % {"n": number(NOTE_MAX, 0)},
            False,
        ),
        (
            _(
                "9. Cột “Kỳ trước” và “Cùng kỳ năm trước” là số liệu đã được tiếp nhận, để đối "
                "chiếu; cột “Kế hoạch” là chỉ tiêu nghị quyết giao."
            ),
            False,
        ),
        (
            _(
                "10. Tải lên: mở báo cáo trên hệ thống, phần “Nhập, xuất Excel”, chọn tệp đã điền "
                "rồi bấm “Nhập số liệu từ tệp”. Mọi ô được kiểm tra; chỉ một ô sai là không số "
                "liệu nào được ghi, và mọi ô sai được liệt kê theo trang, dòng, cột để sửa. Tải "
                "lên lại đúng tệp đó không làm thay đổi gì."
            ),
            False,
        ),
        (
            _(
                "11. Nếu trong lúc bạn điền tệp có người sửa số liệu trên hệ thống: ô bạn không "
                "sửa giữ nguyên số liệu trên hệ thống; ô cả hai cùng sửa khác nhau được báo để "
                "bạn tải mẫu mới."
            ),
            False,
        ),
        (
            _(
                "12. Chỉ nhận tệp Excel Workbook (.xlsx) tối đa 10 MB; không nhận tệp .xls, "
                ".xlsm (có macro), CSV. Tải lên rồi vẫn có thể sửa tiếp trên hệ thống trước khi "
                "gửi lãnh đạo duyệt."
            ),
            False,
        ),
    ]
    width = 110
    ws.column_dimensions["A"].width = width
    for i, (text, bold) in enumerate(lines, start=1):
        put(ws, i, 1, text, font=Font(bold=bold, size=13 if bold else 11), alignment=WRAP)
        # Spreadsheets do not always grow wrapped rows by themselves: give each its height.
        ws.row_dimensions[i].height = 16 * max(1, math.ceil(len(text) * 1.05 / width)) + 4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
