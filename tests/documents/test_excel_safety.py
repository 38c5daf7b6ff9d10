"""Files that are not what they claim are refused before any parser sees them."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from nghiquyet.documents.problems import problem_text
from nghiquyet.documents.workbook import read_workbook
from nghiquyet.documents.xlsx_safety import MIB, check_xlsx, inspect_xlsx
from tests.documents.helpers import save_book, with_members, zip_bytes

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    b"</Types>"
)


def workbook(**cells) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A1"] = "Chỉ tiêu"
    ws["H1"] = "Giá trị"
    ws["A2"] = "Giải quyết việc làm"
    ws["H2"] = 245
    for ref, value in cells.items():
        ws[ref] = value
    return save_book(wb)


def refusal(data: bytes, name: str = "bao-cao.xlsx") -> str:
    with pytest.raises(ValidationError) as caught:
        check_xlsx(data, name)
    return " ".join(caught.value.messages)


def test_a_plain_workbook_passes_and_reads():
    data = workbook()
    assert check_xlsx(data, "bao-cao.xlsx") is None
    stats = inspect_xlsx(data, "bao-cao.xlsx")
    assert [s.name for s in stats.sheets] == ["Số liệu"]
    assert stats.sheets[0].last_row == 2 and stats.sheets[0].last_column == 8
    book = read_workbook(data, "bao-cao.xlsx")
    assert book.rows["Số liệu"][1][0] == "Giải quyết việc làm"
    assert book.rows["Số liệu"][1][7] == 245


def test_a_50_mb_file_is_refused_before_parsing(monkeypatch):
    data = b"PK\x03\x04" + bytes(50 * MIB)

    def never(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    message = refusal(data, "so-lieu.xlsx")
    assert "“so-lieu.xlsx” nặng 50 MB, vượt giới hạn 10 MB" in message


def test_the_size_limit_is_a_setting(settings):
    settings.NGHIQUYET_XLSX_MAX_BYTES = 1024
    assert "vượt giới hạn" in refusal(workbook(B5="x" * 4000))


def test_a_renamed_docx_is_refused():
    docx = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document/>",
            "docProps/app.xml": b"<Properties/>",
        }
    )
    assert "là văn bản Word (.docx) bị đổi tên" in refusal(docx, "bao-cao.xlsx")


def test_a_csv_renamed_xlsx_is_refused():
    csv = "STT,Chỉ tiêu,Giá trị\n23,Giải quyết việc làm,245\n".encode()
    message = refusal(csv, "bao-cao.xlsx")
    assert "là tệp văn bản (CSV hoặc TXT) bị đổi tên thành .xlsx" in message
    assert "Excel Workbook (*.xlsx)" in message


def test_an_old_xls_is_refused_with_what_to_do():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    message = refusal(ole2, "bao-cao.xls")
    assert "Excel 97–2003 (.xls)" in message
    assert "Save As → Excel Workbook (*.xlsx)" in message


def test_a_pdf_and_an_empty_file_and_a_broken_zip():
    assert "là tệp PDF" in refusal(b"%PDF-1.7\n" + bytes(100))
    assert "rỗng" in refusal(b"")
    assert "bị hỏng" in refusal(b"PK\x03\x04" + os.urandom(2000))


def test_an_opendocument_sheet_is_named():
    ods = zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )
    assert "OpenDocument (.ods)" in refusal(ods, "bao-cao.xlsx")


def test_a_zip_bomb_is_refused_from_the_directory_without_decompressing(monkeypatch):
    # A small file declaring 110 MB: one worksheet of zeros, deflated to a few hundred KB.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = bytes(MIB)
            for _ in range(110):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1 * MIB

    def never(*args, **kwargs):
        raise AssertionError("a member was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    monkeypatch.setattr(zipfile.ZipFile, "read", never)
    message = refusal(data)
    assert "bom nén" in message
    assert "110 MB (giới hạn 100 MB)" in message


def test_a_member_compressed_more_than_100_to_1_is_refused():
    data = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": b"<workbook/>",
            "xl/sharedStrings.xml": b" " * (20 * MIB),
        }
    )
    message = refusal(data)
    assert "xl/sharedStrings.xml" in message and "bom nén" in message


def test_the_uncompressed_total_is_a_setting(settings):
    settings.NGHIQUYET_XLSX_MAX_UNCOMPRESSED = 1 * MIB
    data = with_members(workbook(), {"xl/media/image1.png": os.urandom(2 * MIB)})
    assert "giới hạn 1 MB" in refusal(data)


def test_a_macro_enabled_workbook_is_refused():
    xlsm = with_members(workbook(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(512)})
    message = refusal(xlsm, "bao-cao.xlsm")
    assert "có chứa macro" in message
    assert "Excel Workbook (*.xlsx)" in message


def test_a_macro_content_type_alone_is_refused():
    data = workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    assert "có chứa macro" in refusal(with_members(data, {}, {"[Content_Types].xml": types}))


def test_formulas_are_refused_naming_the_sheet_and_the_first_cell():
    message = refusal(workbook(H7="=SUM(H2:H6)", H9="=1+1"))
    assert (
        "Trang 'Số liệu', ô H7 chứa công thức; hãy dán giá trị (Paste Special → Values) rồi "
        "tải lên lại." in message
    )
    assert "H9" not in message


def test_data_validation_formulas_are_not_cell_formulas():
    wb = openpyxl.load_workbook(io.BytesIO(workbook()))
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"Đạt,Chưa đạt"')
    dv.add("H2:H9")
    wb.active.add_data_validation(dv)
    assert check_xlsx(save_book(wb), "bao-cao.xlsx") is None


def test_too_many_rows_or_columns_are_refused(settings):
    message = refusal(workbook(A200001="x"))
    assert "dùng tới dòng 200.001, vượt giới hạn 100.000 dòng" in message
    message = refusal(workbook(**{"KN2": "x"}))
    assert "dùng tới cột KN, vượt giới hạn 256 cột" in message
    settings.NGHIQUYET_XLSX_MAX_CELLS = 5
    assert "quá nhiều ô" in refusal(workbook(A3=1, A4=2, A5=3))


def test_an_xml_doctype_is_refused():
    data = workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    evil = sheet.replace(
        b"<worksheet",
        b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet',
        1,
    )
    assert "DOCTYPE" in refusal(with_members(data, {}, {"xl/worksheets/sheet1.xml": evil}))


def test_problem_text_names_sheet_row_and_column():
    assert (
        problem_text("Số liệu", 12, 8, "Giá trị — 23. Giải quyết việc làm", "'abc' không phải")
        == "Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): 'abc' không phải"
    )
