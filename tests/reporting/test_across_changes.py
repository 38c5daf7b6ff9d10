"""The demo's 2025 reorganisation: Vĩnh Long compares 2026 with its predecessors' 2025.

Bến Tre, Trà Vinh and Vĩnh Long reported their first half of 2025 before they merged
on 1/7/2025; the merged Vĩnh Long reports its own first half of 2026. Its dashboard
must compare the two, and say how the 2025 figure was made.
"""

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.demo import data
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.selectors.periods import plan_default_period, plan_period_options
from nghiquyet.reporting.selectors.target_detail import target_detail

pytestmark = pytest.mark.django_db

NOTE = (
    "tính từ số liệu của Tỉnh Bến Tre, Tỉnh Trà Vinh, Tỉnh Vĩnh Long trước sắp xếp ngày 01/07/2025"
)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def vinh_long():
    return Plan.objects.get(code="vinhlong-2026")


@pytest.fixture
def h1_2026():
    return Period.objects.get(key="2026-H1")


def by_code(ev):
    return {r.target.code: r for r in ev.rows}


def test_the_new_province_opens_on_its_first_half_year(vinh_long, h1_2026):
    assert plan_default_period(vinh_long, plan_period_options(vinh_long)) == h1_2026


def test_same_period_last_year_is_built_from_the_three_provinces(users, vinh_long, h1_2026):
    ev = plan_evaluation(user=users["vanphong.vinhlong"], plan=vinh_long, period=h1_2026)
    rows = by_code(ev)
    for code, indicator in [("2", "exports"), ("3", "budget-revenue"), ("8", "new-jobs")]:
        before, _now = data.VINH_LONG_FIGURES[indicator]
        assert rows[code].baseline == pytest.approx(sum(before.values()))
        assert rows[code].baseline_note == NOTE
    # A ratio of the summed households, not the mean of three percentages.
    poor = data.VINH_LONG_FIGURES["poverty-rate"][0]
    households = sum(d for _n, d in poor.values())
    assert rows["6"].baseline == pytest.approx(sum(n for n, _d in poor.values()) / households * 100)
    assert rows["6"].baseline != pytest.approx(
        sum(n / d * 100 for n, d in poor.values()) / 3, abs=1e-3
    )
    # Growth against the derived figure: 93.180,4 / 86.471,5 − 1 = 7,76 %, near the 8 % target.
    assert rows["1"].measured == pytest.approx((93180.4 / 86471.5 - 1) * 100)
    assert rows["1"].class_key == "near"
    assert ev.summary == (
        "4/10 chỉ tiêu đạt và vượt; 4/10 chỉ tiêu xấp xỉ đạt; 2/10 chỉ tiêu đạt trên 80%."
    )
    assert ev.baseline_notes == [NOTE]
    assert {r.baseline_ref for r in ev.rows} == {1}


def test_the_dashboard_shows_the_derived_figures_with_a_footnote(users, vinh_long):
    html = (
        client_for(users["lanhdao.vinhlong"])
        .get(reverse("reporting:plan-dashboard", args=[vinh_long.code]))
        .content.decode()
    )
    assert "6 tháng đầu năm 2026: kết quả thực hiện" in html
    assert "86.471,5" in html  # GRDP of the three provinces, first half of 2025
    assert 'href="#baseline-note-1"' in html
    assert f"Cùng kỳ năm trước {NOTE}." in html


def test_target_page_series_and_units_cross_the_change(users, vinh_long, h1_2026):
    detail = target_detail(
        user=users["vanphong.vinhlong"], plan=vinh_long, code="8", period=h1_2026
    )
    series = {p.period.key: p for p in detail.series}
    assert series["2025-H1"].actual == pytest.approx(31380) and series["2025-H1"].note == NOTE
    assert series["2026-H1"].actual == pytest.approx(29850) and series["2026-H1"].note == ""
    # By ward: each new ward against the communes it was formed from.
    rows = {b.unit.code: b for b in detail.breakdown}
    # The five real wards of Vĩnh Long that the former Bến Tre city's communes went into.
    assert set(rows) == {"28777", "28756", "28789", "28783", "28858"}
    from nghiquyet.orgs.models import OrgUnitLineage
    from nghiquyet.reporting.models import Value

    for code in rows:
        predecessors = OrgUnitLineage.objects.filter(successor__code=code).values("predecessor")
        assert predecessors.count() >= 2
        before = sum(
            float(v.value)
            for v in Value.objects.current().filter(
                indicator__code="new-jobs", period__key="2025-H1", unit__in=predecessors
            )
        )
        assert rows[code].baseline == pytest.approx(before)
        assert rows[code].baseline_note.startswith("tính từ số liệu của ")
    # The annual series reaches back to 2023 through the same lineage.
    year = target_detail(
        user=users["vanphong.vinhlong"],
        plan=vinh_long,
        code="3",
        period=Period.objects.get(key="2025"),
    )
    keys = [p.period.key for p in year.series if p.actual is not None]
    assert keys[:3] == ["2023", "2024", "2025"]
    assert [bool(p.note) for p in year.series if p.actual is not None][:3] == [True, True, False]


def test_history_stays_with_the_units_that_reported_it(users, units):
    """Bến Tre's own reports are untouched; its office still reads them as reported."""
    tinh = Plan.objects.get(code="tinh-2022")
    ev = plan_evaluation(
        user=users["vanphong.tinh"], plan=tinh, period=Period.objects.get(key="2022")
    )
    assert not ev.baseline_notes
    assert ev.summary.startswith("15/25 chỉ tiêu đạt và vượt")
    assert units["83"].valid_to is not None  # Bến Tre ended on 1/7/2025…
    assert units["83"].successor_links.get().successor == units["86"]  # …into Vĩnh Long


def test_the_merged_province_reads_its_predecessors_history_but_cannot_change_it(users):
    office = client_for(users["vanphong.vinhlong"])
    page = office.get(reverse("reporting:plan-dashboard", args=["tinh-2022"]))
    assert page.status_code == 200 and "15/25 chỉ tiêu đạt và vượt" in page.content.decode()
    # Opening a reporting round on Bến Tre's old resolution is refused: read-only history.
    refused = office.get(reverse("reporting:round-open", args=["tinh-2022"]))
    assert refused.status_code == 403
    # Bến Tre's office does not see the merged province's resolution.
    other = client_for(users["vanphong.tinh"])
    assert other.get(reverse("reporting:plan-dashboard", args=["vinhlong-2026"])).status_code == 404
