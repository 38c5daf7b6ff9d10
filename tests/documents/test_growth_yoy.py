"""A growth rate is not compared with last year's growth rate: "+4 điểm %" of 10,8% growth
against 6,8% is not written by any office (the sentence already says "tăng 10,8%"). The
"So với cùng kỳ" cell of a growth-rate target is empty on the dashboard, in Word, the PDF and
Excel; a level target (thu ngân sách) and a rate (tỷ lệ lao động qua đào tạo) keep theirs.
On the demo's 2022 annual review of the province."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import review_html
from nghiquyet.documents.render_xlsx import render_xlsx
from nghiquyet.documents.report import build_review
from nghiquyet.documents.review_tables import NBSP
from nghiquyet.documents.sentences import is_growth_rate as sentences_is_growth_rate
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import display
from nghiquyet.plans.models import Plan, Target
from nghiquyet.reporting.models import Period

pytestmark = pytest.mark.django_db

#: Growth rates of the 2022 resolution: GRDP, agriculture, industry (10,8% against 6,8% in
#: 2021), retail.
GROWTH = ("1", "6", "7", "8")
#: A level (budget revenue) and a rate (trained workers) against 2021 (the files hold "điểm %"
#: with a non-breaking space, review_tables.unbroken).
KEPT = {"4": "+14,0%", "13": f"+0,6 điểm{NBSP}%"}


@pytest.fixture(scope="module")
def review(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="tinh-2022"),
            period=Period.objects.get(key="2022"),
        )


def test_the_growth_rates_are_known_by_one_rule():
    targets = Target.objects.filter(plan__code="tinh-2022")
    growth = sorted((t.code for t in targets if display.is_growth_rate(t)), key=int)
    assert growth == list(GROWTH)
    assert sentences_is_growth_rate is display.is_growth_rate  # documents.check reads it there


def _yoy_cells(tables) -> dict[str, set[str]]:
    """Target code → every "So với cùng kỳ" cell shown for it (Bảng 1 and the appendix)."""
    seen: dict[str, set[str]] = {}
    for table in tables:
        heads = [c.text for c in table.rows[0].cells]
        if heads[:1] != ["STT"] or "So với cùng kỳ" not in heads:
            continue
        yoy = heads.index("So với cùng kỳ")
        for row in table.rows[1:]:
            seen.setdefault(row.cells[0].text, set()).add(row.cells[yoy].text)
    return seen


def test_word_leaves_a_growth_rate_without_change_against_last_year(review):
    doc = Document(io.BytesIO(render_docx(review)))
    cells = _yoy_cells(doc.tables)
    assert [cells[code] for code in GROWTH] == [{""}] * 4
    assert {code: cells[code] for code in KEPT} == {c: {t} for c, t in KEPT.items()}
    # and the text says what grew, not a change of the rate
    prose = "\n".join(p.text for p in doc.paragraphs)
    assert "giá trị sản xuất công nghiệp tăng 10,8% (kế hoạch tăng 10%)" in prose


def test_the_pdf_leaves_it_empty_too(review):
    html = review_html(review)
    seen: dict[str, set[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>.*?</td>", row, re.S)
        ]
        if len(cells) == 8:  # STT, name, ĐVT, plan, actual, %, so với cùng kỳ, rating
            seen.setdefault(cells[0], set()).add(cells[6])
    assert [seen[code] for code in GROWTH] == [{""}] * 4
    assert {code: seen[code] for code in KEPT} == {c: {t} for c, t in KEPT.items()}


def test_excel_leaves_it_empty(review):
    wb = load_workbook(io.BytesIO(render_xlsx(review)))
    seen = {}
    for sheet in wb.worksheets[1:]:
        heads = [c.value for c in sheet[3]]
        if "So với cùng kỳ" not in heads:
            continue
        yoy = heads.index("So với cùng kỳ")
        for row in sheet.iter_rows(min_row=4, values_only=True):
            if row[0] is not None:
                seen.setdefault(str(row[0]), row[yoy])
    assert [seen[code] for code in GROWTH] == [None] * 4
    assert {code: seen[code] for code in KEPT} == KEPT


def test_the_dashboard_leaves_it_empty(users):
    client = Client()
    client.force_login(users["lanhdao.tinh"])
    url = reverse("reporting:plan-dashboard", args=["tinh-2022"])
    html = client.get(url, {"ky": "2022"}).content.decode()

    def baseline_cell(code: str) -> str:
        row = re.search(rf'<tr class="[^"]*" data-target="{code}".*?</tr>', html, re.S).group(0)
        cell = re.search(r'data-label="Cùng kỳ năm trước" class="num">(.*?)</td>', row, re.S)
        return cell.group(1)

    for code in GROWTH:
        assert 'class="small muted"' not in baseline_cell(code), code
    assert ">+14,0%</div>" in baseline_cell("4")
    assert ">+0,6 điểm %</div>" in baseline_cell("13")


def test_the_api_gives_no_change_against_last_year_for_a_growth_rate(review, users):
    """The API's ``yoy_percent`` said +58,8% for industry (10,8% against 6,8%)."""
    client = Client()
    client.force_login(users["vanphong.tinh"])
    answer = client.get("/api/v1/plans/tinh-2022/evaluation", {"period": "2022"}).json()
    rows = {r["code"]: r for r in answer["targets"]}
    assert all(rows[code]["yoy_percent"] is None for code in GROWTH)
    assert round(rows["4"]["yoy_percent"], 1) == 14.0  # the budget's change is kept
