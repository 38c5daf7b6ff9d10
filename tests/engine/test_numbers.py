"""Reading and writing numbers the Vietnamese way ("1.234,5") and the English way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine import NumberError, NumberReader

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,5", 6.5),
        ("1.234,5", 1234.5),
        ("6.5", 6.5),
        ("1,234.5", 1234.5),
        ("12.345.678", 12_345_678.0),
        ("12,345,678", 12_345_678.0),
        ("1.234.567,89", 1_234_567.89),
        ("1,234,567.89", 1_234_567.89),
        ("-1,2", -1.2),
        ("\u22121,2", -1.2),  # Unicode minus sign
        ("6,5%", 6.5),
        ("6,5 %", 6.5),
        (f"1{NBSP}234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("  42 ", 42.0),
        ("+7", 7.0),
        ("0,234", 0.234),  # a leading zero is never a thousands group
        ("0.234", 0.234),
        ("6.388,3", 6388.3),  # thu ngân sách 6.388,3 tỷ đồng
        ("1,2345", 1.2345),
        ("1.2345", 1.2345),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert engine.parse_number(text) == pytest.approx(expected, rel=1e-15)
    # an unambiguous number reads the same under either convention
    assert engine.parse_number(text, "en") == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("1.234", 1234.0, 1.234),
        ("1,234", 1.234, 1234.0),
        ("-12.500", -12500.0, -12.5),
        ("999,000", 999.0, 999000.0),
    ],
)
def test_ambiguous_under_each_convention(text: str, vi: float, en: float) -> None:
    assert engine.parse_number(text) == vi  # Vietnamese is the default
    assert engine.parse_number(text, "vi") == vi
    assert engine.parse_number(text, "en") == en


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "%",
        "abc",
        "6,5 - 7",
        "1..2",
        "1,2,3",
        "1.2.3",
        "--1",
        "1-2",
        "5.",
        "1e5",
        "nan",
        "inf",
        "12%%",
        "1.234,5.6",
        "1,234.5,6",
        "tăng 6,5%",
        "VI",
    ],
)
def test_garbage_raises(text: str) -> None:
    with pytest.raises(NumberError):
        engine.parse_number(text)


def test_number_error_message_is_vietnamese() -> None:
    with pytest.raises(NumberError, match="không phải là một số"):
        engine.parse_number("abc")
    assert issubclass(NumberError, ValueError)


class TestNumberReader:
    def read_all(self, cells: list[str]) -> list[float]:
        reader = NumberReader()
        for cell in cells:
            reader.observe(cell)
        return [reader.read(cell) for cell in cells]

    def test_vietnamese_file(self) -> None:
        assert self.read_all(["6,5", "1.234", "1.234,5"]) == [6.5, 1234.0, 1234.5]

    def test_english_file(self) -> None:
        assert self.read_all(["6.5", "1,234", "1,234.5"]) == [6.5, 1234.0, 1234.5]
        assert self.read_all(["0.5", "2.25", "1.234"]) == [0.5, 2.25, 1.234]

    def test_no_evidence_means_vietnamese(self) -> None:
        assert self.read_all(["1.234", "12", "1,234"]) == [1234.0, 12.0, 1.234]

    def test_majority_decides(self) -> None:
        reader = NumberReader()
        for cell in ["1,5", "1.5", "2.5", "3.75"]:
            reader.observe(cell)
        assert reader.convention == "en"
        assert reader.mixed

    def test_mixed_file_refuses_ambiguous_cells(self) -> None:
        reader = NumberReader()
        for cell in ["1.234,5", "1,234.5", "1.234"]:
            reader.observe(cell)
        assert reader.mixed
        with pytest.raises(NumberError, match="cả hai kiểu"):
            reader.read("1.234")
        with pytest.raises(NumberError):
            reader.read("1,234")
        # unambiguous cells are still read
        assert reader.read("1.234,5") == 1234.5
        assert reader.read("1,234.5") == 1234.5
        assert reader.read("1234") == 1234.0

    def test_unobserved_reader_is_vietnamese(self) -> None:
        reader = NumberReader()
        assert reader.convention == "vi"
        assert not reader.mixed
        assert reader.read("1.234") == 1234.0


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


@given(plain_floats, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_format_then_parse_round_trips(value: float, decimals: int, convention: str) -> None:
    text = engine.format_number(value, decimals, convention=convention)
    expected = spreadsheet_round(value, decimals)
    assert engine.parse_number(text, convention) == expected
    percent = engine.format_percent(value, decimals, convention=convention)
    assert percent == text + "%"
    assert engine.parse_number(percent, convention) == expected


@given(plain_floats, st.integers(min_value=0, max_value=4))
def test_trimmed_format_round_trips(value: float, decimals: int) -> None:
    text = engine.format_number(value, decimals, trim=True)
    assert not (text.endswith("0") and "," in text)
    assert not text.endswith(",")
    assert engine.parse_number(text) == spreadsheet_round(value, decimals)


@given(plain_floats, st.integers(min_value=0, max_value=4))
def test_never_negative_zero(value: float, decimals: int) -> None:
    for trim in (False, True):
        text = engine.format_number(value, decimals, trim=trim)
        if spreadsheet_round(value, decimals) == 0:
            assert not text.startswith("-"), text


@given(st.lists(plain_floats, min_size=1, max_size=30), st.sampled_from(["vi", "en"]))
def test_reader_reads_a_file_written_one_way(values: list[float], convention: str) -> None:
    """A file written in one convention reads back exactly, ambiguous cells included,
    as long as it shows its convention somewhere (here: a cell "0,5" or "0.5")."""
    cells = [engine.format_number(0.5, 1, convention=convention)]
    cells += [engine.format_number(v, 3, trim=True, convention=convention) for v in values]
    reader = NumberReader()
    for cell in cells:
        reader.observe(cell)
    assert reader.convention == convention
    assert not reader.mixed
    assert reader.read(cells[0]) == 0.5
    for cell, value in zip(cells[1:], values, strict=True):
        assert reader.read(cell) == spreadsheet_round(value, 3)
