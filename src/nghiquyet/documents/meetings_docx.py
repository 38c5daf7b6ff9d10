"""A meeting's conclusion notice (Thông báo kết luận số …-TB/TU) and the report of how it is
being carried out, as Word documents in the issuing body's format — the same letterhead,
page, fonts and signature block as the reviews (:mod:`.render_docx`)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from nghiquyet import engine
from nghiquyet.meetings.models import Meeting
from nghiquyet.meetings.selectors import ConclusionProgress
from nghiquyet.plans.choices import BodyKind
from nghiquyet.plans.models import Plan

from .render_docx import (
    BODY_PT,
    TABLE_STYLE,
    _body,
    _font,
    _heading,
    _letterhead,
    _page,
    _signature,
    _styles,
    _table_cell,
)
from .review_facts import Letterhead, place_name, vietnamese_date


@dataclass
class _Document:
    """What the letterhead and signature helpers read of a document."""

    letterhead: Letterhead
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    signer_name: str = ""


def _number(notice: Plan, doc_code: str | None = None) -> str:
    """ "Số 125-TB/TU" (party) or "Số: 125/TB-UBND" (state), as the notice is numbered; a
    report on it gets an empty number of its own kind ("Số       -BC/TU")."""
    if doc_code is None:
        return (
            f"Số {notice.number}" if notice.body_kind == BodyKind.PARTY else f"Số: {notice.number}"
        )
    suffix = notice.number.split("/", 1)[1] if "/" in notice.number else ""
    if notice.body_kind == BodyKind.STATE:
        agency = suffix.split("-", 1)[-1] if suffix else ""
        return f"Số:       /{doc_code}-{agency}" if agency else f"Số:       /{doc_code}"
    return f"Số       -{doc_code}/{suffix}" if suffix else f"Số       -{doc_code}"


def _head(notice: Plan, day: dt.date, number: str) -> Letterhead:
    return Letterhead(
        body_kind=notice.body_kind,
        superior=notice.superior_body.upper(),
        issuer=notice.issuing_body.upper(),
        number=number,
        place_and_date=f"{place_name(notice.unit)}, {vietnamese_date(day)}",
    )


def _signature_lines(meeting: Meeting) -> list[str]:
    party = meeting.conclusion.body_kind == BodyKind.PARTY
    lines = ["T/M BAN THƯỜNG VỤ" if party else "T/M ỦY BAN NHÂN DÂN"]
    lines.append((meeting.signer_position or ("PHÓ BÍ THƯ" if party else "CHỦ TỊCH")).upper())
    return lines


def _centred(doc, text: str, *, bold: bool = False, italic: bool = False) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Cm(0)
    _font(p.add_run(text), size=BODY_PT, bold=bold, italic=italic)


def _new() -> Document:
    doc = Document()
    _styles(doc)
    _page(doc)
    doc.core_properties.language = "vi-VN"
    return doc


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def conclusion_notice_docx(meeting: Meeting) -> bytes:
    """The notice with its numbered items and, under each, the tasks it assigned."""
    notice = meeting.conclusion
    doc = _new()
    doc.core_properties.title = f"{notice.heading}"
    doc.core_properties.author = notice.issuing_body
    fake = _Document(
        letterhead=_head(notice, notice.issued_on or meeting.held_on, _number(notice)),
        recipients=["- Như trên,", "- Lưu Văn phòng."],
        signature=_signature_lines(meeting),
        signer_name=meeting.signer_name,
    )
    _letterhead(doc, fake)
    doc.add_paragraph()
    _centred(doc, "THÔNG BÁO", bold=True)
    _centred(doc, f"KẾT LUẬN CỦA {notice.issuing_body.upper()}", bold=True)
    _centred(
        doc, f"tại {meeting.get_kind_display().lower()} ngày {meeting.held_on:%d/%m/%Y}", bold=True
    )
    _centred(doc, "-----")
    opening = (
        f"Ngày {meeting.held_on:%d/%m/%Y}, {notice.issuing_body} họp "
        f"{meeting.get_kind_display().lower()}"
        f"{' tại ' + meeting.place if meeting.place else ''} do đồng chí {meeting.chair} chủ trì "
        f"để {meeting.title[0].lower() + meeting.title[1:]}."
    )
    _body(doc, opening)
    if meeting.participants:
        _body(doc, f"Tham dự: {meeting.participants.strip()}.".replace("..", "."))
    if notice.description:
        for para in notice.description.splitlines():
            if para.strip():
                _body(doc, para.strip())
    _body(doc, f"Sau khi nghe báo cáo và ý kiến thảo luận, {notice.issuing_body} kết luận như sau:")
    for item in notice.groups.filter(kind="tasks").order_by("order", "pk"):
        _body(doc, f"{item.code}. {item.name}")
        for task in item.tasks.select_related("owner_unit").order_by("code", "pk"):
            deadline = f"hoàn thành trước ngày {task.deadline:%d/%m/%Y}" if task.deadline else ""
            _body(
                doc,
                f"- Giao {task.owner_unit.name} chủ trì: {task.title}; sản phẩm: {task.product}"
                f"{'; ' + deadline if deadline else ''}.",
            )
    _body(doc, f"Văn phòng {notice.issuing_body} theo dõi, đôn đốc và báo cáo kết quả thực hiện.")
    _signature(doc, fake)
    return _bytes(doc)


def conclusion_progress_docx(progress: ConclusionProgress) -> bytes:
    """The report of how the conclusion is being carried out: the counts, and every task with
    its owner, deadline and status on the report's day."""
    meeting = progress.meeting
    notice = meeting.conclusion
    doc = _new()
    doc.core_properties.title = f"Báo cáo tình hình thực hiện {notice.heading}"
    fake = _Document(
        letterhead=_head(notice, progress.as_of, _number(notice, "BC")),
        recipients=["- Thường trực,", "- Lưu Văn phòng."],
        signature=_signature_lines(meeting),
        signer_name=meeting.signer_name,
    )
    _letterhead(doc, fake)
    doc.add_paragraph()
    _centred(doc, "BÁO CÁO", bold=True)
    _centred(
        doc,
        f"tình hình thực hiện {notice.heading} ngày "
        f"{(notice.issued_on or meeting.held_on):%d/%m/%Y}",
        bold=True,
    )
    _centred(doc, "-----")
    c = progress.counts
    _body(
        doc,
        f"Đến ngày {progress.as_of:%d/%m/%Y}, {notice.heading} giao {progress.total} nhiệm vụ: "
        f"{c['done_on_time']} hoàn thành đúng hạn, {c['done_late']} hoàn thành quá hạn, "
        f"{c['open_on_time']} chưa hoàn thành trong hạn, {c['open_overdue']} chưa hoàn thành "
        "quá hạn.",
    )
    _heading(doc, "Bảng. Tình hình thực hiện các nhiệm vụ", 2)
    style = doc.styles[TABLE_STYLE].style_id
    table = doc.add_table(rows=1, cols=5)
    table.style = doc.styles["Table Grid"]
    headers = ("Mục", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _table_cell(cell, text, style, align="c", bold=True)
    for ip in progress.items:
        for row in ip.rows:
            t = row.task
            status = engine.TASK_STATUS_LABELS[row.status]
            if row.days_late:
                status += f" ({row.days_late} ngày)"
            values = (
                t.code,
                f"{t.title} (sản phẩm: {t.product})",
                t.owner_unit.name,
                f"{t.deadline:%d/%m/%Y}" if t.deadline else "",
                status,
            )
            cells = table.add_row().cells
            for cell, text, align in zip(cells, values, "clllc", strict=True):
                _table_cell(cell, text, style, align=align)
    overdue = [r for ip in progress.items for r in ip.rows if r.status == "open_overdue"]
    if overdue:
        _heading(doc, "Các nhiệm vụ quá hạn cần đôn đốc", 2)
        for r in overdue:
            _body(doc, f"- {r.task.owner_unit.name}: {r.task.title} (quá hạn {r.days_late} ngày).")
    _signature(doc, fake)
    return _bytes(doc)
