"""The review tables' columns: the Word file's widths fill the text width, the PDF sets the
same widths, and what must stay on one line does — "STT", a plan range "7 – 7,5" (never
"7 / – 7,5"), "−0,71 điểm %", "đạt và vượt" — read back from the PDF's text positions.
On the demo's 2022 annual review and the 2020–2025 resolution at mid-term (its forecast
table has ten columns)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.shared import Cm
from pypdf import PdfReader

from nghiquyet.documents.render_docx import OUTLOOK_WIDTHS, WIDTHS, render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.review_tables import NBSP, unbroken

from .reviews import demo_review
from .test_pdf_layout import lines

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def annual(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return demo_review("tinh-2022", "2022")


@pytest.fixture(scope="module")
def mid_term(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return demo_review("tinh-2020-2025", "2023")


def _pdf_lines(review) -> list[str]:
    reader = PdfReader(io.BytesIO(render_pdf(review)))
    return [" ".join(line.replace(NBSP, " ").split()) for p in reader.pages for line in lines(p)]


def test_a_range_and_a_change_in_points_are_held_together():
    assert unbroken("7 – 7,5") == f"7{NBSP}–{NBSP}7,5"
    assert unbroken("giảm 5 – 10% so với cùng kỳ") == f"giảm 5{NBSP}–{NBSP}10% so với cùng kỳ"
    assert unbroken("−0,71 điểm %") == f"−0,71 điểm{NBSP}%"
    # a per-year rate may wrap after "điểm" in a narrow cell; words stay words
    assert unbroken("tăng 1,9 điểm %/năm") == "tăng 1,9 điểm %/năm"
    assert unbroken("2021–2023") == "2021–2023"


def test_the_word_tables_fill_the_text_width(annual, mid_term):
    for review in (annual, mid_term):
        doc = Document(io.BytesIO(render_docx(review)))
        section = doc.sections[0]
        text_width = section.page_width - section.left_margin - section.right_margin
        tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
        assert tables
        for table in tables:
            grid = table._tbl.tblGrid.gridCol_lst
            widths = tuple(c.w for c in grid)
            assert len(widths) in (len(WIDTHS), len(OUTLOOK_WIDTHS))
            assert abs(sum(widths) - text_width) < Cm(0.01)
        # a range's cell holds its non-breaking spaces in the file
        first = next(t for t in tables if t.rows[1].cells[0].text == "1")
        if review is annual:
            assert first.rows[1].cells[3].text == f"7{NBSP}–{NBSP}7,5"


def test_the_pdf_keeps_each_short_figure_on_one_line(annual):
    printed = _pdf_lines(annual)
    heads = next(line for line in printed if line.startswith("STT Chỉ tiêu ĐVT"))
    assert heads.split()[0] == "STT"  # not "ST" over "T"
    (grdp,) = {line for line in printed if line.startswith("1 Tốc độ tăng trưởng")}
    assert "7 – 7,5 7,35 105,00%" in grdp and grdp.endswith("đạt và vượt")
    poverty = [line for line in printed if line.startswith("12 Tỷ lệ hộ nghèo")]
    assert poverty and all(re.search(r"−0,71 điểm % đạt và vượt$", p) for p in poverty)


def test_the_forecast_table_wraps_within_its_columns(mid_term):
    printed = _pdf_lines(mid_term)
    heads = next(line for line in printed if line.startswith("STT Chỉ tiêu ĐVT Chỉ"))
    assert heads.split()[:3] == ["STT", "Chỉ", "tiêu"]
    # a yearly rate wider than its column wraps inside it, as in Word, rather than running
    # over the next columns on one line
    start = printed.index(heads)
    poverty = next(i for i in range(start, len(printed)) if printed[i].startswith("7 Tỷ lệ hộ"))
    row = " ".join(printed[poverty : poverty + 4])
    assert "0,14" in row and "giảm 0,14 điểm %/năm" not in row
