"""A target's page shows its adjustments — day, figure before and after, adjusting document —
and which figure judges the period viewed (the one in force at the period's end)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.target_detail import target_adjustment_lines
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db

DOC = "Nghị quyết số 12/NQ-HĐND ngày 30/6/2031"


@pytest.fixture
def adjusted(land):
    """A province's 2031 target of 150 new enterprises, figures for the first half and the
    year, then adjusted to 180 from 1/7/2031 by a later resolution."""
    province = land["T1"]
    office = make_user("vanphong.dc", ("office", province))
    plan = make_plan(province, "dieu-chinh-2031")
    indicator = services.indicator_get_or_create(
        acting_user=SYSTEM,
        code="dn-moi-dc",
        name="Doanh nghiệp thành lập mới",
        unit_of_measure="doanh nghiệp",
        aggregation="sum",
        decimals=0,
    )
    target = services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Doanh nghiệp thành lập mới",
        indicator=indicator,
        direction="higher",
        target_value=150,
    )
    for spec, value in (
        (PeriodSpec(PeriodKind.HALF_YEAR, 2031), 70),
        (PeriodSpec(PeriodKind.YEAR, 2031), 170),
    ):
        period = period_get_or_create(spec=spec)
        value_record(
            acting_user=SYSTEM, indicator=indicator, unit=province, period=period, value=value
        )
    services.target_adjust(
        acting_user=office,
        target=target,
        data={"target_value": 180},
        effective_on=dt.date(2031, 7, 1),
        document=DOC,
        reason="Thu hút đầu tư tăng",
    )
    return plan, target, office


def _page(user, plan, period_key):
    client = Client()
    client.force_login(user)
    response = client.get(
        reverse("reporting:target-detail", args=[plan.code, "1"]), {"ky": period_key}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_year_reads_the_adjusted_figure_and_the_old_one_stays_visible(adjusted):
    plan, _target, office = adjusted
    page = _page(office, plan, "2031")
    assert 'data-testid="target-adjustments"' in page
    assert "01/07/2031" in page and DOC in page and "Thu hút đầu tư tăng" in page
    assert "áp dụng cho kỳ đang xem" in page
    assert "Theo điều chỉnh áp dụng từ 01/07/2031" in page and "trước đó: 150" in page
    lines = target_adjustment_lines(user=office, target_id=_target.pk, on=dt.date(2031, 12, 31))
    assert [(line.before, line.after, line.in_force) for line in lines.lines] == [
        ("150", "180", True)
    ]


def test_the_first_half_ended_before_the_adjustment_and_keeps_the_old_figure(adjusted):
    plan, target, office = adjusted
    page = _page(office, plan, "2031-H1")
    assert "Chỉ tiêu như khi ban hành." in page
    assert "Kỳ này kết thúc trước lần điều chỉnh từ 01/07/2031" in page and "(180)" in page
    assert "áp dụng cho kỳ đang xem" not in page
    lines = target_adjustment_lines(user=office, target_id=target.pk, on=dt.date(2031, 6, 30))
    assert lines.in_force is None and lines.later.after == "180" and lines.original == "150"


def test_two_adjustments_and_an_end_each_keep_their_figures(adjusted):
    _plan, target, office = adjusted
    target.refresh_from_db()
    services.target_adjust(
        acting_user=office,
        target=target,
        data={"target_value": 200},
        effective_on=dt.date(2031, 10, 1),
        document="Nghị quyết số 20/NQ-HĐND ngày 25/9/2031",
    )
    target.refresh_from_db()
    services.target_end(
        acting_user=office,
        target=target,
        ended_on=dt.date(2032, 1, 1),
        document="Nghị quyết số 1/NQ-HĐND ngày 20/12/2031",
    )
    lines = target_adjustment_lines(user=office, target_id=target.pk, on=dt.date(2031, 9, 30))
    assert [(ln.before, ln.after, ln.in_force, ln.is_end) for ln in lines.lines] == [
        ("150", "180", True, False),
        ("180", "200", False, False),
        ("200", "", False, True),
    ]
    assert lines.later.after == "200"


def test_someone_outside_the_province_does_not_see_the_adjustments(adjusted, land):
    plan, _target, _office = adjusted
    other = make_user("vanphong.ben.dc", ("office", land["T2"]))
    client = Client()
    client.force_login(other)
    response = client.get(reverse("reporting:target-detail", args=[plan.code, "1"]), {"ky": "2031"})
    assert response.status_code == 404
