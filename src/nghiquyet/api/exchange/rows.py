"""The rows of a bulk exchange as sent: JSON rows or a CSV file, keyed by natural codes (plan,
unit, target, period), with the fields each row carries; and the problems found in them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nghiquyet.text import csv_uncell, fold

from ..errors import ApiError

FIGURES = ("value", "numerator", "denominator")


FIELDS = (*FIGURES, "status", "note")


#: CSV header spellings (compared with :func:`nghiquyet.text.fold`).
CSV_COLUMNS = {
    "plan_code": ("plan_code", "plan", "ma_van_ban", "van_ban", "nghi_quyet"),
    "unit_code": ("unit_code", "unit", "ma_don_vi", "don_vi"),
    "target_code": ("target_code", "target", "ma_chi_tieu", "chi_tieu", "stt"),
    "period": ("period", "period_key", "ky", "ma_ky", "ky_bao_cao"),
    "value": ("value", "gia_tri"),
    "numerator": ("numerator", "tu_so"),
    "denominator": ("denominator", "mau_so"),
    "status": ("status", "tinh_trang"),
    "note": ("note", "ghi_chu", "giai_trinh"),
}


@dataclass
class RowIn:
    """One row as sent: its number (1-based; a CSV's header is row 1) and the fields present."""

    number: int
    plan_code: str
    unit_code: str
    target_code: str
    period: str
    given: dict[str, object] = field(default_factory=dict)


class Problems:
    """Every bad row, collected before anything is refused."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, row: int | None, field_name: str | None, message: str) -> None:
        if row is not None and field_name:
            text = _("Dòng %(row)s, trường “%(field)s”: %(message)s.") % {
                "row": row,
                "field": field_name,
                "message": message,
            }
        elif row is not None:
            text = _("Dòng %(row)s: %(message)s.") % {"row": row, "message": message}
        else:
            text = message
        self.items.append({"field": field_name, "row": row, "message": text})

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ApiError(
                "validation_error",
                _("Chưa nhập được: %(n)s lỗi trong dữ liệu gửi lên; không có số liệu nào được ghi.")
                % {"n": len(self.items)},
                self.items,
            )


def rows_from_json(payload) -> list[RowIn]:
    """Rows of an :class:`~nghiquyet.api.schemas.ExchangeIn` payload."""
    rows = []
    for i, r in enumerate(payload.rows, start=1):
        given = {f: getattr(r, f) for f in FIELDS if f in r.model_fields_set}
        rows.append(
            RowIn(
                number=i,
                plan_code=(r.plan_code or payload.plan or "").strip(),
                unit_code=r.unit_code.strip(),
                target_code=r.target_code.strip(),
                period=(r.period or payload.period or "").strip(),
                given=given,
            )
        )
    return rows


def rows_from_csv(data: bytes, *, plan: str | None, period: str | None) -> list[RowIn]:
    """Rows of a CSV file: UTF-8 (with or without BOM), comma, semicolon or tab separated,
    a header row naming the columns (see :data:`CSV_COLUMNS`); unknown columns are ignored."""
    problems = Problems()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ApiError(
            "validation_error",
            _("Tệp CSV phải mã hóa UTF-8; hãy lưu lại dưới dạng “CSV UTF-8”."),
        ) from None
    if "\x00" in text:
        raise ApiError("validation_error", _("Nội dung gửi lên không phải tệp CSV."))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    numbered = [(i, rec) for i, rec in enumerate(records, start=1) if any(c.strip() for c in rec)]
    if not numbered:
        raise ApiError("validation_error", _("Tệp CSV rỗng."))
    header_number, header = numbered[0]
    wanted = {fold(alias): name for name, aliases in CSV_COLUMNS.items() for alias in aliases}
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = wanted.get(fold(cell))
        if name is None:
            continue
        if name in index:
            problems.add(
                header_number,
                cell.strip(),
                _("cột này trùng với cột “%(other)s”") % {"other": header[index[name]].strip()},
            )
        index[name] = i
    for name in ("unit_code", "target_code"):
        if name not in index:
            problems.add(header_number, None, _("thiếu cột “%(name)s”") % {"name": name})
    if "plan_code" not in index and not plan:
        problems.add(
            header_number,
            None,
            _("thiếu cột “plan_code” (hoặc tham số plan cho mọi dòng)"),
        )
    if "period" not in index and not period:
        problems.add(
            header_number, None, _("thiếu cột “period” (hoặc tham số period cho mọi dòng)")
        )
    if not (set(index) & set(FIELDS)):
        problems.add(header_number, None, _("không có cột số liệu nào (value, numerator, …)"))
    problems.raise_if_any()
    rows = []
    for number, record in numbered[1:]:

        def cell(name: str, record=record) -> str:
            i = index.get(name)
            return csv_uncell(record[i].strip()) if i is not None and i < len(record) else ""

        rows.append(
            RowIn(
                number=number,
                plan_code=cell("plan_code") or (plan or "").strip(),
                unit_code=cell("unit_code"),
                target_code=cell("target_code"),
                period=cell("period") or (period or "").strip(),
                given={f: cell(f) for f in FIELDS if f in index},
            )
        )
    if not rows:
        raise ApiError(
            "validation_error", _("Tệp CSV có dòng tiêu đề nhưng không có dòng số liệu.")
        )
    return rows
