"""Figures as reports print them (nghiquyet.text.figures).

Sources of the wordings:
- QDND, "Kết quả thực hiện 12 chỉ tiêu kinh tế-xã hội chủ yếu năm 2019" (the Government's
  report to the National Assembly): "Khoảng 24", "Trên 4", "61-62" (against the plan 60-62,
  rated Đạt), "Xuất siêu" (against "Tỷ lệ nhập siêu … Dưới 3", rated Vượt), "27,5", "89,3" —
  https://www.qdnd.vn/kinh-te/tin-tuc/ket-qua-thuc-hien-12-chi-tieu-kinh-te-xa-hoi-chu-yeu-nam-2019-608493
- Hà Giang, "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2017": "ước tăng
  7,36%", "ước đạt trên 1.950 tỷ đồng", "ước đạt trên 7.600 tỷ đồng", "đạt 22,4 triệu đồng" —
  http://xuctiendautuhagiang.gov.vn/chi-tiet-bv/ket-qua-thuc-hien-nhiem-vu-phat-trien-kinh-te-xa-hoi-nam-2017.html
- Issue 10 (six provinces' reported results): "khoảng 22.710", "ước 7,35", "giảm 1,72%",
  "10.994 người", "khoảng 22.710 tỷ đồng, đạt 102,3% KH".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from nghiquyet.text import NumberReader, TextError
from nghiquyet.text.figures import (
    ABOVE,
    APPROX,
    BELOW,
    DECREASE,
    ESTIMATE,
    INCREASE,
    measures_reduction,
    read_figure,
    read_figure_value,
)


@pytest.mark.parametrize(
    ("written", "low", "high", "qualifier", "change", "unit", "remark"),
    [
        ("khoảng 22.710", "22710", None, APPROX, "", "", ""),
        ("Khoảng 24", "24", None, APPROX, "", "", ""),
        ("ước 7,35", "7.35", None, ESTIMATE, "", "", ""),
        ("61-62", "61", "62", "", "", "", ""),
        ("60 – 62", "60", "62", "", "", "", ""),
        ("từ 61 đến 62", "61", "62", "", "", "", ""),
        ("Trên 4", "4", None, ABOVE, "", "", ""),
        ("dưới 3", "3", None, BELOW, "", "", ""),
        ("< 7,6", "7.6", None, BELOW, "", "", ""),
        ("giảm 1,72%", "1.72", None, "", DECREASE, "%", ""),
        ("ước tăng 7,36%", "7.36", None, ESTIMATE, INCREASE, "%", ""),
        ("10.994 người", "10994", None, "", "", "người", ""),
        ("ước đạt trên 1.950 tỷ đồng", "1950", None, ESTIMATE, "", "tỷ đồng", ""),
        ("đạt 22,4 triệu đồng", "22.4", None, "", "", "triệu đồng", ""),
        ("1,750 tỷ USD (trở lên)", "1.750", None, ABOVE, "", "tỷ USD", ""),
        ("từ 12.650 tỷ đồng trở lên", "12650", None, ABOVE, "", "tỷ đồng", ""),
        (
            "khoảng 22.710 tỷ đồng, đạt 102,3% KH",
            "22710",
            None,
            APPROX,
            "",
            "tỷ đồng",
            "đạt 102,3% KH",
        ),
        ("Xuất siêu", "0", None, BELOW, "", "%", ""),
    ],
)
def test_what_a_printed_figure_says(written, low, high, qualifier, change, unit, remark):
    figure = read_figure(written)
    assert figure.text == written
    assert figure.low == Decimal(low)
    assert figure.high == (Decimal(high) if high else None)
    assert (figure.qualifier, figure.change, figure.unit, figure.remark) == (
        qualifier,
        change,
        unit,
        remark,
    )
    assert not figure.plain


@pytest.mark.parametrize("written", ["1.234,5", "6,5%", "12 345", "42"])
def test_a_plain_number_keeps_no_text(written):
    assert read_figure(written).plain
    assert read_figure_value(written)[1] == ""


def test_a_range_is_rated_by_the_conservative_bound_of_the_targets_direction():
    # "Tỷ lệ lao động qua đào tạo 60-62 … 61-62, Đạt": higher is better, 61 counts
    assert read_figure_value("61-62", direction="higher") == (Decimal(61), "61-62")
    assert read_figure_value("61-62", direction="lower") == (Decimal(62), "61-62")
    assert read_figure_value("61-62") == (Decimal(61), "61-62")


def test_a_reduction_is_negative_unless_the_target_measures_a_reduction():
    assert read_figure_value("giảm 1,72%")[0] == Decimal("-1.72")
    # "Mức giảm tỷ lệ hộ nghèo … 1-1,5 … 1,1" (QDND 2019): the figure is the reduction
    assert measures_reduction("Mức giảm tỷ lệ hộ nghèo theo chuẩn nghèo tiếp cận đa chiều")
    assert measures_reduction("Giảm tỷ lệ hộ nghèo")
    assert not measures_reduction("Tỷ lệ hộ nghèo")
    assert read_figure_value("giảm 1,72%", reduction=True)[0] == Decimal("1.72")


def test_a_target_compared_with_last_year_takes_the_level_not_a_change():
    with pytest.raises(TextError) as err:
        read_figure_value("giảm 1,72%", compared=True)
    assert "hãy ghi số đạt được trong kỳ" in err.value.problem.text
    assert read_figure_value("khoảng 112", compared=True) == (Decimal(112), "khoảng 112")


@pytest.mark.parametrize(
    "written", ["mười", "6,5 - 7 - 8", "abc 5", "5 abc 6", "99,8% kế hoạch", "102,3% KH"]
)
def test_what_is_not_a_figure_says_how_to_write_one(written):
    with pytest.raises(TextError) as err:
        read_figure(written)
    assert err.value.problem.text.startswith(f"“{written}” không phải là một số; viết số như")
    assert "khoảng 22.710, ước 7,35, 61-62, trên 4" in err.value.problem.text


def test_the_place_settles_an_ambiguous_number_inside_a_figure():
    reader = NumberReader()
    for cell in ["6.5", "2.25", "khoảng 1.234"]:
        reader.observe(cell)
    assert read_figure("khoảng 1.234", reader).low == Decimal("1.234")
    assert read_figure("khoảng 1.234").low == Decimal(1234)


def test_typed_numbers_and_empty_cells():
    assert read_figure(12.5).low == Decimal("12.5")
    assert read_figure("") is None and read_figure(None) is None
    assert read_figure_value(None) == (None, "")
