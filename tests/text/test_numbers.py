"""Numbers as offices write them (nghiquyet.text.numbers), and the rule for ``1.234`` / ``1,750``.

Real figures: "thu ngân sách 6.388,3 tỷ đồng" (DESIGN.md §3, seed 002); "1,750 tỷ USD (trở
lên)" — Nghị quyết 01/NQ-CP's wording quoted in issue 10; "Tỷ lệ dân số tham gia bảo hiểm
y tế 88,1 / 89,3" (https://www.qdnd.vn/kinh-te/tin-tuc/ket-qua-thuc-hien-12-chi-tieu-kinh-te-xa-hoi-chu-yeu-nam-2019-608493).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.text import NumberReader, TextError, is_ambiguous, read_cell_number, read_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("6,5", "6.5"),
        ("1.234,5", "1234.5"),
        ("6.5", "6.5"),
        ("1,234.5", "1234.5"),
        ("12.345.678", "12345678"),
        ("12,345,678", "12345678"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("-1,2", "-1.2"),
        ("\u22121,2", "-1.2"),  # the Unicode minus
        ("6,5%", "6.5"),
        ("6,5 %", "6.5"),
        (f"1{NBSP}234,5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("  42 ", "42"),
        ("+7", "7"),
        ("0,234", "0.234"),  # a leading zero is never a thousands group
        ("0.234", "0.234"),
        ("6.388,3", "6388.3"),  # thu ngân sách 6.388,3 tỷ đồng
        ("88,1", "88.1"),
        ("1,2345", "1.2345"),
        ("1.2345", "1.2345"),
    ],
)
def test_unambiguous_numbers_read_the_same_under_either_convention(written, expected):
    assert read_number(written) == Decimal(expected)
    assert read_number(written, "en") == Decimal(expected)
    assert not is_ambiguous(written)


@pytest.mark.parametrize(
    ("written", "vi", "en"),
    [
        ("1.234", "1234", "1.234"),
        ("1,750", "1.750", "1750"),  # "1,750 tỷ USD": one point seven five billion
        ("-12.500", "-12500", "-12.5"),
        ("999,000", "999.000", "999000"),
    ],
)
def test_the_rule_for_ambiguous_numbers_vietnamese_unless_the_place_shows_english(written, vi, en):
    assert is_ambiguous(written)
    assert read_number(written) == Decimal(vi)
    assert read_number(written, "en") == Decimal(en)
    assert NumberReader().read(written) == Decimal(vi)
    assert NumberReader.english_page().read(written) == Decimal(en)


@pytest.mark.parametrize(
    "written",
    [
        *("", "   ", "%", "abc", "6,5 - 7", "1..2", "1,2,3", "1.2.3", "--1", "1-2", "5.", "1e5"),
        *("nan", "inf", "12%%", "1.234,5.6", "1,234.5,6", "tăng 6,5%", "VI"),
    ],
)
def test_anything_else_is_a_problem_that_says_how_to_write_a_number(written):
    with pytest.raises(TextError) as err:
        read_number(written)
    message = err.value.problem.text
    if written.strip():
        assert message == (
            f"“{written.strip()}” không phải là một số; viết số như 1.234,5 (dấu chấm ngăn cách "
            "hàng nghìn, dấu phẩy trước phần thập phân)"
        )
    else:
        assert message == "ô trống; hãy ghi một số"


class TestNumberReader:
    def read_all(self, cells: list[str]) -> list[Decimal]:
        reader = NumberReader()
        for cell in cells:
            reader.observe(cell)
        return [reader.read(cell) for cell in cells]

    def test_a_vietnamese_file(self):
        assert self.read_all(["6,5", "1.234", "1.234,5"]) == [
            Decimal("6.5"),
            Decimal(1234),
            Decimal("1234.5"),
        ]

    def test_an_english_file(self):
        assert self.read_all(["6.5", "1,234", "1,234.5"]) == [
            Decimal("6.5"),
            Decimal(1234),
            Decimal("1234.5"),
        ]
        assert self.read_all(["0.5", "2.25", "1.234"])[2] == Decimal("1.234")

    def test_no_evidence_means_vietnamese(self):
        assert self.read_all(["1.234", "12", "1,234"]) == [
            Decimal(1234),
            Decimal(12),
            Decimal("1.234"),
        ]

    def test_figures_as_printed_show_their_convention_too(self):
        reader = NumberReader()
        reader.observe("khoảng 1,234.5 USD")
        reader.observe("trên 4")
        assert reader.convention == "en"

    def test_the_majority_decides(self):
        reader = NumberReader()
        for cell in ["1,5", "1.5", "2.5", "3.75"]:
            reader.observe(cell)
        assert reader.convention == "en"
        assert reader.mixed

    def test_a_file_written_both_ways_refuses_its_ambiguous_numbers(self):
        reader = NumberReader()
        for cell in ["1.234,5", "1,234.5", "1.234"]:
            reader.observe(cell)
        with pytest.raises(TextError) as err:
            reader.read("1.234")
        assert "cả hai kiểu" in err.value.problem.text
        assert "(1234)" in err.value.problem.text
        with pytest.raises(TextError):
            reader.read("1,234")
        assert reader.read("1.234,5") == Decimal("1234.5")
        assert reader.read("1,234.5") == Decimal("1234.5")
        assert reader.read("1234") == Decimal(1234)


class TestCells:
    def test_typed_numbers_are_taken_as_they_are(self):
        assert read_cell_number(0.1) == Decimal("0.1")
        assert read_cell_number(12) == Decimal(12)
        assert read_cell_number("") is None
        assert read_cell_number(None) is None

    def test_booleans_dates_and_huge_numbers_are_refused(self):
        import datetime as dt

        for cell, words in [
            (True, "“TRUE” không phải là một số"),
            (dt.date(2024, 3, 1), "“01/03/2024” là ngày tháng"),
            ("1e20", "không phải là một số"),
            ("100.000.000.000.000", "quá lớn (tối đa 14 chữ số phần nguyên)"),
            (float("inf"), "hữu hạn"),
        ]:
            with pytest.raises(TextError) as err:
                read_cell_number(cell)
            assert words in err.value.problem.text


plain_floats = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def spreadsheet_round(value: float, decimals: int) -> Decimal:
    shown = Decimal(format(value, ".15g"))
    return shown.quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)


@given(plain_floats, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_what_the_engine_writes_reads_back(value: float, decimals: int, convention: str) -> None:
    text = engine.format_number(value, decimals, convention=convention)
    # compared as floats: the engine formats in binary floating point
    expected = float(spreadsheet_round(value, decimals))
    assert float(read_number(text, convention)) == expected
    percent = engine.format_percent(value, decimals, convention=convention)
    assert float(read_number(percent, convention)) == expected


@given(st.lists(plain_floats, min_size=1, max_size=30), st.sampled_from(["vi", "en"]))
def test_a_file_written_one_way_reads_back_exactly(values: list[float], convention: str) -> None:
    """Ambiguous cells included, as long as the file shows its convention somewhere."""
    cells = [engine.format_number(0.5, 1, convention=convention)]
    cells += [engine.format_number(v, 3, trim=True, convention=convention) for v in values]
    reader = NumberReader()
    for cell in cells:
        reader.observe(cell)
    assert reader.convention == convention
    assert not reader.mixed
    for cell, value in zip(cells[1:], values, strict=True):
        assert float(reader.read(cell)) == float(spreadsheet_round(value, 3))
