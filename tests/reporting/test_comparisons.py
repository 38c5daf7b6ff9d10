"""The units comparison ranks the units that have accepted figures, who lags first; a unit
with no accepted figure yet is listed apart, unranked — not as the worst performer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.accounts.services import api_token_create
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.services import indicator_get_or_create, target_create
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.api.conftest import ApiClient
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(land):
    """A district's plan concretised by three communes: one achieves its target, one falls
    short, one has no accepted figure yet."""
    jobs = indicator_get_or_create(acting_user=SYSTEM, code="ss-jobs", name="Việc làm mới")
    year = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, 2031))
    parent = make_plan(land["D1"], "ss-d1-2031")
    target_create(
        acting_user=SYSTEM, plan=parent, code="1", name="Việc làm", indicator=jobs, target_value=30
    )
    for code, figure in (("D1a", 12), ("D1b", 4), ("D1c", None)):
        child = make_plan(land[code], f"ss-{code.lower()}-2031", parent=parent)
        target_create(
            acting_user=SYSTEM,
            plan=child,
            code="1",
            name="Việc làm",
            indicator=jobs,
            target_value=10,
        )
        if figure is not None:
            value_record(
                acting_user=SYSTEM,
                indicator=jobs,
                unit=land[code],
                period=year,
                value=Decimal(figure),
                status="official",
            )
    return {"plan": parent, "period": year}


def test_units_without_figures_come_last_unranked(city):
    rows = plan_units_comparison(user=SYSTEM, plan=city["plan"], period=city["period"])
    assert [r.plan.unit.code for r in rows] == ["D1b", "D1a", "D1c"]
    assert [r.has_figures for r in rows] == [True, True, False]
    assert [r.achieved_share for r in rows] == [0.0, 100.0, None]
    assert [r.evaluated for r in rows] == [1, 1, 0]


def test_the_dashboard_separates_them(city, land):
    client = Client()
    client.force_login(make_user("vp.d1", ("office", land["D1"])))
    response = client.get(
        reverse("reporting:plan-dashboard", args=["ss-d1-2031"]), {"ky": city["period"].key}
    )
    assert [u.plan.unit.code for u in response.context["ranked"]] == ["D1b", "D1a"]
    assert [u.plan.unit.code for u in response.context["unranked"]] == ["D1c"]
    html = response.content.decode()
    unranked = html[html.index('data-testid="units-without-figures"') :]
    assert "Chưa có số liệu được tiếp nhận — không xếp hạng" in unranked
    assert 'data-unit="D1c"' in unranked and "0/1" not in unranked.split("</tbody>")[0]
    chart = response.context["units_chart"]
    assert "Xã D1c" not in str(chart) and "Xã D1b" in str(chart)


def test_the_api_says_which_units_have_figures(city, land):
    user = make_user("api.d1", ("viewer", land["D1"]))
    api = ApiClient(api_token_create(acting_user=user, name="so sánh")[1])
    rows = api.get(f"/plans/ss-d1-2031/evaluation/units?period={city['period'].key}").json()
    assert [(r["unit_code"], r["has_figures"], r["achieved_percent"]) for r in rows] == [
        ("D1b", True, 0.0),
        ("D1a", True, 100.0),
        ("D1c", False, None),
    ]


def test_the_units_table_writes_each_units_counts(city, land):
    """The units table's counts per class are written by the view (``ranked_rows``): each
    ranked unit's count for every class but "achieved", its dashboard's address; a class the
    units' plans do not use (the page viewed with another scheme) is left blank."""
    client = Client()
    client.force_login(make_user("vp.d1", ("office", land["D1"])))
    url = reverse("reporting:plan-dashboard", args=["ss-d1-2031"])
    response = client.get(url, {"ky": city["period"].key})
    rows = {
        u.plan.unit.code: (address, dict(cells))
        for u, address, cells in response.context["ranked_rows"]
    }
    labels = [label for key, label, _n in response.context["ev"].class_items() if key != "achieved"]
    assert list(rows) == ["D1b", "D1a"]
    assert list(rows["D1a"][1]) == labels
    # D1a met its one target; D1b (4 of 10) is in the lowest class
    assert set(rows["D1a"][1].values()) == {"0"}
    assert rows["D1b"][1]["không đạt"] == "1" and sum(map(int, rows["D1b"][1].values())) == 1
    address = rows["D1a"][0]
    assert address == reverse("reporting:plan-dashboard", args=["ss-d1a-2031"]) + "?ky=2031"
    html = response.content.decode()
    assert f'<a href="{address}">' in html
    assert '<td data-label="không đạt" class="num" data-value="1">1</td>' in html
    # Another scheme on the page than the units' plans': "vượt" is not one of their classes.
    other = client.get(url, {"ky": city["period"].key, "phan_loai": "dat_vuot"})
    cells = {u.plan.unit.code: dict(c) for u, _address, c in other.context["ranked_rows"]}
    assert cells["D1b"] == {"vượt": "", "không đạt": "1", "chưa có số liệu": "0"}
    assert '<td data-label="vượt" class="num" data-value=""></td>' in other.content.decode()
