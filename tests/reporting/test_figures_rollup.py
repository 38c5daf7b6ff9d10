"""The roll-up with the leaves summed in SQL gives what the roll-up in Python gave.

``figures_at`` adds up the leaves of the tree (the communes) in SQL per parent and
indicator; ``figures_at_reference`` is the old path, every unit of the tree fetched with
its figures and rolled up in Python. On random trees that change shape between two days
(a leaf on one day has sub-units on the other, units come and go), random figures (missing
ones, ratios without a numerator or a denominator, older versions no longer current),
random units asked about (leaves, units inside another's subtree, units not on the map
that day) and random ``from_children``, both answer the same. Run on SQLite and on
PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from nghiquyet.orgs.models import OrgUnit, OrgUnitVersion
from nghiquyet.plans.models import Indicator
from nghiquyet.plans.services import indicator_get_or_create
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.figures import COMPUTED, figures_at, figures_at_reference
from nghiquyet.reporting.models import Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create

pytestmark = pytest.mark.django_db

#: The map changes on this day: the first half of 2025 ends before it, that of 2026 after.
SWITCH = dt.date(2026, 1, 1)
#: A department is no place: the tree of places does not go through it.
KINDS = ["province", "district", "commune", "ward"] * 3 + ["department"]


@pytest.fixture
def world(system):
    def make(code, aggregation, factor=None):
        indicator = indicator_get_or_create(
            acting_user=system, code=code, name=code, aggregation=aggregation
        )
        if factor is not None:
            Indicator.objects.filter(pk=indicator.pk).update(ratio_factor=factor)
            indicator.refresh_from_db()
        return indicator

    return {
        "indicators": [
            make("r-sum", "sum"),
            make("r-ratio", "ratio"),
            make("r-permille", "ratio", Decimal(1000)),
            make("r-none", "none"),
        ],
        "periods": [
            period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, year))
            for year in (2025, 2026)
        ],
    }


amount = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
positive = st.decimals(min_value=0, max_value=500, places=2)


def sometimes(draw, strategy, missing: int):
    """A value of ``strategy``, or None ``missing`` times in 10."""
    return None if draw(st.integers(0, 9)) < missing else draw(strategy)


@st.composite
def maps(draw):
    """Units with a parent (an earlier unit, or none) and a kind on each side of SWITCH;
    ``None`` where the unit does not exist on that side."""
    n = draw(st.integers(min_value=2, max_value=12))
    units = []
    for i in range(n):
        sides = []
        for _side in range(2):
            if draw(st.integers(0, 9)) == 0:
                sides.append(None)  # not on the map that day
                continue
            parent = None
            if i and draw(st.integers(0, 4)):  # mostly under an earlier unit
                parent = draw(st.integers(0, i - 1))
            sides.append((parent, draw(st.sampled_from(KINDS))))
        units.append(sides)
    return units


@st.composite
def worlds(draw):
    shape = draw(maps())
    n = len(shape)
    figures = {}
    # How often a figure, a numerator or a denominator is missing (in 10): none to most.
    missing = draw(st.sampled_from([0, 0, 1, 3, 6]))
    # Units with sub-units mostly leave their figures to the roll-up.
    parents = {spec[0] for sides in shape for spec in sides if spec and spec[0] is not None}
    for unit in range(n):
        for ind in range(4):
            for period in range(2):
                value = sometimes(draw, amount, 7 if unit in parents else missing)
                if value is None:
                    continue
                num = den = None
                if ind in (1, 2):
                    num = sometimes(draw, amount, missing)
                    den = sometimes(draw, positive, missing)
                older = draw(st.booleans())  # an earlier version, no longer current
                figures[(unit, ind, period)] = (value, num, den, older)
    asked = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n))
    if draw(st.booleans()):  # often every unit with sub-units, the ones rolled up
        asked += sorted(parents)
    forced = {
        ind: draw(st.sets(st.integers(0, n - 1), max_size=n))
        for ind in draw(st.sets(st.integers(0, 3)))
    }
    return {
        "shape": shape,
        "figures": figures,
        "asked": asked,
        "forced": forced,
        "period": draw(st.integers(0, 1)),
        "rollup": draw(st.booleans()),
    }


def build(world, w) -> list[OrgUnit]:
    units = OrgUnit.objects.bulk_create(
        OrgUnit(code=f"RU{i:02d}", name=f"Đơn vị {i:02d}", kind="commune", path="", depth=0)
        for i in range(len(w["shape"]))
    )
    versions = []
    for unit, sides in zip(units, w["shape"], strict=True):
        for side, spec in enumerate(sides):
            if spec is None:
                continue
            parent, kind = spec
            versions.append(
                OrgUnitVersion(
                    unit=unit,
                    code=unit.code,
                    name=unit.name,
                    kind=kind,
                    parent_id=None if parent is None else units[parent].pk,
                    valid_from=None if side == 0 else SWITCH,
                    valid_to=SWITCH if side == 0 else None,
                )
            )
    OrgUnitVersion.objects.bulk_create(versions)
    values = []
    for (unit, ind, period), (value, num, den, older) in w["figures"].items():
        common = {
            "indicator": world["indicators"][ind],
            "unit": units[unit],
            "period": world["periods"][period],
        }
        if older:
            values.append(Value(**common, value=value + 7, version=1, is_current=False))
        values.append(
            Value(
                **common,
                value=value,
                numerator=num,
                denominator=den,
                version=2 if older else 1,
            )
        )
    Value.objects.bulk_create(values)
    return units


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    if math.isnan(a) or math.isnan(b):  # a ratio of sums whose denominators add up to 0
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def assert_same(new: dict, old: dict) -> None:
    assert new.keys() == old.keys()
    for key, fig in new.items():
        ref = old[key]
        assert (fig.source, fig.reported, fig.expected, fig.fallback) == (
            ref.source,
            ref.reported,
            ref.expected,
            ref.fallback,
        ), key
        assert (fig.record and fig.record.pk) == (ref.record and ref.record.pk), key
        for name in ("value", "numerator", "denominator"):
            assert close(getattr(fig, name), getattr(ref, name)), (key, name, fig, ref)


def arguments(world, w) -> tuple[dict, list[OrgUnit]]:
    units = build(world, w)
    ind = world["indicators"]
    kwargs = {
        "indicators": ind,
        "unit_ids": [units[i].pk for i in w["asked"]],
        "period": world["periods"][w["period"]],
        "from_children": {ind[i].pk: {units[u].pk for u in us} for i, us in w["forced"].items()},
        "rollup": w["rollup"],
    }
    return kwargs, units


def both(world, w) -> tuple[dict, dict, list[OrgUnit]]:
    kwargs, units = arguments(world, w)
    return figures_at(**kwargs), figures_at_reference(**kwargs), units


# A province with two districts of communes; in 2025 commune 6 lay under the province
# itself, in 2026 under district 2.
NATION = {
    "shape": [
        [(None, "province"), (None, "province")],
        [(0, "district"), (0, "district")],
        [(0, "district"), (0, "district")],
        [(1, "commune"), (1, "commune")],
        [(1, "commune"), (1, "commune")],
        [(2, "commune"), (2, "commune")],
        [(0, "commune"), (2, "commune")],
    ],
    "figures": {
        (u, ind, p): (Decimal(10 * u + ind), Decimal(u), Decimal(20), False)
        for u in range(3, 7)
        for ind in range(4)
        for p in range(2)
    },
    "asked": [0, 1, 3],
    "forced": {0: {0, 4}, 1: {2}},
    "period": 1,
    "rollup": True,
}


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(w=worlds())
@example(w=NATION)
@example(w={**NATION, "period": 0, "forced": {}})
def test_leaves_summed_in_sql_give_the_reference_roll_up(world, w):
    with transaction.atomic():
        kwargs, _units = arguments(world, w)
        new, old = figures_at(**kwargs), figures_at_reference(**kwargs)
        # What the example exercises (--hypothesis-show-statistics).
        computed = any(f.source == COMPUTED and f.value is not None for f in new.values())
        event(f"a figure computed: {computed}")
        event(f"sub-units incomplete: {any(f.reported < f.expected for f in new.values())}")
        assert_same(new, old)
        # Numbers only (an evaluation's other periods): the same figures, no record.
        bare = figures_at(**kwargs, records=False)
        assert all(fig.record is None for fig in bare.values())
        assert_same(bare, {key: replace(fig, record=None) for key, fig in new.items()})
        transaction.set_rollback(True)


def test_the_example_province_rolls_up_as_expected(world):
    """The fixed example, checked by hand, so the comparison does not compare two wrongs."""
    with transaction.atomic():
        new, old, units = both(world, {**NATION, "forced": {0: {0}}})
        assert_same(new, old)
        s, ratio = world["indicators"][0].pk, world["indicators"][1].pk
        # In 2026 the province has districts 1 (communes 3, 4) and 2 (communes 5, 6).
        province = new[(s, units[0].pk)]
        assert (province.source, province.value) == (COMPUTED, 30 + 40 + 50 + 60)
        assert (province.reported, province.expected) == (2, 2)
        district = new[(ratio, units[1].pk)]
        assert district.source == COMPUTED
        assert (district.numerator, district.denominator) == (3 + 4, 40)
        assert district.value == pytest.approx(7 / 40 * 100)
        assert new[(s, units[3].pk)].record is not None  # a leaf asked about: its own
        transaction.set_rollback(True)
