"""A resolution typed into one Excel sheet: the downloadable template and the import.

The sheet "Nghị quyết" is laid out the way resolutions are typed:

- the document's particulars, one per row: a label in column A, the value next to it;
- "CHỈ TIÊU CHỦ YẾU": a header row, then group rows (STT in Roman numerals —
  I, II… — and the group's name) and target rows (STT 1, 2, 2.1, 37a…, name,
  statement, indicator code, unit of measure, direction, plan figure, upper
  bound, tolerance, comparison, time basis, aggregation, lead and partner
  units, and the composite target a part belongs to);
- "NHIỆM VỤ, GIẢI PHÁP": a header row, then task-group rows (Roman numerals) and
  task rows (STT, task, lead unit, partner units, product, deadline).

:func:`plan_import` checks the file, reads it with python-calamine, validates
every cell (reporting every problem by sheet, row and column, in Vietnamese)
and only then creates the plan, its groups, indicators, targets and tasks in one
transaction through the plan services, which check the MANAGE scope and write
their own audit events; one ``plan.import`` event records the file and counts.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.choices import TERRITORIAL_KINDS
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import (
    Aggregation,
    IndicatorNature,
    PlanKind,
    TargetChange,
    TargetDirection,
    Temporal,
)
from nghiquyet.plans.display import number
from nghiquyet.plans.models import Indicator, Plan
from nghiquyet.tabular import cell_text, fold

from .selectors import plan_import_units
from .xlsx_safety import (
    ImportInvalid,
    column_letter,
    inspect_xlsx,
    problem_text,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "mau-nhap-nghi-quyet.xlsx"
#: Rows of the unit list in the template.
UNIT_LIST_MAX = 5000
TEXT_MAX = 500

_ROMAN = re.compile(r"^([IVXLC]+)\.?$")
_ROMAN_WITH_NAME = re.compile(r"^([IVXLC]+)[.)]\s+(\S.*)$")
_TARGET_CODE = re.compile(r"^\d[0-9A-Za-z.]*$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_RANGE = re.compile(r"^\s*([^–—-]+?)\s*[–—-]\s*([^–—-]+?)\s*$")
_SPAN = re.compile(r"^\s*(\d{4})\s*(?:[–—-]\s*(\d{4}))?\s*$")

_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_GROUP_FILL = PatternFill("solid", fgColor="EDEDED")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


# --- words people type, and what they mean ----------------------------------------------------


def _key(text) -> str:
    """Compare-friendly label: no parenthesised hint, no diacritics, ``_`` between words."""
    text = re.sub(r"\(.*?\)", " ", cell_text(text))
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    aliases: tuple[str, ...]
    hint: str = ""
    required: bool = False


def _meta_fields() -> list[Field]:
    return [
        Field(
            "code",
            _("Mã trong hệ thống"),
            ("ma", "ma_van_ban", "code"),
            _("ví dụ tinh-2026: chữ không dấu, số, dấu gạch ngang"),
            True,
        ),
        Field("kind", _("Loại văn bản"), ("loai", "kind"), _("chọn trong danh sách"), True),
        Field(
            "number", _("Số, ký hiệu"), ("so_hieu", "so", "ky_hieu", "number"), _("ví dụ 15-NQ/TU")
        ),
        Field(
            "title",
            _("Trích yếu"),
            ("trich_yeu_noi_dung", "ten_van_ban", "title"),
            _("ví dụ: về nhiệm vụ năm 2026"),
            True,
        ),
        Field(
            "unit",
            _("Mã đơn vị ban hành"),
            ("ma_don_vi", "don_vi_ban_hanh", "unit"),
            _("mã trong trang “Đơn vị”"),
            True,
        ),
        Field(
            "issuing_body",
            _("Cơ quan ban hành"),
            ("co_quan_ban_hanh_van_ban",),
            _("ví dụ: Tỉnh ủy Bến Tre"),
            True,
        ),
        Field(
            "superior_body", _("Cơ quan cấp trên"), ("cap_tren",), _("ví dụ: Đảng bộ tỉnh Bến Tre")
        ),
        Field(
            "span",
            _("Năm hoặc nhiệm kỳ"),
            ("nam", "nhiem_ky", "nam_nhiem_ky", "year"),
            _("2026, hoặc 2025–2030 với nghị quyết nhiệm kỳ"),
            True,
        ),
        Field("issued_on", _("Ngày ban hành"), ("ngay", "issued_on"), _("dd/mm/yyyy")),
    ]


def _target_fields() -> list[Field]:
    return [
        Field(
            "code",
            _("STT"),
            ("so_thu_tu", "tt"),
            _("I, II… cho nhóm; 1, 2, 2.1, 37a… cho chỉ tiêu"),
            True,
        ),
        Field("name", _("Tên chỉ tiêu"), ("chi_tieu", "ten"), "", True),
        Field(
            "statement",
            _("Nguyên văn"),
            ("nguyen_van_nghi_quyet", "noi_dung"),
            _("như ghi trong nghị quyết"),
        ),
        Field(
            "indicator",
            _("Mã chỉ số"),
            ("chi_so",),
            _("để trống thì tạo chỉ số mới từ tên, ĐVT, cách tổng hợp"),
        ),
        Field("uom", _("ĐVT"), ("don_vi_tinh", "dvt"), _("%, tỷ đồng, hộ…")),
        Field("direction", _("Chiều"), ("chieu_danh_gia",), _("tăng / giảm / đạt")),
        Field(
            "value",
            _("Kế hoạch"),
            ("chi_tieu_ke_hoach", "gia_tri", "muc_tieu"),
            _("số; khoảng thì ghi 6,0 - 6,5"),
        ),
        Field("high", _("Cận trên"), ("can_tren_khoang",), _("với chỉ tiêu dạng khoảng")),
        Field(
            "tolerance",
            _("Dung sai"),
            ("khoang", "dung_sai_khoang"),
            _("chỉ tiêu “khoảng”: ví dụ 5%"),
        ),
        Field(
            "change",
            _("So sánh"),
            ("so_sanh_cung_ky",),
            _("— / tăng % so cùng kỳ / giảm % so cùng kỳ"),
        ),
        Field(
            "temporal",
            _("Tính theo"),
            ("tinh_theo_thoi_gian",),
            _("trong năm / mức / cộng dồn / bình quân"),
        ),
        Field("aggregation", _("Cách tổng hợp"), ("tong_hop",), _("cộng / tỷ lệ / không")),
        Field("lead", _("Đơn vị chủ trì"), ("chu_tri", "ma_don_vi_chu_tri"), _("mã đơn vị")),
        Field(
            "partners",
            _("Đơn vị phối hợp"),
            ("phoi_hop", "ma_don_vi_phoi_hop"),
            _("mã, cách nhau bởi dấu ;"),
        ),
        Field(
            "composite",
            _("Thuộc chỉ tiêu tổng hợp"),
            ("chi_tieu_tong_hop", "thuoc"),
            _("STT của chỉ tiêu tổng hợp"),
        ),
    ]


def _task_fields() -> list[Field]:
    return [
        Field(
            "code", _("STT"), ("so_thu_tu", "tt"), _("I, II… cho nhóm; 1, 2… cho nhiệm vụ"), True
        ),
        Field("title", _("Nhiệm vụ"), ("nhiem_vu_giai_phap", "noi_dung_nhiem_vu"), "", True),
        Field("owner", _("Đơn vị chủ trì"), ("chu_tri", "ma_don_vi_chu_tri"), _("mã đơn vị"), True),
        Field(
            "partners",
            _("Đơn vị phối hợp"),
            ("phoi_hop", "ma_don_vi_phoi_hop"),
            _("mã, cách nhau bởi dấu ;"),
        ),
        Field(
            "product",
            _("Sản phẩm"),
            ("san_pham_dau_ra", "ket_qua"),
            _("văn bản, công trình… phải có"),
            True,
        ),
        Field(
            "deadline",
            _("Thời hạn"),
            ("han", "thoi_han_hoan_thanh"),
            _("dd/mm/yyyy, hoặc “thường xuyên”"),
        ),
    ]


def _words(pairs: list[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    return {_key(word): value for value, words in pairs for word in words}


def _kind_words() -> dict[str, str]:
    words = {}
    for value, label in PlanKind.choices:
        words[_key(value)] = value
        words[_key(label)] = value
        words[_key(re.sub(r"\(.*?\)", "", str(label)))] = value
    words.update(
        _words(
            [
                (PlanKind.TERM_RESOLUTION, ("Nghị quyết Đại hội", "nghị quyết nhiệm kỳ")),
                (PlanKind.ANNUAL_RESOLUTION, ("Nghị quyết năm", "nghị quyết hằng năm")),
                (PlanKind.THEMATIC_RESOLUTION, ("Nghị quyết chuyên đề",)),
                (PlanKind.CONCLUSION, ("Kết luận", "thông báo kết luận")),
            ]
        )
    )
    return words


DIRECTION_WORDS = [
    (TargetDirection.HIGHER, ("tăng", "cao", "càng cao càng tốt", "higher", "trên", "ít nhất")),
    (TargetDirection.LOWER, ("giảm", "thấp", "càng thấp càng tốt", "lower", "dưới", "không quá")),
    (TargetDirection.YES_NO, ("đạt", "đạt/không đạt", "đạt / không đạt", "yes_no", "mốc")),
]
CHANGE_WORDS = [
    (TargetChange.NONE, ("—", "-", "–", "không", "không so sánh", "none")),
    (
        TargetChange.INCREASE,
        ("tăng % so cùng kỳ", "tăng so cùng kỳ", "tăng %", "tăng", "increase"),
    ),
    (
        TargetChange.DECREASE,
        ("giảm % so cùng kỳ", "giảm so cùng kỳ", "giảm %", "giảm", "decrease"),
    ),
]
TEMPORAL_WORDS = [
    (Temporal.ANNUAL, ("trong năm", "năm", "lũy kế trong năm", "annual")),
    (Temporal.LEVEL, ("mức", "mức đạt", "tại thời điểm", "level")),
    (Temporal.CUMULATIVE, ("cộng dồn", "cộng dồn cả giai đoạn", "lũy kế giai đoạn", "cumulative")),
    (Temporal.AVERAGE, ("bình quân", "bình quân hằng năm", "average")),
]
AGGREGATION_WORDS = [
    (Aggregation.SUM, ("cộng", "tổng", "sum")),
    (Aggregation.RATIO, ("tỷ lệ", "tỉ lệ", "tử số / mẫu số", "ratio")),
    (Aggregation.NONE, ("không", "không cộng được", "none")),
]
ONGOING_WORDS = {_key(w) for w in ("thường xuyên", "hằng năm", "liên tục")}


# --- the template ------------------------------------------------------------------------------


def _put(ws, row: int, column: int, value, **style):
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


@dataclass
class _Example:
    unit: OrgUnit | None
    agencies: list[OrgUnit]
    year: int


def _example(user) -> _Example:
    year = timezone.localdate().year + 1
    unit = plan_import_units(user=user).first() if user is not None else None
    agencies: list[OrgUnit] = []
    if unit is not None:
        below = OrgUnit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
        agencies = list(
            below.exclude(kind__in=TERRITORIAL_KINDS).order_by("depth", "order", "name")[:3]
        )
        if len(agencies) < 3:
            agencies += list(below.exclude(pk__in=[a.pk for a in agencies]).order_by("depth")[:3])
    while unit is not None and len(agencies) < 3:
        agencies.append(unit)
    return _Example(unit, agencies[:3], year)


def _in_vietnamese(func):
    """Templates are documents: always Vietnamese, whatever the page's language, so that
    what a user downloads is what the import reads back."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with override("vi"):
            return func(*args, **kwargs)

    return wrapper


@_in_vietnamese
def plan_template(*, user=None) -> bytes:
    """The workbook offices fill to load a resolution, with a short, importable example.

    With ``user``, the example is issued by the first unit the user manages and
    assigns work to units under it, so the file imports as it is; a sheet lists
    the codes of the units the user manages. Sheets: "Nghị quyết" (the layout
    of a typed resolution), "Hướng dẫn" (every rule the import checks) and
    "Đơn vị".
    """
    ex = _example(user)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Nghị quyết")
    guide = wb.create_sheet(_("Hướng dẫn"))
    unit_ws = wb.create_sheet(_("Đơn vị"))

    targets = _target_fields()
    tasks = _task_fields()
    width = len(targets)
    _put(ws, 1, 1, _("MẪU NHẬP NGHỊ QUYẾT, CHƯƠNG TRÌNH, KẾ HOẠCH"), font=Font(bold=True, size=13))
    _put(
        ws,
        2,
        1,
        _(
            "Sửa phần ví dụ thành văn bản của bạn. Nhóm ghi STT số La Mã (I, II…), chỉ tiêu và "
            "nhiệm vụ ghi STT số (1, 2, 2.1…). Có thể thêm, xóa dòng. Xem trang “Hướng dẫn”."
        ),
        font=Font(italic=True, color="9C5700"),
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    _put(ws, 3, 1, _("THÔNG TIN VĂN BẢN"), font=Font(bold=True))

    unit = ex.unit
    parent = unit.parent if unit is not None else None
    kind_labels = {value: str(label) for value, label in PlanKind.choices}
    values = {
        "code": f"{slugify(fold(unit.name).replace('_', '-'))}-{ex.year}"
        if unit
        else f"vi-du-{ex.year}",
        "kind": kind_labels[PlanKind.ANNUAL_RESOLUTION],
        "number": "01-NQ",
        "title": _("về nhiệm vụ năm %(year)s") % {"year": ex.year},
        "unit": unit.code if unit else "",
        "issuing_body": _("Ban Chấp hành Đảng bộ %(unit)s") % {"unit": unit.name} if unit else "",
        "superior_body": _("Đảng bộ %(unit)s") % {"unit": parent.name} if parent else "",
        "span": str(ex.year),
        "issued_on": f"20/12/{ex.year - 1}",
    }
    row = 4
    kind_cell = None
    for f in _meta_fields():
        _put(ws, row, 1, f.label, font=Font(bold=f.required))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = _put(ws, row, 3, values[f.name], fill=_INPUT_FILL, number_format="@")
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
        if f.hint:
            _put(ws, row, 8, f.hint, font=Font(italic=True, color="808080"))
        if f.name == "kind":
            kind_cell = cell.coordinate
        row += 1
    dv = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(kind_labels.values())),
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=_("Chọn trong danh sách"),
        error=_("Chọn loại văn bản trong danh sách."),
    )
    dv.add(kind_cell)
    ws.add_data_validation(dv)

    row += 1
    _put(ws, row, 1, _("CHỈ TIÊU CHỦ YẾU"), font=Font(bold=True))
    row += 1
    _header(ws, row, targets)
    ws.freeze_panes = ws.cell(row=row + 1, column=3).coordinate
    row += 1
    a1, a2, a3 = (a.code for a in ex.agencies) if ex.agencies else ("", "", "")
    up, down, yes = _("tăng"), _("giảm"), _("đạt")
    year_, level = _("trong năm"), _("mức")
    add, ratio, none = _("cộng"), _("tỷ lệ"), _("không")
    fewer = _("giảm % so cùng kỳ")
    example_targets = [
        ("I", _("Xây dựng Đảng, hệ thống chính trị")),
        _t("1", _("Kết nạp đảng viên mới"), _("Kết nạp ít nhất 150 đảng viên mới"),
           _("đảng viên"), up, 150, temporal=year_, agg=add, lead=a1),
        _t("2", _("Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"),
           _("Trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên"),
           "%", up, 90, temporal=level, agg=ratio, lead=a1),
        ("II", _("Phát triển kinh tế")),
        _t("3", _("Tốc độ tăng trưởng kinh tế"), _("Tốc độ tăng trưởng kinh tế đạt 6,5 - 7%"),
           "%", up, 6.5, high=7, temporal=year_, agg=none, lead=a2, partners=f"{a1}; {a3}"),
        _t("4", _("Tỷ lệ đô thị hóa"), _("Tỷ lệ đô thị hóa khoảng 30%"),
           "%", up, 30, tolerance="5%", temporal=level, agg=none, lead=a2),
        _t("5", _("Quy hoạch chung được phê duyệt"), _("Quy hoạch chung được phê duyệt trong năm"),
           "", yes, None, temporal=level, agg=none, lead=a2),
        ("III", _("Văn hóa - xã hội; quốc phòng, an ninh")),
        _t("6", _("Tỷ lệ hộ nghèo"), _("Tỷ lệ hộ nghèo giảm còn dưới 1%"),
           "%", down, 1, temporal=level, agg=ratio, lead=a3),
        _t("7", _("Kéo giảm tai nạn giao thông trên cả 3 tiêu chí"),
           _("Kéo giảm ít nhất 5% tai nạn giao thông trên cả 3 tiêu chí"),
           "", "", None, change="", lead=a3),
        _t("7a", _("Số vụ tai nạn giao thông"), _("Giảm ít nhất 5% số vụ"),
           _("vụ"), up, 5, change=fewer, temporal=year_, agg=add, lead=a3, composite="7"),
        _t("7b", _("Số người chết do tai nạn giao thông"), _("Giảm ít nhất 5% số người chết"),
           _("người"), up, 5, change=fewer, temporal=year_, agg=add, lead=a3, composite="7"),
        _t("7c", _("Số người bị thương do tai nạn giao thông"),
           _("Giảm ít nhất 5% số người bị thương"),
           _("người"), up, 5, change=fewer, temporal=year_, agg=add, lead=a3, composite="7"),
    ]  # fmt: skip
    row = _write_rows(ws, row, example_targets, width, numeric=(7, 8))
    row += 1
    _put(ws, row, 1, _("NHIỆM VỤ, GIẢI PHÁP"), font=Font(bold=True))
    row += 1
    _header(ws, row, tasks)
    row += 1
    owner = unit.code if unit else ""
    example_tasks = [
        ("I", _("Về xây dựng Đảng, hệ thống chính trị")),
        ("1", _("Ban hành kế hoạch thực hiện nghị quyết"), owner, a1,
         _("Kế hoạch của Ban Thường vụ"), f"31/01/{ex.year}"),
        ("2", _("Sơ kết 6 tháng thực hiện nghị quyết"), a1, f"{a2}; {a3}",
         _("Báo cáo sơ kết 6 tháng"), f"15/07/{ex.year}"),
        ("II", _("Về phát triển kinh tế - xã hội")),
        ("3", _("Hoàn thành lập quy hoạch chung"), a2, a1,
         _("Quyết định phê duyệt quy hoạch"), f"30/11/{ex.year}"),
        ("4", _("Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo"), a3, "",
         _("Danh sách hộ nghèo được công nhận"), _("thường xuyên")),
    ]  # fmt: skip
    _write_rows(ws, row, example_tasks, len(tasks), numeric=())

    widths = [8, 40, 40, 16, 11, 9, 11, 10, 10, 18, 13, 13, 14, 18, 14]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(i)].width = w
    ws.sheet_view.zoomScale = 90

    _write_guide(guide)
    _write_units(unit_ws, user)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _t(
    code: str,
    name: str,
    statement: str,
    uom: str,
    direction: str,
    value,
    *,
    high=None,
    tolerance=None,
    change: str = "—",
    temporal: str = "",
    agg: str = "",
    lead: str = "",
    partners: str = "",
    composite: str = "",
) -> tuple:
    """One example target row, in the order of the columns."""
    return (code, name, statement, "", uom, direction, value, high, tolerance, change, temporal,
            agg, lead, partners, composite)  # fmt: skip


def _header(ws, row: int, fields: list[Field]) -> None:
    for col, f in enumerate(fields, start=1):
        cell = _put(
            ws,
            row,
            col,
            f.label,
            font=Font(bold=True),
            fill=_HEAD_FILL,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border=_BORDER,
        )
        if f.hint:
            cell.comment = Comment(f.hint, "nghiquyet")
    ws.row_dimensions[row].height = 30


def _write_rows(ws, row: int, rows: list[tuple], width: int, numeric: tuple[int, ...]) -> int:
    for line in rows:
        group = len(line) == 2
        for col, value in enumerate(line, start=1):
            cell = _put(ws, row, col, value if value is not None else None, alignment=_WRAP)
            if col not in numeric:
                cell.number_format = "@"
            elif isinstance(value, int | float):
                cell.number_format = "#,##0.##" if value != int(value) else "#,##0"
            cell.border = _BORDER
            if group:
                cell.font = Font(bold=True)
        for col in range(len(line) + 1, width + 1):
            ws.cell(row=row, column=col).border = _BORDER
        if group:
            for col in range(1, width + 1):
                ws.cell(row=row, column=col).fill = _GROUP_FILL
        row += 1
    return row


def _write_guide(ws) -> None:
    kinds = "; ".join(str(label) for _v, label in PlanKind.choices)
    lines = [
        (_("HƯỚNG DẪN NHẬP NGHỊ QUYẾT, CHƯƠNG TRÌNH, KẾ HOẠCH TỪ EXCEL"), True),
        (
            _(
                "Trang “Nghị quyết” gồm ba phần như khi đánh máy một nghị quyết: thông tin văn "
                "bản; CHỈ TIÊU CHỦ YẾU; NHIỆM VỤ, GIẢI PHÁP. Sửa phần ví dụ thành văn bản của bạn; "
                "thêm, xóa dòng tùy ý, giữ nguyên dòng tiêu đề của mỗi phần."
            ),
            False,
        ),
        (_("Thông tin văn bản"), True),
        (
            _(
                "• Mã trong hệ thống: bắt buộc, chỉ gồm chữ không dấu, số, dấu gạch ngang (ví dụ "
                "tinh-2026), chưa được dùng cho văn bản nào khác."
            ),
            False,
        ),
        (_("• Loại văn bản: bắt buộc, một trong: %(kinds)s.") % {"kinds": kinds}, False),
        (
            _(
                "• Mã đơn vị ban hành: bắt buộc, mã trong trang “Đơn vị”; bạn phải là văn phòng "
                "quản lý đơn vị đó. Trích yếu, cơ quan ban hành: bắt buộc."
            ),
            False,
        ),
        (
            _(
                "• Năm hoặc nhiệm kỳ: một năm (2026) với nghị quyết năm, chương trình, kế hoạch; "
                "hai năm (2025–2030) với Nghị quyết Đại hội. Ngày ban hành: dd/mm/yyyy."
            ),
            False,
        ),
        (_("Chỉ tiêu"), True),
        (
            _(
                "• Dòng nhóm: STT là số La Mã (I, II, III…) và tên nhóm. Dòng chỉ tiêu: STT bắt "
                "đầu bằng chữ số (1, 2, 2.1, 37a…), không trùng nhau; tên chỉ tiêu bắt buộc."
            ),
            False,
        ),
        (
            _(
                "• Mã chỉ số: để trống thì hệ thống tạo chỉ số mới từ tên, ĐVT và cách tổng hợp "
                "(hoặc dùng lại chỉ số cùng tên, cùng ĐVT đã có); ghi mã để dùng chung số liệu "
                "với nghị quyết khác. Mã đã có thì ĐVT phải khớp."
            ),
            False,
        ),
        (
            _(
                "• Chiều: “tăng” (càng cao càng tốt), “giảm” (càng thấp càng tốt), “đạt” (chỉ "
                "tiêu đạt / không đạt, mốc). Để trống là “tăng”."
            ),
            False,
        ),
        (
            _(
                "• Kế hoạch: một số (1.234,5 hoặc 1234.5; dấu % được bỏ qua); bắt buộc trừ chỉ "
                "tiêu “đạt” và chỉ tiêu tổng hợp. Chỉ tiêu dạng khoảng (6,0 - 6,5%): ghi cận "
                "dưới ở Kế hoạch và cận trên ở Cận trên, hoặc ghi cả “6,0 - 6,5” vào ô Kế hoạch. "
                "Cận trên không nhỏ hơn kế hoạch."
            ),
            False,
        ),
        (
            _(
                "• Dung sai: với chỉ tiêu “khoảng 30%”, ghi mức lệch cho phép, ví dụ 5% (hoặc "
                "0,05)."
            ),
            False,
        ),
        (
            _(
                "• So sánh: “—” (so với giá trị tuyệt đối), “tăng % so cùng kỳ”, “giảm % so cùng "
                "kỳ” (ví dụ giảm 5% số vụ tai nạn: Kế hoạch 5, Chiều tăng — mức giảm càng nhiều "
                "càng tốt)."
            ),
            False,
        ),
        (
            _(
                "• Tính theo: “trong năm” (lũy kế từ đầu năm), “mức” (mức đạt tại thời điểm), "
                "“cộng dồn” (cả giai đoạn), “bình quân” (bình quân hằng năm). Để trống là “trong "
                "năm”."
            ),
            False,
        ),
        (
            _(
                "• Cách tổng hợp số liệu các đơn vị: “cộng”, “tỷ lệ” (đơn vị nhập tử số, mẫu số), "
                "“không” (đơn vị chủ trì báo cáo). Để trống là “không”."
            ),
            False,
        ),
        (
            _(
                "• Đơn vị chủ trì: mã một đơn vị; để trống thì đơn vị ban hành báo cáo. Đơn vị "
                "phối hợp: các mã cách nhau bởi dấu chấm phẩy (;)."
            ),
            False,
        ),
        (
            _(
                "• Chỉ tiêu tổng hợp (ví dụ “giảm cả 3 tiêu chí”): ghi một dòng cho chỉ tiêu tổng "
                "hợp (không ghi kế hoạch, mã chỉ số, ĐVT), và mỗi chỉ tiêu thành phần ghi STT của "
                "chỉ tiêu tổng hợp ở cột “Thuộc chỉ tiêu tổng hợp”. Chỉ đạt khi mọi thành phần đạt."
            ),
            False,
        ),
        (_("Nhiệm vụ, giải pháp"), True),
        (
            _(
                "• Dòng nhóm: STT số La Mã và tên nhóm. Dòng nhiệm vụ: STT số, nhiệm vụ, đơn vị "
                "chủ trì (bắt buộc), đơn vị phối hợp, sản phẩm (bắt buộc — “có việc, có người, "
                "có sản phẩm”), thời hạn dd/mm/yyyy (hoặc mm/yyyy, yyyy, “thường xuyên”)."
            ),
            False,
        ),
        (_("Kiểm tra khi nhập"), True),
        (
            _(
                "Mọi ô đều được kiểm tra: mã đơn vị không có, chữ không hiểu ở các cột chọn, số, "
                "ngày sai, STT trùng, chỉ tiêu thành phần trỏ tới chỉ tiêu tổng hợp không có, mã "
                "văn bản đã dùng… Mỗi lỗi được báo theo trang, dòng, cột. Chỉ cần một lỗi là không "
                "có gì được ghi; sửa hết rồi tải lên lại."
            ),
            False,
        ),
        (
            _(
                "Chỉ nhận tệp Excel Workbook (.xlsx) tối đa 10 MB, không có công thức, không có "
                "macro. Tệp lớn được nhập ở chế độ nền: bạn có thể rời trang và quay lại xem kết "
                "quả."
            ),
            False,
        ),
    ]
    ws.column_dimensions["A"].width = 120
    for i, (text, bold) in enumerate(lines, start=1):
        _put(ws, i, 1, text, font=Font(bold=bold, size=13 if i == 1 else 11), alignment=_WRAP)


def _write_units(ws, user) -> None:
    headers = [_("Mã đơn vị"), _("Tên đơn vị"), _("Loại"), _("Đơn vị cấp trên")]
    for col, text in enumerate(headers, start=1):
        _put(ws, 1, col, text, font=Font(bold=True), fill=_HEAD_FILL)
    if user is None:
        return
    units = (
        scope_for(user)
        .filter(OrgUnit.objects.select_related("parent"), "path", Action.VIEW)
        .order_by("path")[:UNIT_LIST_MAX]
    )
    for row, u in enumerate(units, start=2):
        _put(ws, row, 1, u.code, number_format="@")
        _put(ws, row, 2, u.name)
        _put(ws, row, 3, u.get_kind_display())
        _put(ws, row, 4, u.parent.name if u.parent else "")
    for col, w in zip("ABCD", (14, 45, 30, 40), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"


# --- reading the sheet ---------------------------------------------------------------------


@dataclass
class _TargetRow:
    row: int
    code: str
    name: str
    group: str | None
    statement: str = ""
    indicator_code: str = ""
    indicator: Indicator | None = None
    uom: str = ""
    direction: str = TargetDirection.HIGHER
    value: Decimal | None = None
    high: Decimal | None = None
    tolerance: Decimal | None = None
    change: int = TargetChange.NONE
    temporal: str = Temporal.ANNUAL
    aggregation: str = Aggregation.NONE
    lead: OrgUnit | None = None
    partners: list[OrgUnit] = field(default_factory=list)
    composite: str = ""
    figures_given: set[str] = field(default_factory=set)


@dataclass
class _TaskRow:
    row: int
    code: str
    title: str
    group: str | None
    owner: OrgUnit | None = None
    partners: list[OrgUnit] = field(default_factory=list)
    product: str = ""
    deadline: dt.date | None = None


@dataclass
class _Parsed:
    meta: dict
    groups: list[tuple[str, str]]
    targets: list[_TargetRow]
    task_groups: list[tuple[str, str]]
    tasks: list[_TaskRow]


class _Sheet:
    """One worksheet's cells with the problem list and the helpers that fill it."""

    def __init__(self, name: str, rows: list[list], user):
        self.name = name
        self.rows = rows
        self.problems: list[str] = []
        self.scope = scope_for(user)
        self.reader = engine.NumberReader()
        if (get_language() or "vi").startswith("en"):
            self.reader.en_seen = 1
        self._units: dict[str, OrgUnit | None] = {}
        self.columns_targets: dict[str, int] = {}
        self.columns_tasks: dict[str, int] = {}

    def cell(self, row: int, col: int | None):
        if col is None or row - 1 >= len(self.rows) or col - 1 >= len(self.rows[row - 1]):
            return ""
        value = self.rows[row - 1][col - 1]
        return value.strip() if isinstance(value, str) else value

    def text(self, row: int, col: int | None) -> str:
        value = self.cell(row, col)
        return "" if value == "" or value is None else cell_text(value).strip()

    def bad(self, row: int, col: int | None, what: str, message: str) -> None:
        self.problems.append(problem_text(self.name, row, col, what, message))

    def number(self, row: int, col: int | None, what: str) -> Decimal | None:
        raw = self.cell(row, col)
        if raw == "" or raw is None:
            return None
        try:
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, int | float):
                value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            elif isinstance(raw, str):
                value = Decimal(repr(self.reader.read(raw)))
            else:
                self.bad(row, col, what, _("là ngày tháng, không phải là một số"))
                return None
        except (ValueError, InvalidOperation) as exc:
            message = str(exc) if isinstance(exc, engine.NumberError) else ""
            self.bad(
                row,
                col,
                what,
                message or _("'%(text)s' không phải là một số") % {"text": cell_text(raw)},
            )
            return None
        if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
            self.bad(row, col, what, _("số quá lớn"))
            return None
        return value

    def unit(self, row: int, col: int | None, what: str, code: str) -> OrgUnit | None:
        if re.search(r"[;,\n]", code):
            self.bad(
                row,
                col,
                what,
                _(
                    "chỉ ghi một đơn vị chủ trì (“%(text)s”); các đơn vị khác ghi ở cột Đơn vị "
                    "phối hợp"
                )
                % {"text": code},
            )
            return None
        if code not in self._units:
            found = OrgUnit.objects.filter(code=code).first()
            self._units[code] = found if found and self.scope.allows(Action.VIEW, found) else None
        found = self._units[code]
        if found is None:
            self.bad(
                row,
                col,
                what,
                _("không có đơn vị mã “%(code)s” (xem trang “Đơn vị” của mẫu)") % {"code": code},
            )
        return found

    def units(self, row: int, col: int | None, what: str) -> list[OrgUnit]:
        out = []
        for code in re.split(r"[;,\n]+", self.text(row, col)):
            code = code.strip()
            if code:
                unit = self.unit(row, col, what, code)
                if unit is not None and unit not in out:
                    out.append(unit)
        return out

    def choice(self, row, col, what, words: dict[str, str], default, choices: str):
        text = self.text(row, col)
        if not text:
            return default
        value = words.get(_key(text))
        if value is None:
            self.bad(
                row,
                col,
                what,
                _("không hiểu “%(text)s”; ghi một trong: %(choices)s")
                % {"text": text, "choices": choices},
            )
            return default
        return value

    def date(self, row: int, col: int | None, what: str, *, ongoing_ok: bool) -> dt.date | None:
        raw = self.cell(row, col)
        if raw == "" or raw is None:
            return None
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = cell_text(raw).strip()
        if ongoing_ok and _key(text) in ONGOING_WORDS:
            return None
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        if ongoing_ok:
            match = re.fullmatch(r"(?:(\d{1,2})/)?(\d{4})", text)
            if match:
                year = int(match.group(2))
                month = int(match.group(1) or 12)
                if 1 <= month <= 12 and 1900 < year < 2200:
                    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                    return nxt - dt.timedelta(days=1)
        self.bad(
            row,
            col,
            what,
            _("“%(text)s” không phải ngày theo dạng dd/mm/yyyy") % {"text": text},
        )
        return None


def _find_sheet(book) -> str:
    wanted = {_key("Nghị quyết"), _key(_("Nghị quyết")), "nghi_quyet", "plan"}
    visible = [n for n in book.names if n not in book.hidden]
    for name in visible:
        if _key(name) in wanted:
            return name
    return visible[0] if visible else book.names[0]


def _vietnamese_labels() -> dict[str, str]:
    """Every field's label as the template writes it (templates are always Vietnamese)."""
    with override("vi"):
        return {
            f"{group}.{f.name}": f.label
            for group, factory in (
                ("meta", _meta_fields),
                ("target", _target_fields),
                ("task", _task_fields),
            )
            for f in factory()
        }


def _labels(field: Field) -> tuple[str, ...]:
    """A field's label in the template's Vietnamese and in the page's language."""
    vietnamese = _vietnamese_labels()
    return (*(v for k, v in vietnamese.items() if k.endswith(f".{field.name}")), field.label)


def _header_map(sheet: _Sheet, row: int, fields: list[Field]) -> dict[str, int]:
    line = sheet.rows[row - 1]
    wanted = {}
    for f in fields:
        for alias in (*_labels(f), f.name, *f.aliases):
            wanted.setdefault(_key(alias), f)
    index: dict[str, int] = {}
    for col, value in enumerate(line, start=1):
        f = wanted.get(_key(value))
        if f is not None and f.name not in index:
            index[f.name] = col
    for f in fields:
        if f.required and f.name not in index:
            sheet.bad(
                row, None, "", _("thiếu cột “%(label)s” trong dòng tiêu đề") % {"label": f.label}
            )
    return index


def _is_header(sheet: _Sheet, row: int, second: set[str]) -> bool:
    return _key(sheet.cell(row, 1)) in {"stt", "so_thu_tu", "tt"} and _key(sheet.cell(row, 2)) in {
        _key(s) for s in second
    }


def _is_blank(sheet: _Sheet, row: int) -> bool:
    line = sheet.rows[row - 1]
    return all(v == "" or v is None or (isinstance(v, str) and not v.strip()) for v in line)


def _parse(book, user) -> tuple[_Sheet, _Parsed]:
    name = _find_sheet(book)
    sheet = _Sheet(name, book.rows[name], user)
    n = len(sheet.rows)
    target_names = {label for f in _target_fields() if f.name == "name" for label in _labels(f)} | {
        "Tên chỉ tiêu",
        "Chỉ tiêu",
    }
    task_names = {label for f in _task_fields() if f.name == "title" for label in _labels(f)} | {
        "Nhiệm vụ",
        "Nhiệm vụ, giải pháp",
    }
    target_header = next((r for r in range(1, n + 1) if _is_header(sheet, r, target_names)), None)
    task_header = next((r for r in range(1, n + 1) if _is_header(sheet, r, task_names)), None)
    if target_header is None:
        raise ImportInvalid(
            [
                _(
                    "Trang '%(sheet)s': không thấy dòng tiêu đề của phần chỉ tiêu (ô đầu là “STT”, "
                    "ô kế là “Tên chỉ tiêu”). Hãy dùng mẫu tải từ hệ thống."
                )
                % {"sheet": name}
            ]
        )
    meta = _parse_meta(sheet, 1, target_header - 1)
    t_end = (task_header - 1) if task_header and task_header > target_header else n
    groups, targets = _parse_targets(sheet, target_header, t_end)
    task_groups, tasks = [], []
    if task_header:
        if task_header < target_header:
            sheet.bad(task_header, None, "", _("phần nhiệm vụ phải nằm sau phần chỉ tiêu"))
        else:
            task_groups, tasks = _parse_tasks(sheet, task_header, n)
    _cross_check(sheet, meta, targets, tasks)
    return sheet, _Parsed(meta, groups, targets, task_groups, tasks)


def _parse_meta(sheet: _Sheet, first: int, last: int) -> dict:
    fields = _meta_fields()
    words = {}
    for f in fields:
        for alias in (*_labels(f), f.name, *f.aliases):
            words.setdefault(_key(alias), f)
    found: dict[str, tuple[int, int | None, object]] = {}
    for r in range(first, last + 1):
        f = words.get(_key(sheet.cell(r, 1)))
        if f is None:
            continue
        col = next(
            (
                c
                for c in range(2, len(sheet.rows[r - 1]) + 1)
                if sheet.text(r, c) and c < 8  # hints stand from column H
            ),
            None,
        )
        found[f.name] = (r, col, sheet.cell(r, col) if col else "")
    meta: dict = {"rows": {}}
    for f in fields:
        if f.name not in found:
            if f.required:
                sheet.bad(
                    last + 1 if last >= first else first,
                    None,
                    "",
                    _("thiếu dòng “%(label)s” trong phần thông tin văn bản") % {"label": f.label},
                )
            continue
        r, col, raw = found[f.name]
        meta["rows"][f.name] = (r, col or 3)
        text = cell_text(raw).strip() if raw not in ("", None) else ""
        if not text:
            if f.required:
                sheet.bad(r, col or 3, f.label, _("chưa ghi"))
            continue
        meta[f.name] = _meta_value(sheet, f, r, col, raw, text)
    return meta


def _meta_value(sheet: _Sheet, f: Field, r: int, col, raw, text: str):
    if f.name == "code":
        if not _SLUG.match(text) or len(text) > 64:
            sheet.bad(
                r,
                col,
                f.label,
                _(
                    "“%(text)s” không hợp lệ: chỉ dùng chữ không dấu, số, dấu gạch ngang, tối đa "
                    "64 ký tự (ví dụ tinh-2026)"
                )
                % {"text": text},
            )
        elif Plan.objects.filter(code=text).exists():
            sheet.bad(
                r,
                col,
                f.label,
                _("mã “%(text)s” đã được dùng cho một văn bản khác; hãy chọn mã khác")
                % {"text": text},
            )
        return text
    if f.name == "kind":
        labels = "; ".join(str(label) for _v, label in PlanKind.choices)
        return sheet.choice(r, col, f.label, _kind_words(), None, labels)
    if f.name == "unit":
        return sheet.unit(r, col, f.label, text)
    if f.name == "span":
        match = _SPAN.match(text)
        if not match:
            sheet.bad(
                r,
                col,
                f.label,
                _("“%(text)s” không hợp lệ; ghi một năm (2026) hoặc nhiệm kỳ (2025–2030)")
                % {"text": text},
            )
            return None
        start, end = int(match.group(1)), match.group(2)
        if end and int(end) <= start:
            sheet.bad(r, col, f.label, _("năm kết thúc nhiệm kỳ phải sau năm bắt đầu"))
            return None
        return (start, int(end) if end else None)
    if f.name == "issued_on":
        return sheet.date(r, col, f.label, ongoing_ok=False)
    if len(text) > TEXT_MAX:
        sheet.bad(r, col, f.label, _("dài quá %(n)s ký tự") % {"n": TEXT_MAX})
    return text


def _roman_or_code(sheet: _Sheet, r: int, code_col: int, name_col: int):
    """('group', code, name) / ('item', code, None) / None for a row to skip."""
    code = sheet.text(r, code_col)
    name = sheet.text(r, name_col)
    match = _ROMAN.match(code)
    if match:
        return "group", match.group(1), name
    match = _ROMAN_WITH_NAME.match(code)
    if match and not name:
        return "group", match.group(1), match.group(2).strip()
    code = code.rstrip(".")
    if _TARGET_CODE.match(code) and len(code) <= 16:
        return "item", code, None
    return "bad", code, None


def _is_section_title(sheet: _Sheet, r: int) -> bool:
    key = _key(sheet.cell(r, 1))
    rest = any(sheet.text(r, c) for c in range(2, len(sheet.rows[r - 1]) + 1))
    return not rest and key.lstrip("ab_").startswith(("chi_tieu", "nhiem_vu", "cac_chi_tieu"))


def _parse_targets(sheet: _Sheet, header: int, last: int):
    fields = {f.name: f for f in _target_fields()}
    cols = _header_map(sheet, header, list(fields.values()))
    if "code" not in cols or "name" not in cols:
        return [], []
    groups: list[tuple[str, str]] = []
    targets: list[_TargetRow] = []
    group = None
    directions, changes = _words(DIRECTION_WORDS), _words(CHANGE_WORDS)
    temporals, aggregations = _words(TEMPORAL_WORDS), _words(AGGREGATION_WORDS)
    # The file's convention for "1.234": observe every number typed as text first.
    for r in range(header + 1, last + 1):
        for name in ("value", "high"):
            raw = sheet.cell(r, cols.get(name))
            if isinstance(raw, str) and raw:
                for part in _RANGE.match(raw).groups() if _RANGE.match(raw) else (raw,):
                    sheet.reader.observe(part)
    for r in range(header + 1, last + 1):
        if _is_blank(sheet, r) or _is_section_title(sheet, r):
            continue
        kind, code, gname = _roman_or_code(sheet, r, cols["code"], cols["name"])
        if kind == "group":
            if not gname:
                sheet.bad(r, cols["name"], fields["name"].label, _("dòng nhóm chưa có tên nhóm"))
            groups.append((code, gname))
            group = code
            continue
        if kind == "bad":
            sheet.bad(
                r,
                cols["code"],
                fields["code"].label,
                _(
                    "“%(text)s” không hợp lệ: nhóm ghi số La Mã (I, II…), chỉ tiêu ghi số (1, 2, "
                    "2.1, 37a…)"
                )
                % {"text": code},
            )
            continue
        name = sheet.text(r, cols["name"])
        label = f"{code}. {name}" if name else code

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        t = _TargetRow(r, code, name, group)
        if not name:
            sheet.bad(r, cols["name"], fields["name"].label, _("chỉ tiêu chưa có tên"))
        elif len(name) > 255:
            sheet.bad(r, cols["name"], what("name"), _("tên dài quá 255 ký tự"))
        t.statement = sheet.text(r, cols.get("statement"))
        t.indicator_code = sheet.text(r, cols.get("indicator"))
        t.uom = sheet.text(r, cols.get("uom"))
        if len(t.uom) > 64:
            sheet.bad(r, cols.get("uom"), what("uom"), _("dài quá 64 ký tự"))
        t.direction = sheet.choice(
            r,
            cols.get("direction"),
            what("direction"),
            directions,
            TargetDirection.HIGHER,
            _("tăng, giảm, đạt"),
        )
        value_raw = sheet.cell(r, cols.get("value"))
        range_match = _RANGE.match(value_raw) if isinstance(value_raw, str) else None
        if range_match and sheet.text(r, cols.get("high")) == "":
            low_text, high_text = range_match.groups()
            try:
                t.value = Decimal(repr(sheet.reader.read(low_text)))
                t.high = Decimal(repr(sheet.reader.read(high_text)))
            except (engine.NumberError, InvalidOperation):
                t.value = sheet.number(r, cols.get("value"), what("value"))
            t.figures_given.add("value")
        elif t.direction == TargetDirection.YES_NO and _key(value_raw) in {"dat", ""}:
            t.value = None
            if value_raw not in ("", None):
                t.figures_given.add("value")
        else:
            t.value = sheet.number(r, cols.get("value"), what("value"))
            if value_raw not in ("", None):
                t.figures_given.add("value")
            t.high = sheet.number(r, cols.get("high"), what("high"))
        if t.high is not None:
            t.figures_given.add("high")
        tol_raw = sheet.cell(r, cols.get("tolerance"))
        if tol_raw not in ("", None):
            t.figures_given.add("tolerance")
            t.tolerance = _tolerance(sheet, r, cols.get("tolerance"), what("tolerance"), tol_raw)
        t.change = sheet.choice(
            r,
            cols.get("change"),
            what("change"),
            changes,
            TargetChange.NONE,
            _("—, tăng % so cùng kỳ, giảm % so cùng kỳ"),
        )
        t.temporal = sheet.choice(
            r,
            cols.get("temporal"),
            what("temporal"),
            temporals,
            Temporal.ANNUAL,
            _("trong năm, mức, cộng dồn, bình quân"),
        )
        t.aggregation = sheet.choice(
            r,
            cols.get("aggregation"),
            what("aggregation"),
            aggregations,
            Aggregation.NONE,
            _("cộng, tỷ lệ, không"),
        )
        lead = sheet.text(r, cols.get("lead"))
        if lead:
            t.lead = sheet.unit(r, cols.get("lead"), what("lead"), lead)
        t.partners = sheet.units(r, cols.get("partners"), what("partners"))
        t.composite = sheet.text(r, cols.get("composite")).rstrip(".")
        targets.append(t)
    sheet.columns_targets = cols
    return groups, targets


def _tolerance(sheet: _Sheet, r: int, col: int | None, what: str, raw) -> Decimal | None:
    text = cell_text(raw).strip()
    percent = text.endswith("%")
    value = sheet.number(r, col, what)
    if value is None:
        return None
    if percent:
        value = value / 100
    elif value >= 1:
        sheet.bad(
            r,
            col,
            what,
            _("ghi dung sai dạng 5%% hoặc 0,05 (nhỏ hơn 100%%), không phải %(v)s") % {"v": text},
        )
        return None
    if value < 0:
        sheet.bad(r, col, what, _("dung sai không được âm"))
        return None
    return value.quantize(Decimal("0.0001"))


def _parse_tasks(sheet: _Sheet, header: int, last: int):
    fields = {f.name: f for f in _task_fields()}
    cols = _header_map(sheet, header, list(fields.values()))
    if "code" not in cols or "title" not in cols:
        return [], []
    groups: list[tuple[str, str]] = []
    tasks: list[_TaskRow] = []
    group = None
    for r in range(header + 1, last + 1):
        if _is_blank(sheet, r) or _is_section_title(sheet, r):
            continue
        kind, code, gname = _roman_or_code(sheet, r, cols["code"], cols["title"])
        if kind == "group":
            if not gname:
                sheet.bad(r, cols["title"], fields["title"].label, _("dòng nhóm chưa có tên nhóm"))
            elif len(gname) > 500:
                sheet.bad(r, cols["title"], fields["title"].label, _("tên nhóm dài quá 500 ký tự"))
            groups.append((code, gname))
            group = code
            continue
        if kind == "bad":
            sheet.bad(
                r,
                cols["code"],
                fields["code"].label,
                _("“%(text)s” không hợp lệ: nhóm ghi số La Mã (I, II…), nhiệm vụ ghi số (1, 2…)")
                % {"text": code},
            )
            continue
        title = sheet.text(r, cols["title"])
        label = f"{code}. {title[:60]}" if title else code

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        task = _TaskRow(r, code, title, group)
        if not title:
            sheet.bad(r, cols["title"], fields["title"].label, _("nhiệm vụ chưa có nội dung"))
        elif len(title) > 500:
            sheet.bad(r, cols["title"], what("title"), _("dài quá 500 ký tự"))
        owner = sheet.text(r, cols.get("owner"))
        if owner:
            task.owner = sheet.unit(r, cols.get("owner"), what("owner"), owner)
        else:
            sheet.bad(
                r,
                cols.get("owner"),
                what("owner"),
                _("nhiệm vụ phải có đơn vị chủ trì (“có việc, có người”)"),
            )
        task.partners = sheet.units(r, cols.get("partners"), what("partners"))
        task.product = sheet.text(r, cols.get("product"))
        if not task.product:
            sheet.bad(
                r,
                cols.get("product"),
                what("product"),
                _("nhiệm vụ phải có sản phẩm (“có việc, có người, có sản phẩm”)"),
            )
        elif len(task.product) > 500:
            sheet.bad(r, cols.get("product"), what("product"), _("dài quá 500 ký tự"))
        task.deadline = sheet.date(r, cols.get("deadline"), what("deadline"), ongoing_ok=True)
        tasks.append(task)
    sheet.columns_tasks = cols
    return groups, tasks


def _cross_check(sheet: _Sheet, meta: dict, targets: list[_TargetRow], tasks: list[_TaskRow]):
    cols = sheet.columns_targets
    fields = {f.name: f for f in _target_fields()}
    by_code: dict[str, _TargetRow] = {}
    for t in targets:
        if t.code in by_code:
            sheet.bad(
                t.row,
                cols.get("code"),
                fields["code"].label,
                _("STT “%(code)s” trùng với chỉ tiêu ở dòng %(row)s")
                % {"code": t.code, "row": by_code[t.code].row},
            )
        else:
            by_code[t.code] = t
    composites = {t.composite for t in targets if t.composite}
    for t in targets:
        label = f"{t.code}. {t.name}"

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        if t.composite:
            parent = by_code.get(t.composite)
            if parent is None:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _("không có chỉ tiêu STT “%(code)s” trong phần chỉ tiêu")
                    % {"code": t.composite},
                )
            elif parent is t:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _("chỉ tiêu không thể thuộc chính nó"),
                )
            elif parent.composite:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _(
                        "chỉ tiêu “%(code)s” đã là thành phần của chỉ tiêu khác, không thể là "
                        "chỉ tiêu tổng hợp"
                    )
                    % {"code": t.composite},
                )
        if t.code in composites:
            for key in ("value", "high", "tolerance"):
                if key in t.figures_given:
                    sheet.bad(
                        t.row,
                        cols.get(key),
                        what(key),
                        _(
                            "chỉ tiêu tổng hợp được đánh giá qua các chỉ tiêu thành phần; để "
                            "trống ô này"
                        ),
                    )
            if t.indicator_code:
                sheet.bad(
                    t.row,
                    cols.get("indicator"),
                    what("indicator"),
                    _("chỉ tiêu tổng hợp không gắn với chỉ số; để trống ô này"),
                )
            continue
        if (
            t.direction != TargetDirection.YES_NO
            and t.value is None
            and "value" not in t.figures_given
        ):
            sheet.bad(
                t.row,
                cols.get("value"),
                what("value"),
                _("chưa ghi kế hoạch (bắt buộc, trừ chỉ tiêu “đạt” và chỉ tiêu tổng hợp)"),
            )
        if t.value is not None and t.high is not None and t.high < t.value:
            sheet.bad(
                t.row,
                cols.get("high"),
                what("high"),
                _("cận trên %(high)s nhỏ hơn kế hoạch %(low)s")
                % {"high": number(t.high, 6), "low": number(t.value, 6)},
            )
        if t.change != TargetChange.NONE and t.direction == TargetDirection.LOWER:
            sheet.bad(
                t.row,
                cols.get("direction"),
                what("direction"),
                _(
                    "chỉ tiêu so sánh với cùng kỳ (%(change)s) ghi chiều “tăng” (mức tăng, mức "
                    "giảm càng nhiều càng tốt) hoặc để trống"
                )
                % {"change": sheet.text(t.row, cols.get("change"))},
            )
        if t.indicator_code:
            if not _SLUG.match(t.indicator_code) or len(t.indicator_code) > 64:
                sheet.bad(
                    t.row,
                    cols.get("indicator"),
                    what("indicator"),
                    _(
                        "mã chỉ số “%(code)s” không hợp lệ: chỉ dùng chữ không dấu, số, dấu "
                        "gạch ngang"
                    )
                    % {"code": t.indicator_code},
                )
            else:
                t.indicator = Indicator.objects.filter(code=t.indicator_code).first()
                if t.indicator is not None and t.uom and t.uom != t.indicator.unit_of_measure:
                    sheet.bad(
                        t.row,
                        cols.get("uom"),
                        what("uom"),
                        _("chỉ số “%(code)s” có đơn vị tính “%(uom)s”, khác “%(given)s”")
                        % {
                            "code": t.indicator_code,
                            "uom": t.indicator.unit_of_measure,
                            "given": t.uom,
                        },
                    )
    task_cols = sheet.columns_tasks
    seen: dict[str, int] = {}
    for task in tasks:
        if task.code in seen:
            sheet.bad(
                task.row,
                task_cols.get("code"),
                _("STT"),
                _("STT “%(code)s” trùng với nhiệm vụ ở dòng %(row)s")
                % {"code": task.code, "row": seen[task.code]},
            )
        else:
            seen[task.code] = task.row
    unit = meta.get("unit")
    if isinstance(unit, OrgUnit) and not sheet.scope.allows(Action.MANAGE, unit):
        r, c = meta["rows"]["unit"]
        sheet.bad(
            r,
            c,
            _("Mã đơn vị ban hành"),
            _(
                "bạn không phải văn phòng quản lý %(unit)s nên không nhập được văn bản của đơn vị "
                "này"
            )
            % {"unit": unit.name},
        )
    kind, span = meta.get("kind"), meta.get("span")
    if kind and span and "span" in meta["rows"]:
        r, c = meta["rows"]["span"]
        if kind == PlanKind.TERM_RESOLUTION and span[1] is None:
            sheet.bad(
                r, c, _("Năm hoặc nhiệm kỳ"), _("Nghị quyết Đại hội ghi nhiệm kỳ, ví dụ 2025–2030")
            )
        if kind == PlanKind.ANNUAL_RESOLUTION and span[1] is not None:
            sheet.bad(r, c, _("Năm hoặc nhiệm kỳ"), _("nghị quyết năm ghi một năm, ví dụ 2026"))


# --- the import ----------------------------------------------------------------------------


def plan_import_size(data: bytes, filename: str) -> int:
    """Rows of the resolution sheet (checks the file first): how big an import is."""
    stats = inspect_xlsx(data, filename)
    wanted = {_key("Nghị quyết"), _key(_("Nghị quyết"))}
    sheet = next((s for s in stats.sheets if _key(s.name) in wanted), None)
    if sheet is None and stats.sheets:
        sheet = stats.sheets[0]
    return sheet.rows if sheet is not None else 0


def _indicator_code(t: _TargetRow, plan_code: str, taken: dict[str, tuple]) -> tuple[str, bool]:
    """A code for a new indicator: its name as a slug; reused if the same thing exists."""
    base = slugify(fold(t.name).replace("_", "-"))[:56] or f"{plan_code}-{t.code}"
    signature = (t.name, t.uom, t.aggregation)
    for i in range(1, 1000):
        code = base if i == 1 else f"{base}-{i}"
        if code in taken:
            if taken[code] == signature:
                return code, True
            continue
        existing = Indicator.objects.filter(code=code).first()
        if existing is None:
            taken[code] = signature
            return code, False
        if (existing.name, existing.unit_of_measure, existing.aggregation) == signature:
            taken[code] = signature
            return code, True
    return f"{plan_code}-{t.code}"[:64], False


def _decimals(t: _TargetRow) -> int:
    if t.uom == "%":
        return 2
    figures = [v for v in (t.value, t.high) if v is not None]
    return 0 if all(v == v.to_integral() for v in figures) else 2


def _create(acting_user, parsed: _Parsed, report) -> Plan:
    meta = parsed.meta
    start, end = meta["span"]
    term = meta["kind"] == PlanKind.TERM_RESOLUTION or end is not None
    plan = plan_services.plan_create(
        acting_user=acting_user,
        code=meta["code"],
        kind=meta["kind"],
        title=meta["title"],
        unit=meta["unit"],
        issuing_body=meta["issuing_body"],
        number=meta.get("number", ""),
        superior_body=meta.get("superior_body", ""),
        issued_on=meta.get("issued_on"),
        year=None if term else start,
        term_start=start if term else None,
        term_end=end if term else None,
    )
    groups = {}
    for i, (code, name) in enumerate(parsed.groups):
        groups[code] = plan_services.target_group_create(
            acting_user=acting_user, plan=plan, name=name, code=code, order=i
        )
    composites = {t.composite for t in parsed.targets if t.composite}
    made = {}
    taken: dict[str, tuple] = {}
    total = len(parsed.targets) + len(parsed.tasks) or 1
    done = 0
    # Composites and plain targets first, then the parts that point at them.
    ordered = [t for t in parsed.targets if not t.composite] + [
        t for t in parsed.targets if t.composite
    ]
    position = {id(t): i for i, t in enumerate(parsed.targets)}
    for t in ordered:
        is_composite = t.code in composites
        indicator = None
        if not is_composite:
            indicator = t.indicator
            if indicator is None:
                code = t.indicator_code
                if not code:
                    code, _reused = _indicator_code(t, plan.code, taken)
                indicator = plan_services.indicator_get_or_create(
                    acting_user=acting_user,
                    code=code,
                    name=t.name,
                    unit_of_measure=t.uom,
                    nature=IndicatorNature.FLOW
                    if t.aggregation == Aggregation.SUM
                    and t.temporal in (Temporal.ANNUAL, Temporal.CUMULATIVE)
                    else IndicatorNature.STOCK,
                    aggregation=t.aggregation,
                    decimals=_decimals(t),
                )
        made[t.code] = plan_services.target_create(
            acting_user=acting_user,
            plan=plan,
            code=t.code,
            name=t.name,
            indicator=indicator,
            group=groups.get(t.group),
            order=position[id(t)] + 1,
            statement=t.statement,
            direction=t.direction,
            target_value=None if is_composite else t.value,
            target_high=None if is_composite else t.high,
            tolerance=None if is_composite else t.tolerance,
            change=t.change,
            temporal=t.temporal,
            is_composite=is_composite,
            composite=made.get(t.composite) if t.composite else None,
            lead_unit=t.lead,
            partner_units=t.partners,
        )
        done += 1
        if done % 20 == 0:
            report(20 + 70 * done // total, _("Đã ghi %(n)s chỉ tiêu") % {"n": done})
    task_groups = {}
    for i, (code, name) in enumerate(parsed.task_groups):
        task_groups[code] = plan_services.task_group_create(
            acting_user=acting_user, plan=plan, name=name, code=code, order=i
        )
    for task in parsed.tasks:
        plan_services.task_create(
            acting_user=acting_user,
            plan=plan,
            title=task.title,
            owner_unit=task.owner,
            product=task.product,
            deadline=task.deadline,
            group=task_groups.get(task.group),
            code=task.code,
            partner_units=task.partners,
        )
        done += 1
        if done % 20 == 0:
            report(20 + 70 * done // total, _("Đã ghi %(n)s nhiệm vụ") % {"n": done})
    return plan


def plan_import_message(plan: Plan, filename: str) -> str:
    targets = plan.targets.filter(composite__isnull=True).count()
    tasks = plan.tasks.count()
    return _(
        "Đã nhập %(plan)s %(title)s từ tệp “%(name)s”: %(targets)s chỉ tiêu, %(tasks)s nhiệm vụ."
    ) % {
        "plan": plan.heading,
        "title": plan.title,
        "name": filename,
        "targets": targets,
        "tasks": tasks,
    }
