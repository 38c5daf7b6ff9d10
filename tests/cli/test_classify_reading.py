"""`nghiquyet classify`: reading its input (headers, numbers, directions, XLSX, bad input)."""

from pathlib import Path

import openpyxl
import pytest

from nghiquyet import cli
from nghiquyet.cli.base import DEBUG_ENV, MAX_ERRORS
from tests.cli.classify_support import (
    EN_HEADER,
    REAL_CASES_VI,
    VI_HEADER,
    as_json,
    assert_bad_input,
)

# --------------------------------------------------------------------------- headers, CSV dialects


def test_english_headers_comma(run, write_csv):
    path = write_csv(EN_HEADER + "GRDP,GRDP growth,%,higher,6.5,,5.3\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"] == [{"code": "GRDP", "rate": 81.54, "class": "above_80"}]


def test_vietnamese_headers_with_diacritics_bom_and_semicolon(run, write_csv):
    text = (
        "Mã;Tên;Đơn vị tính;Chiều;Chỉ tiêu;Chỉ tiêu trên;Thực hiện;Ghi chú\n"
        "GRDP;Tốc độ tăng trưởng GRDP;%;Tăng;6,5;;5,3;ước\n"
    )
    path = write_csv("\ufeff" + text)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    code, out, err = run("classify", path, "--json")
    assert (code, err) == (0, "")
    assert as_json(out)["targets"] == [{"code": "GRDP", "rate": 81.54, "class": "above_80"}]


def test_headers_case_spaces_underscores(run, write_csv):
    text = " CODE ,Name,Don Vi Tinh,DIRECTION,Chi_Tieu,chi tieu tren,THUC-HIEN\nA,a,%,higher,6,,6\n"
    code, out, _ = run("classify", write_csv(text), "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["class"] == "achieved"


def test_decomposed_unicode_headers_are_normalised(run, write_csv):
    import unicodedata

    header = unicodedata.normalize("NFD", "mã,tên,chiều,chỉ tiêu,thực hiện\n")
    code, out, _ = run("classify", write_csv(header + "A,a,tăng,10,10\n"), "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["class"] == "achieved"


def test_tab_delimiter_and_crlf_and_blank_lines(run, write_csv):
    text = (
        "code\tname\tdirection\ttarget\tactual\r\n\r\n"
        "A\ta, b\thigher\t10\t9\r\n\r\n"
        "B\tb\tlower\t4\t5\r\n"
    )
    code, out, _ = run("classify", write_csv(text), "--json")
    assert code == 0
    assert [(t["code"], t["class"]) for t in as_json(out)["targets"]] == [
        ("A", "near"),
        ("B", "above_80"),
    ]


def test_quoted_fields_with_delimiter_inside(run, write_csv):
    text = 'code,name,direction,target,actual\nA,"Thu ngân sách, phí",higher,"1.234,5","1.234,5"\n'
    code, out, _ = run("classify", write_csv(text))
    assert code == 0
    assert "Thu ngân sách, phí" in out
    assert "1.234,5" in out


def test_unit_and_target_high_columns_are_optional(run, write_csv):
    path = write_csv("code,name,direction,target,actual\nA,a,higher,10,10\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["class"] == "achieved"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("target", "actual", "rate"),
    [
        ('"6,5"', '"5,3"', 81.54),  # Vietnamese decimals
        ("6.5", "5.3", 81.54),  # English decimals
        ('"1.234,5"', '"1.000"', 81.0),  # Vietnamese thousands + decimals
        ('"1,234.5"', '"1,000"', 81.0),  # English thousands + decimals
        ('"6.388,3"', '"6.500"', 101.75),
        ("80%", "60%", 75.0),
        ('"1 234,5"', '"1 234,5"', 100.0),
    ],
)
def test_number_conventions(run, write_csv, target, actual, rate):
    path = write_csv(f"code,name,direction,target,actual\nA,a,higher,{target},{actual}\n")
    code, out, err = run("classify", path, "--json")
    assert (code, err) == (0, "")
    assert as_json(out)["targets"][0]["rate"] == rate


def test_ambiguous_number_follows_the_files_convention(run, write_csv):
    # "1.234" is 1234 in a file written the Vietnamese way …
    vi = write_csv(
        'code,name,direction,target,actual\nA,a,higher,1.234,617\nB,b,higher,10,"8,5"\n',
        "vi.csv",
    )
    code, out, _ = run("classify", vi, "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["rate"] == 50.0
    code, out, _ = run("classify", vi)
    assert " 1.234 " in out
    # … and 1.234 in a file written the English way (shown Vietnamese-style as "1,234")
    en = write_csv(
        "code,name,direction,target,actual\nA,a,higher,1.234,0.617\nB,b,higher,10,8.5\n",
        "en.csv",
    )
    code, out, _ = run("classify", en, "--json")
    assert code == 0
    assert as_json(out)["targets"][0]["rate"] == 50.0
    code, out, _ = run("classify", en)
    assert " 1,234 " in out
    # … and 1234 in a file that shows no convention at all (Vietnamese by default)
    plain = write_csv("code,name,direction,target,actual\nA,a,higher,1.234,617\n", "plain.csv")
    code, out, _ = run("classify", plain, "--json")
    assert as_json(out)["targets"][0]["rate"] == 50.0


def test_ambiguous_number_in_mixed_file_is_an_error(run, write_csv):
    path = write_csv(
        'code,name,direction,target,actual\nA,a,higher,"6,5",6.5\nB,b,higher,1.234,"1.000"\n'
    )
    err = assert_bad_input(run("classify", path), "Dòng 3, cột 'target'", "không rõ nghĩa")
    assert "Dòng 3, cột 'actual'" in err


# --------------------------------------------------------------------------- directions


@pytest.mark.parametrize("word", ["higher", "HIGHER", "tang", "tăng", "Tăng"])
def test_higher_spellings(run, write_csv, word):
    path = write_csv(f"code,name,direction,target,actual\nA,a,{word},10,8\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0] == {"code": "A", "rate": 80.0, "class": "above_80"}


@pytest.mark.parametrize("word", ["lower", "Lower", "giam", "giảm", "GIẢM"])
def test_lower_spellings(run, write_csv, word):
    path = write_csv(f"code,name,direction,target,actual\nA,a,{word},4,5\nB,b,{word},4,3\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"] == [
        {"code": "A", "rate": 80.0, "class": "above_80"},
        {"code": "B", "rate": 133.33, "class": "achieved"},
    ]


def test_lower_is_achieved_at_equality(run, write_csv):
    path = write_csv("code,name,direction,target,actual\nA,a,lower,4,4\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0] == {"code": "A", "rate": 100.0, "class": "achieved"}


@pytest.mark.parametrize("word", ["yes_no", "YES_NO", "yes no", "dat", "đạt", "Đạt"])
def test_yes_no_spellings_of_direction(run, write_csv, word):
    path = write_csv(f"code,name,direction,target,actual\nA,a,{word},,1\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0] == {"code": "A", "rate": 100.0, "class": "achieved"}


@pytest.mark.parametrize(
    "value", ["1", "yes", "Yes", "có", "Có", "co", "đạt", "Đạt", "dat", "true", "TRUE"]
)
def test_yes_values(run, write_csv, value):
    path = write_csv(f"code,name,direction,target,actual\nA,a,dat,,{value}\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0] == {"code": "A", "rate": 100.0, "class": "achieved"}


@pytest.mark.parametrize(
    "value", ["0", "no", "NO", "không", "Không", "khong", "không đạt", "Không Đạt", "khong dat"]
)
def test_no_values(run, write_csv, value):
    path = write_csv(f"code,name,direction,target,actual\nA,a,yes_no,,{value}\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"][0] == {"code": "A", "rate": 0.0, "class": "not_achieved"}


def test_yes_no_target_may_be_a_yes_value(run, write_csv):
    path = write_csv("code,name,direction,target,actual\nA,a,dat,đạt,có\nB,b,dat,1,không\n")
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert [t["class"] for t in as_json(out)["targets"]] == ["achieved", "not_achieved"]


def test_yes_no_shown_as_dat_chua_dat(run, write_csv):
    path = write_csv("code,name,direction,target,actual\nA,Đô thị loại I,dat,,có\nB,b,dat,,0\n")
    code, out, _ = run("classify", path)
    assert code == 0
    line_a = next(line for line in out.splitlines() if line.startswith("A "))
    line_b = next(line for line in out.splitlines() if line.startswith("B "))
    assert line_a.split() == [
        "A",
        "Đô",
        "thị",
        "loại",
        "I",
        "Đạt",
        "Đạt",
        "100,00%",
        "đạt",
        "và",
        "vượt",
    ]
    assert "Chưa đạt" in line_b
    assert line_b.rstrip().endswith("không đạt")


# --------------------------------------------------------------------------- ranges


def test_range_target(run, write_csv):
    path = write_csv(
        EN_HEADER + "A,GRDP,%,higher,6,6.5,6.2\n"  # inside the range: achieved
        "B,GRDP,%,higher,6,6.5,7\n"  # above: achieved ("vượt")
        "C,GRDP,%,higher,6,6.5,5.7\n"  # below: rate against the lower bound
        "D,GRDP,%,higher,6,6,6\n"  # degenerate range
    )
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"] == [
        {"code": "A", "rate": 103.33, "class": "achieved"},
        {"code": "B", "rate": 116.67, "class": "achieved"},
        {"code": "C", "rate": 95.0, "class": "near"},
        {"code": "D", "rate": 100.0, "class": "achieved"},
    ]


def test_range_shown_with_en_dash(run, write_csv):
    path = write_csv(VI_HEADER + "A;Tăng trưởng GRDP;%;tang;6;6,5;6,2\n")
    code, out, _ = run("classify", path)
    assert code == 0
    assert "6 – 6,5" in out
    assert "6,2" in out


# --------------------------------------------------------------------------- XLSX


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    second = workbook.create_sheet("Khác")
    second.append(["không đọc trang này"])
    workbook.save(path)
    return path


def test_xlsx_numbers_text_and_booleans(run, tmp_path):
    path = write_xlsx(
        tmp_path / "chi_tieu.xlsx",
        [
            ["Mã", "Tên", "Đơn vị tính", "Chiều", "Chỉ tiêu", "Chỉ tiêu trên", "Thực hiện"],
            ["GRDP", "Tốc độ tăng trưởng GRDP", "%", "tăng", 6.5, None, 5.3],
            ["TN", "Tỷ lệ thất nghiệp", "%", "giảm", "4", None, "4,39"],
            ["LD", "Tỷ lệ lao động qua đào tạo", "%", "tang", 65, None, 64.5],
            [1, "Đô thị loại I", None, "đạt", None, None, True],
            [2, "Nông thôn mới", None, "dat", None, None, 0],
            ["R", "Khoảng", "%", "higher", 6, 6.5, None],
        ],
    )
    code, out, err = run("classify", path, "--json")
    assert (code, err) == (0, "")
    assert as_json(out)["targets"] == [
        {"code": "GRDP", "rate": 81.54, "class": "above_80"},
        {"code": "TN", "rate": 91.12, "class": "near"},
        {"code": "LD", "rate": 99.23, "class": "near"},
        {"code": "1", "rate": 100.0, "class": "achieved"},
        {"code": "2", "rate": 0.0, "class": "not_achieved"},
        {"code": "R", "rate": None, "class": "no_data"},
    ]


def test_xlsx_with_csv_extension_is_read_by_content(run, tmp_path):
    path = write_xlsx(
        tmp_path / "thuc_ra_la_excel.csv",
        [["code", "name", "direction", "target", "actual"], ["A", "a", "higher", 10, 9]],
    )
    code, out, _ = run("classify", path, "--json")
    assert code == 0
    assert as_json(out)["targets"] == [{"code": "A", "rate": 90.0, "class": "near"}]


def test_xlsx_errors_name_the_excel_row(run, tmp_path):
    path = write_xlsx(
        tmp_path / "loi.xlsx",
        [
            [None],
            ["ma", "ten", "chieu", "chi_tieu", "thuc_hien"],
            ["A", "a", "tang", 10, 9],
            ["B", "b", "tang", "mười", 9],
            ["C", "c", "tang", 10, True],
        ],
    )
    err = assert_bad_input(
        run("classify", path), "Dòng 4, cột 'chi_tieu': “mười” chưa đọc được thành chỉ tiêu"
    )
    assert "Dòng 5, cột 'thuc_hien'" in err


def test_renamed_non_xlsx_file(run, tmp_path):
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(b"code,name,direction,target,actual\nA,a,higher,1,1\n")
    assert_bad_input(
        run("classify", path), "bao_cao.xlsx:", ".xlsx", "không phải là bảng tính Excel"
    )


def test_corrupt_zip_with_xlsx_name(run, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert_bad_input(run("classify", path), "hong.xlsx:", "không phải là bảng tính Excel (.xlsx)")


def test_old_xls_is_refused_clearly(run, tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert_bad_input(run("classify", path), "cu.xls:", "Excel 97–2003 (.xls)", ".xlsx")


# --------------------------------------------------------------------------- bad input


def test_unknown_direction(run, write_csv):
    path = write_csv(VI_HEADER + "A;a;%;tang;1;;1\nB;b;%;up;1;;1\n")
    assert_bad_input(
        run("classify", path),
        "chi_tieu.csv: Dòng 3, cột 'chieu': chiều “up” không hợp lệ",
        "ghi tăng (higher), giảm (lower) hoặc đạt (yes_no)",
    )


def test_empty_direction(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,,,1,,1\n")
    assert_bad_input(run("classify", path), "Dòng 2, cột 'direction': thiếu chiều đánh giá")


def test_text_in_number_column(run, write_csv):
    path = write_csv(
        VI_HEADER + "A;a;%;tang;1;;1\nB;b;%;tang;1;;1\nC;c;%;tang;1;;1\nD;d;%;tang;abc;;1\n"
    )
    assert_bad_input(
        run("classify", path), "Dòng 5, cột 'chi_tieu': “abc” chưa đọc được thành chỉ tiêu"
    )


def test_error_names_the_column_as_written(run, write_csv):
    path = write_csv("Mã,Tên,Chiều,Chỉ tiêu,Thực hiện\nA,a,tăng,10,mười\n")
    assert_bad_input(run("classify", path), "Dòng 2, cột 'Thực hiện': “mười” không phải là một số")


def test_text_in_target_high_and_range_below_target(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,%,higher,6,abc,5\nB,b,%,higher,6.5,6,6\n")
    err = assert_bad_input(run("classify", path), "Dòng 2, cột 'target_high': “abc”")
    assert "Dòng 3, cột 'target_high': cận trên 6 nhỏ hơn kế hoạch 6,5" in err


def test_empty_target_for_numeric_direction(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,%,higher,,,5\nB,b,%,lower,,,5\n")
    err = assert_bad_input(run("classify", path), "Dòng 2, cột 'target': thiếu kế hoạch")
    assert "Dòng 3, cột 'target': thiếu kế hoạch" in err


def test_bad_yes_no_values(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,,yes_no,,,tốt\nB,b,,yes_no,không,,1\nC,c,,yes_no,,1,1\n")
    err = assert_bad_input(
        run("classify", path), "Dòng 2, cột 'actual': “tốt” không phải là đạt/không đạt"
    )
    assert "Dòng 3, cột 'target'" in err
    assert "Dòng 4, cột 'target_high'" in err


def test_missing_columns_named_in_both_spellings(run, write_csv):
    path = write_csv("code,name,target\nA,a,1\n")
    err = assert_bad_input(run("classify", path), "Dòng 1: thiếu cột")
    assert "'direction' hoặc 'chieu'" in err
    assert "'actual' hoặc 'thuc_hien'" in err
    assert "'code'" not in err


def test_column_given_twice(run, write_csv):
    path = write_csv("code,ma,name,direction,target,actual\nA,A,a,higher,1,1\n")
    assert_bad_input(run("classify", path), "Dòng 1: cột 'code' và cột 'ma'")


def test_empty_file(run, write_csv):
    assert_bad_input(run("classify", write_csv("")), "chi_tieu.csv: Tệp rỗng.")


def test_blank_lines_only_is_empty(run, write_csv):
    assert_bad_input(run("classify", write_csv("\ufeff\n \n\n")), "Tệp rỗng.")


def test_header_only(run, write_csv):
    assert_bad_input(
        run("classify", write_csv(EN_HEADER + "\n,,,,,,\n")),
        "Dòng 1: có dòng tiêu đề nhưng không có dòng dữ liệu nào",
    )


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_wrong_encoding(run, write_csv, encoding):
    text = "code,name,direction,target,actual\nA,Ca,higher,1,1\nB,Tháng,higher,1,1\n"
    path = write_csv(text, encoding=encoding)
    err = assert_bad_input(run("classify", path), "Dòng 3, cột 'name': tệp không phải mã hóa UTF-8")
    assert "CSV UTF-8" in err


def test_duplicate_codes_name_both_rows(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,,higher,1,,1\nB,b,,higher,1,,1\nA,c,,higher,1,,1\n")
    assert_bad_input(run("classify", path), "Dòng 4, cột 'code': mã 'A' trùng với mã ở dòng 2")


def test_empty_code(run, write_csv):
    path = write_csv(EN_HEADER + "A,a,,higher,1,,1\n,b,,higher,1,,1\n")
    assert_bad_input(run("classify", path), "Dòng 3, cột 'code': thiếu mã chỉ tiêu")


def test_every_error_is_reported_up_to_a_cap(run, write_csv, tmp_path):
    rows = "".join(f"C{i},c,,higher,abc,,1\n" for i in range(60))
    err = assert_bad_input(run("classify", write_csv(EN_HEADER + rows)))
    lines = err.strip().split("\n")
    assert len(lines) == MAX_ERRORS + 1
    assert all(line.startswith(f"{tmp_path / 'chi_tieu.csv'}: ") for line in lines[:-1])
    assert "chi_tieu.csv: Dòng 2, cột 'target'" in lines[0]
    assert f"chi_tieu.csv: Dòng {MAX_ERRORS + 1}, cột 'target'" in lines[-2]
    assert lines[-1] == "… và 10 lỗi khác."


def test_all_errors_of_different_kinds_in_one_run(run, write_csv):
    path = write_csv(VI_HEADER + "A;a;%;len;1;;1\nB;b;%;tang;1;;x\nA;c;%;tang;1;;1\n")
    err = assert_bad_input(run("classify", path))
    assert "Dòng 2, cột 'chieu'" in err
    assert "Dòng 3, cột 'thuc_hien'" in err
    assert "Dòng 4, cột 'ma'" in err


def test_missing_file(run, tmp_path):
    assert_bad_input(
        run("classify", tmp_path / "khong_co.csv"), "khong_co.csv: Không tìm thấy tệp."
    )


def test_directory_instead_of_file(run, tmp_path):
    assert_bad_input(run("classify", tmp_path), "thư mục")


def test_file_over_20_mb_is_refused(run, tmp_path):
    path = tmp_path / "lon.csv"
    with path.open("wb") as f:
        f.write(EN_HEADER.encode())
        f.truncate(21 * 1024 * 1024)  # sparse: cheap to create
    assert_bad_input(run("classify", path), "lon.csv: Tệp quá lớn (21 MB)", "20 MB")


def test_binary_file_with_csv_name(run, tmp_path):
    path = tmp_path / "anh.csv"
    path.write_bytes(b"code,name\x00\x00\x01,direction\n")
    assert_bad_input(run("classify", path), "anh.csv:", "không phải tệp CSV")


# --------------------------------------------------------------------------- arguments and help


def test_top_level_help_is_vietnamese(run):
    code, out, _ = run("--help")
    assert code == 0
    assert "Cách dùng: nghiquyet" in out
    assert "các lệnh" in out
    assert "classify" in out
    assert "xếp loại" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out


def test_classify_help_is_vietnamese(run):
    code, out, _ = run("classify", "--help")
    assert code == 0
    assert "Cách dùng: nghiquyet classify" in out
    assert "TỆP" in out
    assert "--scheme" in out
    assert "--json" in out
    assert "bảng phân loại" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out


def test_missing_file_argument(run):
    code, out, err = run("classify")
    assert (code, out) == (2, "")
    assert "lỗi: thiếu đối số bắt buộc: TỆP" in err


def test_no_command(run):
    code, out, err = run()
    assert (code, out) == (2, "")
    assert "thiếu đối số bắt buộc: LỆNH" in err


def test_unknown_option_and_command(run, write_csv):
    code, out, err = run("classify", write_csv(REAL_CASES_VI), "--bogus")
    assert (code, out) == (2, "")
    assert "không hiểu đối số: --bogus" in err
    code, out, err = run("phanloai")
    assert (code, out) == (2, "")
    assert "'phanloai' không hợp lệ" in err


def test_unexpected_exception_is_short_and_exits_1(run, write_csv, monkeypatch):
    monkeypatch.delenv(DEBUG_ENV)

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(cli.classify, "classify_targets", broken)
    code, out, err = run("classify", write_csv(REAL_CASES_VI))
    assert (code, out) == (1, "")
    assert "Lỗi ngoài dự kiến (RuntimeError: hỏng)" in err
    assert "Traceback" not in err


def test_debug_variable_lets_the_exception_through(write_csv, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(cli.classify, "classify_targets", broken)
    with pytest.raises(RuntimeError):
        cli.main(["classify", str(write_csv(REAL_CASES_VI))])


def test_a_row_with_a_bad_direction_still_has_its_figures_checked(run, write_csv):
    path = write_csv("code,name,direction,target,actual\nA,x,up,5,abc\n")
    code, out, err = run("classify", path)
    assert code == 2 and out == ""
    assert "Dòng 2, cột 'direction'" in err
    assert "Dòng 2, cột 'actual': “abc” không phải là một số" in err
