"""The ratio rule (nghiquyet.engine.ratios): the one function the web grid, the Excel import
and the API's bulk import call for a figure reported as a numerator and a denominator."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from nghiquyet.engine import ratios

D = Decimal
parts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(
    min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)
factors = st.sampled_from([D(100), D(1000), D(1), D("100000")])


def test_the_poverty_rate_of_a_ward():
    # 4.330 households of 4.414 have clean water: 98,097%.
    check = ratios.ratio_check(D(4330), D(4414), None, D(100))
    assert check.ok and check.value == check.computed == D("98.096964")
    assert ratios.ratio_check(D(4330), D(4414), D("98.1"), D(100)).ok
    wrong = ratios.ratio_check(D(4330), D(4414), D(50), D(100))
    assert (wrong.problem, wrong.field, wrong.value) == (ratios.MISMATCH, "value", D(50))
    assert wrong.computed == D("98.096964")


def test_refusals_name_their_field():
    assert ratios.ratio_check(D(5), None, None, D(100)).field == "denominator"
    assert ratios.ratio_check(None, D(5), None, D(100)).field == "numerator"
    assert ratios.ratio_check(D(5), D(0), None, D(100)).problem == ratios.ZERO_DENOMINATOR
    assert ratios.ratio_check(D(-5), D(10), None, D(100)).problem == ratios.NEGATIVE
    neither = ratios.ratio_check(None, None, D(12), D(100))
    assert neither.ok and neither.value == D(12) and neither.computed is None


@given(parts, positive, factors)
def test_without_a_typed_figure_the_parts_give_it(num, den, factor):
    check = ratios.ratio_check(num, den, None, factor)
    assert check.ok
    assert check.value == check.computed == ratios.ratio_value(num, den, factor)
    assert check.value.as_tuple().exponent >= -6


@given(parts, positive, factors)
def test_the_computed_figure_is_always_accepted_back(num, den, factor):
    computed = ratios.ratio_value(num, den, factor)
    assert ratios.ratio_check(num, den, computed, factor).ok


@given(parts, positive, factors, st.decimals(min_value=-(10**6), max_value=10**6, places=4))
def test_a_figure_far_from_its_parts_is_refused(num, den, factor, off):
    computed = ratios.ratio_value(num, den, factor)
    allowed = max(abs(computed) * ratios.RELATIVE_TOLERANCE, ratios.ABSOLUTE_TOLERANCE)
    check = ratios.ratio_check(num, den, computed + off, factor)
    assert check.ok == (abs(off) <= allowed)
    if not check.ok:
        assert (check.problem, check.field) == (ratios.MISMATCH, "value")


@given(parts, positive, factors)
def test_scaling_both_parts_changes_nothing(num, den, factor):
    assume(num < 10**6 and den < 10**6)
    assert ratios.ratio_value(num * 10, den * 10, factor) == ratios.ratio_value(num, den, factor)


@given(st.one_of(st.none(), parts), st.one_of(st.none(), parts), factors)
def test_a_refusal_keeps_the_typed_figure_and_computes_nothing_wrong(num, den, factor):
    check = ratios.ratio_check(num, den, None, factor)
    if (num is None) != (den is None):
        assert check.problem == ratios.MISSING_PART and check.value is None
    elif den == 0:
        assert check.problem == ratios.ZERO_DENOMINATOR
    elif den is not None:
        assert check.ok and check.value >= 0
