"""Roll-up of children's figures to their parent: sum and ratio of sums."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine.rollup import rollup_tree

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


# --- whole trees ---------------------------------------------------------------------------
#        0 province
#       / \
#      1   2        districts
#     / \   \
#    3   4   5      communes
TREE_PARENT = [-1, 0, 0, 1, 1, 2]
TREE_DEPTH = [0, 1, 1, 2, 2, 2]


def test_tree_sums_bottom_up_where_nothing_was_reported() -> None:
    r = rollup_tree(TREE_PARENT, TREE_DEPTH, [NAN, NAN, NAN, 10, 20, 5], "sum")
    assert r.value.tolist() == [35, 30, 5, 10, 20, 5]
    assert r.computed.tolist() == [True, True, True, False, False, False]
    assert r.reported.tolist() == [2, 2, 1, 0, 0, 0]
    assert r.expected.tolist() == [2, 2, 1, 0, 0, 0]


def test_tree_keeps_reported_figures_and_never_sums_a_partial_set() -> None:
    # District 1 reported 31 itself; commune 5 is missing, so district 2 and the province
    # have no figure: a partial sum would understate the total.
    r = rollup_tree(TREE_PARENT, TREE_DEPTH, [NAN, 31, NAN, 10, 20, NAN], "sum")
    assert r.value[1] == 31 and not r.computed[1]
    assert np.isnan(r.value[2]) and np.isnan(r.value[0])
    assert r.reported[0] == 1 and r.expected[0] == 2


def test_tree_ratio_of_sums_and_forced_recomputation() -> None:
    num = [NAN, NAN, NAN, 30, 10, 45]
    den = [NAN, NAN, NAN, 100, 100, 50]
    own = [99.0, NAN, NAN, 30, 10, 90]
    r = rollup_tree(TREE_PARENT, TREE_DEPTH, own, "ratio", numerators=num, denominators=den)
    assert r.value[0] == 99.0 and not r.computed[0]  # the province's own figure stands
    assert r.value[1] == pytest.approx(20.0) and r.value[2] == pytest.approx(90.0)
    forced = rollup_tree(
        TREE_PARENT,
        TREE_DEPTH,
        own,
        "ratio",
        numerators=num,
        denominators=den,
        from_children=[True, False, False, False, False, False],
    )
    assert forced.value[0] == pytest.approx(85 / 250 * 100) and forced.computed[0]
    assert (forced.numerator[0], forced.denominator[0]) == (85, 250)


def test_tree_ratio_with_denominators_adding_up_to_zero_has_no_figure() -> None:
    # District 1's communes have no pupils at all (0 of 0): no rate, not a computed NaN; its
    # 0 and 0 still count for the province, whose rate comes from district 2 alone.
    num = [NAN, NAN, NAN, 0, 0, 45]
    den = [NAN, NAN, NAN, 0, 0, 50]
    r = rollup_tree(TREE_PARENT, TREE_DEPTH, [NAN] * 6, "ratio", numerators=num, denominators=den)
    assert np.isnan(r.value[1]) and not r.computed[1]
    assert (r.numerator[1], r.denominator[1]) == (0, 0)
    assert r.reported[1] == r.expected[1] == 2
    assert r.value[0] == pytest.approx(90.0) and r.computed[0]


def test_tree_ratio_needs_numerators_and_denominators() -> None:
    # Commune 4 gave only a percentage: its district cannot be a ratio of sums.
    r = rollup_tree(
        TREE_PARENT,
        TREE_DEPTH,
        [NAN, NAN, NAN, 30, 10, 90],
        "ratio",
        numerators=[NAN, NAN, NAN, 30, NAN, 45],
        denominators=[NAN, NAN, NAN, 100, NAN, 50],
    )
    assert np.isnan(r.value[1]) and r.value[2] == pytest.approx(90.0)


def test_tree_does_not_add_up_what_does_not_aggregate() -> None:
    r = rollup_tree(TREE_PARENT, TREE_DEPTH, [NAN, NAN, NAN, 10, 20, 5], "none")
    assert np.isnan(r.value[:3]).all() and not r.computed.any()
    empty = rollup_tree([], [], [], "sum")
    assert len(empty.value) == 0


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=30))
def test_tree_total_equals_the_sum_of_the_leaves(leaves: list[float]) -> None:
    # A province, one district per 3 communes, then the communes.
    n_d = (len(leaves) + 2) // 3
    parent = [-1] + [0] * n_d + [1 + i // 3 for i in range(len(leaves))]
    depth = [0] + [1] * n_d + [2] * len(leaves)
    r = rollup_tree(parent, depth, [NAN] * (1 + n_d) + leaves, "sum")
    assert r.value[0] == pytest.approx(math.fsum(leaves), rel=1e-9, abs=1e-6)
