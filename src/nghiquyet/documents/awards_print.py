"""Printable award documents: a certificate (giấy chứng nhận) per awarded collective or person,
as PDF set by WeasyPrint (as the reviews' PDF, :mod:`.render_pdf`); and a person's data as
Excel for their request (Nghị định 13/2023/NĐ-CP)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook

from nghiquyet.emulation.models import Award
from nghiquyet.plans.choices import BodyKind

from .render_docx import issuer_lines
from .render_pdf import _pdf
from .report import place_name, vietnamese_date
from .sheets import defuse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def certificate_html(award: Award) -> str:
    decision = award.decision
    with translation.override("vi"):
        return render_to_string(
            "documents/award_certificate.html",
            {
                "award": award,
                "decision": decision,
                "party": decision is not None and decision.body_kind == BodyKind.PARTY,
                "issuer_lines": issuer_lines(decision.issuer.upper()) if decision else [],
                "place_and_date": f"{place_name(decision.unit)}, "
                f"{vietnamese_date(decision.signed_on)}"
                if decision
                else "",
            },
        )


def certificate_pdf(award: Award) -> bytes:
    """One certificate: the issuer, the title or form, who receives it, the year, the decision."""
    return _pdf(certificate_html(award))


def person_xlsx(data: dict) -> bytes:
    """A person's data (:func:`nghiquyet.emulation.selectors.person_data`) as a workbook:
    the record, the proposals, the awards — one sheet each."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cá nhân"
    for row in (
        ("Họ và tên", data["name"]),
        ("Chức vụ", data["position"]),
        ("Đơn vị công tác", data["unit"]["name"]),
        ("Mã đơn vị", data["unit"]["code"]),
        ("Ghi nhận lúc", data["recorded_at"]),
        ("Xoá theo yêu cầu lúc", data["erased_at"] or ""),
    ):
        ws.append(row)
    ws = wb.create_sheet("Đề nghị")
    ws.append(("Năm", "Phong trào", "Danh hiệu, hình thức", "Thành tích", "Trạng thái", "Phiếu"))
    for p in data["proposals"]:
        votes = f"{p['votes_for']}/{p['votes_total']}" if p["votes_total"] else ""
        ws.append(
            (p["year"], p["movement"], p["award"], p["achievements"], p["status_label"], votes)
        )
    ws = wb.create_sheet("Khen thưởng")
    ws.append(("Năm", "Danh hiệu, hình thức", "Quyết định", "Ngày ký"))
    for a in data["awards"]:
        ws.append((a["year"], a["award"], a["decision"], a["signed_on"] or ""))
    defuse(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
