"""Dividing a superior's target among sub-units: the largest-remainder rule."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet.engine.shares import shares_total_gap, split_by_weights, step_of

D = Decimal

weights_st = st.lists(
    st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=40
).filter(lambda w: sum(w) > 0)
totals_st = st.integers(min_value=0, max_value=10_000_000)
decimals_st = st.integers(min_value=0, max_value=2)


class TestExamples:
    def test_three_equal_weights_share_a_figure_that_does_not_divide(self) -> None:
        # 10 jobs among three wards of the same size: 4, 3, 3 — never 3, 3, 3
        assert split_by_weights(10, [1, 1, 1]) == [D(4), D(3), D(3)]

    def test_by_population_rounds_so_the_parts_add_up(self) -> None:
        # 2.500 new jobs among three communes of 12.345, 8.000 and 4.655 inhabitants:
        # exact quotas 1.234,5 / 800 / 465,5 — the half steps go one each way by the
        # larger weight, and the parts add up to 2.500
        parts = split_by_weights(2500, [12345, 8000, 4655])
        assert parts == [D(1235), D(800), D(465)]
        assert sum(parts) == 2500

    def test_one_decimal_steps(self) -> None:
        parts = split_by_weights("100", [1, 1, 1], decimals=1)
        assert parts == [D("33.4"), D("33.3"), D("33.3")]

    def test_the_total_is_rounded_to_the_step_first(self) -> None:
        assert split_by_weights("7.6", [1, 1]) == [D(4), D(4)]

    def test_weight_zero_gets_nothing(self) -> None:
        assert split_by_weights(9, [0, 3, 0, 6]) == [D(0), D(3), D(0), D(6)]

    def test_nothing_to_divide(self) -> None:
        assert split_by_weights(0, [0, 0]) == [D(0), D(0)]
        assert split_by_weights(0, []) == []

    @pytest.mark.parametrize(
        ("total", "weights", "why"),
        [
            (-1, [1, 2], "total"),
            (5, [1, -2], "weights"),
            (5, [], "no unit"),
            (5, [0, 0], "every weight"),
        ],
    )
    def test_refuses_what_cannot_be_divided(self, total, weights, why) -> None:
        with pytest.raises(ValueError, match=why):
            split_by_weights(total, weights)

    def test_step(self) -> None:
        assert step_of(0) == D(1)
        assert step_of(2) == D("0.01")
        with pytest.raises(ValueError, match="decimals"):
            step_of(-1)

    def test_gap_of_shares_typed_by_hand(self) -> None:
        assert shares_total_gap(150, [50, 50, 47]) == D(-3)
        assert shares_total_gap("2460.5", ["1000", "1460.5"]) == 0


class TestProperties:
    @given(totals_st, weights_st, decimals_st)
    def test_parts_add_up_to_the_whole(self, total, weights, decimals) -> None:
        parts = split_by_weights(total, weights, decimals)
        assert len(parts) == len(weights)
        assert sum(parts) == D(total)

    @given(totals_st, weights_st, decimals_st)
    def test_each_part_is_within_one_step_of_its_quota(self, total, weights, decimals) -> None:
        step = Fraction(1, 10**decimals)
        parts = split_by_weights(total, weights, decimals)
        for part, w in zip(parts, weights, strict=True):
            quota = Fraction(total) * w / sum(weights)
            assert quota - step < Fraction(part) < quota + step
            assert Fraction(part) / step == int(Fraction(part) / step)  # whole steps

    @given(totals_st, weights_st, decimals_st)
    def test_a_larger_weight_never_gets_less(self, total, weights, decimals) -> None:
        parts = split_by_weights(total, weights, decimals)
        for i, wi in enumerate(weights):
            for j, wj in enumerate(weights):
                if wi > wj:
                    assert parts[i] >= parts[j]

    @given(totals_st, weights_st)
    def test_zero_weight_gets_zero_and_no_part_is_negative(self, total, weights) -> None:
        parts = split_by_weights(total, weights)
        for part, w in zip(parts, weights, strict=True):
            assert part >= 0
            if w == 0:
                assert part == 0

    @given(totals_st, weights_st, st.integers(min_value=1, max_value=50))
    def test_scaling_the_weights_changes_nothing(self, total, weights, k) -> None:
        assert split_by_weights(total, weights) == split_by_weights(total, [w * k for w in weights])

    @given(totals_st, st.integers(min_value=1, max_value=60))
    def test_equal_weights_differ_by_at_most_one_step(self, total, n) -> None:
        parts = split_by_weights(total, [1] * n)
        assert max(parts) - min(parts) <= 1
        assert parts == sorted(parts, reverse=True)  # the leftover steps go to the first units
