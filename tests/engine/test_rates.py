"""Every target form of DESIGN.md §3, evaluated by the rules of §4."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nghiquyet import engine
from nghiquyet.engine import BANDS, RATE_CAP, Change, Direction


def one(direction: str, target: float, actual: float, **kwargs: object) -> tuple:
    """(rate, met, exceeded, has_data) of a single target."""
    ach = engine.achievement([direction], [target], [actual], **kwargs)
    assert len(ach) == 1
    return float(ach.rate[0]), bool(ach.met[0]), bool(ach.exceeded[0]), bool(ach.has_data[0])


def cls(direction: str, target: float, actual: float, **kwargs: object) -> str:
    ach = engine.achievement([direction], [target], [actual], **kwargs)
    return engine.class_keys(BANDS, engine.classify(BANDS, ach))[0]


class TestHigherIsBetter:
    def test_below_target(self) -> None:
        rate, met, exceeded, has_data = one("higher", 6388.3, 6000.0)
        assert rate == pytest.approx(6000 / 6388.3 * 100)
        assert (met, exceeded, has_data) == (False, False, True)

    def test_exactly_on_target_is_met_not_exceeded(self) -> None:
        assert one("higher", 50.0, 50.0) == (100.0, True, False, True)

    def test_above_target_is_exceeded(self) -> None:
        rate, met, exceeded, _ = one("higher", 5.0, 6.0)
        assert rate == pytest.approx(120.0)
        assert met
        assert exceeded

    def test_rate_is_not_capped(self) -> None:
        rate, *_ = one("higher", 1.0, 10.0)
        assert rate == pytest.approx(1000.0)

    def test_target_zero_has_no_ratio_but_is_judged(self) -> None:
        rate, met, _, has_data = one("higher", 0.0, 3.0)
        assert math.isnan(rate)
        assert met
        assert has_data
        assert cls("higher", 0.0, 3.0) == "achieved"
        assert cls("higher", 0.0, -1.0) == "not_achieved"

    def test_negative_growth(self) -> None:
        # GRDP shrank 1 % against a 6,5 % growth target: the rate has no meaning (not
        # "−15,38 %"), the class is still decided.
        rate, met, _, has_data = one("higher", 6.5, -1.0)
        assert math.isnan(rate)
        assert not met
        assert has_data
        assert cls("higher", 6.5, -1.0) == "not_achieved"

    def test_accepts_direction_enum_and_codes(self) -> None:
        by_name = engine.achievement(["higher", "lower"], [10, 10], [9, 9])
        by_enum = engine.achievement([Direction.HIGHER, Direction.LOWER], [10, 10], [9, 9])
        by_code = engine.achievement(
            [Direction.HIGHER.code, Direction.LOWER.code], [10, 10], [9, 9]
        )
        for other in (by_enum, by_code):
            np.testing.assert_array_equal(by_name.rate, other.rate)
            np.testing.assert_array_equal(by_name.met, other.met)
        assert by_name.met.tolist() == [False, True]

    def test_accepts_object_columns(self) -> None:
        # a column read from a spreadsheet or a data frame holds Python objects
        names = np.array(["higher", "lower", "yes_no"], dtype=object)
        members = np.array([Direction.HIGHER, Direction.LOWER, Direction.YES_NO], dtype=object)
        codes = np.array([0, 1, 2], dtype=object)
        for column in (names, members, codes):
            ach = engine.achievement(column, [10.0, 10.0, np.nan], [9.0, 9.0, 1.0])
            assert ach.met.tolist() == [False, True, True]
            assert ach.rate.tolist() == pytest.approx([90.0, 10 / 9 * 100, 100.0])

    def test_none_is_missing(self) -> None:
        # figures straight from the database: None where nothing was reported
        ach = engine.achievement(["higher", "higher"], [10.0, None], [None, 5.0])
        assert ach.has_data.tolist() == [False, False]
        assert engine.class_keys(BANDS, engine.classify(BANDS, ach)) == ["no_data", "no_data"]

    def test_unknown_direction_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown direction"):
            engine.achievement(["upwards"], [1.0], [1.0])


class TestLowerIsBetter:
    def test_below_target_is_met(self) -> None:
        rate, met, exceeded, _ = one("lower", 4.0, 3.2)
        assert rate == pytest.approx(125.0)
        assert met
        assert exceeded

    def test_exactly_on_target_is_met(self) -> None:
        assert one("lower", 2.25, 2.25) == (100.0, True, False, True)

    def test_above_target_is_not_met(self) -> None:
        rate, met, _, _ = one("lower", 4.0, 5.0)
        assert rate == pytest.approx(80.0)
        assert not met

    def test_actual_zero_is_capped(self) -> None:
        # no traffic deaths at all against "dưới 10": the ratio 10 / 0 is capped
        rate, met, exceeded, _ = one("lower", 10.0, 0.0)
        assert rate == RATE_CAP == 200.0
        assert met
        assert exceeded

    def test_tiny_actual_is_capped(self) -> None:
        rate, *_ = one("lower", 10.0, 0.01)
        assert rate == RATE_CAP

    def test_custom_cap(self) -> None:
        rate, *_ = one("lower", 10.0, 0.0, rate_cap=150.0)
        assert rate == 150.0

    def test_target_zero_and_actual_zero(self) -> None:
        # "không để xảy ra …" (target 0) and nothing happened: exactly on target.
        assert one("lower", 0.0, 0.0) == (100.0, True, False, True)

    def test_target_zero_and_actual_positive(self) -> None:
        rate, met, _, _ = one("lower", 0.0, 3.0)
        assert rate == 0.0
        assert not met
        assert cls("lower", 0.0, 3.0) == "not_achieved"


class TestRanges:
    def test_higher_range_inside(self) -> None:
        # "GRDP tăng 6,0 - 6,5 %", actual 6,2: met, not "vượt"; rate against 6,0.
        rate, met, exceeded, _ = one("higher", 6.0, 6.2, target_high=6.5)
        assert rate == pytest.approx(6.2 / 6.0 * 100)
        assert met
        assert not exceeded

    def test_higher_range_above_upper_is_exceeded(self) -> None:
        rate, met, exceeded, _ = one("higher", 6.0, 6.8, target_high=6.5)
        assert rate == pytest.approx(6.8 / 6.0 * 100)
        assert met
        assert exceeded

    def test_higher_range_on_upper_bound_is_not_exceeded(self) -> None:
        _, met, exceeded, _ = one("higher", 6.0, 6.5, target_high=6.5)
        assert met
        assert not exceeded

    def test_higher_range_below_lower(self) -> None:
        rate, met, _, _ = one("higher", 6.0, 5.7, target_high=6.5)
        assert rate == pytest.approx(95.0)
        assert not met
        assert cls("higher", 6.0, 5.7, target_high=6.5) == "near"

    def test_bounds_given_the_wrong_way_round(self) -> None:
        assert one("higher", 6.5, 6.2, target_high=6.0) == one("higher", 6.0, 6.2, target_high=6.5)

    def test_lower_range_upper_bound_decides(self) -> None:
        # "tỷ lệ hộ nghèo còn 1,5 - 2 %": 1,8 is within, so met; rate against 2.
        rate, met, exceeded, _ = one("lower", 1.5, 1.8, target_high=2.0)
        assert rate == pytest.approx(2 / 1.8 * 100)
        assert met
        assert not exceeded

    def test_lower_range_below_lower_bound_is_exceeded(self) -> None:
        _, met, exceeded, _ = one("lower", 1.5, 1.2, target_high=2.0)
        assert met
        assert exceeded

    def test_lower_range_above_upper_is_not_met(self) -> None:
        rate, met, _, _ = one("lower", 1.5, 2.5, target_high=2.0)
        assert rate == pytest.approx(80.0)
        assert not met

    def test_nan_upper_bound_means_no_range(self) -> None:
        ach = engine.achievement(
            ["higher", "higher"], [6.0, 6.0], [6.2, 6.2], target_high=[np.nan, 6.1]
        )
        assert ach.exceeded.tolist() == [True, True]
        ach = engine.achievement(
            ["higher", "higher"], [6.0, 6.0], [6.2, 6.2], target_high=[np.nan, 6.5]
        )
        assert ach.exceeded.tolist() == [True, False]


class TestTolerance:
    def test_approximate_higher_target(self) -> None:
        # "khoảng 30 %" with a 5 % relative tolerance: 28,5 still counts.
        rate, met, exceeded, _ = one("higher", 30.0, 28.5, tolerance=0.05)
        assert rate == pytest.approx(95.0)
        assert met
        assert not exceeded
        assert cls("higher", 30.0, 28.5, tolerance=0.05) == "achieved"

    def test_outside_tolerance(self) -> None:
        rate, met, _, _ = one("higher", 30.0, 28.4, tolerance=0.05)
        assert rate == pytest.approx(28.4 / 30 * 100)
        assert not met
        assert cls("higher", 30.0, 28.4, tolerance=0.05) == "near"

    def test_without_tolerance_the_same_figure_fails(self) -> None:
        assert not one("higher", 30.0, 28.5)[1]

    def test_approximate_lower_target(self) -> None:
        # "khoảng 4 %" lower is better, 10 % tolerance: up to 4,4 is met.
        assert one("lower", 4.0, 4.35, tolerance=0.1)[1]
        assert not one("lower", 4.0, 4.45, tolerance=0.1)[1]

    def test_nan_tolerance_is_none(self) -> None:
        ach = engine.achievement(["higher"] * 2, [30.0] * 2, [29.0] * 2, tolerance=[np.nan, 0.05])
        assert ach.met.tolist() == [False, True]


class TestChangeAgainstLastYear:
    def test_decrease(self) -> None:
        # "giảm 5 - 10 % số vụ tai nạn": 200 last year, 184 this year = 8 % decrease.
        rate, met, exceeded, _ = one(
            "higher", 5.0, 184.0, target_high=10.0, baseline=200.0, change=Change.DECREASE
        )
        assert rate == pytest.approx(160.0)
        assert met
        assert not exceeded

    def test_decrease_beyond_range_is_exceeded(self) -> None:
        _, met, exceeded, _ = one(
            "higher", 5.0, 170.0, target_high=10.0, baseline=200.0, change=Change.DECREASE
        )
        assert met
        assert exceeded

    def test_decrease_too_small(self) -> None:
        # 196 against 200 = 2 % decrease; 2 / 5 = 40 %.
        rate, met, _, _ = one("higher", 5.0, 196.0, baseline=200.0, change=Change.DECREASE)
        assert rate == pytest.approx(40.0)
        assert not met

    def test_rise_when_a_decrease_was_asked(self) -> None:
        rate, met, _, _ = one("higher", 5.0, 210.0, baseline=200.0, change=Change.DECREASE)
        assert math.isnan(rate)  # a 5 % rise is no part of a 5 % fall: no "−100 %"
        assert not met
        assert cls("higher", 5.0, 210.0, baseline=200.0, change=Change.DECREASE) == "not_achieved"

    def test_increase(self) -> None:
        # "tăng 10 % so với năm trước": 1.000 → 1.080 is an 8 % increase: 80 %.
        rate, met, _, _ = one("higher", 10.0, 1080.0, baseline=1000.0, change=Change.INCREASE)
        assert rate == pytest.approx(80.0)
        assert not met
        assert cls("higher", 10.0, 1080.0, baseline=1000.0, change=Change.INCREASE) == "above_80"

    @pytest.mark.parametrize("baseline", [np.nan, 0.0])
    def test_baseline_missing_or_zero_is_no_data(self, baseline: float) -> None:
        rate, met, _, has_data = one(
            "higher", 5.0, 184.0, baseline=baseline, change=Change.DECREASE
        )
        assert math.isnan(rate)
        assert not met
        assert not has_data
        assert cls("higher", 5.0, 184.0, baseline=baseline, change=Change.DECREASE) == "no_data"

    def test_rows_without_change_pass_through(self) -> None:
        ach = engine.achievement(
            ["higher", "higher"],
            [5.0, 5.0],
            [184.0, 4.0],
            baseline=[200.0, np.nan],
            change=[Change.DECREASE, Change.NONE],
        )
        assert ach.rate == pytest.approx([160.0, 80.0])
        assert ach.has_data.tolist() == [True, True]

    def test_negative_baseline_uses_its_magnitude(self) -> None:
        # a loss of 100 turned into a loss of 50: an improvement of 50 %.
        rate, *_ = one("higher", 10.0, -50.0, baseline=-100.0, change=Change.INCREASE)
        assert rate == pytest.approx(500.0)


class TestComposite:
    def _parts(self, actuals: list[float]) -> engine.Achievement:
        # "giảm cả 3 tiêu chí số vụ, số người chết, số người bị thương", ≥ 5 % each.
        return engine.achievement(
            ["higher"] * 3,
            [5.0] * 3,
            actuals,
            baseline=[200.0, 100.0, 150.0],
            change=[Change.DECREASE] * 3,
        )

    def test_all_parts_pass(self) -> None:
        combined = engine.combine_all([0, 0, 0], self._parts([180.0, 90.0, 135.0]), 1)
        assert combined.met.tolist() == [True]
        assert combined.has_data.tolist() == [True]
        # decreases 10 %, 10 %, 10 % → each 200 %; weakest is 200 %
        assert combined.rate == pytest.approx([200.0])

    def test_one_part_fails(self) -> None:
        # deaths fell only 3 % (3 / 5 = 60 %); the other two passed.
        combined = engine.combine_all([0, 0, 0], self._parts([180.0, 97.0, 135.0]), 1)
        assert combined.met.tolist() == [False]
        assert combined.rate == pytest.approx([60.0])
        assert engine.class_keys(BANDS, engine.classify(BANDS, combined)) == ["above_50"]

    def test_part_without_data_makes_composite_no_data(self) -> None:
        combined = engine.combine_all([0, 0, 0], self._parts([180.0, np.nan, 135.0]), 1)
        assert combined.has_data.tolist() == [False]
        assert combined.met.tolist() == [False]
        assert math.isnan(combined.rate[0])
        assert engine.class_keys(BANDS, engine.classify(BANDS, combined)) == ["no_data"]

    def test_several_composites_unsorted_parts(self) -> None:
        parts = engine.achievement(
            ["higher", "lower", "higher", "lower", "yes_no"],
            [10.0, 4.0, 10.0, 4.0, np.nan],
            [12.0, 3.0, 9.0, 3.0, 1.0],
        )
        combined = engine.combine_all([1, 0, 0, 1, 2], parts, 4)
        # composite 0: lower 4 vs 3 (met, 133 %), higher 10 vs 9 (90 %, not met)
        # composite 1: higher 10 vs 12 (120 %), lower 4 vs 3 (133 %): both met
        # composite 2: the yes/no part alone; composite 3 has no parts at all
        assert combined.met.tolist() == [False, True, True, False]
        assert combined.has_data.tolist() == [True, True, True, False]
        assert combined.rate[:3] == pytest.approx([90.0, 120.0, 100.0])
        assert combined.exceeded.tolist() == [False, True, False, False]


class TestYesNo:
    def test_yes_and_no(self) -> None:
        # "đạt chuẩn đô thị loại I vào năm 2030"
        ach = engine.achievement(["yes_no"] * 3, [np.nan] * 3, [1.0, 0.0, np.nan])
        assert ach.rate[:2].tolist() == [100.0, 0.0]
        assert math.isnan(ach.rate[2])
        assert ach.met.tolist() == [True, False, False]
        assert ach.exceeded.tolist() == [False, False, False]
        assert ach.has_data.tolist() == [True, True, False]
        assert engine.class_keys(BANDS, engine.classify(BANDS, ach)) == [
            "achieved",
            "not_achieved",
            "no_data",
        ]


class TestMissingData:
    def test_missing_actual_is_no_data_never_not_achieved(self) -> None:
        for direction in ("higher", "lower", "yes_no"):
            rate, met, exceeded, has_data = one(direction, 10.0, np.nan)
            assert math.isnan(rate)
            assert (met, exceeded, has_data) == (False, False, False)
            assert cls(direction, 10.0, np.nan) == "no_data"

    def test_missing_target_is_no_data(self) -> None:
        assert cls("higher", np.nan, 5.0) == "no_data"
        assert cls("lower", np.nan, 5.0) == "no_data"

    def test_scalar_inputs_broadcast(self) -> None:
        ach = engine.achievement("higher", 10.0, [5.0, 10.0, np.nan])
        assert ach.met.tolist() == [False, True, False]
        assert ach.has_data.tolist() == [True, True, False]
