""" "DỰ THẢO" and the demo's "Số liệu minh họa…" stand where the Word file puts them (Word is
the reference): in the first page's header, 10 mm from the top edge, right-aligned, the
note on the line under the mark, on lines of exact heights — inside the 20 mm top margin,
so the letterhead keeps its place. The PDF sets them there too, measured from its text
positions (Word places a line's baseline its descent above the line's foot; LibreOffice's
rendering of the .docx puts "DỰ THẢO" at 40,4 pt and the note at 53,0 pt)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt
from pypdf import PdfReader

from nghiquyet.documents.render_docx import HEADER_MM, MARK_LINE_PT, render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

from .test_pdf_layout import find, runs

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
DESCENT = 0.216  # Liberation Serif (Times New Roman's metrics), of the font size
NOTE = "Số liệu minh họa, không phải số liệu thật."


@pytest.fixture(scope="module")
def review(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        review = build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="tinh-2022"),
            period=Period.objects.get(key="2022"),
        )
    assert review.mark == "DỰ THẢO" and review.demo_note == NOTE
    return review


def test_word_puts_them_in_the_first_pages_header(review):
    doc = Document(io.BytesIO(render_docx(review)))
    section = doc.sections[0]
    assert abs(section.header_distance.mm - HEADER_MM) < 0.1  # (stored in twips)
    mark, note = section.first_page_header.paragraphs
    assert (mark.text, note.text) == ("DỰ THẢO", NOTE)
    for paragraph, height in zip((mark, note), MARK_LINE_PT, strict=True):
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert fmt.line_spacing == Pt(height)
        assert (fmt.space_before, fmt.space_after) == (Pt(0), Pt(0))
    # the header ends above the body's top: the letterhead is not pushed down
    assert HEADER_MM * MM + sum(MARK_LINE_PT) < section.top_margin.pt


def test_the_pdf_sets_them_where_word_does(review):
    first = PdfReader(io.BytesIO(render_pdf(review))).pages[0]
    (mark,) = [r for r in runs(first) if r.text == "DỰ THẢO"]
    (note,) = find(first, NOTE)
    top = HEADER_MM * MM
    assert abs(mark.top - (top + MARK_LINE_PT[0] - DESCENT * 14)) < 1.0
    assert abs(note.top - (top + sum(MARK_LINE_PT) - DESCENT * 11)) < 1.0
    assert (mark.size, note.size) == (14, 11)
    # right-aligned under the mark, both at the right margin, not the note at the left margin
    page_width = float(first.mediabox.width)
    assert note.left > page_width / 2 and mark.left > note.left
    # and the letterhead starts under them, inside the page area (20 mm)
    (issuer,) = find(first, "TỈNH ỦY BẾN TRE")
    assert issuer.top > 20 * MM > note.top
