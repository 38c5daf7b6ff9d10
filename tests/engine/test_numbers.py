"""Writing numbers the Vietnamese way ("1.234,5") and the English way (reading them:
tests/text/test_numbers.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine

NBSP = "\u00a0"


class TestFormat:
    @pytest.mark.parametrize(
        ("value", "decimals", "expected"),
        [
            (1234.5, 1, "1.234,5"),
            (1234.5, 2, "1.234,50"),
            (6388.3, 1, "6.388,3"),
            (12_345_678, 0, "12.345.678"),
            (-1234.5, 1, "-1.234,5"),
            (0.5, 2, "0,50"),
            (-0.0, 2, "0,00"),
            (-0.001, 2, "0,00"),
            (-0.4, 0, "0"),
            (-0.04, 1, "0,0"),
        ],
    )
    def test_format_number(self, value: float, decimals: int, expected: str) -> None:
        assert engine.format_number(value, decimals) == expected

    def test_trim(self) -> None:
        assert engine.format_number(6.5, 2, trim=True) == "6,5"
        assert engine.format_number(6.0, 2, trim=True) == "6"
        assert engine.format_number(1000.0, 2, trim=True) == "1.000"
        assert engine.format_number(-0.001, 2, trim=True) == "0"

    def test_english(self) -> None:
        assert engine.format_number(1234.5, 1, convention="en") == "1,234.5"

    def test_missing_is_empty(self) -> None:
        assert engine.format_number(None) == ""
        assert engine.format_number(float("nan")) == ""
        assert engine.format_percent(None) == ""
        assert engine.format_percent(float("nan")) == ""

    def test_format_percent(self) -> None:
        assert engine.format_percent(5.3 / 6.5 * 100) == "81,54%"
        assert engine.format_percent(4 / 4.39 * 100) == "91,12%"
        assert engine.format_percent(100.0, 0) == "100%"
        assert engine.format_percent(-0.001) == "0,00%"
        assert engine.format_percent(1234.5, 1) == "1.234,5%"


plain_floats = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def spreadsheet_round(value: float, decimals: int) -> float:
    """The rounding rule offices see in Excel: 15 significant digits, then half away from zero.

    Written with :mod:`decimal` here, independently of the engine's arithmetic.
    """
    shown = Decimal(format(value, ".15g"))  # 15 significant digits of the binary value
    return float(shown.quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP))


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (13999 / 20000 * 100, 2, "70,00"),  # 69,99499999… in binary; 69,995 to a person
        (9999 / 20000 * 100, 2, "50,00"),  # 49,995: half away from zero, not to even
        (1.40625, 4, "1,4063"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.125, 2, "0,13"),
        (281474976711.23047, 3, "281.474.976.711,230"),
    ],
)
def test_rounding_is_half_away_from_zero_like_a_spreadsheet(value, decimals, text):
    assert engine.format_number(value, decimals) == text


def test_a_rate_is_classed_by_the_figure_people_see():
    ach = engine.achievement(["higher"], [20000], [9999 * 100 / 100])  # 49,995 %
    assert engine.format_percent(ach.rate[0]) == "50,00%"
    assert engine.class_keys(engine.BANDS, engine.classify(engine.BANDS, ach)) == ["above_50"]


@given(plain_floats, st.integers(min_value=0, max_value=4))
def test_never_negative_zero(value: float, decimals: int) -> None:
    for trim in (False, True):
        text = engine.format_number(value, decimals, trim=trim)
        if spreadsheet_round(value, decimals) == 0:
            assert not text.startswith("-"), text
