"""A decision on awards (quyết định khen thưởng) and its list, as Word, in the issuing body's
format — the reviews' letterhead, page and signature block (:mod:`.render_docx`)."""

from __future__ import annotations

from django.db.models import F

from nghiquyet.emulation.models import Decision
from nghiquyet.plans.choices import BodyKind

from .meetings_docx import _bytes, _centred, _Document, _new
from .render_docx import TABLE_STYLE, _body, _heading, _letterhead, _signature, _table_cell
from .review_facts import Letterhead, place_name, vietnamese_date


def decision_docx(decision: Decision) -> bytes:
    """The decision: its grounds, Article 1 with the list, the execution clauses, signature."""
    party = decision.body_kind == BodyKind.PARTY
    proposals = list(
        decision.proposals.select_related("unit", "person", "award_kind").order_by(
            F("person").asc(nulls_first=True), "pk"
        )
    )
    people = sum(1 for p in proposals if p.person_id)
    collectives = len(proposals) - people
    whom = " và ".join(
        part
        for part in (
            f"{collectives} tập thể" if collectives else "",
            f"{people} cá nhân" if people else "",
        )
        if part
    )
    kinds = sorted({p.award_kind.name for p in proposals})
    doc = _new()
    doc.core_properties.title = f"Quyết định {decision.number}"
    fake = _Document(
        letterhead=Letterhead(
            body_kind=decision.body_kind,
            superior=decision.superior.upper(),
            issuer=decision.issuer.upper(),
            number=f"Số {decision.number}" if party else f"Số: {decision.number}",
            place_and_date=f"{place_name(decision.unit)}, {vietnamese_date(decision.signed_on)}",
        ),
        recipients=["- Như Điều 3,", "- Lưu: VT."],
        signature=(
            ["T/M BAN THƯỜNG VỤ", decision.signer_position.upper()]
            if party
            else [decision.signer_position.upper()]
        ),
        signer_name=decision.signer_name,
    )
    _letterhead(doc, fake)
    doc.add_paragraph()
    _centred(doc, "QUYẾT ĐỊNH", bold=True)
    _centred(doc, f"Về việc tặng {', '.join(kinds)}", bold=True)
    _centred(doc, "-----")
    _centred(doc, decision.issuer.upper(), bold=True)
    _body(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    _body(
        doc,
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    )
    _body(doc, "Xét đề nghị của Hội đồng Thi đua - Khen thưởng,")
    _centred(doc, "QUYẾT ĐỊNH:", bold=True)
    _body(
        doc,
        f"Điều 1. Tặng {', '.join(kinds)} cho {whom} có thành tích xuất sắc "
        f"năm {proposals[0].round.year if proposals else ''} (có danh sách kèm theo).",
    )
    _body(doc, "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành.")
    _body(
        doc,
        "Điều 3. Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, "
        "đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
    )
    _signature(doc, fake)
    _heading(doc, f"DANH SÁCH (kèm theo Quyết định số {decision.number})", 2)
    style = doc.styles[TABLE_STYLE].style_id
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(
        table.rows[0].cells,
        ("STT", "Tập thể, cá nhân", "Danh hiệu, hình thức", "Thành tích"),
        strict=True,
    ):
        _table_cell(cell, text, style, align="c", bold=True)
    for i, p in enumerate(proposals, start=1):
        cells = table.add_row().cells
        for cell, text, align in zip(
            cells, (str(i), _recipient(p), p.award_kind.name, p.achievements), "clll", strict=True
        ):
            _table_cell(cell, text, style, align=align)
    return _bytes(doc)


def _recipient(proposal) -> str:
    """A collective by its name; a person by name, position and unit ("Ông/Bà" is not kept:
    the record holds no more than an award needs)."""
    if not proposal.person_id:
        return proposal.unit.name
    person = proposal.person
    return ", ".join(part for part in (person.name, person.position, proposal.unit.name) if part)
