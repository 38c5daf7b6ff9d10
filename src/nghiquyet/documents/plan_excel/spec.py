"""The resolution sheet's layout: the particulars, the targets' and the tasks' columns.

The sheet "Nghị quyết" is laid out the way resolutions are typed:

- the document's particulars, one per row: a label in column A, the value next to it;
- "CHỈ TIÊU CHỦ YẾU": a header row, then group rows (STT in Roman numerals —
  I, II… — and the group's name) and target rows (STT 1, 2, 2.1, 37a…, name,
  statement, indicator code, unit of measure, direction, plan figure, upper
  bound, tolerance, comparison, time basis, aggregation, lead and partner
  units, and the composite target a part belongs to);
- "NHIỆM VỤ, GIẢI PHÁP": a header row, then task-group rows (Roman numerals) and
  task rows (STT, task, lead unit, partner units, product, deadline).

The template (:mod:`.template`) writes it, :mod:`.read` reads it back, :mod:`.parse`
turns its cells into values, :mod:`.create` makes the plan through the plan services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import override

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


TEMPLATE_NAME = "mau-nhap-nghi-quyet.xlsx"


#: Rows of the unit list in the template.
UNIT_LIST_MAX = 5000


TEXT_MAX = 500


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    aliases: tuple[str, ...]
    hint: str = ""
    required: bool = False


def meta_fields() -> list[Field]:
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


def target_fields() -> list[Field]:
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
        Field(
            "wording",
            _("Chỉ tiêu như nghị quyết ghi"),
            ("nhu_nghi_quyet_ghi", "chi_tieu_nghi_quyet_ghi", "wording"),
            _(
                "ví dụ: từ 11% trở lên; dưới 4%; 6,5 - 7%; khoảng 30%; giảm 0,7% (còn 4,33%); "
                "87-88 triệu đồng; đạt chuẩn đô thị loại I. Ghi ở đây thì để trống Chiều, Kế "
                "hoạch, Cận trên, So sánh"
            ),
        ),
    ]


def task_fields() -> list[Field]:
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


def vietnamese_labels() -> dict[str, str]:
    """Every field's label as the template writes it (templates are always Vietnamese)."""
    with override("vi"):
        return {
            f"{group}.{f.name}": f.label
            for group, factory in (
                ("meta", meta_fields),
                ("target", target_fields),
                ("task", task_fields),
            )
            for f in factory()
        }


def field_labels(field: Field) -> tuple[str, ...]:
    """A field's label in the template's Vietnamese and in the page's language."""
    vietnamese = vietnamese_labels()
    return (*(v for k, v in vietnamese.items() if k.endswith(f".{field.name}")), field.label)
