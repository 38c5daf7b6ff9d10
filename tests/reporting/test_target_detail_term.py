"""The target page's per-unit table does not rate a term total on a figure within a year
(engine.progress.judged_in_period), as the dashboard and the reviews already do not: a
district's half-year 800 of its 5-year 3.900 is shown, "chưa đánh giá", with the reason
"chỉ tiêu cả nhiệm kỳ, đánh giá theo năm và cuối nhiệm kỳ". A yearly target beside it is
still rated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors import missing
from nghiquyet.reporting.selectors.target_detail import target_detail
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db

TERM_ONLY = "chỉ tiêu cả nhiệm kỳ, đánh giá theo năm và cuối nhiệm kỳ"


@pytest.fixture
def term(land):
    """A province's 2020–2025 resolution with a 5-year export total and a level (jobs a year),
    concretised by its two districts; D1 reports both for the first half of 2023."""
    exports = plan_services.indicator_get_or_create(
        acting_user=SYSTEM, code="td-xk", name="Kim ngạch xuất khẩu", unit_of_measure="triệu USD"
    )
    jobs = plan_services.indicator_get_or_create(
        acting_user=SYSTEM, code="td-vl", name="Giải quyết việc làm", unit_of_measure="lao động"
    )
    kw = {"kind": "term_resolution", "year": None, "term_start": 2020, "term_end": 2025}
    plan = make_plan(land["T1"], "td-nk", **kw)
    total = plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Kim ngạch xuất khẩu 5 năm",
        indicator=exports,
        target_value=7800,
        temporal="cumulative",
    )
    level = plan_services.target_create(
        acting_user=SYSTEM, plan=plan, code="2", name="Việc làm", indicator=jobs, target_value=100
    )
    for code in ("D1", "D2"):
        child = make_plan(land[code], f"td-nk-{code.lower()}", parent=plan, **kw)
        plan_services.target_create(
            acting_user=SYSTEM,
            plan=child,
            code="1",
            name="Kim ngạch xuất khẩu 5 năm",
            indicator=exports,
            target_value=3900,
            temporal="cumulative",
            parent=total,
        )
        plan_services.target_create(
            acting_user=SYSTEM,
            plan=child,
            code="2",
            name="Việc làm",
            indicator=jobs,
            target_value=50,
            parent=level,
        )
    half = period_get_or_create(spec=PeriodSpec("half_year", 2023))
    # the province's half-year figure too (the pages offer the periods with its figures)
    figures = (("D1", exports, 800), ("D1", jobs, 60), ("T1", exports, 1600))
    for unit, indicator, figure in figures:
        value_record(
            acting_user=SYSTEM,
            indicator=indicator,
            unit=land[unit],
            period=half,
            value=Decimal(figure),
            status="official",
        )
    return {"plan": plan, "half": half}


def test_a_half_years_figure_of_a_term_total_is_not_rated(term):
    detail = target_detail(user=SYSTEM, plan=term["plan"], code="1", period=term["half"])
    rows = {b.unit.code: b for b in detail.breakdown}
    d1 = rows["D1"]
    assert d1.actual == 800  # the figure is shown
    assert (d1.class_key, d1.class_label, d1.rate) == ("no_data", "chưa đánh giá", None)
    assert (d1.no_data_reason.key, d1.no_data_reason.text) == (missing.TERM_ONLY, TERM_ONLY)
    # the same reason as the target's own ("chưa có số liệu" on the dashboard and in reviews)
    assert detail.no_data_reason.text == TERM_ONLY
    # a unit without a figure still says where its report stands
    assert rows["D2"].actual is None and rows["D2"].no_data_reason is not None


def test_a_yearly_target_beside_it_is_still_rated(term):
    detail = target_detail(user=SYSTEM, plan=term["plan"], code="2", period=term["half"])
    d1 = next(b for b in detail.breakdown if b.unit.code == "D1")
    assert d1.class_key == "achieved" and d1.rate is not None and d1.no_data_reason is None


def test_the_target_page_says_it(term, land):
    client = Client()
    client.force_login(make_user("vp.t1", ("office", land["T1"])))
    url = reverse("reporting:target-detail", args=["td-nk", "1"])
    html = client.get(url, {"ky": term["half"].key}).content.decode()
    table = html[html.index('data-testid="breakdown"') :].split("</table>")[0]
    row = table[table.index('data-unit="D1"') :].split("</tr>")[0]
    assert "chưa đánh giá" in row and "không đạt" not in row
    assert f'data-reason="{missing.TERM_ONLY}">{TERM_ONLY.capitalize()}</div>' in row


def test_a_year_of_a_term_total_is_judged_on_the_years_so_far(term, land):
    """In a year within the term, each unit's term total is judged as its own evaluation
    judges it (the dashboard's units table): 700 a year for 2021–2023 is 2.100 of a 5-year
    3.900 — near the pace of 3 years in 5 — not 700 of 3.900, "không đạt"."""
    from nghiquyet.plans.models import Indicator
    from nghiquyet.reporting.selectors.comparisons import plan_units_comparison

    exports = Indicator.objects.get(code="td-xk")
    for year in (2021, 2022, 2023):
        value_record(
            acting_user=SYSTEM,
            indicator=exports,
            unit=land["D1"],
            period=period_get_or_create(spec=PeriodSpec("year", year)),
            value=Decimal(700),
            status="official",
        )
    y2023 = period_get_or_create(spec=PeriodSpec("year", 2023))
    detail = target_detail(user=SYSTEM, plan=term["plan"], code="1", period=y2023)
    d1 = next(b for b in detail.breakdown if b.unit.code == "D1")
    (own,) = [
        r
        for u in plan_units_comparison(user=SYSTEM, plan=term["plan"], period=y2023)
        if u.plan.unit.code == "D1"
        for r in u.evaluation.rows
        if r.target.code == "1"
    ]
    assert own.actual == 2100 and own.class_key != "not_achieved"
    assert (d1.actual, d1.class_key, d1.rate) == (own.actual, own.class_key, own.rate)
    assert d1.rate > 80  # 2.100 against the 2.340 three years of five owe
