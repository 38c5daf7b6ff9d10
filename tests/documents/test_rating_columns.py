"""The columns that make a rating mean what it says, read back from what a reader gets:
the forecast table (the yearly rate the years left need, the best year's, the trend) on the
dashboard, in Word and in the PDF's HTML; "% kế hoạch năm" against the whole year's plan,
with the half-year pace beside it, on the dashboard, the target page and the dashboard's
print. On the demo's 2020–2025 resolution at mid-term and the city's 2021 half-year."""

from __future__ import annotations

import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from docx import Document

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import review_html
from nghiquyet.documents.report import build_review
from nghiquyet.documents.review_tables import OUTLOOK_HEADINGS
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.term import term_review

pytestmark = pytest.mark.django_db

#: GRDP growth at mid-term: 5%/năm on average, the best year 7,35% (2022), the years left
#: must average 10% — the trend leans on the 2021 low.
GRDP = ("10%/năm", "7,35% (2022)", "bình quân 5%/năm (dựa vào năm 2021 bất thường)")
#: trained workers: 1,9 points a year needed against a best of 1,2 — cannot be reached
TRAINED = ("tăng 1,9 điểm %/năm", "tăng 1,2 điểm % (2023)", "tăng 0,9 điểm %/năm")


def _cells(html: str, code: str) -> dict[str, str]:
    row = re.search(rf'<tr data-target="{code}" data-outlook="[a-z_]+">(.*?)</tr>', html, re.S)
    assert row, code
    return {
        col: re.sub(r"\s+", " ", text).strip()
        for col, text in re.findall(r'data-col="(\w+)">(.*?)</td>', row.group(1), re.S)
    }


def test_the_term_review_gives_the_columns():
    review = term_review(user=SYSTEM, plan=Plan.objects.get(code="tinh-2020-2025"), last_year=2023)
    rows = {r.target.code: r for r in review.rows}
    assert (rows["1"].need_text, rows["1"].best_text, rows["1"].trend_text) == GRDP
    assert (rows["8"].need_text, rows["8"].best_text, rows["8"].trend_text) == TRAINED
    assert rows["8"].outlook == "cannot"
    # a yes/no milestone has no rate to show
    assert (rows["6"].need_text, rows["6"].best_text, rows["6"].trend_text) == ("", "", "")


def test_the_dashboard_shows_the_forecast_columns(users):
    client = Client()
    client.force_login(users["lanhdao.tinh"])
    url = reverse("reporting:plan-dashboard", args=["tinh-2020-2025"])
    html = client.get(url, {"ky": "2023"}).content.decode()
    for heading in ("Cần đạt mỗi năm còn lại", "Năm tốt nhất", "Xu hướng", "Khả năng"):
        assert f">{heading}</th>" in html
    assert tuple(_cells(html, "1").values()) == GRDP
    assert tuple(_cells(html, "8").values()) == TRAINED


def test_word_and_pdf_have_the_forecast_columns():
    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="tinh-2020-2025"),
        period=Period.objects.get(key="2023"),
    )
    doc = Document(io.BytesIO(render_docx(review)))
    table = next(
        t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == OUTLOOK_HEADINGS
    )
    # (the file holds non-breaking spaces in "điểm %", review_tables.unbroken)
    by_code = {
        row.cells[0].text: [" ".join(c.text.split()) for c in row.cells] for row in table.rows[1:]
    }
    need, best, trend = (OUTLOOK_HEADINGS.index(h) for h in OUTLOOK_HEADINGS[5:8])
    assert (by_code["1"][need], by_code["1"][best], by_code["1"][trend]) == GRDP
    assert (by_code["8"][need], by_code["8"][best], by_code["8"][trend]) == TRAINED
    assert by_code["8"][-1] == "không thể đạt"

    html = review_html(review)
    head = "".join(f"<th>{h}</th>" for h in OUTLOOK_HEADINGS)
    assert head in html
    row = re.search(r'<tr data-target="1">(.*?)</tr>', html, re.S).group(1)
    assert all(f'<td class="num">{text}</td>' in row for text in GRDP)


# --- "% kế hoạch năm" part-way through the year ---------------------------------------------


def test_the_half_year_dashboard_rates_against_the_whole_year(users):
    client = Client()
    client.force_login(users["vanphong.thanhpho"])
    url = reverse("reporting:plan-dashboard", args=["thanhpho-2021"])
    html = client.get(url, {"ky": "2021-H1"}).content.decode()
    assert ">Kế hoạch năm</th>" in html
    assert ">% kế hoạch năm</th>" in html
    assert "So với 50% KH năm (tiến độ)</th>" in html
    row = re.search(r'<tr class=" row-near" data-target="1".*?</tr>', html, re.S).group(0)
    # 68 admitted of 150 planned for the year: 45,33% of the year's plan, 90,67% of its half
    annual = re.search(r'data-col="annual">(.*?)</td>', row, re.S).group(1).strip()
    pace = re.search(r'data-col="pace">(.*?)</td>', row, re.S).group(1).strip()
    assert (annual, pace) == ("45,33%", "90,67%")

    page = client.get(
        reverse("reporting:target-detail", args=["thanhpho-2021", "1"]), {"ky": "2021-H1"}
    ).content.decode()
    assert re.search(r'data-testid="annual-rate">45,33%<', page)
    assert re.search(r'data-testid="pace-rate">90,67%<', page)


def test_the_dashboard_print_heads_the_column_with_what_it_shows():
    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="thanhpho-2021"),
        period=Period.objects.get(key="2021-H1"),
    )
    assert (review.rate_heading, review.pace_heading) == ("% kế hoạch năm", "So với 50% KH năm")
    html = render_to_string("documents/dashboard_print.html", {"r": review})
    assert "<th>% kế hoạch năm</th><th>So với 50% KH năm</th>" in html
    first = next(r for r in review.all_rows if r.code == "1")
    assert (first.plan, first.actual, first.rate, first.pace) == ("150", "68", "45,33%", "90,67%")


def test_excel_heads_the_rate_column_with_what_it_holds():
    from openpyxl import load_workbook

    from nghiquyet.documents.render_xlsx import render_xlsx

    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="thanhpho-2021"),
        period=Period.objects.get(key="2021-H1"),
    )
    wb = load_workbook(io.BytesIO(render_xlsx(review)))
    sheet = wb.worksheets[1]  # the first group's sheet
    heads = [c.value for c in sheet[3]]
    assert "% kế hoạch năm" in heads and "Tỷ lệ đạt (%)" not in heads
    rate = heads.index("% kế hoạch năm")
    first = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "1")
    assert round(first[rate], 2) == 45.33  # 68 of the year's 150
