"""The rules that bring a target's figures to the period judged (nghiquyet.engine.progress):
the part of the year a period covers, the targets that owe that part, the figure of a
target judged over several years, and the years it was computed from."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet.engine import progress
from nghiquyet.engine.forecast import ANNUAL, AVERAGE, CUMULATIVE, LEVEL, TEMPORALS
from nghiquyet.engine.rates import Change
from nghiquyet.engine.rollup import NONE, RATIO, SUM, combine_plan_figures

KINDS = ("month", "quarter", "half_year", "nine_months", "year", "term")
figures = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=1990, max_value=2100)


# --- examples -------------------------------------------------------------------------------


def test_six_months_owe_half_of_an_annual_count_and_all_of_a_rate():
    share = progress.period_share("half_year", 6)
    assert share == 0.5
    # New jobs (a flow, summed over units) owe half; the poverty rate (a ratio) and a level
    # owe all; a change against last year is judged as it stands.
    owed = progress.owed_shares(
        [ANNUAL, ANNUAL, LEVEL, ANNUAL],
        ["flow", "flow", "stock", "flow"],
        [SUM, RATIO, SUM, SUM],
        [Change.NONE, Change.NONE, Change.NONE, Change.DECREASE],
        share,
    )
    assert owed.tolist() == [0.5, 1.0, 1.0, 1.0]


def test_a_year_and_a_term_owe_the_whole_figure():
    assert progress.period_share("year", 12) == 1.0
    assert progress.period_share("term", 60) == 1.0
    assert progress.period_share("nine_months", 9) == 0.75


def test_cumulative_sums_and_average_means_the_years_with_a_figure():
    # "Kết nạp 6.500 đảng viên (5 năm)": 1.210 + 1.340 + 1.295 so far.
    assert progress.over_years([1210, 1340, 1295], CUMULATIVE) == 3845
    # "GRDP tăng bình quân 7,5-8%/năm": 7,2; 8,1; 7,8.
    assert progress.over_years([7.2, 8.1, 7.8], AVERAGE) == pytest.approx(7.7)
    assert math.isnan(progress.over_years([], CUMULATIVE))
    with pytest.raises(ValueError, match="not judged over years"):
        progress.over_years([1.0], LEVEL)


def test_the_years_a_derivation_names():
    used, missing = progress.years_covered([2021, 2022, 2023, 2024], [2024, 2021, 2023])
    assert (used, missing) == ([2021, 2023, 2024], [2022])
    assert progress.years_text(used) == "2021, 2023, 2024"
    assert progress.years_text([2021, 2022, 2023, 2024]) == "2021–2024"
    assert progress.years_text([2023]) == "2023"


def test_span_of_a_term_resolution():
    # Adopted in 2020 for 2020–2025: figures for 2021–2025.
    plan_years = [2021, 2022, 2023, 2024, 2025]
    assert progress.span_years(plan_years, "year", 2023, None) == [2021, 2022, 2023]
    assert progress.span_years(plan_years, "term", 2020, 2025) == plan_years
    assert progress.span_years([], "term", 2020, 2025) == [2021, 2022, 2023, 2024, 2025]
    assert progress.span_years([2026], "year", 2025, None) == [2025]
    assert progress.judged_over_years(CUMULATIVE, "year")
    assert not progress.judged_over_years(CUMULATIVE, "half_year")
    assert not progress.judged_over_years(ANNUAL, "term")


def test_annual_rate():
    assert progress.annual_rate(4_200.0, 10_000.0) == pytest.approx(42.0)
    assert progress.annual_rate(None, 10.0) is None
    assert progress.annual_rate(5.0, 0.0) is None
    assert progress.annual_rate(5.0, None) is None


def test_units_plan_figures_for_their_parent():
    assert combine_plan_figures(SUM, [120.0, 80.0, 45.5]) == 245.5
    # Poverty rates of three communes weighted by their households: (2·1000 + 4·3000) / 4000.
    assert combine_plan_figures(RATIO, [2.0, 4.0], [1000.0, 3000.0]) == 3.5
    assert combine_plan_figures(RATIO, [2.0, 4.0], [1000.0, None]) is None
    assert combine_plan_figures(NONE, [2.0]) is None
    assert combine_plan_figures(SUM, []) is None


# --- properties ------------------------------------------------------------------------------


@given(st.sampled_from(KINDS), st.integers(min_value=0, max_value=60))
def test_a_share_is_a_part_of_a_year(kind, months):
    share = progress.period_share(kind, months)
    assert 0.0 <= share <= 1.0
    if kind in ("year", "term"):
        assert share == 1.0


@given(st.sampled_from(KINDS[:4]), st.integers(1, 11), st.integers(1, 11))
def test_a_longer_part_of_the_year_owes_more(kind, a, b):
    if a <= b:
        assert progress.period_share(kind, a) <= progress.period_share(kind, b)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(TEMPORALS),
            st.sampled_from(("flow", "stock", "")),
            st.sampled_from((SUM, RATIO, NONE, "")),
            st.sampled_from(list(Change)),
        ),
        max_size=30,
    ),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_a_target_owes_the_share_or_the_whole(rows, share):
    columns = [[row[i] for row in rows] for i in range(4)]
    owed = progress.owed_shares(*columns, share)
    assert len(owed) == len(rows)
    for (temporal, nature, aggregation, change), o in zip(rows, owed, strict=True):
        expected = share if progress.accumulates(temporal, nature, aggregation, change) else 1.0
        assert o == expected
        if progress.accumulates(temporal, nature, aggregation, change):
            assert (temporal, nature, aggregation, change) == (ANNUAL, "flow", SUM, Change.NONE)


@given(st.lists(figures, min_size=1, max_size=10))
def test_over_years_sum_and_mean(values):
    total = progress.over_years(values, CUMULATIVE)
    mean = progress.over_years(values, AVERAGE)
    assert total == pytest.approx(sum(values), rel=1e-9, abs=1e-6)
    assert min(values) - 1e-6 <= mean <= max(values) + 1e-6
    assert progress.over_years(list(reversed(values)), AVERAGE) == pytest.approx(mean, abs=1e-6)


@given(st.lists(figures, max_size=8), st.integers(0, 3))
def test_missing_figures_do_not_count(values, nans):
    padded = values + [math.nan] * nans
    if values:
        assert progress.over_years(padded, CUMULATIVE) == progress.over_years(values, CUMULATIVE)
    else:
        assert math.isnan(progress.over_years(padded, AVERAGE))


@given(st.sets(years, max_size=12), st.sets(years, max_size=12))
def test_years_covered_partitions_the_span(span, reported):
    reported = reported & span
    used, missing = progress.years_covered(span, reported)
    assert used == sorted(used) and missing == sorted(missing)
    assert set(used) | set(missing) == span
    assert not set(used) & set(missing)


@given(st.sets(years, min_size=1, max_size=12))
def test_years_text_names_every_year(chosen):
    text = progress.years_text(sorted(chosen))
    ordered = sorted(chosen)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        assert text == f"{ordered[0]}–{ordered[-1]}"
    else:
        assert [int(y) for y in text.split(", ")] == ordered


@given(
    st.lists(st.integers(1990, 2100), unique=True, max_size=10),
    st.sampled_from(("year", "term", "half_year")),
    years,
)
def test_span_is_never_empty_and_never_runs_past_a_year(plan_years, kind, year):
    plan_years = sorted(plan_years)
    span = progress.span_years(plan_years, kind, year, year + 5 if kind == "term" else None)
    assert span
    if kind != "term":
        assert all(y <= year for y in span)


@given(
    st.lists(
        st.tuples(st.floats(0, 100, allow_nan=False), st.floats(1, 1e6, allow_nan=False)),
        min_size=1,
        max_size=20,
    )
)
def test_a_weighted_rate_lies_between_the_units_rates(rows):
    rates = [r for r, _w in rows]
    weights = [w for _r, w in rows]
    combined = combine_plan_figures(RATIO, rates, weights)
    assert min(rates) - 1e-9 <= combined <= max(rates) + 1e-9
    # Equal weights: the plain mean.
    assert combine_plan_figures(RATIO, rates, [1.0] * len(rates)) == pytest.approx(
        float(np.mean(rates))
    )


# --- a term's total at mid-term -------------------------------------------------------------


def test_a_terms_total_after_three_of_five_years_owes_three_fifths():
    assert progress.term_owed_share(CUMULATIVE, "year", 3, 5) == pytest.approx(0.6)
    # at the end of the term, for the term itself, or for any other target: all of it
    assert progress.term_owed_share(CUMULATIVE, "year", 5, 5) == 1.0
    assert progress.term_owed_share(CUMULATIVE, "term", 3, 5) == 1.0
    assert progress.term_owed_share(AVERAGE, "year", 3, 5) == 1.0


def test_the_pace_of_a_terms_total():
    # 4.900 of 8.000 after 3 of 5 years (61,25%, owing 60%) is on pace; the demo's exports,
    # 4.738,3 (59,2%), are behind: at the same pace the term ends at 7.897 (the forecast's
    # "khó đạt").
    assert progress.term_pace(4900, 8000, 3, 5, 1701.4, 1.5) == progress.ON_PACE
    assert progress.term_pace(4738.3, 8000, 3, 5, 1701.4, 1.5) == progress.BEHIND
    # 3.000 after 3 years owes 5.000 in 2 years (2.500 a year, best 1.100): out of reach.
    assert progress.term_pace(3000, 8000, 3, 5, 1100, 1.5) == progress.OUT_OF_REACH
    # 4.000 after 3 years needs 2.000 a year, best 1.500 (×1,5 = 2.250): behind.
    assert progress.term_pace(4000, 8000, 3, 5, 1500, 1.5) == progress.BEHIND
    # no year left and not reached
    assert progress.term_pace(7000, 8000, 5, 5, 1800, 1.5) == progress.OUT_OF_REACH


@given(
    so_far=st.floats(min_value=0, max_value=1e6),
    more=st.floats(min_value=0, max_value=1e6),
    target=st.floats(min_value=1, max_value=1e6),
    done=st.integers(min_value=0, max_value=10),
    extra=st.integers(min_value=0, max_value=10),
    best=st.floats(min_value=0, max_value=1e6),
)
def test_more_done_never_worsens_the_pace(so_far, more, target, done, extra, best):
    order = {progress.ON_PACE: 0, progress.BEHIND: 1, progress.OUT_OF_REACH: 2}
    total = done + extra
    a = progress.term_pace(so_far, target, done, total, best, 1.5)
    b = progress.term_pace(so_far + more, target, done, total, best, 1.5)
    assert order[b] <= order[a]
    share = progress.term_owed_share(CUMULATIVE, "year", done, total)
    assert 0.0 <= share <= 1.0
    if so_far >= target:
        assert a == progress.ON_PACE


def test_only_a_years_figure_compares_with_last_year():
    assert progress.compares_with_last_year(ANNUAL)
    assert progress.compares_with_last_year(LEVEL)
    assert not progress.compares_with_last_year(CUMULATIVE)
    assert not progress.compares_with_last_year(AVERAGE)


def test_a_term_total_is_not_judged_within_a_year():
    # 800 of a 5-year 7.800 after six months says nothing of the term: judged by year.
    assert not progress.judged_in_period(CUMULATIVE, "half_year")
    assert not progress.judged_in_period(CUMULATIVE, "nine_months")
    assert progress.judged_in_period(CUMULATIVE, "year")
    assert progress.judged_in_period(CUMULATIVE, "term")
    # an average's figure of the half-year (growth so far) is still set against it
    assert progress.judged_in_period(AVERAGE, "half_year")
    assert progress.judged_in_period(ANNUAL, "half_year")
