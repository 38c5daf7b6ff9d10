"""Giao chỉ tiêu cho cấp dưới: an office divides a target equally, by population or by hand,
and the cascade page judges each unit against the share it was given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import ShareMethod
from nghiquyet.plans.models import Target, TargetShare, TargetShareSet
from nghiquyet.plans.share_selectors import target_shares
from nghiquyet.plans.shares import row_field, target_shares_set
from nghiquyet.reporting.selectors.cascade import plan_cascade
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db

D = Decimal


def _target(plan, code, name, *, value, aggregation="sum", parent=None):
    indicator = plan_services.indicator_get_or_create(
        acting_user=SYSTEM,
        code=f"share-{code}",
        name=name,
        unit_of_measure="người" if aggregation == "sum" else "%",
        aggregation=aggregation,
        decimals=0 if aggregation == "sum" else 1,
    )
    return plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code=code,
        name=name,
        indicator=indicator,
        direction="higher",
        target_value=value,
        parent=parent,
    )


@pytest.fixture
def district(land):
    """District D1's plan with a count of 100 new jobs (sum) and a rate (ratio); its three
    communes D1a, D1b, D1c; the district's office."""
    plan = make_plan(land["D1"], "huyen-d1-2031")
    jobs = _target(plan, "1", "Tạo việc làm mới", value=100)
    rate = _target(plan, "2", "Tỷ lệ lao động qua đào tạo", value=70, aggregation="ratio")
    office = make_user("vanphong.d1", ("office", land["D1"]))
    communes = [land["D1a"], land["D1b"], land["D1c"]]
    return plan, jobs, rate, office, communes


def _events(target):
    return AuditEvent.objects.filter(action="target.shares", object_id=str(target.pk))


def test_by_population_the_shares_add_up_to_the_figure(district):
    _plan, jobs, _rate, office, (a, b, c) = district
    share_set = target_shares_set(
        acting_user=office,
        target=jobs,
        method=ShareMethod.POPULATION,
        rows={a: 12345, b: 8000, c: 4655},
        population_source="Niên giám thống kê huyện năm 2030",
        population_on=dt.date(2030, 12, 31),
    )
    figures = share_set.figures(jobs.target_value)
    # 100 × 12.345 / 25.000 = 49,38 → 49; 32 → 32; 18,62 → 19 (the larger remainder)
    assert figures == {a.pk: D(49), b.pk: D(32), c.pk: D(19)}
    assert sum(figures.values()) == 100
    shares = target_shares(user=office, target=jobs)
    assert [(r.unit.code, r.population, r.figure) for r in shares.rows] == [
        ("D1a", 12345, D(49)),
        ("D1b", 8000, D(32)),
        ("D1c", 4655, D(19)),
    ]
    event = _events(jobs).get()
    old, new = event.changes["shares"]
    assert old == {"method": "equal"}
    assert new["method"] == "population"
    assert new["rows"] == {"D1a": 12345, "D1b": 8000, "D1c": 4655}
    assert new["population_source"] == "Niên giám thống kê huyện năm 2030"


def test_by_hand_shares_must_add_up_to_the_figure_and_nothing_is_written(district):
    _plan, jobs, _rate, office, (a, b, c) = district
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 30, c: 17}
        )
    (message,) = exc.value.message_dict["rows"]
    assert "cộng lại là 97" in message and "thiếu 3" in message and "100" in message
    assert not TargetShareSet.objects.filter(target=jobs).exists()
    assert not _events(jobs).exists()


def test_each_problem_names_the_unit_row(district):
    _plan, jobs, _rate, office, (a, b, c) = district
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, c: D(-1)}
        )
    errors = exc.value.message_dict
    assert errors[row_field(b, ShareMethod.HAND)] == ["Dòng Xã D1b: hãy ghi phần được giao."]
    assert errors[row_field(c, ShareMethod.HAND)] == ["Dòng Xã D1c: không được là số âm."]
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office,
            target=jobs,
            method=ShareMethod.HAND,
            rows={a: D("50.5"), b: D("29.5"), c: 20},
        )
    assert "Dòng Xã D1a" in exc.value.message_dict[row_field(a, ShareMethod.HAND)][0]
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office, target=jobs, method=ShareMethod.POPULATION, rows={a: 1, b: 1, c: 1}
        )
    assert "nguồn số dân" in exc.value.message_dict["population_source"][0]
    assert not TargetShareSet.objects.exists() and not _events(jobs).exists()


def test_a_unit_not_under_the_plan_is_refused(district, land):
    _plan, jobs, _rate, office, (a, b, c) = district
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office,
            target=jobs,
            method=ShareMethod.HAND,
            rows={a: 50, b: 30, c: 20, land["D2a"]: 0},
        )
    assert "Xã D2a không phải đơn vị cấp dưới trực tiếp của Huyện D1" in str(exc.value)


def test_a_rate_is_not_divided(district):
    _plan, _jobs, rate, office, (a, b, c) = district
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office, target=rate, method=ShareMethod.HAND, rows={a: 70, b: 70, c: 70}
        )
    assert "không chia phần" in exc.value.message_dict["method"][0]


def test_another_units_office_can_neither_set_nor_see_the_shares(district, land):
    _plan, jobs, _rate, office, (a, b, c) = district
    other = make_user("vanphong.d2", ("office", land["D2"]))
    with pytest.raises(PermissionDenied):
        target_shares_set(
            acting_user=other, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 30, c: 20}
        )
    assert not TargetShareSet.objects.exists() and not _events(jobs).exists()
    target_shares_set(
        acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 30, c: 20}
    )
    from django.http import Http404

    with pytest.raises(Http404):
        target_shares(user=other, target=jobs)
    # a commune's reporter sees the district's plan? Not unless granted on the district.
    reporter = make_user("baocao.d1a", ("reporter", a))
    with pytest.raises(PermissionDenied):
        target_shares_set(acting_user=reporter, target=jobs, method=ShareMethod.EQUAL)
    assert TargetShareSet.objects.get(target=jobs).method == ShareMethod.HAND


def test_back_to_equal_removes_the_set_and_is_audited(district):
    _plan, jobs, _rate, office, (a, b, c) = district
    target_shares_set(
        acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 30, c: 20}
    )
    target_shares_set(acting_user=office, target=jobs, method=ShareMethod.EQUAL)
    assert not TargetShareSet.objects.exists() and not TargetShare.objects.exists()
    last = _events(jobs).order_by("-pk").first()
    assert last.changes["shares"] == [
        {"method": "hand", "rows": {"D1a": "50", "D1b": "30", "D1c": "20"}},
        {"method": "equal"},
    ]
    assert target_shares(user=office, target=jobs).rows[0].figure == D(100) / 3


def _concretise(plan, jobs, communes, figures):
    for unit, figure in zip(communes, figures, strict=True):
        own = make_plan(unit, f"{unit.code.lower()}-2031", parent=plan)
        _target(own, "1", "Tạo việc làm mới", value=figure, parent=jobs)


def test_the_cascade_judges_each_unit_against_the_share_it_was_given(district):
    plan, jobs, _rate, office, communes = district
    a, b, c = communes
    # The communes set themselves 45, 35 and 20 (= 100): equal shares of 33,33 leave only
    # Xã D1c short (−13,33).
    _concretise(plan, jobs, communes, [45, 35, 20])
    row = plan_cascade(user=office, plan=plan).rows[0]
    assert row.share_method_label == "chia đều"
    assert [(s.unit.code, round(s.gap, 2)) for s in row.short_units] == [("D1c", -13.33)]
    # By hand the district asks 50 of D1a, 35 of D1b, 15 of D1c: now D1a is 5 short.
    target_shares_set(
        acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 35, c: 15}
    )
    cascade = plan_cascade(user=office, plan=plan)
    row = cascade.rows[0]
    assert row.share_method_label == "giao cụ thể cho từng đơn vị"
    assert [(s.unit.code, s.share, s.figure, s.gap) for s in row.short_units] == [
        ("D1a", 50.0, 45.0, -5.0)
    ]
    by_unit = {u.unit.code: u for u in cascade.units}
    assert [s.target.code for s in by_unit["D1a"].short] == ["1"]
    assert by_unit["D1c"].short == []
    assert row.shares_gap is None
    assert [t.code for t in cascade.shareable] == ["1"] and cascade.may_manage


def test_after_an_adjustment_shares_by_hand_no_longer_add_up_and_the_page_says_so(district):
    plan, jobs, _rate, office, communes = district
    a, b, c = communes
    _concretise(plan, jobs, communes, [50, 30, 20])
    target_shares_set(
        acting_user=office, target=jobs, method=ShareMethod.HAND, rows={a: 50, b: 30, c: 20}
    )
    plan_services.target_adjust(
        acting_user=office,
        target=jobs,
        data={"target_value": D(120)},
        effective_on=dt.date(2031, 7, 1),
        document="Nghị quyết số 12/NQ-HĐND ngày 30/6/2031",
    )
    jobs.refresh_from_db()
    row = plan_cascade(user=office, plan=plan).rows[0]
    assert row.shares_gap == D(-20)
    assert target_shares(user=office, target=jobs).gap == D(-20)
    # by population the shares follow the figure in force: 120 among equal populations
    target_shares_set(
        acting_user=office,
        target=jobs,
        method=ShareMethod.POPULATION,
        rows={a: 1000, b: 1000, c: 1000},
        population_source="Điều tra dân số",
    )
    assert sorted(TargetShareSet.objects.get().figures(jobs.target_value).values()) == [40] * 3
    assert Target.objects.get(pk=jobs.pk).target_value == 120
