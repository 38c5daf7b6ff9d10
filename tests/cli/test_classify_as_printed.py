"""`nghiquyet classify` takes targets and results as resolutions and reports print them.

The rows are the Government's own assessment of 2019
(https://www.qdnd.vn/kinh-te/tin-tuc/ket-qua-thuc-hien-12-chi-tieu-kinh-te-xa-hoi-chu-yeu-nam-2019-608493):
plan, estimated result and verdict, typed as printed; classify agrees with every verdict.
"""

from __future__ import annotations

from tests.cli.classify_support import as_json, assert_bad_input, by_code

HEADER = "code,name,unit,direction,target,target_high,actual\n"

GOVERNMENT_2019 = HEADER + (
    # direction decided by the wording ("Dưới 4": lower is better)
    '7,Tỷ lệ thất nghiệp ở khu vực thành thị,%,,Dưới 4,,"3,1"\n'
    "4,Tỷ lệ nhập siêu so với tổng kim ngạch xuất khẩu,%,,Dưới 3,,Xuất siêu\n"
    # a range in the plan cell, a range in the result cell
    "8,Tỷ lệ lao động qua đào tạo,%,tăng,60-62,,61-62\n"
    '3,Tốc độ tăng tổng kim ngạch xuất khẩu,%,tăng,7-8,,"8,1"\n'
    '2,Tốc độ tăng chỉ số giá tiêu dùng bình quân (CPI),%,giảm,Khoảng 4,,"2,79"\n'
    '10,Tỷ lệ dân số tham gia bảo hiểm y tế,%,tăng,"88,1",,"89,3"\n'
    '9,Số giường bệnh trên 1 vạn dân,giường,tăng,27,,"27,5"\n'
)


def test_the_governments_2019_verdicts_typed_as_printed(run, write_csv):
    code, out, err = run("classify", write_csv(GOVERNMENT_2019), "--scheme", "binary", "--json")
    assert code == 0, err
    got = {k: t["class"] for k, t in by_code(as_json(out)).items()}
    # "Đạt" or "Vượt" in the report: achieved
    assert got == dict.fromkeys(["7", "4", "8", "3", "2", "10", "9"], "achieved")


def test_a_wording_that_decides_nothing_still_needs_the_direction(run, write_csv):
    path = write_csv(HEADER + "A,Tỷ lệ đô thị hóa,%,,Khoảng 45-47,,46\n")
    assert_bad_input(
        run("classify", path),
        "Dòng 2, cột 'direction': thiếu chiều đánh giá",
        "“trên 90”, “dưới 4%”",
    )


def test_a_range_in_the_plan_cell_and_an_upper_bound_is_refused(run, write_csv):
    path = write_csv(HEADER + "A,a,%,tăng,60-62,63,61\n")
    assert_bad_input(run("classify", path), "Dòng 2, cột 'target_high': kế hoạch đã ghi một khoảng")


# Wordings quoted in issue 10 from six provinces' resolutions, with results on either side.
WORDED = HEADER + (
    'a,Tỷ lệ thất nghiệp,%,,dưới 4%,,"3,9"\n'
    'b,Chỉ số giá tiêu dùng,%,,"< 7,6",,"7,6"\n'  # a strict bound met exactly: Đạt
    'c,Tỷ lệ đô thị hóa,%,,từ 11% trở lên,,"10,5"\n'
    "d,Tỷ lệ che phủ rừng,%,,16% trở lên,,16\n"
    'e,Tỷ lệ hộ dùng nước sạch,%,,Trên 90,,"91,2"\n'
    'f,Giảm tỷ lệ hộ nghèo,%,,"giảm 1,5-2%",,"giảm 1,72%"\n'
    'g,Thu nhập bình quân đầu người,triệu đồng,tăng,87-88 triệu đồng,,"86,5"\n'
    'h,Kim ngạch xuất khẩu,tỷ USD,,"1,750 tỷ USD (trở lên)",,"1,8"\n'
    "i,Vốn đầu tư toàn xã hội,tỷ đồng,,từ 12.650 tỷ đồng trở lên,,khoảng 12.710\n"
    "j,Đạt chuẩn đô thị loại I,,,đạt chuẩn đô thị loại I,,Chưa đạt\n"
)


def test_resolutions_wordings_in_the_plan_column_with_an_empty_direction(run, write_csv):
    code, out, err = run("classify", write_csv(WORDED), "--scheme", "binary", "--json")
    assert code == 0, err
    got = {k: t["class"] for k, t in by_code(as_json(out)).items()}
    assert got == {
        "a": "achieved",
        "b": "achieved",
        "c": "not_achieved",
        "d": "achieved",
        "e": "achieved",
        "f": "achieved",  # a reduction of 1,72 points against 1,5–2
        "g": "not_achieved",
        "h": "achieved",
        "i": "achieved",
        "j": "not_achieved",
    }
