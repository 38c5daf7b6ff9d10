"""The text layer's spreadsheet reader (CSV and XLSX), behind `nghiquyet classify`."""

from pathlib import Path

import openpyxl
import pytest

from nghiquyet import text as tx
from nghiquyet.text import Problem
from nghiquyet.text import TextError as TabularError
from nghiquyet.text import tables as tabular
from nghiquyet.text.tables import Column

COLUMNS = (
    Column("code", ("code", "ma"), "mã chỉ tiêu"),
    Column("unit", ("unit", "don_vi_tinh"), "đơn vị tính", required=False),
    Column("actual", ("actual", "thuc_hien"), "thực hiện"),
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Chỉ tiêu trên", "chi_tieu_tren"),
        ("  ĐƠN VỊ TÍNH ", "don_vi_tinh"),
        ("thuc__hien", "thuc_hien"),
        ("Thực-hiện", "thuc_hien"),
        ("\ufeffmã", "ma"),
        ("Không đạt", "khong_dat"),
    ],
)
def test_fold(text, key):
    assert tx.fold(text) == key


def test_problem_text():
    assert str(Problem("'abc' không phải là một số", row=5, column="chi_tieu")) == (
        "Dòng 5, cột 'chi_tieu': 'abc' không phải là một số."
    )
    assert str(Problem("tệp rỗng")) == "Tệp rỗng."
    assert str(Problem("có dòng tiêu đề", row=1)) == "Dòng 1: có dòng tiêu đề."


def test_cell_text():
    import datetime as dt

    assert tx.cell_text(1.0) == "1"
    assert tx.cell_text(6.5) == "6.5"
    assert tx.cell_text(dt.date(2025, 7, 1)) == "01/07/2025"
    assert tx.cell_text("x") == "x"


def test_csv_rows_keep_spreadsheet_numbers(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes('\ufeffMã;Ghi chú;Thực hiện\n\nA;x;1\n;;\nB; y ;"2,5"\n'.encode())
    table = tabular.read_table(path, COLUMNS)
    assert table.format == tabular.CSV
    assert table.header_row == 1
    assert table.headers == {"code": "Mã", "actual": "Thực hiện"}
    assert [(r.number, r.cells) for r in table.rows] == [
        (3, {"code": "A", "unit": "", "actual": "1"}),
        (5, {"code": "B", "unit": "", "actual": "2,5"}),
    ]


def test_multiline_cell_is_one_spreadsheet_row(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'code,actual\n"A\nB",1\nC,2\n')
    table = tabular.read_table(path, COLUMNS)
    assert [r.number for r in table.rows] == [2, 3]


def test_xlsx_rows_keep_excel_numbers(tmp_path: Path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([None])
    sheet.append(["ma", "thuc_hien", "don_vi_tinh"])
    sheet.append(["A", 5.3, "%"])
    sheet.append([None, None, None])
    sheet.append([7, "6,5", None])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    table = tabular.read_table(path, COLUMNS)
    assert table.format == tabular.XLSX
    assert table.header_row == 2
    assert [(r.number, r.cells) for r in table.rows] == [
        (3, {"code": "A", "unit": "%", "actual": 5.3}),
        (5, {"code": 7.0, "unit": "", "actual": "6,5"}),
    ]


def test_all_header_problems_at_once(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"ma,code,unit,don vi tinh\n1,2,3,4\n")
    with pytest.raises(TabularError) as caught:
        tabular.read_table(path, COLUMNS)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "Dòng 1: cột 'ma' và cột 'code' đều là cột mã chỉ tiêu; hãy giữ lại một cột.",
        "Dòng 1: cột 'unit' và cột 'don vi tinh' đều là cột đơn vị tính; hãy giữ lại một cột.",
        "Dòng 1: thiếu cột thực hiện ('actual' hoặc 'thuc_hien').",
    ]


def test_size_limit(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"code,actual\nA,1\n")
    with pytest.raises(TabularError, match="quá lớn"):
        tabular.read_table(path, COLUMNS, max_bytes=10)


def test_utf16_text_export(tmp_path: Path):
    # Excel's "Unicode Text" export: UTF-16 with BOM, TAB-separated
    path = tmp_path / "a.txt"
    path.write_bytes("mã\tthực hiện\r\nA\t1\r\n".encode("utf-16"))
    table = tabular.read_table(path, COLUMNS)
    assert [r.cells["code"] for r in table.rows] == ["A"]


def test_title_rows_above_the_header_are_skipped(tmp_path: Path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH"])
    sheet.append(["BIỂU TỔNG HỢP CHỈ TIÊU NĂM 2024"])
    sheet.append([None])
    sheet.append(["STT", "Mã", "Thực hiện"])
    sheet.append([1, "A", 5])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    table = tabular.read_table(path, COLUMNS)
    assert table.header_row == 4
    assert [(r.number, r.cells["code"], r.cells["actual"]) for r in table.rows] == [(5, "A", 5)]


def test_without_a_recognisable_header_the_first_row_is_reported(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes("Biểu chỉ tiêu\nmã,kết quả\nA,1\n".encode())
    with pytest.raises(TabularError) as caught:
        tabular.read_table(path, COLUMNS)
    assert [str(p) for p in caught.value.problems] == [
        "Dòng 1: thiếu cột mã chỉ tiêu ('code' hoặc 'ma').",
        "Dòng 1: thiếu cột thực hiện ('actual' hoặc 'thuc_hien').",
    ]
