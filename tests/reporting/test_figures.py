"""Figures reported, rolled up from sub-units, and carried across merges and splits."""

import datetime as dt
from decimal import Decimal

import pytest

from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.services import NewUnit, orgunit_merge, orgunit_move, orgunit_split
from nghiquyet.plans.services import indicator_get_or_create
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.figures import COMPUTED, LINEAGE, REPORTED, comparable_at, figures_at
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create, value_record

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)


@pytest.fixture
def h1():
    return {y: period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, y)) for y in (2025, 2026)}


@pytest.fixture
def indicators(system):
    def make(code, aggregation):
        return indicator_get_or_create(
            acting_user=system, code=code, name=code, aggregation=aggregation
        )

    return {
        "sum": make("t-sum", "sum"),
        "ratio": make("t-ratio", "ratio"),
        "none": make("t-none", "none"),
    }


def record(system, indicator, unit, period, value, num=None, den=None):
    value_record(
        acting_user=system,
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(str(value)),
        numerator=num,
        denominator=den,
        status="official",
    )


def test_reported_figures_come_first_and_roll_up_fills_the_gaps(system, land, indicators, h1):
    s = indicators["sum"]
    for i, code in enumerate(["D1a", "D1b", "D1c", "D2a", "D2b"]):
        record(system, s, land[code], h1[2025], 10 + i)
    record(system, s, land["D2"], h1[2025], 40)  # D2 reported itself though D2c did not
    ids = [land[c].pk for c in ("T1", "D1", "D2", "D1a")]
    got = figures_at(indicators=[s], unit_ids=ids, period=h1[2025])
    d1 = got[(s.pk, land["D1"].pk)]
    assert (d1.value, d1.source, d1.reported, d1.expected) == (33, COMPUTED, 3, 3)
    assert d1.note == "tổng hợp từ số liệu của 3/3 đơn vị cấp dưới"
    d2 = got[(s.pk, land["D2"].pk)]
    assert (d2.value, d2.source, d2.reported, d2.expected) == (40, REPORTED, 2, 3)
    assert d2.record is not None and d2.record.unit_id == land["D2"].pk
    assert got[(s.pk, land["T1"].pk)].value == 73
    assert got[(s.pk, land["D1a"].pk)].source == REPORTED

    # Forced from the children, D2's sub-units do not complete the sum: its own figure
    # stands in, and the note says so.
    forced = figures_at(
        indicators=[s],
        unit_ids=[land["D2"].pk],
        period=h1[2025],
        from_children={s.pk: {land["D2"].pk}},
    )[(s.pk, land["D2"].pk)]
    assert forced.value == 40 and forced.fallback
    assert forced.note == "số của đơn vị; tổng hợp từ đơn vị cấp dưới mới có 2/3 đơn vị"
    # Without a figure of its own, it has none, and the note says how far the sub-units are.
    record(system, s, land["D2b"], h1[2025], 1)  # unchanged: D2c still missing
    alone = figures_at(
        indicators=[s],
        unit_ids=[land["D1"].pk],
        period=h1[2025],
        from_children={s.pk: {land["D1"].pk}},
    )[(s.pk, land["D1"].pk)]
    assert alone.value == 33 and alone.source == COMPUTED
    empty = figures_at(
        indicators=[s],
        unit_ids=[land["T2"].pk, land["D2c"].pk],
        period=h1[2025],
        from_children={s.pk: {land["T2"].pk}},
    )
    assert (s.pk, land["T2"].pk) not in empty and (s.pk, land["D2c"].pk) not in empty


def test_roll_up_follows_the_tree_of_the_period_not_of_today(system, land, indicators, h1):
    s = indicators["sum"]
    for code in ("D1a", "D1b", "D1c"):
        record(system, s, land[code], h1[2025], 1)
    orgunit_move(acting_user=system, unit=land["D1c"], parent=land["D2"], on=JULY_2025)
    for code in ("D1a", "D1b", "D1c", "D2a", "D2b", "D2c"):
        record(system, s, land[code], h1[2026], 2)
    d1 = land["D1"].pk
    assert figures_at(indicators=[s], unit_ids=[d1], period=h1[2025])[(s.pk, d1)].value == 3
    assert figures_at(indicators=[s], unit_ids=[d1], period=h1[2026])[(s.pk, d1)].value == 4


def test_merged_unit_compares_with_its_predecessors(system, land, indicators, h1):
    s, r, n = indicators["sum"], indicators["ratio"], indicators["none"]
    a, b = land["D1a"], land["D1b"]
    record(system, s, a, h1[2025], 100)
    record(system, s, b, h1[2025], 50)
    record(system, r, a, h1[2025], 30, 300, 1000)
    record(system, r, b, h1[2025], 60, 300, 500)
    record(system, n, a, h1[2025], 7)
    record(system, n, b, h1[2025], 9)
    orgunit_merge(
        acting_user=system,
        units=[a, b],
        into=NewUnit("AB", "Xã AB", "commune", land["D1"]),
        on=JULY_2025,
    )
    ab = OrgUnit.objects.get(code="AB")
    got = comparable_at(
        indicators=[s, r, n], unit_ids=[ab.pk], period=h1[2025], ref=h1[2026].end_date
    )
    total = got[(s.pk, ab.pk)]
    assert (total.value, total.source) == (150, LINEAGE)
    assert total.note == "tính từ số liệu của Xã D1a, Xã D1b trước sắp xếp ngày 01/07/2025"
    # A ratio of the summed parts, not a mean of percentages: 600 / 1500.
    assert got[(s.pk, ab.pk)].derived
    assert got[(r.pk, ab.pk)].value == pytest.approx(40.0)
    assert (got[(r.pk, ab.pk)].numerator, got[(r.pk, ab.pk)].denominator) == (600, 1500)
    # A figure that does not add up cannot be made from two units.
    assert got[(n.pk, ab.pk)].value is None
    assert "không cộng được" in got[(n.pk, ab.pk)].note


def test_a_missing_predecessor_figure_leaves_no_figure_and_says_whose(system, land, indicators, h1):
    s = indicators["sum"]
    record(system, s, land["D1a"], h1[2025], 100)
    orgunit_merge(
        acting_user=system,
        units=[land["D1a"], land["D1b"]],
        into=NewUnit("AB", "Xã AB", "commune", land["D1"]),
        on=JULY_2025,
    )
    ab = OrgUnit.objects.get(code="AB")
    fig = comparable_at(indicators=[s], unit_ids=[ab.pk], period=h1[2025], ref=h1[2026].end_date)[
        (s.pk, ab.pk)
    ]
    assert fig.value is None and fig.missing == ["Xã D1b"]
    assert "(thiếu: Xã D1b)" in fig.note


def test_split_parts_take_their_share_and_keep_the_rate(system, land, indicators, h1):
    s, r = indicators["sum"], indicators["ratio"]
    record(system, s, land["D1a"], h1[2025], 200)
    record(system, r, land["D1a"], h1[2025], 25, 50, 200)
    orgunit_split(
        acting_user=system,
        unit=land["D1a"],
        parts=[
            (NewUnit("S1", "Xã S1", "commune", land["D1"]), Decimal("0.75")),
            (NewUnit("S2", "Xã S2", "commune", land["D1"]), Decimal("0.25")),
        ],
        on=JULY_2025,
    )
    s1 = OrgUnit.objects.get(code="S1").pk
    got = comparable_at(indicators=[s, r], unit_ids=[s1], period=h1[2025], ref=h1[2026].end_date)
    assert got[(s.pk, s1)].value == pytest.approx(150)
    assert got[(r.pk, s1)].value == pytest.approx(25)
    assert got[(s.pk, s1)].note.startswith("tính từ số liệu của 75% Xã D1a")


def test_untouched_units_get_their_own_figures(system, land, indicators, h1):
    s = indicators["sum"]
    record(system, s, land["D1c"], h1[2025], 12)
    fig = comparable_at(
        indicators=[s], unit_ids=[land["D1c"].pk], period=h1[2025], ref=h1[2026].end_date
    )[(s.pk, land["D1c"].pk)]
    assert (fig.value, fig.source, fig.note) == (12, REPORTED, "")
