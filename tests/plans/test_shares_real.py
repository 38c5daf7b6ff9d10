"""Shares from a real assignment: Quảng Bình's 2017 poverty-reduction figures by district.

Source: Báo Quảng Bình, 16/03/2017, "Năm 2017, các địa phương phấn đấu giảm từ 5.374 đến
6.013 hộ nghèo" —
https://www.baoquangbinh.vn/xa-hoi-doi-song/201703/nam-2017-cac-dia-phuong-phan-dau-giam-tu-5374-den-6013-ho-ngheo-2143651/
(UBND tỉnh Quảng Bình giao chỉ tiêu phấn đấu giảm tỷ lệ hộ nghèo năm 2017 cho các huyện, thị
xã, thành phố). The households each district must take out of poverty, as printed:

    Minh Hóa 840–930, Tuyên Hóa 1.070–1.190, Quảng Trạch 660–750, Bố Trạch 950–1050,
    Quảng Ninh 575–655, Lệ Thủy 807–890, thị xã Ba Đồn 413–500, TP. Đồng Hới 32–48.

The upper figures add up to the printed 6.013. The lower ones add up to 5.347, not the printed
5.374 (27 short — a transposition somewhere in the article): entered by hand against 5.374
they are refused, which is what the check is for. The districts' own figures differ tenfold,
so equal shares (6.013 / 8 = 751,6) would wrongly call half of them short.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import ShareMethod
from nghiquyet.plans.models import TargetShareSet
from nghiquyet.plans.shares import target_shares_set
from nghiquyet.reporting.selectors.cascade import plan_cascade
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db

#: (name, kind, lower, upper) as the article prints them
DISTRICTS = [
    ("Huyện Minh Hóa", "district", 840, 930),
    ("Huyện Tuyên Hóa", "district", 1070, 1190),
    ("Huyện Quảng Trạch", "district", 660, 750),
    ("Huyện Bố Trạch", "district", 950, 1050),
    ("Huyện Quảng Ninh", "district", 575, 655),
    ("Huyện Lệ Thủy", "district", 807, 890),
    ("Thị xã Ba Đồn", "town", 413, 500),
    ("Thành phố Đồng Hới", "provincial_city", 32, 48),
]


@pytest.fixture
def quang_binh(units):
    province = orgunit_create(
        acting_user=SYSTEM,
        code="qb-thu",
        name="Tỉnh Quảng Bình (thử)",
        kind="province",
        parent=units["VN"],
    )
    districts = [
        orgunit_create(
            acting_user=SYSTEM,
            code=f"qb-thu-{i}",
            name=name,
            kind=kind,
            parent=province,
            order=i,
        )
        for i, (name, kind, _low, _high) in enumerate(DISTRICTS)
    ]
    office = make_user("vanphong.qbthu", ("office", province))
    indicator = plan_services.indicator_get_or_create(
        acting_user=SYSTEM,
        code="qb-thu-thoat-ngheo",
        name="Số hộ thoát nghèo",
        unit_of_measure="hộ",
        aggregation="sum",
        decimals=0,
    )
    return province, districts, office, indicator


def _plan_with(province, indicator, code: str, figure: int):
    plan = make_plan(province, code, year=2017)
    target = plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Giảm số hộ nghèo",
        indicator=indicator,
        direction="higher",
        target_value=figure,
    )
    return plan, target


def test_the_printed_lower_figures_do_not_add_up_to_the_printed_total(quang_binh):
    province, districts, office, indicator = quang_binh
    _plan, target = _plan_with(province, indicator, "qb-thu-2017-thap", 5374)
    with pytest.raises(ValidationError) as exc:
        target_shares_set(
            acting_user=office,
            target=target,
            method=ShareMethod.HAND,
            rows={d: low for d, (_n, _k, low, _h) in zip(districts, DISTRICTS, strict=True)},
        )
    (message,) = exc.value.message_dict["rows"]
    assert "cộng lại là 5.347, thiếu 27 so với chỉ tiêu 5.374" in message
    assert not TargetShareSet.objects.filter(target=target).exists()


def test_the_upper_figures_are_the_shares_and_no_district_is_short_of_its_own(quang_binh):
    province, districts, office, indicator = quang_binh
    plan, target = _plan_with(province, indicator, "qb-thu-2017", 6013)
    uppers = {d: high for d, (_n, _k, _l, high) in zip(districts, DISTRICTS, strict=True)}
    # Each district concretises the province's target with the figure it was given.
    for district, figure in uppers.items():
        own = make_plan(district, f"{district.code}-2017", year=2017, parent=plan)
        plan_services.target_create(
            acting_user=SYSTEM,
            plan=own,
            code="1",
            name="Giảm số hộ nghèo",
            indicator=indicator,
            direction="higher",
            target_value=figure,
            parent=target,
        )
    # Divided equally (751,6 each), four of them would be named short — Đồng Hới by 703,6.
    row = plan_cascade(user=office, plan=plan).rows[0]
    assert row.total == 6013
    assert {s.unit.name: round(s.gap, 3) for s in row.short_units} == {
        "Huyện Quảng Trạch": -1.625,
        "Huyện Quảng Ninh": -96.625,
        "Thị xã Ba Đồn": -251.625,
        "Thành phố Đồng Hới": -703.625,
    }
    # Divided as the province did, every district meets its share.
    target_shares_set(acting_user=office, target=target, method=ShareMethod.HAND, rows=uppers)
    row = plan_cascade(user=office, plan=plan).rows[0]
    assert row.short_units == [] and row.shares_gap is None
    assert row.share_method_label == "giao cụ thể cho từng đơn vị"
