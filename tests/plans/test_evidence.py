"""Evidence files are recognised by their content; anything else is refused by name."""

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nghiquyet.plans import evidence

MIB = 1024 * 1024

# --- sample files, made here byte by byte ------------------------------------------


def pdf_bytes(extra: int = 0) -> bytes:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    return body + b"%" + b"x" * extra + b"\n%%EOF\n"


def png_bytes() -> bytes:
    """A valid 1×1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def office_bytes(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in members:
            archive.writestr(name, f"<xml>{name}</xml>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return office_bytes("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def xlsx_bytes() -> bytes:
    return office_bytes("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")


def docm_bytes() -> bytes:
    return office_bytes(
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/vbaProject.bin"
    )


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    """A file as the browser sends it; the browser's content type is deliberately wrong."""
    return SimpleUploadedFile(name, data, content_type=content_type)


REFUSED_TYPE = (
    "Tệp '{name}' không được chấp nhận: chỉ nhận PDF, Word (.docx), Excel (.xlsx), "
    "ảnh PNG hoặc JPEG."
)


# --- accepted -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("bao-cao.pdf", pdf_bytes(), "application/pdf"),
        ("BAO-CAO.PDF", pdf_bytes(), "application/pdf"),
        ("anh-hien-truong.png", png_bytes(), "image/png"),
        ("anh.jpg", jpeg_bytes(), "image/jpeg"),
        ("anh.jpeg", jpeg_bytes(), "image/jpeg"),
        (
            "quyet-dinh.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_the_five_kinds_are_accepted_with_the_type_read_from_the_content(name, data, content_type):
    checked = evidence.check_file(upload(name, data, content_type="text/html"))
    assert checked.content_type == content_type
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.name == name


def test_a_real_workbook_from_openpyxl_is_an_xlsx():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    checked = evidence.check_file(upload("bang-so-lieu.xlsx", buffer.getvalue()))
    assert checked.kind is evidence.XLSX


# --- refused --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bao-cao.exe", exe_bytes(), REFUSED_TYPE.format(name="bao-cao.exe")),
        ("bao-cao.pdf", exe_bytes(), REFUSED_TYPE.format(name="bao-cao.pdf")),
        ("ghi-chu.txt", b"Ghi chu thuong\n", REFUSED_TYPE.format(name="ghi-chu.txt")),
        ("trang.html", b"<html><script>alert(1)</script>", REFUSED_TYPE.format(name="trang.html")),
        # a ZIP that is not an Office document, and one that only starts like a ZIP
        ("nen.docx", office_bytes("a.txt"), REFUSED_TYPE.format(name="nen.docx")),
        ("hong.xlsx", b"PK\x03\x04" + b"\x00" * 64, REFUSED_TYPE.format(name="hong.xlsx")),
        (
            "van-ban.docm",
            docm_bytes(),
            "Tệp 'van-ban.docm' có chứa macro (vbaProject.bin) nên không được chấp nhận. "
            "Hãy lưu lại dưới dạng .docx hoặc .xlsx không có macro.",
        ),
        (
            "van-ban.docx",
            docm_bytes(),
            "Tệp 'van-ban.docx' có chứa macro (vbaProject.bin) nên không được chấp nhận. "
            "Hãy lưu lại dưới dạng .docx hoặc .xlsx không có macro.",
        ),
        (
            "bao-cao.docx",
            pdf_bytes(),
            "Tệp 'bao-cao.docx' có nội dung là PDF nhưng phần mở rộng là '.docx'; "
            "hãy đặt đúng phần mở rộng (.pdf).",
        ),
        (
            "anh.pdf",
            png_bytes(),
            "Tệp 'anh.pdf' có nội dung là ảnh PNG nhưng phần mở rộng là '.pdf'; "
            "hãy đặt đúng phần mở rộng (.png).",
        ),
        (
            "so-lieu",
            xlsx_bytes(),
            "Tệp 'so-lieu' có nội dung là Excel (.xlsx) nhưng phần mở rộng là '(không có)'; "
            "hãy đặt đúng phần mở rộng (.xlsx).",
        ),
        ("rong.pdf", b"", "Tệp 'rong.pdf' rỗng (0 byte)."),
    ],
)
def test_refused_files_are_named_in_a_vietnamese_message(name, data, message):
    with pytest.raises(ValidationError) as err:
        evidence.check_file(upload(name, data, content_type="application/pdf"))
    assert err.value.messages == [message]


def test_a_file_over_the_limit_is_refused_with_its_size_before_it_is_read():
    head = pdf_bytes()
    big = upload("lon.pdf", head + b"x" * (11 * MIB - len(head)))
    with pytest.raises(ValidationError) as err:
        evidence.check_file(big)
    assert err.value.messages == ["Tệp 'lon.pdf' lớn 11 MB, vượt giới hạn 10 MB."]
    assert big.tell() == 0  # not even the first bytes were read


def test_exactly_the_limit_is_accepted_and_one_byte_more_is_not(settings):
    settings.NGHIQUYET_EVIDENCE_MAX_BYTES = 2 * MIB
    head = pdf_bytes()
    exact = head + b"x" * (2 * MIB - len(head))
    assert evidence.check_file(upload("vua.pdf", exact)).size == 2 * MIB
    with pytest.raises(ValidationError) as err:
        evidence.check_file(upload("qua.pdf", exact + b"x"))
    # Rounded up, so that a file over the limit never reads as "2 MB, over the 2 MB limit".
    assert err.value.messages == ["Tệp 'qua.pdf' lớn 2,1 MB, vượt giới hạn 2 MB."]


def test_every_refused_file_of_an_update_is_reported():
    with pytest.raises(ValidationError) as err:
        evidence.check_files(
            [
                upload("tot.pdf", pdf_bytes()),
                upload("xau.exe", exe_bytes()),
                upload("macro.docm", docm_bytes()),
            ]
        )
    assert len(err.value.messages) == 2
    assert err.value.messages[0] == REFUSED_TYPE.format(name="xau.exe")
    assert "'macro.docm'" in err.value.messages[1]


def test_at_most_five_files_per_update():
    files = [upload(f"{i}.pdf", pdf_bytes()) for i in range(6)]
    with pytest.raises(ValidationError) as err:
        evidence.check_files(files)
    assert err.value.messages == [
        "Mỗi lần cập nhật chỉ đính kèm được tối đa 5 tệp minh chứng (bạn đã chọn 6 tệp)."
    ]
    assert len(evidence.check_files(files[:5])) == 5


def test_names_are_composed_and_stripped_of_paths_and_control_characters():
    decomposed = "Ba\u0301o ca\u0301o.pdf"  # "Báo cáo.pdf" as macOS sends it
    assert evidence.clean_name(decomposed) == "Báo cáo.pdf"
    assert evidence.clean_name("C:\\Users\\lan\\bao-cao.pdf") == "bao-cao.pdf"
    assert evidence.clean_name("../../etc/passwd\x00.pdf") == "passwd.pdf"
    assert evidence.clean_name("") == "tep"
    long = evidence.clean_name("a" * 300 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")


def test_the_zip_directory_is_read_without_extracting_any_member(monkeypatch):
    data = docx_bytes()

    def refuse(*_args, **_kwargs):
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    assert evidence.check_file(upload("a.docx", data)).kind is evidence.DOCX
