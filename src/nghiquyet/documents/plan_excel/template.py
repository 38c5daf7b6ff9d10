"""The workbook offices fill to load a resolution, with a short, importable example."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from nghiquyet.orgs.choices import TERRITORIAL_KINDS
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans.choices import (
    PlanKind,
)
from nghiquyet.text import fold

from ..problems import column_letter
from ..selectors import plan_import_units
from ..sheets import BORDER, HEAD_FILL, INPUT_FILL, WRAP, defuse, in_vietnamese, put
from .spec import UNIT_LIST_MAX, Field, meta_fields, target_fields, task_fields

#: Group rows (I, II…) in grey.
_GROUP_FILL = PatternFill("solid", fgColor="EDEDED")


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


_ROMAN_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _roman(i: int) -> str:
    return _ROMAN_NUMERALS[i] if i < len(_ROMAN_NUMERALS) else f"{i + 1}"


def _extracted_rows(extraction) -> list[tuple]:
    """The target rows of a resolution read from its text: the wording in its column, the
    other figure columns empty (the import reads them from the wording)."""
    rows: list[tuple] = []
    for i, group in enumerate(extraction.groups):
        if group.title:
            rows.append((_roman(i), group.title[:1].upper() + group.title[1:]))
        for t in group.targets:
            rows.append(
                _t(t.number, t.name[:255], t.target_text, "", "", None, change="",
                   wording=t.target_text)
            )  # fmt: skip
    return rows


@in_vietnamese
def plan_template(*, user=None, extraction=None, meta: dict | None = None) -> bytes:
    """The workbook offices fill to load a resolution, with a short, importable example.

    With ``user``, the example is issued by the first unit the user manages and
    assigns work to units under it, so the file imports as it is; a sheet lists
    the codes of the units the user manages. Sheets: "Nghị quyết" (the layout
    of a typed resolution), "Hướng dẫn" (every rule the import checks) and
    "Đơn vị".

    With ``extraction`` (:func:`nghiquyet.text.resolution.extract_targets`), the targets are
    the resolution's, each with its wording as printed, and no example task; ``meta``
    gives the document's particulars (code, kind, number, title, unit, issuing_body, span…)
    in place of the example's.
    """
    ex = _example(user)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Nghị quyết")
    guide = wb.create_sheet(_("Hướng dẫn"))
    unit_ws = wb.create_sheet(_("Đơn vị"))

    targets = target_fields()
    tasks = task_fields()
    width = len(targets)
    put(ws, 1, 1, _("MẪU NHẬP NGHỊ QUYẾT, CHƯƠNG TRÌNH, KẾ HOẠCH"), font=Font(bold=True, size=13))
    put(
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
    put(ws, 3, 1, _("THÔNG TIN VĂN BẢN"), font=Font(bold=True))

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
    if meta:
        values.update({k: v for k, v in meta.items() if k in values})
    row = 4
    kind_cell = None
    for f in meta_fields():
        put(ws, row, 1, f.label, font=Font(bold=f.required))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = put(ws, row, 3, values[f.name], fill=INPUT_FILL, number_format="@")
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
        if f.hint:
            put(ws, row, 8, f.hint, font=Font(italic=True, color="808080"))
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
    put(ws, row, 1, _("CHỈ TIÊU CHỦ YẾU"), font=Font(bold=True))
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
    if extraction is not None:
        example_targets = _extracted_rows(extraction)
    row = _write_rows(ws, row, example_targets, width, numeric=(7, 8))
    row += 1
    put(ws, row, 1, _("NHIỆM VỤ, GIẢI PHÁP"), font=Font(bold=True))
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
    if extraction is not None:
        example_tasks = []
    _write_rows(ws, row, example_tasks, len(tasks), numeric=())

    widths = [8, 40, 40, 16, 11, 9, 11, 10, 10, 18, 13, 13, 14, 18, 14, 40]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(i)].width = w
    ws.sheet_view.zoomScale = 90

    _write_guide(guide)
    _write_units(unit_ws, user)
    buffer = io.BytesIO()
    defuse(wb)
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
    wording: str = "",
) -> tuple:
    """One example target row, in the order of the columns."""
    return (code, name, statement, "", uom, direction, value, high, tolerance, change, temporal,
            agg, lead, partners, composite, wording)  # fmt: skip


def _header(ws, row: int, fields: list[Field]) -> None:
    for col, f in enumerate(fields, start=1):
        cell = put(
            ws,
            row,
            col,
            f.label,
            font=Font(bold=True),
            fill=HEAD_FILL,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border=BORDER,
        )
        if f.hint:
            cell.comment = Comment(f.hint, "nghiquyet")
    ws.row_dimensions[row].height = 30


def _write_rows(ws, row: int, rows: list[tuple], width: int, numeric: tuple[int, ...]) -> int:
    for line in rows:
        group = len(line) == 2
        for col, value in enumerate(line, start=1):
            cell = put(ws, row, col, value if value is not None else None, alignment=WRAP)
            if col not in numeric:
                cell.number_format = "@"
            elif isinstance(value, int | float):
                cell.number_format = "#,##0.##" if value != int(value) else "#,##0"
            cell.border = BORDER
            if group:
                cell.font = Font(bold=True)
        for col in range(len(line) + 1, width + 1):
            ws.cell(row=row, column=col).border = BORDER
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
        put(ws, i, 1, text, font=Font(bold=bold, size=13 if i == 1 else 11), alignment=WRAP)


def _write_units(ws, user) -> None:
    headers = [_("Mã đơn vị"), _("Tên đơn vị"), _("Loại"), _("Đơn vị cấp trên")]
    for col, text in enumerate(headers, start=1):
        put(ws, 1, col, text, font=Font(bold=True), fill=HEAD_FILL)
    if user is None:
        return
    units = OrgUnit.objects.select_related("parent").restrict(user).order_by("path")[:UNIT_LIST_MAX]
    for row, u in enumerate(units, start=2):
        put(ws, row, 1, u.code, number_format="@")
        put(ws, row, 2, u.name)
        put(ws, row, 3, u.get_kind_display())
        put(ws, row, 4, u.parent.name if u.parent else "")
    for col, w in zip("ABCD", (14, 45, 30, 40), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
