"""The review's PDF measured from its own text positions (pypdf): sizes, lines and the
letterhead, against Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP — and the same
letterhead as the Word file. The first pages are rendered to PNG (test-artifacts/) to look
at."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.models import Indicator, Plan
from nghiquyet.reporting.models import Period

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class Run:
    """A run of text on a page: its baseline (points from the top edge), left, size, text
    and font."""

    top: float
    left: float
    size: float
    text: str
    font: str = ""


def runs(page) -> list[Run]:
    """Every run of text of ``page`` with its position and its size as printed (the text
    matrix times the page's transformation)."""
    height = float(page.mediabox.height)
    out: list[Run] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3])
        name = str(font.get("/BaseFont", "")) if font else ""
        out.append(
            Run(round(height - y, 1), round(x, 1), round(size * scale, 1), text.strip(), name)
        )

    page.extract_text(visitor_text=visit)
    return sorted(out, key=lambda r: (r.top, r.left))


def lines(page) -> list[str]:
    """The page's runs joined into lines by their top."""
    out: dict[float, list[Run]] = {}
    for r in runs(page):
        key = next((k for k in out if abs(k - r.top) < 1.0), r.top)
        out.setdefault(key, []).append(r)
    return [
        " ".join(r.text for r in sorted(v, key=lambda r: r.left)) for _k, v in sorted(out.items())
    ]


def find(page, text: str) -> list[Run]:
    return [r for r in runs(page) if text in r.text]


def render_first_pages(pdf: bytes, name: str, pages: int = 2) -> list[Path]:
    import pypdfium2

    ARTIFACTS.mkdir(exist_ok=True)
    doc = pypdfium2.PdfDocument(pdf)
    paths = []
    for i in range(min(pages, len(doc))):
        path = ARTIFACTS / f"{name}-page{i + 1}.png"
        doc[i].render(scale=1.5).to_pil().save(path)
        paths.append(path)
    return paths


def test_a_party_review_measured_from_the_pdf():
    review = build_review(
        user=SYSTEM, plan=Plan.objects.get(code="tinh-2022"), period=Period.objects.get(key="2022")
    )
    pdf = render_pdf(review)
    first = PdfReader(io.BytesIO(pdf)).pages[0]
    # "BÁO CÁO" 15–16 pt (Hướng dẫn 36), the party's name 15 pt, the body 14 pt
    (title,) = [r for r in runs(first) if r.text == "BÁO CÁO"]
    assert 15 <= title.size <= 16
    (party,) = find(first, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.size == 15
    assert all(r.size == 14 for r in find(first, "15/25 chỉ tiêu"))
    # the letterhead of the PDF is the Word file's, line for line
    doc = Document(io.BytesIO(render_docx(review)))
    printed = lines(first)
    for cell in (c for row in doc.tables[0].rows for c in row.cells):
        for paragraph in cell.paragraphs:
            text = " ".join(paragraph.text.split())
            if text:
                assert any(text in " ".join(line.split()) for line in printed), text
    assert render_first_pages(pdf, "review-2022")[0].stat().st_size > 10_000


def test_a_state_review_keeps_the_motto_on_one_line(land):
    plan = plan_services.plan_create(
        acting_user=SYSTEM,
        code="ubnd-2022",
        kind="plan",
        title="về thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022",
        unit=land["T1"],
        number="120/KH-UBND",
        issuing_body="Ủy ban nhân dân tỉnh Thử",
        superior_body="",
        body_kind="state",
        year=2022,
    )
    plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Kim ngạch xuất khẩu",
        indicator=Indicator.objects.get(code="exports"),
        target_value=1550,
    )
    review = build_review(user=SYSTEM, plan=plan, period=Period.objects.get(key="2022"))
    pdf = render_pdf(review)
    first = PdfReader(io.BytesIO(pdf)).pages[0]
    printed = lines(first)
    # Nghị định 30: the motto on one line, 12–13 pt; the body's name on its own lines
    (motto,) = [line for line in printed if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in line]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in motto
    assert all(12 <= r.size <= 13 for r in find(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"))
    assert any(line.startswith("ỦY BAN NHÂN DÂN") for line in printed)
    # the document's name 13–14 pt under Nghị định 30 (Phụ lục I), 15–16 only for the party's
    assert 13 <= next(r for r in runs(first) if r.text == "BÁO CÁO").size <= 14
    render_first_pages(pdf, "review-state-2022", pages=1)
