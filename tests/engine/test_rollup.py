"""Roll-up of children's figures to their parent: sum and ratio of sums."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine

NAN = float("nan")


class TestSum:
    def test_sum_per_group_ignoring_missing(self) -> None:
        # three communes report to district 0, two to district 1, none to district 2
        total, count = engine.rollup_sum([0, 0, 0, 1, 1], [10.0, NAN, 5.5, 2.0, 3.0], 3)
        assert total[:2].tolist() == [15.5, 5.0]
        assert math.isnan(total[2])
        assert count.tolist() == [2, 2, 0]

    def test_all_children_missing_is_nan_not_zero(self) -> None:
        total, count = engine.rollup_sum([0, 0], [NAN, NAN], 1)
        assert math.isnan(total[0])
        assert count.tolist() == [0]

    def test_zero_reported_is_zero(self) -> None:
        total, count = engine.rollup_sum([0], [0.0], 1)
        assert total.tolist() == [0.0]
        assert count.tolist() == [1]


class TestRatioOfSums:
    def test_is_not_the_average_of_percentages(self) -> None:
        # trained labour: commune A 90 of 100 (90 %), commune B 100 of 1.000 (10 %).
        # The district has 190 of 1.100 = 17,27 %, not (90 + 10) / 2 = 50 %.
        ratio, count = engine.rollup_ratio([0, 0], [90.0, 100.0], [100.0, 1000.0], 1)
        assert ratio[0] == pytest.approx(190 / 1100 * 100)
        assert round(float(ratio[0]), 2) == 17.27
        average_of_percentages = (90.0 + 10.0) / 2
        assert abs(ratio[0] - average_of_percentages) > 30
        assert count.tolist() == [2]

    def test_child_counts_only_with_both_parts(self) -> None:
        ratio, count = engine.rollup_ratio(
            [0, 0, 0, 1], [50.0, NAN, 30.0, 5.0], [100.0, 100.0, NAN, 10.0], 2
        )
        assert ratio.tolist() == pytest.approx([50.0, 50.0])
        assert count.tolist() == [1, 1]

    def test_zero_denominator_is_nan(self) -> None:
        ratio, count = engine.rollup_ratio([0, 1], [0.0, 1.0], [0.0, 4.0], 3)
        assert math.isnan(ratio[0])
        assert ratio[1] == pytest.approx(25.0)
        assert math.isnan(ratio[2])
        assert count.tolist() == [1, 1, 0]

    def test_factor(self) -> None:
        # doctors per 10.000 inhabitants
        ratio, _ = engine.rollup_ratio([0, 0], [12.0, 8.0], [10_000.0, 30_000.0], 1, factor=1e4)
        assert ratio[0] == pytest.approx(5.0)


figure = st.one_of(st.just(NAN), st.just(0.0), st.floats(min_value=1e-3, max_value=1e6))
children = st.lists(
    st.tuples(st.integers(min_value=0, max_value=9), figure, figure),
    max_size=80,
)


@given(children)
def test_sum_equals_reference(data: list) -> None:
    n_groups = 10
    total, count = engine.rollup_sum([g for g, _, _ in data], [v for _, v, _ in data], n_groups)
    for g in range(n_groups):
        values = [v for gg, v, _ in data if gg == g and not math.isnan(v)]
        assert count[g] == len(values)
        missing = sum(1 for gg, v, _ in data if gg == g and math.isnan(v))
        assert count[g] + missing == sum(1 for gg, _, _ in data if gg == g)
        if values:
            assert total[g] == pytest.approx(math.fsum(values), rel=1e-9, abs=1e-6)
        else:
            assert math.isnan(total[g])


@given(children)
def test_ratio_equals_reference(data: list) -> None:
    n_groups = 10
    ratio, count = engine.rollup_ratio(
        [g for g, _, _ in data], [n for _, n, _ in data], [d for _, _, d in data], n_groups
    )
    for g in range(n_groups):
        pairs = [(n, d) for gg, n, d in data if gg == g and not math.isnan(n) and not math.isnan(d)]
        assert count[g] == len(pairs)
        den = math.fsum(d for _, d in pairs)
        if pairs and den != 0:
            want = math.fsum(n for n, _ in pairs) / den * 100
            assert ratio[g] == pytest.approx(want, rel=1e-9)
        else:
            assert math.isnan(ratio[g])


@given(st.lists(st.tuples(st.floats(1, 1e4), st.floats(1, 1e4)), min_size=2, max_size=20))
def test_ratio_lies_between_the_childrens_ratios(pairs: list[tuple[float, float]]) -> None:
    """A ratio of sums is a weighted mean: never outside the children's range."""
    ratio, _ = engine.rollup_ratio([0] * len(pairs), *zip(*pairs, strict=True), 1)
    each = [n / d * 100 for n, d in pairs]
    assert min(each) * (1 - 1e-9) <= ratio[0] <= max(each) * (1 + 1e-9)


def test_ratio_weights_by_denominator_unlike_mean_of_percentages() -> None:
    rng = np.random.default_rng(1)
    den = rng.integers(10, 10_000, 50).astype(float)
    num = np.floor(den * rng.random(50))
    ratio, _ = engine.rollup_ratio(np.zeros(50, int), num, den, 1)
    assert ratio[0] == pytest.approx(num.sum() / den.sum() * 100)
    assert ratio[0] != pytest.approx(np.mean(num / den * 100), rel=1e-3)
