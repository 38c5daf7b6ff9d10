"""Term forecasts: "có khả năng đạt / khó đạt / không thể đạt" at mid-term and term end.

Table tests take figures like those of real term resolutions (2020–2025, figures
for 2021–2025) and check hand-computed numbers: the comments show the arithmetic.
Property tests (the vectorised engine against a row-by-row reference, invariants) are in
test_forecast_properties.py.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import fields

import numpy as np
import pytest

from nghiquyet.engine import (
    AVERAGE_FLAT,
    AVERAGE_TREND,
    CANNOT,
    CANNOT_FACTOR,
    FINAL,
    FLAT,
    HARD,
    LIKELY,
    METHOD_LABELS,
    METHODS,
    MILESTONE,
    NO_FORECAST,
    NO_METHOD,
    OUTLOOK_LABELS,
    OUTLOOKS,
    RUN_RATE,
    TREND,
    term_forecast,
)

# A forecast must never make NumPy warn: it runs on every review page.
# numpy's warnings (division by zero, invalid values) are errors here: the engine must
# not raise them. Other warnings — e.g. a ResourceWarning from a socket another test left
# for the garbage collector — are not this module's business.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

NAN = float("nan")
YEARS = [2021, 2022, 2023, 2024, 2025]
START, END = 2021, 2025


def one(
    temporal: str,
    direction: str,
    target: float,
    values: list[float],
    *,
    last_year: int,
    years: list[int] = YEARS,
    end_year: int = END,
    **kwargs: float,
) -> dict:
    """Forecast a single target and return its fields as plain Python values."""
    f = term_forecast(
        [temporal],
        [direction],
        [target],
        years,
        [values],
        last_year=last_year,
        end_year=end_year,
        **{k: [v] for k, v in kwargs.items()},
    )
    return {fld.name: getattr(f, fld.name)[0].item() for fld in fields(f)}


def assert_same(a: dict, b: dict) -> None:
    """Equal forecasts, NaN equal to NaN."""
    assert a.keys() == b.keys()
    for key in a:
        if isinstance(a[key], float) and math.isnan(a[key]):
            assert math.isnan(b[key]), key
        else:
            assert a[key] == b[key], key


def approx(x: float) -> object:
    return pytest.approx(x, rel=1e-9, abs=1e-9)


# ---------------------------------------------------------------- labels and keys


def test_every_outlook_and_method_has_a_label() -> None:
    assert OUTLOOKS == (LIKELY, HARD, CANNOT, NO_FORECAST)
    assert set(OUTLOOK_LABELS) == set(OUTLOOKS)
    assert OUTLOOK_LABELS[HARD] == "khó đạt"
    assert OUTLOOK_LABELS[NO_FORECAST] == "chưa đủ số liệu để dự báo"
    assert set(METHOD_LABELS) == set(METHODS)
    assert len(set(METHODS)) == len(METHODS)
    assert CANNOT_FACTOR == 1.5


# ---------------------------------------------------------------- totals over the term


class TestCumulative:
    def test_exports_run_rate_is_hard(self) -> None:
        # "Tổng kim ngạch xuất khẩu 5 năm đạt 8.000 triệu USD", mid-term 2023:
        # sum 1.470,2 + 1.577,5 + 1.701,4 = 4.749,1; run-rate 4.749,1 / 3 = 1.583,033/yr;
        # forecast 4.749,1 + 2 × 1.583,033 = 7.915,167 < 8.000 → misses;
        # required (8.000 − 4.749,1) / 2 = 1.625,45 ≤ 1,5 × best 1.701,4 = 2.552,1 → HARD.
        f = one("cumulative", "higher", 8000, [1470.2, 1577.5, 1701.4, NAN, NAN], last_year=2023)
        assert f["so_far"] == approx(4749.1)
        assert f["pace"] == approx(4749.1 / 3)
        assert f["forecast"] == approx(7915.1666666667)
        assert f["required"] == approx(1625.45)
        assert f["best"] == approx(1701.4)
        assert (f["years_left"], f["years_used"]) == (2, 3)
        assert f["method"] == RUN_RATE
        assert f["outlook"] == HARD
        assert f["met_now"] is False

    def test_required_beyond_one_and_a_half_best_years_cannot(self) -> None:
        # Same target, weak years 900 / 1.000 / 1.100: sum 3.000, required
        # (8.000 − 3.000) / 2 = 2.500 > 1,5 × 1.100 = 1.650 → CANNOT.
        f = one("cumulative", "higher", 8000, [900, 1000, 1100, NAN, NAN], last_year=2023)
        assert f["required"] == approx(2500)
        assert f["outlook"] == CANNOT

    def test_total_already_reached_is_likely(self) -> None:
        # "Thu hút 50 dự án đầu tư trong nhiệm kỳ": 18 + 21 + 15 = 54 ≥ 50 already.
        # Forecast 54 + 2 × 18 = 90; required (50 − 54) / 2 = −2 (nothing more needed).
        f = one("cumulative", "higher", 50, [18, 21, 15, NAN, NAN], last_year=2023)
        assert f["met_now"] is True
        assert f["outlook"] == LIKELY
        assert f["forecast"] == approx(90)
        assert f["required"] == approx(-2)

    def test_sum_so_far_reaching_the_target_counts_as_reached(self) -> None:
        # Rule 2 also takes a higher-is-better total whose sum so far reaches the target.
        # With non-negative figures the run-rate forecast is never below the sum, so
        # this only shows with net figures that can be negative ("di cư thuần"):
        # −30 − 10 = −40 ≥ −50 reached; run-rate −20 → forecast −40 + 3 × (−20) = −100.
        f = one("cumulative", "higher", -50, [-30, -10, NAN, NAN, NAN], last_year=2022)
        assert f["forecast"] == approx(-100)
        assert f["met_now"] is True
        assert f["outlook"] == LIKELY
        # 100 − 120 = −20 does not reach 50; run-rate −10 → forecast −20 − 30 = −50.
        g = one("cumulative", "higher", 50, [100, -120, NAN, NAN, NAN], last_year=2022)
        assert g["forecast"] == approx(-50)
        assert g["met_now"] is False
        assert g["outlook"] != LIKELY

    def test_blank_past_year_is_filled_at_the_run_rate(self) -> None:
        # 2022 left blank: sum 1.000 + 1.200 = 2.200 over 2 figures, run-rate 1.100;
        # 2022, 2024 and 2025 at 1.100 → forecast 2.200 + 3 × 1.100 = 5.500 < 6.000.
        # Required per *remaining* year, the blank year estimated at the run-rate:
        # (6.000 − 2.200 − 1.100) / 2 = 1.350 ≤ 1,5 × 1.200 → HARD.
        f = one("cumulative", "higher", 6000, [1000, NAN, 1200, NAN, NAN], last_year=2023)
        assert f["so_far"] == approx(2200)
        assert f["forecast"] == approx(5500)
        assert f["required"] == approx(1350)
        assert (f["years_used"], f["years_left"]) == (2, 2)
        assert f["outlook"] == HARD

    def test_term_over_and_missed_cannot(self) -> None:
        # All five years known: 1.470,2 + 1.577,5 + 1.701,4 + 1.856,9 + 1.300 = 7.906 < 8.000.
        f = one(
            "cumulative", "higher", 8000, [1470.2, 1577.5, 1701.4, 1856.9, 1300], last_year=2025
        )
        assert f["forecast"] == approx(7906.0)
        assert f["method"] == FINAL
        assert f["years_left"] == 0
        assert math.isnan(f["required"])
        assert f["outlook"] == CANNOT

    def test_single_year_run_rate(self) -> None:
        # Review after 2021 only: forecast 5 × 1.470,2 = 7.351 < 8.000; required
        # (8.000 − 1.470,2) / 4 = 1.632,45 ≤ 1,5 × 1.470,2 = 2.205,3 → HARD.
        f = one("cumulative", "higher", 8000, [1470.2, NAN, NAN, NAN, NAN], last_year=2021)
        assert f["forecast"] == approx(7351.0)
        assert f["required"] == approx(1632.45)
        assert f["method"] == RUN_RATE
        assert f["outlook"] == HARD

    def test_lower_total_over_its_cap_cannot(self) -> None:
        # "Tổng số vụ tai nạn cả nhiệm kỳ không quá 500": 180 + 190 + 170 = 540 > 500,
        # required (500 − 540) / 2 = −20 per year: figures would have to be negative.
        f = one("cumulative", "lower", 500, [180, 190, 170, NAN, NAN], last_year=2023)
        assert f["met_now"] is False
        assert f["required"] == approx(-20)
        assert f["best"] == approx(170)
        assert f["outlook"] == CANNOT

    def test_lower_total_under_cap_but_run_rate_over_is_hard(self) -> None:
        # 100 + 250 + 250 = 600, run-rate 200 → forecast 600 + 2 × 200 = 1.000 > 880;
        # remaining years may bring (880 − 600) / 2 = 140 each; the best year had 100.
        f = one("cumulative", "lower", 880, [100, 250, 250, NAN, NAN], last_year=2023)
        assert f["met_now"] is True  # 600 ≤ 880 today, as the evaluation would say
        assert f["forecast"] == approx(1000)
        assert f["required"] == approx(140)
        assert f["best"] == approx(100)
        assert f["outlook"] == HARD


# ---------------------------------------------------------------- levels


class TestLevel:
    def test_grdp_per_capita_needs_twice_the_best_year(self) -> None:
        # "GRDP bình quân đầu người năm 2025 đạt 85 triệu", figures 2021–2024:
        # 58,9 / 62,3 / 66,2 / 72,8; mean year 2022,5, mean 260,2 / 4 = 65,05;
        # deviations −1,5 −0,5 0,5 1,5 × (−6,15 −2,75 1,15 7,75) → Σ = 22,8, Σx² = 5,
        # slope 4,56/yr; forecast 65,05 + 2,5 × 4,56 = 76,45 < 85.
        # Required (85 − 72,8) / 1 = 12,2 > 1,5 × best change 6,6 = 9,9 → CANNOT.
        f = one("level", "higher", 85, [58.9, 62.3, 66.2, 72.8, NAN], last_year=2024)
        assert f["pace"] == approx(4.56)
        assert f["forecast"] == approx(76.45)
        assert f["required"] == approx(12.2)
        assert f["best"] == approx(6.6)
        assert f["so_far"] == approx(72.8)
        assert f["method"] == TREND
        assert f["outlook"] == CANNOT

    def test_trained_labour_is_hard(self) -> None:
        # "Lao động qua đào tạo năm 2025 đạt 75 %": 68,0 / 69,5 / 71,3 (2021–2023);
        # mean 69,6, slope (71,3 − 68,0) / 2 = 1,65; forecast 69,6 + 3 × 1,65 = 74,55 < 75.
        # Required (75 − 71,3) / 2 = 1,85 ≤ 1,5 × best change 1,8 = 2,7 → HARD.
        f = one("level", "higher", 75, [68.0, 69.5, 71.3, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(74.55)
        assert f["required"] == approx(1.85)
        assert f["best"] == approx(1.8)
        assert f["outlook"] == HARD

    def test_trend_reaching_the_target_is_likely(self) -> None:
        # Same target, faster: 68 / 70 / 72.5 → mean 70,1667, slope 2,25;
        # forecast 70,1667 + 3 × 2,25 = 76,9167 ≥ 75 → LIKELY.
        f = one("level", "higher", 75, [68.0, 70.0, 72.5, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(70.1666666667 + 6.75)
        assert f["outlook"] == LIKELY

    def test_poverty_rate_falling_fast_is_likely(self) -> None:
        # "Tỷ lệ hộ nghèo đến năm 2025 dưới 1 %": 4,6 / 3,9 / 2,25 (2021–2023).
        # Mean 10,75 / 3 = 3,5833; slope (2,25 − 4,6) / 2 = −1,175;
        # forecast 3,5833 − 3 × 1,175 = 0,0583 ≤ 1 → LIKELY.
        f = one("level", "lower", 1.0, [4.6, 3.9, 2.25, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(10.75 / 3 - 3.525)
        assert f["pace"] == approx(-1.175)
        # required (1 − 2,25) / 2 = −0,625/yr; best change: the biggest fall, −1,65
        assert f["required"] == approx(-0.625)
        assert f["best"] == approx(-1.65)
        assert f["outlook"] == LIKELY

    def test_lower_better_that_worsened_every_year_cannot(self) -> None:
        # "Tỷ lệ thất nghiệp dưới 3 %": 3,1 / 3,4 / 3,8 — worse every year.
        # Forecast 3,4333 + 3 × 0,35 = 4,4833 > 3; it must fall (3 − 3,8) / 2 = −0,4/yr
        # but its best change was +0,3 (never once fell) → CANNOT.
        f = one("level", "lower", 3.0, [3.1, 3.4, 3.8, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(10.3 / 3 + 3 * 0.35)
        assert f["required"] == approx(-0.4)
        assert f["best"] == approx(0.3)
        assert f["outlook"] == CANNOT

    def test_lower_better_met_now_but_rising_is_hard(self) -> None:
        # "Tỷ lệ hộ nghèo còn dưới 1,5 %": 1,2 / 1,3 / 1,4 meets it today but the trend
        # reaches 1,3 + 3 × 0,1 = 1,6 > 1,5; the remaining years may still rise by
        # (1,5 − 1,4) / 2 = 0,05/yr, so nothing requires a fall → HARD, not CANNOT.
        f = one("level", "lower", 1.5, [1.2, 1.3, 1.4, NAN, NAN], last_year=2023)
        assert f["met_now"] is True
        assert f["forecast"] == approx(1.6)
        assert f["required"] == approx(0.05)
        assert f["outlook"] == HARD

    def test_approximate_target_within_tolerance_is_likely(self) -> None:
        # "Tỷ lệ đô thị hóa khoảng 30 %", tolerance 5 %: 26,1 / 27,0 / 27,3;
        # mean 26,8, slope (27,3 − 26,1) / 2 = 0,6; forecast 26,8 + 3 × 0,6 = 28,6
        # ≥ 30 − 5 % × 30 = 28,5 → LIKELY.
        f = one("level", "higher", 30, [26.1, 27.0, 27.3, NAN, NAN], last_year=2023, tolerance=0.05)
        assert f["forecast"] == approx(28.6)
        assert f["outlook"] == LIKELY
        # required counts to the bound that decides: (28,5 − 27,3) / 2 = 0,6
        assert f["required"] == approx(0.6)

    def test_approximate_target_outside_tolerance_is_hard(self) -> None:
        # tolerance 4 %: bound 28,8 > 28,6; required (28,8 − 27,3) / 2 = 0,75
        # ≤ 1,5 × best change 0,9 = 1,35 → HARD.
        f = one("level", "higher", 30, [26.1, 27.0, 27.3, NAN, NAN], last_year=2023, tolerance=0.04)
        assert f["required"] == approx(0.75)
        assert f["outlook"] == HARD

    def test_range_counts_to_its_low_end(self) -> None:
        # "Che phủ rừng 33 – 35 %" (higher, range): 32,0 / 32,4 / 32,6 → slope 0,3,
        # forecast 32,3333 + 0,9 = 33,2333 ≥ 33 → LIKELY; required (33 − 32,6) / 2 = 0,2.
        f = one("level", "higher", 33, [32.0, 32.4, 32.6, NAN, NAN], last_year=2023, target_high=35)
        assert f["forecast"] == approx(32.3333333333 + 0.9)
        assert f["required"] == approx(0.2)
        assert f["outlook"] == LIKELY

    def test_lower_range_counts_to_its_high_end(self) -> None:
        # "Hộ nghèo còn 1,5 – 2 %" (lower, range): 2,6 / 2,4 / 2,3 → slope −0,15,
        # forecast 2,4333 − 0,45 = 1,9833 ≤ 2 → LIKELY; required (2 − 2,3) / 2 = −0,15.
        f = one("level", "lower", 1.5, [2.6, 2.4, 2.3, NAN, NAN], last_year=2023, target_high=2.0)
        assert f["forecast"] == approx(7.3 / 3 - 0.45)
        assert f["required"] == approx(-0.15)
        assert f["outlook"] == LIKELY

    def test_best_change_is_per_year_across_a_blank_year(self) -> None:
        # 10 (2021), blank 2022, 14 (2023), 15 (2024): changes (14 − 10) / 2 = 2/yr and 1.
        f = one("level", "higher", 100, [10, NAN, 14, 15, NAN], last_year=2024)
        assert f["best"] == approx(2.0)
        assert f["years_used"] == 3

    def test_annual_is_forecast_like_a_level(self) -> None:
        a = one("annual", "higher", 75, [68.0, 69.5, 71.3, NAN, NAN], last_year=2023)
        b = one("level", "higher", 75, [68.0, 69.5, 71.3, NAN, NAN], last_year=2023)
        assert_same(a, b)
        assert a["method"] == TREND

    def test_term_over_with_final_figure_missed_cannot(self) -> None:
        # The 2025 figure is known: the forecast is that figure, 74,2 < 75.
        f = one("level", "higher", 75, [68.0, 69.5, 71.3, 73.0, 74.2], last_year=2025)
        assert f["forecast"] == approx(74.2)
        assert f["method"] == FINAL
        assert f["years_left"] == 0
        assert math.isnan(f["required"])
        assert f["outlook"] == CANNOT

    def test_final_figure_beats_the_trend(self) -> None:
        # Trend of 68 / 69,5 / 71,3 / 73 / 75 is not needed: 75 itself meets 75.
        f = one("level", "higher", 75, [68.0, 69.5, 71.3, 73.0, 75.0], last_year=2025)
        assert f["forecast"] == 75.0
        assert f["outlook"] == LIKELY

    def test_term_over_without_final_figure_uses_the_trend(self) -> None:
        # Review in 2025 but the 2025 figure is not in yet: trend of 2021–2024 is
        # 76,45 (see the GRDP case) < 85 and no year is left → CANNOT.
        f = one("level", "higher", 85, [58.9, 62.3, 66.2, 72.8, NAN], last_year=2025)
        assert f["method"] == TREND
        assert f["forecast"] == approx(76.45)
        assert f["years_left"] == 0
        assert f["outlook"] == CANNOT


class TestSingleFigure:
    def test_level_single_figure_below_target_no_forecast(self) -> None:
        f = one("level", "higher", 85, [NAN, NAN, 66.2, NAN, NAN], last_year=2023)
        assert f["method"] == FLAT
        assert f["forecast"] == 66.2
        assert math.isnan(f["pace"])
        assert math.isnan(f["best"])
        # (85 − 66,2) / 2 = 9,4 is still reported
        assert f["required"] == approx(9.4)
        assert f["outlook"] == NO_FORECAST

    def test_level_single_figure_already_meeting_is_likely(self) -> None:
        # "Đến năm 2025 có 115 xã đạt chuẩn nông thôn mới", 116 in 2023.
        f = one("level", "higher", 115, [NAN, NAN, 116, NAN, NAN], last_year=2023)
        assert f["method"] == FLAT
        assert f["met_now"] is True
        assert f["outlook"] == LIKELY

    def test_single_final_figure_missed_cannot(self) -> None:
        f = one("level", "higher", 115, [NAN, NAN, NAN, NAN, 113], last_year=2025)
        assert f["method"] == FINAL
        assert f["outlook"] == CANNOT

    def test_single_figure_term_over_still_no_forecast(self) -> None:
        # Only 2023 known at term end: one figure says nothing about 2025.
        f = one("level", "higher", 115, [NAN, NAN, 113, NAN, NAN], last_year=2025)
        assert f["method"] == FLAT
        assert f["outlook"] == NO_FORECAST

    def test_average_single_figure_held_flat(self) -> None:
        # 6,5 in 2021 held for 2022–2025: mean 6,5 < 7; required (35 − 6,5) / 4 = 7,125
        # ≤ 1,5 × 6,5 = 9,75 → HARD.
        f = one("average", "higher", 7, [6.5, NAN, NAN, NAN, NAN], last_year=2021)
        assert f["method"] == AVERAGE_FLAT
        assert f["forecast"] == approx(6.5)
        assert f["required"] == approx(7.125)
        assert f["outlook"] == HARD


# ---------------------------------------------------------------- averages over the term


class TestAverage:
    def test_growth_7_percent_after_four_years_cannot(self) -> None:
        # "GRDP tăng bình quân 7 %/năm": −0,5 / 8,1 / 6,12 / 6,9 (2021–2024).
        # Sum 20,62, mean 5,155; deviations −1,5 −0,5 0,5 1,5 × (−5,655 2,945 0,965 1,745)
        # → Σ 10,11, slope 2,022; 2025 on the line 5,155 + 2,5 × 2,022 = 10,21;
        # forecast (20,62 + 10,21) / 5 = 6,166 < 7.
        # Required 7 × 5 − 20,62 = 14,38 in 2025 > 1,5 × best year 8,1 = 12,15 → CANNOT.
        f = one("average", "higher", 7, [-0.5, 8.1, 6.12, 6.9, NAN], last_year=2024)
        assert f["so_far"] == approx(5.155)
        assert f["forecast"] == approx(6.166)
        assert f["required"] == approx(14.38)
        assert f["best"] == approx(8.1)
        assert f["method"] == AVERAGE_TREND
        assert f["outlook"] == CANNOT

    def test_growth_at_mid_term_does_not_bank_on_the_rebound(self) -> None:
        # Mid-term (2023): −0,5 / 8,1 / 6,12; mean 4,5733, slope (6,12 + 0,5) / 2 = 3,31;
        # 2024 on the line 4,5733 + 2 × 3,31 = 11,1933; 2025: 14,5033;
        # forecast (13,72 + 11,1933 + 14,5033) / 5 = 7,8833 ≥ 7 — but only by assuming
        # 11,2% and 14,5% against a best year of 8,1%: the straight line carries the
        # post-Covid rebound forward. The 2 years left need 10,64 a year > best 8,1, so
        # not "likely"; ≤ 1,5 × 8,1 = 12,15, so HARD. The line hinges on 2021.
        f = one("average", "higher", 7, [-0.5, 8.1, 6.12, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(39.4166666667 / 5)
        assert f["required"] == approx((35 - 13.72) / 2)
        assert f["best"] == approx(8.1)
        assert f["outlook"] == HARD
        assert f["hinge_year"] == 2021

    def test_a_steady_trend_hinges_on_no_year(self) -> None:
        f = one("average", "higher", 6, [5.8, 6.1, 6.0, 6.3, NAN], last_year=2024)
        assert f["hinge_year"] == 0
        # two figures draw no trend to lean on
        assert (
            one("average", "higher", 7, [-0.5, 8.1, NAN, NAN, NAN], last_year=2022)["hinge_year"]
            == 0
        )

    def test_range_counts_to_its_low_end(self) -> None:
        # "GRDP tăng bình quân 6,0 – 6,5 %": 5,8 / 6,1 / 6,0; mean 5,9667, slope 0,1;
        # 2024: 6,1667, 2025: 6,2667; forecast (17,9 + 12,4333) / 5 = 6,0667 ≥ 6,0;
        # required (6,0 × 5 − 17,9) / 2 = 6,05.
        f = one(
            "average", "higher", 6.0, [5.8, 6.1, 6.0, NAN, NAN], last_year=2023, target_high=6.5
        )
        assert f["forecast"] == approx(30.3333333333 / 5)
        assert f["required"] == approx(6.05)
        assert f["outlook"] == LIKELY

    def test_blank_past_year_is_filled_from_the_line(self) -> None:
        # 5 (2021), blank 2022, 7 (2023): line 6 + 1 × (year − 2022):
        # 2022 → 6, 2024 → 8, 2025 → 9; forecast (5 + 6 + 7 + 8 + 9) / 5 = 7 ≥ 7.
        # Required in 2024–2025: (7 × 5 − 12 − 6) / 2 = 8,5 — more than the best year (7):
        # the line's 8 and 9 are not banked on, HARD (8,5 ≤ 1,5 × 7).
        f = one("average", "higher", 7, [5, NAN, 7, NAN, NAN], last_year=2023)
        assert f["forecast"] == 7.0
        assert f["required"] == 8.5
        assert f["so_far"] == 6.0
        assert f["outlook"] == HARD

    def test_every_year_negative_but_growth_needed_cannot(self) -> None:
        # "tăng bình quân 1 %": −2 / −1,5 / −1 → best year −1 ≤ 0 and the remaining years
        # need (5 − (−4,5)) / 2 = 4,75 > 0. Forecast: line −1,5 + 0,5 × (year − 2022),
        # 2024 → −0,5, 2025 → 0; (−4,5 − 0,5 + 0) / 5 = −1 < 1.
        f = one("average", "higher", 1, [-2.0, -1.5, -1.0, NAN, NAN], last_year=2023)
        assert f["forecast"] == approx(-1.0)
        assert f["required"] == approx(4.75)
        assert f["outlook"] == CANNOT

    def test_all_years_known_is_the_plain_mean(self) -> None:
        f = one("average", "higher", 7, [-0.5, 8.1, 6.12, 6.9, 7.0], last_year=2025)
        assert f["forecast"] == approx(27.62 / 5)
        assert f["method"] == FINAL
        assert f["outlook"] == CANNOT


# ---------------------------------------------------------------- milestones


class TestMilestone:
    def test_reached_is_likely(self) -> None:
        # "Quy hoạch tỉnh được phê duyệt": not in 2022, approved 2023.
        f = one("level", "yes_no", NAN, [NAN, 0, 1, NAN, NAN], last_year=2023)
        assert f["method"] == MILESTONE
        assert f["met_now"] is True
        assert f["outlook"] == LIKELY
        assert math.isnan(f["required"])

    def test_not_yet_reached_with_years_left_no_forecast(self) -> None:
        f = one("level", "yes_no", NAN, [NAN, 0, 0, NAN, NAN], last_year=2023)
        assert f["outlook"] == NO_FORECAST

    def test_not_reached_at_term_end_cannot(self) -> None:
        f = one("level", "yes_no", NAN, [0, 0, 0, 0, 0], last_year=2025)
        assert f["outlook"] == CANNOT

    def test_later_figure_is_ignored(self) -> None:
        # Approved in 2024, but the review is of 2023.
        f = one("level", "yes_no", NAN, [NAN, 0, 0, 1, NAN], last_year=2023)
        assert f["outlook"] == NO_FORECAST
        assert f["years_used"] == 2


# ---------------------------------------------------------------- missing data and edges


class TestMissingAndEdges:
    @pytest.mark.parametrize("temporal", ["level", "annual", "average", "cumulative"])
    @pytest.mark.parametrize("direction", ["higher", "lower", "yes_no"])
    def test_no_figure_no_forecast(self, temporal: str, direction: str) -> None:
        f = one(temporal, direction, 10, [NAN] * 5, last_year=2023)
        assert f["outlook"] == NO_FORECAST
        assert f["method"] == NO_METHOD
        assert f["years_used"] == 0
        assert math.isnan(f["forecast"])
        assert math.isnan(f["so_far"])
        assert f["met_now"] is False

    def test_no_target_no_forecast_but_figures_computed(self) -> None:
        f = one("cumulative", "higher", NAN, [1470.2, 1577.5, 1701.4, NAN, NAN], last_year=2023)
        assert f["outlook"] == NO_FORECAST
        assert f["forecast"] == approx(7915.1666666667)
        assert math.isnan(f["required"])

    def test_figures_after_review_year_are_ignored(self) -> None:
        with_later = one(
            "cumulative", "higher", 8000, [1470.2, 1577.5, 1701.4, 9999, 9999], last_year=2023
        )
        without = one(
            "cumulative", "higher", 8000, [1470.2, 1577.5, 1701.4, NAN, NAN], last_year=2023
        )
        assert_same(with_later, without)
        assert with_later["outlook"] == HARD

    def test_columns_need_not_cover_the_term(self) -> None:
        # Only 2021–2023 passed; 2024–2025 are years of the term without figures.
        short = one(
            "cumulative",
            "higher",
            8000,
            [1470.2, 1577.5, 1701.4],
            years=[2021, 2022, 2023],
            last_year=2023,
        )
        full = one("cumulative", "higher", 8000, [1470.2, 1577.5, 1701.4, NAN, NAN], last_year=2023)
        assert_same(short, full)
        # a year missing between columns is a blank year
        gap = one("cumulative", "higher", 6000, [1000, 1200], years=[2021, 2023], last_year=2023)
        assert gap["forecast"] == approx(5500)

    def test_review_before_the_term_and_after_it(self) -> None:
        before = one("level", "higher", 75, [68.0, 69.5, 71.3, 73.0, 74.2], last_year=2020)
        assert before["outlook"] == NO_FORECAST
        assert (before["years_left"], before["years_used"]) == (5, 0)
        after = one("level", "higher", 75, [68.0, 69.5, 71.3, 73.0, 74.2], last_year=2027)
        at_end = one("level", "higher", 75, [68.0, 69.5, 71.3, 73.0, 74.2], last_year=2025)
        assert_same(after, at_end)

    def test_zero_targets(self) -> None:
        f = term_forecast([], [], [], YEARS, [], last_year=2023, end_year=2025)
        assert len(f) == 0
        for fld in fields(f):
            assert getattr(f, fld.name).shape == (0,)

    def test_scalars_broadcast_and_object_columns_are_read(self) -> None:
        values = [[1470.2, 1577.5, 1701.4, NAN, NAN], [900, 1000, 1100, NAN, NAN]]
        f = term_forecast(
            "cumulative", "higher", 8000, YEARS, values, last_year=2023, end_year=2025
        )
        assert f.outlook.tolist() == [HARD, CANNOT]
        g = term_forecast(
            np.array(["cumulative", "cumulative"], dtype=object),
            np.array(["higher", "higher"], dtype=object),
            [8000, 8000],
            YEARS,
            np.array(values, dtype=object),
            last_year=2023,
            end_year=2025,
        )
        assert g.outlook.tolist() == [HARD, CANNOT]

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"years": [2021, 2023, 2022]}, "increasing"),
            ({"years": [2021, 2022, 2026]}, "after the end"),
            ({"years": []}, "non-empty"),
            ({"years": [2021.5, 2022, 2023]}, "whole"),
            ({"values": [[1.0, 2.0]]}, "one column per year"),
            ({"temporal": ["monthly"]}, "unknown temporal"),
            ({"direction": ["up"]}, "unknown direction"),
        ],
    )
    def test_bad_input_is_refused(self, kwargs: dict, message: str) -> None:
        args = {
            "temporal": ["level"],
            "direction": ["higher"],
            "target": [10.0],
            "years": [2021, 2022, 2023],
            "values": [[1.0, 2.0, 3.0]],
        }
        args.update(kwargs)
        with pytest.raises(ValueError, match=message):
            term_forecast(**args, last_year=2023, end_year=2025)

    def test_no_warning_on_degenerate_rows(self) -> None:
        values = [
            [NAN] * 5,
            [NAN, NAN, 5.0, NAN, NAN],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [1.0, NAN, NAN, NAN, 1.0],
            [0.0, 0.0, 0.0, NAN, NAN],
        ]
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            for temporal in ("level", "average", "cumulative"):
                for direction in ("higher", "lower", "yes_no"):
                    for last_year in (2020, 2023, 2025):
                        f = term_forecast(
                            temporal,
                            direction,
                            [0.0, NAN, 5.0, 0.0, -1.0],
                            YEARS,
                            values,
                            last_year=last_year,
                            end_year=2025,
                            target_high=[NAN, 3.0, NAN, 0.0, NAN],
                            tolerance=[NAN, 0.05, 0.0, NAN, 0.1],
                        )
                        assert set(f.outlook.tolist()) <= set(OUTLOOKS)
