"""Term reviews: the 2020–2025 resolution at mid-term and near the end, with forecasts."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from nghiquyet import engine
from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.term import mid_term_year, term_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def term():
    return Plan.objects.get(code="tinh-2020-2025")


def outlooks(review):
    return {r.target.code: r.outlook for r in review.rows}


def test_mid_term_is_two_and_a_half_years_in(term):
    assert mid_term_year(term) == 2023
    assert mid_term_year(Plan.objects.get(code="tinh-2022")) == 2022  # a one-year plan


def test_mid_term_forecast_names_the_targets_hard_to_reach(term):
    review = term_review(user=SYSTEM, plan=term, last_year=2023)
    assert review.is_mid_term and review.years == [2021, 2022, 2023, 2024, 2025]
    assert outlooks(review) == {
        # GRDP growth: the straight line through the 2021 low carries the 2022–2023 rebound
        # to ~7,9% a year, but the 2 years left need 10% a year against a best year of
        # 7,35%: not banked on (engine.forecast, rule 2), hard to reach
        "1": engine.HARD,
        "2": engine.CANNOT,  # GRDP per capita 85 by 2025 from 66,2 in 2023
        "3": engine.HARD,  # exports 8.000 over 5 years: 4.738,3 after 3
        "4": engine.LIKELY,
        "5": engine.HARD,
        "6": engine.LIKELY,  # the provincial plan was approved
        "7": engine.LIKELY,
        "8": engine.CANNOT,
        "9": engine.CANNOT,
    }
    exports = next(r for r in review.rows if r.target.code == "3")
    # 1.424,6 + 1.612,3 + 1.701,4 = 4.738,3; the 2 years left need (8.000 − 4.738,3) / 2.
    assert exports.so_far == pytest.approx(4738.3)
    assert exports.required == pytest.approx((8000 - 4738.3) / 2)
    assert exports.reason == (
        "Cộng dồn 2021–2023 đạt 4.738,3 triệu USD, bình quân 1.579,4 triệu USD/năm; giữ nhịp "
        "này thì cả nhiệm kỳ đạt khoảng 7.897,2 triệu USD (chỉ tiêu 8.000 triệu USD). Để đạt "
        "chỉ tiêu, 2 năm còn lại phải đạt bình quân 1.630,9 triệu USD/năm — cao hơn nhịp độ "
        "hiện nay nhưng còn trong tầm với (năm cao nhất mới đạt 1.701,4 triệu USD)."
    )
    labour = next(r for r in review.rows if r.target.code == "8")
    # (75 − 71,3) / 2 = 1,85 points a year, written to the indicator's one decimal.
    assert "mỗi năm còn lại phải tăng 1,9 điểm %" in labour.reason
    assert review.summary == (
        "3/9 chỉ tiêu có khả năng đạt; 3/9 chỉ tiêu khó đạt; 3/9 chỉ tiêu không thể đạt."
    )
    grdp = next(r for r in review.rows if r.target.code == "1")
    # the yearly rate it needs beside the best year, and the year its trend leans on
    assert grdp.hinge_year == 2021
    assert "dựa nhiều vào số liệu năm 2021, một năm bất thường" in grdp.reason
    assert "2 năm còn lại phải đạt bình quân 10%/năm" in grdp.reason
    assert "năm cao nhất mới đạt 7,35%" in grdp.reason


def test_a_later_review_uses_the_later_years(term):
    review = term_review(user=SYSTEM, plan=term)  # the latest year with figures: 2024
    assert review.last_year == 2024 and not review.is_mid_term
    got = outlooks(review)
    assert got["3"] == engine.LIKELY  # 2024's exports put the total back on track
    assert got["1"] == engine.CANNOT  # 13 % growth needed in 2025 alone
    assert [r.target.code for r in review.at_risk] == ["1", "2", "8", "9"]


def test_a_plan_that_is_not_a_term_plan_has_no_term_review():
    assert term_review(user=SYSTEM, plan=Plan.objects.get(code="tinh-2022")) is None


def test_the_dashboard_shows_the_forecast(users, term):
    client = Client()
    client.force_login(users["lanhdao.tinh"])
    html = client.get(reverse("reporting:plan-dashboard", args=[term.code]), {"ky": "2023"}).content
    html = html.decode()
    assert "Dự báo khả năng đạt chỉ tiêu đến cuối nhiệm kỳ (2025)" in html
    assert "sơ kết giữa nhiệm kỳ" in html
    assert 'data-target="3" data-outlook="hard"' in html
    assert "3/9 chỉ tiêu có khả năng đạt; 3/9 chỉ tiêu khó đạt; 3/9 chỉ tiêu không thể đạt." in html
    # Someone outside the province sees no dashboard at all.
    client.force_login(users["baocao.anhoi"])
    assert client.get(reverse("reporting:plan-dashboard", args=[term.code])).status_code == 404


def test_the_mid_term_report_lists_the_targets_hard_to_reach_with_the_reason(term):
    review = build_review(user=SYSTEM, plan=term, period=Period.objects.get(key="2023"))
    assert review.outlook is not None
    assert review.sub_headings["outlook"] == (
        "3. Dự báo khả năng thực hiện các chỉ tiêu đến cuối nhiệm kỳ"
    )
    doc = Document(io.BytesIO(render_docx(review)))
    texts = [p.text for p in doc.paragraphs]
    assert "3. Dự báo khả năng thực hiện các chỉ tiêu đến cuối nhiệm kỳ" in texts
    hard = texts.index("Các chỉ tiêu dự báo khó đạt:")
    assert texts[hard + 1].startswith("- Tăng trưởng GRDP bình quân: Bình quân 2021–2023 đạt 5%")
    assert texts[hard + 2].startswith("- Kim ngạch xuất khẩu 5 năm: Cộng dồn 2021–2023 đạt 4.738,3")
    assert texts[hard + 3].startswith("- Tỷ lệ đô thị hóa: Năm 2023 đạt 27,1%")
    assert "Các chỉ tiêu dự báo không thể đạt:" in texts
    assert "4. Thực hiện nhiệm vụ, giải pháp" in texts
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Khả năng")
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Chỉ tiêu nhiệm kỳ",
        "Đã đạt",
        "Cần đạt mỗi năm còn lại",
        "Năm tốt nhất",
        "Xu hướng",
        "Dự báo cuối nhiệm kỳ",
        "Khả năng",
    ]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["3"][4:] == [
        "4.738,3",
        "1.630,9 triệu USD/năm",
        "1.701,4 triệu USD (2023)",
        "bình quân 1.579,4 triệu USD/năm",
        "7.897,2",
        "khó đạt",
    ]
    assert rows["6"][4:] == ["Đạt", "", "", "", "", "có khả năng đạt"]
