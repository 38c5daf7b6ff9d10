"""The reviews a clerk signs, measured from the Word file (python-docx) and from the PDF's
text positions (pypdf): the letterhead's number and date, the "Nơi nhận" block and the
signature block, per Hướng dẫn 36-HD/VPTW (party) and Nghị định 30/2020/NĐ-CP, Phụ lục I
(state) — the rules as cited in documents/render_docx.py and review_facts.recipients_for.

The PDF must set the blocks where Word does: Word hangs a table into the left margin by its
cells' padding (0,19 cm), so a column's centre is at margin − padding + the columns before +
half the column. The demo's three party reviews (the province's 2022 annual review, the
2020–2025 mid-term review, the city's 6-month review) and a people's committee's review are
rendered, their first and signature pages kept as PNG in test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from pypdf import PdfReader

from nghiquyet.documents.render_docx import (
    APPENDIX_TITLE,
    CELL_PAD_CM,
    LETTERHEAD_CM,
    SIGNATURE_CM,
    render_docx,
)
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.report import build_review
from nghiquyet.documents.services import review_draft_save
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create

from .reviews import people_committee_plan
from .test_pdf_layout import ARTIFACTS, Run, runs

pytestmark = pytest.mark.django_db

CM = 72 / 2.54
#: The left margin (30 mm) and Word's cell padding, in points.
MARGIN = 30 / 10 * CM
PAD = CELL_PAD_CM * CM
FONTS = Path("/usr/share/fonts/truetype/liberation2")

SECTIONS = {
    "opening": "Năm qua, tình hình kinh tế - xã hội có nhiều thuận lợi, khó khăn đan xen.",
    "causes_objective": "Giá vật tư đầu vào tăng cao; hạn mặn kéo dài.",
    "causes_subjective": "Công tác phối hợp giữa các ngành có lúc chưa chặt chẽ.",
    "lessons": "Phát huy sức mạnh của cả hệ thống chính trị.",
    "directions": "Tập trung thực hiện đồng bộ các nhiệm vụ, giải pháp đã đề ra.",
}
#: name: plan, period, number, date, signer's title, signer's name
REVIEWS = {
    "annual-2022": (
        "tinh-2022",
        PeriodSpec("year", 2022),
        "125",
        dt.date(2022, 12, 20),
        "secretary",
        "Lê Đức Thọ",
    ),
    "midterm-2023": (
        "tinh-2020-2025",
        PeriodSpec("year", 2023),
        "210",
        dt.date(2023, 7, 5),
        "deputy_secretary",
        "Trần Thanh Lâm",
    ),
    "city-2021-h1": (
        "thanhpho-2021",
        PeriodSpec("half_year", 2021),
        "48",
        dt.date(2021, 6, 25),
        "standing_deputy",
        "Nguyễn Văn An",
    ),
    "ubnd-2022": (
        "ubnd-2022",
        PeriodSpec("year", 2022),
        "315",
        dt.date(2022, 12, 15),
        "vice_chairman",
        "Nguyễn Minh Cảnh",
    ),
}


def _review(name: str, units, users):
    """The review as the office makes it: number, date and signer chosen, the sections only
    people write filled in the web (the draft), then generated."""
    code, spec, number, day, title, signer = REVIEWS[name]
    plan = people_committee_plan(units) if code == "ubnd-2022" else Plan.objects.get(code=code)
    period = period_get_or_create(spec=spec)
    review_draft_save(
        acting_user=next(u for u in users.values() if u.is_superuser),
        plan=plan,
        period_key=period.key,
        number=number,
        issued_on=day,
        signer_name=signer,
        signer_title=title,
        sections=SECTIONS,
    )
    return build_review(user=SYSTEM, plan=plan, period=period)


@cache
def _font(name: str):
    from PIL import ImageFont

    style = ("Bold" if "Bold" in name else "") + ("Italic" if "Italic" in name else "")
    style = style or "Regular"
    return ImageFont.truetype(str(FONTS / f"LiberationSerif-{style}.ttf"), 1000)


def _centre(run: Run) -> float:
    """The x of the middle of a run, from the font's advance widths (Liberation Serif, the
    PDF's font)."""
    return run.left + _font(run.font).getlength(run.text) * run.size / 1000 / 2


def _page_with(reader: PdfReader, text: str) -> int:
    return next(i for i, page in enumerate(reader.pages) if text in page.extract_text())


def _png(pdf: bytes, pages: list[int], name: str) -> None:
    import pypdfium2

    ARTIFACTS.mkdir(exist_ok=True)
    doc = pypdfium2.PdfDocument(pdf)
    for i in pages:
        doc[i].render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}-page{i + 1}.png")


@pytest.mark.parametrize("name", list(REVIEWS))
def test_nơi_nhận_and_signature_in_word_and_pdf(name, units, users):
    review = _review(name, units, users)
    party = review.letterhead.body_kind == "party"
    doc = Document(io.BytesIO(render_docx(review)))

    # --- Word: the letterhead's number and date on one row, so on one line
    (_bodies, _name), (number, date) = (row.cells for row in doc.tables[0].rows)
    assert number.text == review.letterhead.number and number.text.endswith(
        "-BC/TU" if party and name != "city-2021-h1" else "-BC/ThU" if party else "/BC-UBND"
    )
    assert date.paragraphs[0].runs[0].italic
    # the abstract's numbers do not break at their hyphens ("02- / NQ/ThU")
    title = next(p for p in doc.paragraphs if p.text == review.title)
    assert "w:noBreakHyphen" in title._p.xml

    # --- Word: "Nơi nhận" left, the signature right, from the same row
    table = next(t for t in doc.tables if review.signature[0] in t.rows[0].cells[-1].text)
    recipients, signature = table.rows[0].cells
    head, *listed = recipients.paragraphs
    run = head.runs[0]
    if party:  # Hướng dẫn 36: 14 pt, upright, underlined; the list 12 pt
        assert (head.text, run.font.size, run.underline, run.bold, run.italic) == (
            "Nơi nhận:",
            Pt(14),
            True,
            False,
            False,
        )
    else:  # Nghị định 30: 12 pt bold italic; the list 11 pt
        assert (head.text, run.font.size, run.bold, run.italic) == ("Nơi nhận:", Pt(12), True, True)
    lines = [p.text for p in listed]
    assert lines == review.recipients and len(lines) >= 3
    assert all(p.runs[0].font.size == Pt(12 if party else 11) for p in listed)
    assert all(line.startswith("- ") for line in lines)
    assert all(line.endswith("," if party else ";") for line in lines[:-1])
    assert lines[-1].endswith(".")
    assert lines[-1].startswith("- Lưu Văn phòng" if party else "- Lưu: VT, ")
    assert not any("Như trên" in line for line in lines)  # a review has no "Kính gửi"
    assert "w:cantSplit" in table.rows[0]._tr.xml  # never split across two pages
    body = table._tbl.getprevious()  # the spacer, kept with the block, as the text before it
    assert "w:keepNext" in body.xml and "w:keepNext" in body.getprevious().xml
    *block, signer = signature.paragraphs
    assert [p.text for p in block] == review.signature
    expected = {
        "annual-2022": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"],
        "midterm-2023": ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
        "city-2021-h1": ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"],
        "ubnd-2022": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    }
    assert review.signature == expected[name]
    for p in block:  # capitals, bold, 14 pt, centred
        assert p.text == p.text.upper() and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.runs[0].bold and p.runs[0].font.size == Pt(14)
    assert signer.text == REVIEWS[name][5] and signer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert signer.runs[0].bold and signer.runs[0].font.size == Pt(14)
    assert signer.paragraph_format.space_before >= Pt(48)  # room for the signature and seal

    # --- Word: the appendix's heading, its name in capitals, "(Kèm theo Báo cáo số …)"
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("PHỤ LỤC")
    name_p, attached = doc.paragraphs[at + 1], doc.paragraphs[at + 2]
    assert name_p.text == APPENDIX_TITLE and name_p.runs[0].bold
    number_text = REVIEWS[name][2] + ("-BC/" if party else "/BC-")
    assert attached.text.startswith(f"(Kèm theo Báo cáo số {number_text}")
    assert f"ngày {REVIEWS[name][3]:%d/%m/%Y} của " in attached.text and attached.runs[0].italic

    # --- PDF: the same blocks, where Word sets them
    pdf = render_pdf(review)
    reader = PdfReader(io.BytesIO(pdf))
    first = runs(reader.pages[0])
    (number_run,) = [r for r in first if r.text == review.letterhead.number.strip()]
    (date_run,) = [r for r in first if r.text.startswith(review.letterhead.place_and_date[:12])]
    assert abs(number_run.top - date_run.top) < 1 and "Italic" in date_run.font
    left_cm, right_cm = LETTERHEAD_CM["party" if party else "state"]
    right_centre = MARGIN - PAD + (left_cm + right_cm / 2) * CM
    left_centre = MARGIN - PAD + left_cm / 2 * CM
    motto = "ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    (motto_run,) = [r for r in first if r.text == motto]
    assert abs(_centre(motto_run) - right_centre) < 2
    assert abs(_centre(date_run) - right_centre) < 2
    assert abs(_centre(number_run) - left_centre) < 2

    at = _page_with(reader, "Nơi nhận:")
    page = runs(reader.pages[at])
    (head_run,) = [r for r in page if r.text == "Nơi nhận:"]
    assert head_run.size == (14 if party else 12)
    assert ("Bold" in head_run.font and "Italic" in head_run.font) != party
    assert abs(head_run.left - MARGIN) < 1  # the body's left edge, as in Word
    # never alone on its page: lines of the text above it
    assert any(r.top < head_run.top - 5 and len(r.text) > 20 for r in page)
    for line in review.recipients:
        (r,) = [r for r in page if r.text == line]
        assert r.size == (12 if party else 11)
    sign_centre = MARGIN - PAD + (SIGNATURE_CM[0] + SIGNATURE_CM[1] / 2) * CM
    tops = []
    for text in [*review.signature, REVIEWS[name][5]]:
        (r,) = [r for r in page if r.text == text]
        assert r.size == 14 and "Bold" in r.font
        assert abs(_centre(r) - sign_centre) < 2, (text, _centre(r), sign_centre)
        tops.append(r.top)
    assert tops == sorted(tops) and tops[-1] - tops[-2] >= 48 + 14
    assert abs(tops[0] - head_run.top) < 3  # "Nơi nhận" and the block start together
    _png(pdf, sorted({0, at}), f"layout-{name}")
    # the files themselves, to open in Word or convert with LibreOffice and compare
    (ARTIFACTS / f"layout-{name}.pdf").write_bytes(pdf)
    (ARTIFACTS / f"layout-{name}.docx").write_bytes(render_docx(review))
