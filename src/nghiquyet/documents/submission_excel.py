"""A unit's report as an Excel template, and the import of the filled template.

The template (:func:`submission_template`) is the web grid on paper: the same rows
in the same order with the same reference figures, the unit's draft prefilled,
everything locked except the input cells (value, numerator and denominator of
ratios, status, note), each with data validation. A very hidden sheet carries
the submission, round, unit and period, every row's entry id and the figures as
the template showed them, signed with an HMAC of the site's secret key.

The import (:func:`submission_import`) checks the file (:mod:`.xlsx_safety`),
reads the values with python-calamine, verifies the signature, maps rows back to
entries by the ids in the sheet (not by position), validates every cell and
reports every problem by sheet, row and column. It then compares each cell three
ways — the file, the template as downloaded, the report now — so that:

- a cell the user did not touch never overwrites a figure someone changed on the
  web meanwhile;
- a cell both changed differently is a conflict, reported, nothing written;
- a cell equal to the report now changes nothing, so re-importing the same file
  changes nothing at all (no save, no new revision, no event).

What changed goes through :func:`nghiquyet.reporting.workflow.submission_save`
(all or nothing, REPORT scope, optimistic locking), with one ``submission.import``
audit event naming the file and the number of figures changed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from nghiquyet import engine
from nghiquyet.audit.services import audit_log
from nghiquyet.plans.choices import Aggregation, TargetDirection
from nghiquyet.plans.display import number, target_text
from nghiquyet.reporting import workflow
from nghiquyet.reporting.choices import ValueStatus, status_aliases
from nghiquyet.reporting.models import Submission, SubmissionEntry
from nghiquyet.reporting.selectors import submission_get, submission_grid
from nghiquyet.tabular import cell_text, fold

from .xlsx_safety import (
    ImportInvalid,
    cell_ref,
    column_letter,
    problem_text,
)

KIND = "nghiquyet.submission-template"
FORMAT_VERSION = "1"
META_SHEET = "_nghiquyet"
_SALT = "nghiquyet.documents.submission_excel"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
#: Columns of the data sheet (1 = A).
COL_CODE, COL_NAME, COL_UOM, COL_PLAN = 1, 2, 3, 4
COL_PREVIOUS, COL_PREVIOUS_PERIOD, COL_LAST_YEAR = 5, 6, 7
COL_VALUE, COL_NUMERATOR, COL_DENOMINATOR, COL_STATUS, COL_NOTE = 8, 9, 10, 11, 12
COL_ID = 13
INPUT_COLUMNS = {
    "value": COL_VALUE,
    "numerator": COL_NUMERATOR,
    "denominator": COL_DENOMINATOR,
    "status": COL_STATUS,
    "note": COL_NOTE,
}
NOTE_MAX = 4000
#: Figures the database can hold (20 digits, 6 of them decimals).
NUMBER_LIMIT = Decimal(10) ** 14
SIX_PLACES = Decimal("0.000001")

_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")

_YES = {"1", "dat", "co", "yes", "true", "achieved", "met"}
_NO = {"0", "chua_dat", "khong_dat", "khong", "no", "false", "not_achieved", "not_met"}

#: Row kinds: how a target's figure is entered.
PLAIN, RATIO, YES_NO = "plain", "ratio", "yes_no"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: how many figures changed, and a sentence saying so."""

    changed: int
    message: str
    submission: Submission


# --- the template --------------------------------------------------------------------------


def _headers() -> dict[int, str]:
    return {
        COL_CODE: _("STT"),
        COL_NAME: _("Chỉ tiêu"),
        COL_UOM: _("ĐVT"),
        COL_PLAN: _("Kế hoạch"),
        COL_PREVIOUS: _("Kỳ trước"),
        COL_PREVIOUS_PERIOD: _("Kỳ của số liệu trước"),
        COL_LAST_YEAR: _("Cùng kỳ năm trước"),
        COL_VALUE: _("Giá trị"),
        COL_NUMERATOR: _("Tử số"),
        COL_DENOMINATOR: _("Mẫu số"),
        COL_STATUS: _("Tình trạng"),
        COL_NOTE: _("Ghi chú, giải trình"),
        COL_ID: _("Mã dòng (không sửa)"),
    }


def _field_labels() -> dict[str, str]:
    return {
        "value": _("Giá trị"),
        "numerator": _("Tử số"),
        "denominator": _("Mẫu số"),
        "status": _("Tình trạng"),
        "note": _("Ghi chú"),
    }


def _status_labels() -> dict[str, str]:
    return {key: str(label) for key, label in ValueStatus.choices}


def _row_kind(entry: SubmissionEntry) -> str:
    target = entry.target
    if target.direction == TargetDirection.YES_NO:
        return YES_NO
    if target.indicator_id and target.indicator.aggregation == Aggregation.RATIO:
        return RATIO
    return PLAIN


def _entry_label(entry: SubmissionEntry, submission: Submission) -> str:
    label = f"{entry.target.code}. {entry.target.name}"
    if entry.unit_id != submission.unit_id:
        label += f" ({entry.unit.name})"
    return label


def _canon(value: Decimal | None) -> str:
    """A figure as compared across the file, the template and the database.

    Fifteen significant digits (what a spreadsheet keeps), at most six decimals
    (what the database keeps), no trailing zeros: ``8.000000`` → ``"8"``.
    """
    if value is None:
        return ""
    value = Decimal(format(value, ".15g"))
    if value.as_tuple().exponent < -6:
        value = value.quantize(SIX_PLACES)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _number_text(value: Decimal | None) -> str:
    """A figure as text that reads the same in Vietnamese and English ("1.234" never appears)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}\.\d{3}", text):
        text += "0"  # "1.2340" can only be one and a bit
    return text


def _clean_text(text: str) -> str:
    """Text as a cell shows it and as compared on import: NFC, no control characters, \\n."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(text or ""))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def _note_key(text: str) -> str:
    return hashlib.sha256(_clean_text(text).encode()).hexdigest()[:32]


def _shown(entry: SubmissionEntry, kind: str) -> dict[str, str]:
    """The entry's fields as the template shows them (canonical texts)."""
    if kind == YES_NO:
        value = "" if entry.value is None else ("1" if entry.value else "0")
        numerator = denominator = ""
    elif kind == RATIO and (entry.numerator is not None or entry.denominator is not None):
        # The rate is computed from the numerator and denominator; its cell stays empty.
        value = ""
        numerator, denominator = _canon(entry.numerator), _canon(entry.denominator)
    else:
        value = _canon(entry.value)
        numerator = _canon(entry.numerator) if kind == RATIO else ""
        denominator = _canon(entry.denominator) if kind == RATIO else ""
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "status": entry.status,
        "note": _note_key(entry.note),
    }


def _number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * min(decimals, 6)


def _put(ws, row: int, column: int, value, **style):
    """Write a cell; text starting with '=' stays text (never a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


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


def _signature(meta: list[list[str]]) -> str:
    payload = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    return salted_hmac(_SALT, payload, algorithm="sha256").hexdigest()


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def template_filename(submission: Submission) -> str:
    """``bao-cao-phuong-an-hoi-2021-H1.xlsx``."""
    slug = slugify(fold(submission.unit.name).replace("_", "-")) or "don-vi"
    return f"bao-cao-{slug}-{submission.round.period.key}.xlsx"


def _in_vietnamese(func):
    """Templates are documents: always Vietnamese, whatever the page's language, so that
    what a user downloads is what the import reads back."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with override("vi"):
            return func(*args, **kwargs)

    return wrapper


@_in_vietnamese
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
    statuses = _status_labels()

    wb = Workbook()
    ws = wb.active
    ws.title = _("Số liệu")
    guide = wb.create_sheet(_("Hướng dẫn"))
    meta_ws = wb.create_sheet(META_SHEET)

    # Title rows.
    last_col = COL_NOTE
    title = _("BÁO CÁO SỐ LIỆU THỰC HIỆN CHỈ TIÊU — %(period)s") % {"period": period.label}
    _put(ws, 1, 1, title, font=Font(bold=True, size=13))
    _put(ws, 2, 1, f"{plan.heading} {plan.title} — {plan.issuing_body or plan.unit.name}")
    _put(
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
    _put(
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
    _put(
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

    headers = _headers()
    for col, text in headers.items():
        _put(
            ws,
            HEADER_ROW,
            col,
            text,
            font=Font(bold=True),
            fill=_HEAD_FILL,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border=_BORDER,
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
        kind = _row_kind(e)
        fmt = _number_format(t.decimals)
        name = t.name if e.unit_id == submission.unit_id else f"{t.name} ({e.unit.name})"
        _put(ws, r, COL_CODE, str(t.code))
        _put(ws, r, COL_NAME, name, alignment=_WRAP)
        _put(ws, r, COL_UOM, t.unit_of_measure)
        _put(ws, r, COL_PLAN, target_text(t), alignment=_WRAP)
        for col, ref in ((COL_PREVIOUS, row.previous), (COL_LAST_YEAR, row.last_year)):
            if ref is None:
                continue
            if kind == YES_NO:
                _put(ws, r, col, _("Đạt") if ref.value else _("Chưa đạt"))
            else:
                _put(ws, r, col, float(ref.value), number_format=fmt)
        if row.previous is not None:
            _put(ws, r, COL_PREVIOUS_PERIOD, row.previous.period.label)
        shown = _shown(e, kind)
        value_cell = ws.cell(row=r, column=COL_VALUE)
        if kind == YES_NO:
            if shown["value"]:
                value_cell.value = _("Đạt") if shown["value"] == "1" else _("Chưa đạt")
            yes_no_rows.append(r)
        else:
            if shown["value"]:
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
                cell.fill = _INPUT_FILL
            else:
                cell.fill = _LOCKED_FILL
        if kind == RATIO:
            ratio_rows.append(r)
        _put(ws, r, COL_STATUS, statuses.get(e.status, e.status))
        _put(ws, r, COL_NOTE, _clean_text(e.note), alignment=_WRAP)
        _put(ws, r, COL_ID, str(e.pk))
        for col in (COL_VALUE, COL_STATUS, COL_NOTE):
            cell = ws.cell(row=r, column=col)
            cell.protection = _UNLOCKED
            cell.fill = _INPUT_FILL
        for col in range(1, COL_ID + 1):
            ws.cell(row=r, column=col).border = _BORDER
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
    _put(meta_ws, 1, 1, "signature")
    _put(meta_ws, 1, 2, _signature(signed))
    for i, line in enumerate(signed, start=2):
        for j, text in enumerate(line, start=1):
            _put(meta_ws, i, j, text)
    meta_ws.sheet_state = "veryHidden"
    meta_ws.protection.sheet = True

    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = title
    wb.properties.creator = "nghiquyet"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), template_filename(submission)


def _add_validations(ws, number_rows, ratio_rows, yes_no_rows, all_rows, statuses) -> None:
    if number_rows:
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="-99999999999999",
            formula2="99999999999999",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=_("Không phải là số"),
            error=_(
                "Hãy nhập một số, ví dụ 1234,5 (Excel tiếng Việt) hoặc 1234.5 (Excel tiếng Anh); "
                "để trống nếu chưa có số liệu."
            ),
            promptTitle=_("Giá trị"),
            prompt=_("Nhập số liệu kỳ này. Chỉ tiêu tỷ lệ: nhập tử số, mẫu số."),
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
        _put(ws, i, 1, text, font=Font(bold=bold, size=13 if bold else 11), alignment=_WRAP)
        # Spreadsheets do not always grow wrapped rows by themselves: give each its height.
        ws.row_dimensions[i].height = 16 * max(1, math.ceil(len(text) * 1.05 / width)) + 4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True


# --- the import ----------------------------------------------------------------------------


@dataclass
class _Row:
    entry: SubmissionEntry
    kind: str
    row: int
    fields: dict[str, str]  # canonical texts, as :func:`_shown`
    note: str  # the note's text (``fields["note"]`` is its key)
    template: dict[str, str]  # what the template showed (signed hidden sheet)


def _yes_no_aliases() -> tuple[set[str], set[str]]:
    yes, no = set(_YES), set(_NO)
    yes.add(fold(_("Đạt")))
    no.add(fold(_("Chưa đạt")))
    return yes, no


def _cell(rows: list[list], row: int, column: int):
    if row - 1 < len(rows) and column - 1 < len(rows[row - 1]):
        value = rows[row - 1][column - 1]
        return value.strip() if isinstance(value, str) else value
    return ""


def _read_meta(book, filename: str) -> dict:
    """The template's signed identity, or a refusal."""
    not_ours = _(
        "Tệp “%(name)s” không phải mẫu báo cáo do hệ thống tạo ra (hoặc đã được sao chép sang "
        "tệp khác). Hãy tải mẫu Excel tại trang báo cáo, điền vào đó rồi tải lên."
    ) % {"name": filename}
    if META_SHEET not in book.rows:
        raise ImportInvalid([not_ours])
    lines = [
        [cell_text(c).strip() for c in line]
        for line in book.rows[META_SHEET]
        if any(cell_text(c).strip() for c in line)
    ]
    if not lines or lines[0][:1] != ["signature"] or len(lines[0]) < 2:
        raise ImportInvalid([not_ours])
    signature = lines[0][1]
    signed = []
    for line in lines[1:]:
        width = {"header": 3, "entry": 9}.get(line[0], 2)
        signed.append((line + [""] * width)[:width])
    if not constant_time_compare(signature, _signature(signed)):
        raise ImportInvalid(
            [
                _(
                    "Phần thông tin ẩn của tệp “%(name)s” đã bị sửa hoặc tệp không do hệ thống "
                    "tạo ra, nên không thể biết các dòng thuộc chỉ tiêu nào. Hãy tải mẫu mới tại "
                    "trang báo cáo, điền lại rồi tải lên."
                )
                % {"name": filename}
            ]
        )
    meta = {"headers": {}, "entries": []}
    for line in signed:
        if line[0] == "header":
            meta["headers"][int(line[1])] = line[2]
        elif line[0] == "entry":
            meta["entries"].append(line[1:])
        else:
            meta[line[0]] = line[1]
    if meta.get("kind") != KIND or meta.get("version") != FORMAT_VERSION:
        raise ImportInvalid([not_ours])
    return meta


def _parse_number(raw, reader: engine.NumberReader) -> Decimal | None:
    """A cell as a figure; raises ValueError with a Vietnamese message."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueError(_("'%(text)s' không phải là một số") % {"text": cell_text(raw)})
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError(_("ô không chứa một số hợp lệ"))
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    elif isinstance(raw, str):
        try:
            value = Decimal(repr(reader.read(raw)))
        except engine.NumberError as exc:
            raise ValueError(str(exc)) from None
        except InvalidOperation:
            raise ValueError(_("'%(text)s' không phải là một số") % {"text": raw}) from None
    else:
        raise ValueError(
            _("'%(text)s' là ngày tháng hoặc giờ, không phải là một số; hãy định dạng ô là Số")
            % {"text": cell_text(raw)}
        )
    if not value.is_finite():
        raise ValueError(_("ô không chứa một số hợp lệ"))
    if abs(value) >= NUMBER_LIMIT:
        raise ValueError(
            _("số %(text)s quá lớn (tối đa 14 chữ số phần nguyên)") % {"text": cell_text(raw)}
        )
    return value


def _parse_rows(book, meta: dict, submission: Submission) -> list[_Row]:
    sheet = meta["data_sheet"]
    header_row = int(meta["header_row"])
    problems: list[str] = []
    if sheet not in book.rows:
        raise ImportInvalid(
            [
                _(
                    "Tệp không còn trang “%(sheet)s”; hãy tải mẫu mới tại trang báo cáo rồi điền "
                    "lại."
                )
                % {"sheet": sheet}
            ]
        )
    grid = book.rows[sheet]
    for col, text in meta["headers"].items():
        found = cell_text(_cell(grid, header_row, col)).strip()
        if found != text:
            problems.append(
                problem_text(
                    sheet,
                    header_row,
                    col,
                    text,
                    _(
                        "tiêu đề cột đã bị đổi thành “%(found)s” (có thể do thêm, xóa hoặc đổi "
                        "chỗ cột); hãy tải mẫu mới rồi điền lại"
                    )
                    % {"found": found},
                )
            )
    if problems:
        raise ImportInvalid(problems)

    entries = {
        e.pk: e
        for e in SubmissionEntry.objects.filter(submission=submission).select_related(
            "target__indicator", "unit"
        )
    }
    expected = {int(m[0]): m for m in meta["entries"]}
    labels = {pk: _entry_label(e, submission) for pk, e in entries.items()}
    fields = _field_labels()
    statuses = status_aliases()
    yes, no = _yes_no_aliases()

    # The file's own number convention settles "1.234" (Vietnamese unless it shows English).
    reader = engine.NumberReader()
    if (get_language() or "vi").startswith("en"):
        reader.en_seen = 1
    for line in grid[header_row:]:
        for col in (COL_VALUE, COL_NUMERATOR, COL_DENOMINATOR):
            if col - 1 < len(line) and isinstance(line[col - 1], str) and line[col - 1].strip():
                reader.observe(line[col - 1])

    parsed: list[_Row] = []
    seen: dict[int, int] = {}
    for r in range(header_row + 1, len(grid) + 1):
        raw_id = _cell(grid, r, COL_ID)
        inputs = [_cell(grid, r, c) for c in INPUT_COLUMNS.values()]
        if raw_id == "":
            if any(v != "" for v in inputs):
                problems.append(
                    problem_text(
                        sheet,
                        r,
                        None,
                        "",
                        _(
                            "dòng này không thuộc mẫu (không có mã dòng) nên không biết là chỉ "
                            "tiêu nào; hãy chuyển số liệu vào đúng dòng của chỉ tiêu rồi xóa dòng "
                            "này"
                        ),
                    )
                )
            continue
        text_id = cell_text(raw_id).strip()
        entry_id = int(text_id) if text_id.isdigit() else None
        if entry_id is None or entry_id not in expected or entry_id not in entries:
            problems.append(
                problem_text(
                    sheet,
                    r,
                    COL_ID,
                    _("Mã dòng"),
                    _("mã dòng “%(id)s” không thuộc báo cáo này; hãy tải mẫu mới")
                    % {"id": text_id},
                )
            )
            continue
        if entry_id in seen:
            problems.append(
                problem_text(
                    sheet,
                    r,
                    None,
                    "",
                    _("dòng của chỉ tiêu %(target)s bị lặp lại (đã có ở dòng %(first)s)")
                    % {"target": labels[entry_id], "first": seen[entry_id]},
                )
            )
            continue
        seen[entry_id] = r
        entry = entries[entry_id]
        kind = expected[entry_id][2]
        template = dict(
            zip(
                ("value", "numerator", "denominator", "status", "note"),
                expected[entry_id][3:8],
                strict=True,
            )
        )
        parsed_row = _parse_row(
            grid, r, entry, kind, labels[entry_id], sheet, fields, reader, statuses, yes, no
        )
        if isinstance(parsed_row, _Row):
            parsed_row.template = template
        if isinstance(parsed_row, list):
            problems.extend(parsed_row)
        else:
            parsed.append(parsed_row)
    for entry_id, m in expected.items():
        if entry_id not in seen:
            label = labels.get(entry_id, f"#{entry_id}")
            problems.append(
                _(
                    "Trang '%(sheet)s': không thấy dòng của chỉ tiêu %(target)s (dòng %(row)s "
                    "trong mẫu) — có thể đã bị xóa; hãy khôi phục dòng đó hoặc tải mẫu mới."
                )
                % {"sheet": sheet, "target": label, "row": m[1]}
            )
    if problems:
        raise ImportInvalid(problems)
    return parsed


def _parse_row(grid, r, entry, kind, label, sheet, fields, reader, statuses, yes, no):
    """One data row as canonical texts, or the list of its problems."""
    problems: list[str] = []

    def bad(field: str, message: str) -> None:
        col = INPUT_COLUMNS[field]
        problems.append(problem_text(sheet, r, col, f"{fields[field]} — {label}", message))

    out = {"value": "", "numerator": "", "denominator": ""}
    raw_value = _cell(grid, r, COL_VALUE)
    if kind == YES_NO:
        if raw_value != "":
            key = "1" if raw_value is True else ("0" if raw_value is False else None)
            if key is None:
                folded = fold(cell_text(raw_value))
                key = "1" if folded in yes else ("0" if folded in no else None)
            if key is None:
                bad(
                    "value",
                    _("“%(text)s” không hợp lệ; chọn “Đạt” hoặc “Chưa đạt”")
                    % {"text": cell_text(raw_value)},
                )
            else:
                out["value"] = key
    else:
        fields_to_read = ("value", "numerator", "denominator") if kind == RATIO else ("value",)
        for field in fields_to_read:
            try:
                out[field] = _canon(_parse_number(_cell(grid, r, INPUT_COLUMNS[field]), reader))
            except ValueError as exc:
                bad(field, str(exc))
        if kind == RATIO and not problems:
            _check_ratio(entry, out, bad)
    if kind != RATIO:
        for field in ("numerator", "denominator"):
            if _cell(grid, r, INPUT_COLUMNS[field]) != "":
                bad(
                    field,
                    _("chỉ tiêu này không nhập tử số, mẫu số; hãy để trống ô này"),
                )
    raw_status = _cell(grid, r, COL_STATUS)
    if raw_status == "":
        status = ValueStatus.ESTIMATE
    else:
        status = statuses.get(fold(cell_text(raw_status)))
        if status is None:
            bad(
                "status",
                _("“%(text)s” không phải tình trạng số liệu; chọn một trong: %(choices)s")
                % {
                    "text": cell_text(raw_status),
                    "choices": ", ".join(str(label) for _k, label in ValueStatus.choices),
                },
            )
    note = _clean_text(cell_text(_cell(grid, r, COL_NOTE)))
    if len(note) > NOTE_MAX:
        bad(
            "note",
            _("ghi chú dài %(n)s ký tự, tối đa %(max)s")
            % {"n": number(len(note), 0), "max": number(NOTE_MAX, 0)},
        )
    if problems:
        return problems
    out["status"] = status
    out["note"] = _note_key(note)
    return _Row(entry, kind, r, out, note, {})


def _check_ratio(entry: SubmissionEntry, out: dict[str, str], bad) -> None:
    """The rules submission_save applies to a ratio, checked here to list every problem at once."""
    num, den, value = (
        Decimal(out[f]) if out[f] else None for f in ("numerator", "denominator", "value")
    )
    if (num is None) != (den is None):
        bad(
            "denominator" if den is None else "numerator",
            _("phải nhập cả tử số và mẫu số, hoặc bỏ trống cả hai"),
        )
    elif den is not None:
        if den == 0:
            bad("denominator", _("mẫu số phải khác 0"))
        elif num < 0 or den < 0:
            bad("numerator", _("tử số và mẫu số không được âm"))
        elif value is not None:
            factor = entry.target.indicator.ratio_factor
            computed = num / den * factor
            if abs(value - computed) > max(abs(computed) * Decimal("0.0005"), Decimal("0.01")):
                bad(
                    "value",
                    _(
                        "tỷ lệ %(value)s không khớp tử số / mẫu số (%(computed)s); để trống ô "
                        "Giá trị để hệ thống tự tính"
                    )
                    % {"value": number(value, 4), "computed": number(computed, 4)},
                )


_GROUPS = {
    "figure": ("value", "numerator", "denominator"),
    "status": ("status",),
    "note": ("note",),
}


class _NothingChanged(Exception):
    pass


def _save(acting_user, submission: Submission, rows: list[_Row], sheet: str, filename: str):
    """Compare the file with the template and the report now; save what the user changed."""
    by_entry = {row.entry.pk: row for row in rows}
    with transaction.atomic():
        # The revision first: a save by someone else after this point is refused by
        # submission_save (SubmissionConflict), so the comparison below stays true.
        fresh = Submission.objects.select_related("round__period", "unit").get(pk=submission.pk)
        current = {
            e.pk: e
            for e in SubmissionEntry.objects.filter(submission=fresh).select_related(
                "target__indicator", "unit"
            )
        }
        problems: list[str] = []
        send: dict[int, dict[str, str]] = {}
        fields = _field_labels()
        for row in rows:
            entry = current[row.entry.pk]
            shown_now = _shown(entry, row.kind)
            template = row.template
            edited = set()
            for group, names in _GROUPS.items():
                f = tuple(row.fields[n] for n in names)
                s = tuple(shown_now[n] for n in names)
                b = tuple(template[n] for n in names)
                if f in (s, b):
                    continue
                if s == b:
                    edited.add(group)
                    continue
                col = next(INPUT_COLUMNS[n] for n, x, y in zip(names, f, s, strict=True) if x != y)
                field = next(n for n, c in INPUT_COLUMNS.items() if c == col)
                problems.append(
                    problem_text(
                        sheet,
                        row.row,
                        col,
                        f"{fields[field]} — {_entry_label(entry, fresh)}",
                        _(
                            "số liệu này đã được sửa trên hệ thống sau khi bạn tải mẫu (hiện là "
                            "“%(now)s”); hãy tải mẫu mới rồi điền lại"
                        )
                        % {"now": _display_now(entry, field)},
                    )
                )
            if edited:
                send[entry.pk] = _row_to_send(entry, row, edited)
        if problems:
            raise ImportInvalid(problems)
        if not send:
            return ImportResult(
                0,
                _("Tệp “%(name)s” không có số liệu nào khác với báo cáo; không có gì thay đổi.")
                % {"name": filename},
                fresh,
            )
        before = {pk: _snapshot(current[pk]) for pk in send}
        try:
            with transaction.atomic():
                saved = workflow.submission_save(
                    acting_user=acting_user,
                    submission=fresh,
                    revision=fresh.revision,
                    rows=send,
                )
                after = {
                    e.pk: _snapshot(e) for e in SubmissionEntry.objects.filter(pk__in=list(send))
                }
                changed = sum(1 for pk in send if before[pk] != after[pk])
                if not changed:
                    raise _NothingChanged
                audit_log(
                    acting_user=acting_user,
                    action="submission.import",
                    obj=saved,
                    unit=saved.unit,
                    changes={"file": [None, filename], "figures": [None, changed]},
                )
        except _NothingChanged:
            return ImportResult(
                0,
                _("Tệp “%(name)s” không có số liệu nào khác với báo cáo; không có gì thay đổi.")
                % {"name": filename},
                fresh,
            )
        except workflow.SubmissionInvalid as exc:
            raise ImportInvalid(_translate(exc.problems, by_entry, fresh, sheet)) from None
        except workflow.SubmissionConflict as exc:
            raise ValidationError(exc.message) from None
    return ImportResult(
        changed,
        _("Đã nhập %(n)s số liệu từ tệp “%(name)s”.") % {"n": changed, "name": filename},
        saved,
    )


def _snapshot(entry: SubmissionEntry) -> tuple:
    return (entry.value, entry.numerator, entry.denominator, entry.status, entry.note)


def _display_now(entry: SubmissionEntry, field: str) -> str:
    if field == "status":
        return entry.get_status_display()
    if field == "note":
        return entry.note[:60]
    value = getattr(entry, field)
    if value is None:
        return _("trống")
    if entry.target.direction == TargetDirection.YES_NO:
        return _("Đạt") if value else _("Chưa đạt")
    return number(value, 6)


def _row_to_send(entry: SubmissionEntry, row: _Row, edited: set[str]) -> dict[str, str]:
    """The texts submission_save expects: the user's edits over the report's current fields."""
    out: dict[str, str] = {}
    if "figure" in edited:
        for field in ("value", "numerator", "denominator"):
            text = row.fields[field]
            out[field] = _number_text(Decimal(text)) if text else ""
    else:
        for field in ("value", "numerator", "denominator"):
            out[field] = _number_text(getattr(entry, field))
    out["status"] = row.fields["status"] if "status" in edited else entry.status
    out["note"] = row.note if "note" in edited else entry.note
    return out


def _translate(problems, rows: dict[int, _Row], submission: Submission, sheet: str) -> list[str]:
    """The service's problems (entry, field) as sheet, row and column."""
    fields = _field_labels()
    out = []
    for p in problems:
        row = rows.get(p.entry_id)
        if row is None:
            out.append(p.message)
            continue
        label = _entry_label(row.entry, submission)
        message = p.message
        for prefix in (f"{label}: ", f"{row.entry.target.code}. {row.entry.target.name}: "):
            message = message.removeprefix(prefix)
        field = p.field if p.field in INPUT_COLUMNS else "value"
        what = f"{fields[field]} — {label}"
        out.append(problem_text(sheet, row.row, INPUT_COLUMNS[field], what, message))
    return out
