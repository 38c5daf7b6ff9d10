"""Report periods as keys and as the documents write them (nghiquyet.text.periods).

Wordings from the reports cited elsewhere: "6 tháng đầu năm 2021" (seed 000, sơ kết 6 tháng),
"quý IV và năm 2019" (Tổng cục Thống kê, in the QĐND table of 2019), "nhiệm kỳ 2020 – 2025".
"""

from __future__ import annotations

import pytest

from nghiquyet.text import TextError
from nghiquyet.text.periods import KINDS, read_period


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2022", ("year", 2022, None, None)),
        ("Năm 2022", ("year", 2022, None, None)),
        ("2022-H1", ("half_year", 2022, None, None)),
        ("6 tháng đầu năm 2021", ("half_year", 2021, None, None)),
        ("6 tháng 2021", ("half_year", 2021, None, None)),
        ("2022-9M", ("nine_months", 2022, None, None)),
        ("9 tháng năm 2022", ("nine_months", 2022, None, None)),
        ("2022-Q3", ("quarter", 2022, 3, None)),
        ("Quý III/2022", ("quarter", 2022, 3, None)),
        ("quý 4 năm 2019", ("quarter", 2019, 4, None)),
        ("2022-M07", ("month", 2022, 7, None)),
        ("Tháng 7/2022", ("month", 2022, 7, None)),
        ("tháng 07 năm 2022", ("month", 2022, 7, None)),
        ("7/2022", ("month", 2022, 7, None)),
        ("2020-2025", ("term", 2020, None, 2025)),
        ("Nhiệm kỳ 2020 – 2025", ("term", 2020, None, 2025)),
        ("giai đoạn 2021-2025", ("term", 2021, None, 2025)),
    ],
)
def test_keys_and_wordings(written, expected):
    assert read_period(written) == expected


@pytest.mark.parametrize(
    "written", ["2022-Q5", "tháng 13/2022", "2025-2020", "quý V/2022", "abc", ""]
)
def test_what_is_not_a_period_says_how_to_write_one(written):
    with pytest.raises(TextError) as err:
        read_period(written)
    assert err.value.problem.text.startswith(f"kỳ báo cáo “{written}”")


def test_the_kinds_are_the_databases(db):
    from nghiquyet.reporting.choices import PeriodKind

    assert set(KINDS) == set(PeriodKind.values)


def test_a_period_of_the_database_from_the_words_of_a_document(db):
    from nghiquyet.reporting.periods import parse_period_key

    assert parse_period_key("6 tháng đầu năm 2021").key == "2021-H1"
    assert parse_period_key("Quý III/2022").label == parse_period_key("2022-Q3").label
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_period_key("2021-X")
