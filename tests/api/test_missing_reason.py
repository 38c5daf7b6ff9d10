"""The evaluation endpoints say why a target or a unit has no figure (``missing_reason``), in
the words of the dashboard and the review (reporting.selectors.missing); null where there is
a figure. On the demo city's 2021 half-year: "kéo giảm phạm pháp hình sự" asks for a fall
against last year, and the first half of 2020 has no figure."""

from __future__ import annotations

import pytest

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.selectors.missing import no_data_reasons

pytestmark = pytest.mark.django_db

NO_BASELINE = "chưa có số liệu cùng kỳ năm trước để so sánh"


@pytest.fixture
def office(as_user):
    return as_user("vanphong.thanhpho")


def test_a_target_without_last_years_figure_says_so(office):
    response = office.get("/plans/thanhpho-2021/evaluation?period=2021-H1")
    assert response.status_code == 200
    targets = response.json()["targets"]
    crime = next(t for t in targets if "phạm pháp hình sự" in t["name"])
    assert crime["class_key"] == "no_data" and crime["actual"] is not None
    assert crime["missing_reason"] == NO_BASELINE
    first = next(t for t in targets if t["code"] == "1")
    assert first["class_key"] != "no_data" and first["missing_reason"] is None


def test_every_reason_is_the_dashboards(office):
    body = office.get("/plans/thanhpho-2021/evaluation?period=2021-H1").json()
    ev = plan_evaluation(
        user=SYSTEM,
        plan=Plan.objects.get(code="thanhpho-2021"),
        period=Period.objects.get(key="2021-H1"),
    )
    reasons = no_data_reasons(user=SYSTEM, ev=ev)
    by_code = {r.target.code: r for row in ev.rows for r in (row, *row.parts)}
    said = [(t, p) for t in body["targets"] for p in (t, *t["parts"])]
    missing = [p for _t, p in said if p["class_key"] == "no_data"]
    assert len(missing) >= 5
    for p in missing:
        assert p["missing_reason"] == reasons[by_code[p["code"]].target.pk].text
    assert all(p["missing_reason"] is None for _t, p in said if p["class_key"] != "no_data")


def test_the_target_endpoint_gives_it_too(office):
    body = office.get("/plans/thanhpho-2021/evaluation?period=2021-H1").json()
    code = next(t["code"] for t in body["targets"] if t["missing_reason"] == NO_BASELINE)
    one = office.get(f"/plans/thanhpho-2021/evaluation/targets/{code}?period=2021-H1").json()
    assert one["result"]["missing_reason"] == NO_BASELINE
    assert all("missing_reason" in b for b in one["breakdown"])


def test_units_without_figures_say_why(office):
    response = office.get("/plans/thanhpho-2021/evaluation/units?period=2021-H1")
    assert response.status_code == 200
    units = response.json()
    assert units
    for unit in units:
        assert (unit["missing_reason"] is None) == unit["has_figures"], unit["unit_code"]
    reasons = {u["missing_reason"] for u in units if not u["has_figures"]}
    # as the dashboard's units table says: where each ward's report stands
    assert {"số liệu chờ duyệt", "báo cáo bị trả lại, đơn vị đang chỉnh sửa"} <= reasons
    assert any(r.startswith("đơn vị chưa gửi báo cáo (quá hạn") for r in reasons)
