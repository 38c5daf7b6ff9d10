import datetime as dt

import pytest

from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec, parse_period_key

D = dt.date


@pytest.mark.parametrize(
    ("spec", "start", "end", "deadline", "key", "label"),
    [
        # Nghị định 09/2019/NĐ-CP, Điều 12: cut-offs from the 15th to the 14th.
        (
            PeriodSpec(PeriodKind.MONTH, 2022, 1),
            D(2021, 12, 15),
            D(2022, 1, 14),
            D(2022, 1, 20),
            "2022-M01",
            "Tháng 1/2022",
        ),
        (
            PeriodSpec(PeriodKind.MONTH, 2022, 7),
            D(2022, 6, 15),
            D(2022, 7, 14),
            D(2022, 7, 20),
            "2022-M07",
            "Tháng 7/2022",
        ),
        (
            PeriodSpec(PeriodKind.QUARTER, 2022, 1),
            D(2021, 12, 15),
            D(2022, 3, 14),
            D(2022, 3, 20),
            "2022-Q1",
            "Quý I/2022",
        ),
        (
            PeriodSpec(PeriodKind.QUARTER, 2022, 3),
            D(2022, 6, 15),
            D(2022, 9, 14),
            D(2022, 9, 20),
            "2022-Q3",
            "Quý III/2022",
        ),
        (
            PeriodSpec(PeriodKind.HALF_YEAR, 2023),
            D(2022, 12, 15),
            D(2023, 6, 14),
            D(2023, 6, 20),
            "2023-H1",
            "6 tháng đầu năm 2023",
        ),
        (
            PeriodSpec(PeriodKind.NINE_MONTHS, 2023),
            D(2022, 12, 15),
            D(2023, 9, 14),
            D(2023, 9, 20),
            "2023-9M",
            "9 tháng năm 2023",
        ),
        (
            PeriodSpec(PeriodKind.YEAR, 2022),
            D(2021, 12, 15),
            D(2022, 12, 14),
            D(2022, 12, 20),
            "2022",
            "Năm 2022",
        ),
        (
            PeriodSpec(PeriodKind.TERM, 2020, None, 2025),
            D(2020, 12, 15),
            D(2025, 12, 14),
            D(2025, 12, 20),
            "2020-2025",
            "Nhiệm kỳ 2020–2025",
        ),
    ],
)
def test_cut_offs_keys_and_labels(spec, start, end, deadline, key, label):
    spec.validate()
    assert (spec.start_date, spec.end_date, spec.default_deadline) == (start, end, deadline)
    assert spec.key == key
    assert spec.label == label
    assert parse_period_key(key) == spec


def test_same_period_last_year():
    assert PeriodSpec(PeriodKind.HALF_YEAR, 2023).previous_year().key == "2022-H1"
    assert PeriodSpec(PeriodKind.MONTH, 2023, 3).previous_year().key == "2022-M03"
    assert PeriodSpec(PeriodKind.TERM, 2020, None, 2025).previous_year().key == "2019-2024"


@pytest.mark.parametrize("key", ["", "20x2", "2022-H2", "2022-Q5", "2022-M13", "2025-2020", "abc"])
def test_bad_keys_are_refused_in_vietnamese(key):
    with pytest.raises(ValueError, match="Kỳ báo cáo"):
        parse_period_key(key)


@pytest.mark.parametrize(
    "spec",
    [
        PeriodSpec(PeriodKind.MONTH, 2022, 0),
        PeriodSpec(PeriodKind.QUARTER, 2022, None),
        PeriodSpec(PeriodKind.YEAR, 2022, 3),
        PeriodSpec(PeriodKind.TERM, 2025, None, 2020),
        PeriodSpec("week", 2022),
    ],
)
def test_invalid_specs(spec):
    with pytest.raises(ValueError, match=r"period|month|quarter|term|kind"):
        spec.validate()
