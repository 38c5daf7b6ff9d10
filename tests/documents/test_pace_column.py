"""Part-way through the year the review's tables show "% kế hoạch năm" (of the whole year's
plan) and beside it the half-year pace "So với 50% KH năm", as the dashboard does: in Word,
in the PDF and in Excel, with the same figures. A year's review has no pace column. On the
demo city's 2021 half-year review (target 1: 68 admitted of 150 planned for the year)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.render_xlsx import render_xlsx
from nghiquyet.documents.report import build_review
from nghiquyet.documents.review_tables import HEADINGS
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

from .test_pdf_layout import lines

pytestmark = pytest.mark.django_db

PACE = "So với 50% KH năm"
#: target 1 of the city's half-year: 45,33% of the year's 150, 90,67% of its half
FIRST = ("45,33%", "90,67%")


@pytest.fixture(scope="module")
def half_year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="thanhpho-2021"),
            period=Period.objects.get(key="2021-H1"),
        )


def _target_tables(doc):
    return [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]


def test_word_has_the_pace_beside_the_annual_rate(half_year):
    assert half_year.pace_heading == PACE
    doc = Document(io.BytesIO(render_docx(half_year)))
    tables = _target_tables(doc)
    assert len(tables) > 1  # Bảng 1 and the wards' appendices
    for table in tables:
        heads = [c.text for c in table.rows[0].cells]
        assert heads[5:7] == ["% kế hoạch năm", PACE]
    main = tables[0]
    first = next(r for r in main.rows[1:] if r.cells[0].text == "1")
    assert (first.cells[5].text, first.cells[6].text) == FIRST
    # every row's pace is the Excel's figure and the dashboard's (TargetResult.pace_rate)
    paced = [r.cells[6].text for r in main.rows[1:] if r.cells[6].text]
    assert paced and all(p.endswith("%") for p in paced)


def test_the_pdf_has_it_too(half_year):
    reader = PdfReader(io.BytesIO(render_pdf(half_year)))
    printed = [" ".join(line.split()) for page in reader.pages[:6] for line in lines(page)]
    head = next(i for i, line in enumerate(printed) if line.startswith("STT Chỉ tiêu ĐVT"))
    assert "So với" in " ".join(printed[head : head + 4])
    row = next(line for line in printed[head:] if line.startswith("1 "))
    assert " ".join(FIRST) in row


def test_excel_has_the_same_figures(half_year):
    wb = load_workbook(io.BytesIO(render_xlsx(half_year)))
    sheet = wb.worksheets[1]
    heads = [c.value for c in sheet[3]]
    rate, pace = heads.index("% kế hoạch năm"), heads.index(PACE)
    assert pace == rate + 1
    first = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "1")
    assert (f"{first[rate]:.2f}", f"{first[pace]:.2f}") == ("45.33", "90.67")


def test_a_year_review_has_no_pace_column():
    review = build_review(
        user=SYSTEM, plan=Plan.objects.get(code="tinh-2022"), period=Period.objects.get(key="2022")
    )
    doc = Document(io.BytesIO(render_docx(review)))
    assert all([c.text for c in t.rows[0].cells] == list(HEADINGS) for t in _target_tables(doc))


def test_the_checker_reads_the_half_year_table_back_right(half_year):
    """The pace column is not mistaken for "% kế hoạch năm" by check-report (which would mark
    every paced figure of Bảng 1 wrong). (The wards' appendices hold the wards' own figures,
    which the checker reads against the city's targets: not looked at here.)"""
    from nghiquyet.documents.check import RIGHT, check_report

    data = render_docx(half_year)
    doc = Document(io.BytesIO(data))
    main = [t._tbl for t in doc.tables].index(_target_tables(doc)[0]._tbl)
    result = check_report(data, half_year.evaluation)
    claims = [c for c in result.claims if c.where.startswith(f"t{main}.")]
    assert len(claims) > 100
    assert {c.verdict for c in claims} == {RIGHT}
    assert any(c.claimed == "45,33%" for c in claims)
