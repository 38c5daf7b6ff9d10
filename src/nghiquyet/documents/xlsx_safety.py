"""Checks on an uploaded Excel workbook before anything parses it.

An upload is refused, with a Vietnamese message that says what the file is and
what to do, when it is:

- larger than ``settings.NGHIQUYET_XLSX_MAX_BYTES`` (10 MiB) — checked first, on
  the length alone;
- not an Office Open XML workbook: an Excel 97–2003 ``.xls`` or an
  encrypted workbook (both OLE2 files), a CSV or text file, a PDF, an HTML page,
  a Word document or a PowerPoint deck renamed ``.xlsx``, an OpenDocument sheet,
  any other ZIP, or a damaged file;
- a ZIP bomb: the *declared* uncompressed sizes in the ZIP directory add up to
  more than ``NGHIQUYET_XLSX_MAX_UNCOMPRESSED`` (100 MiB), or a member larger than
  1 MiB is compressed more than 100:1 — decided from the directory, without
  decompressing anything;
- macro-enabled (``vbaProject.bin``, Excel 4 macro sheets, ActiveX, or a macro
  content type);
- carrying formulas in any worksheet: each worksheet is streamed through
  ``iterparse`` with a running byte cap, and the first formula cell of each sheet
  is named ("Trang 'Số liệu', ô H7 chứa công thức…");
- too large in rows, columns or cells (``NGHIQUYET_XLSX_MAX_ROWS``,
  ``NGHIQUYET_XLSX_MAX_COLUMNS``, ``NGHIQUYET_XLSX_MAX_CELLS``), which also keeps
  a reader from allocating a huge empty grid for a lone cell at XFD1048576;
- declaring an XML DOCTYPE or entities (never present in a real workbook).

Only then may python-calamine read the values (:mod:`.workbook`).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nghiquyet.plans.display import number

from .problems import column_letter

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
DEFAULT_MAX_UNCOMPRESSED = 100 * MIB
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_COLUMNS = 256
DEFAULT_MAX_CELLS = 2_000_000
#: A member compressed more than this many times over is a bomb…
MAX_RATIO = 100
#: …when it is at least this large once decompressed (small XML parts compress well).
RATIO_MIN_SIZE = 1 * MIB
MAX_MEMBERS = 10_000
#: Small parts read whole ([Content_Types].xml, the workbook, its relationships).
SMALL_PART_MAX = 5 * MIB
_CHUNK = 64 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_FORBIDDEN_XML = (b"<!DOCTYPE", b"<!ENTITY")
_MACRO_TYPES = ("macroenabled", "vbaproject", "macrosheet", "activex")
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed: int
    max_rows: int
    max_columns: int
    max_cells: int


def limits() -> Limits:
    """The limits in force (settings, else the defaults above)."""
    return Limits(
        max_bytes=getattr(settings, "NGHIQUYET_XLSX_MAX_BYTES", DEFAULT_MAX_BYTES),
        max_uncompressed=getattr(
            settings, "NGHIQUYET_XLSX_MAX_UNCOMPRESSED", DEFAULT_MAX_UNCOMPRESSED
        ),
        max_rows=getattr(settings, "NGHIQUYET_XLSX_MAX_ROWS", DEFAULT_MAX_ROWS),
        max_columns=getattr(settings, "NGHIQUYET_XLSX_MAX_COLUMNS", DEFAULT_MAX_COLUMNS),
        max_cells=getattr(settings, "NGHIQUYET_XLSX_MAX_CELLS", DEFAULT_MAX_CELLS),
    )


@dataclass
class SheetStats:
    name: str
    rows: int = 0
    cells: int = 0
    last_row: int = 0
    last_column: int = 0


@dataclass
class XlsxStats:
    """What the checks saw: the worksheets in workbook order with their sizes."""

    sheets: list[SheetStats] = field(default_factory=list)

    def sheet(self, name: str) -> SheetStats | None:
        return next((s for s in self.sheets if s.name == name), None)


def _mb(size: int) -> str:
    return number(size / MIB, 1)


def refusal(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_xlsx(data: bytes, filename: str) -> None:
    """Refuse anything but a plain .xlsx workbook of sane size; raises ``ValidationError``.

    Reads the ZIP directory and streams the worksheets; never builds a sheet in
    memory. Every message is Vietnamese and names the file (and the sheet and
    cell for a formula).
    """
    inspect_xlsx(data, filename)


def inspect_xlsx(data: bytes, filename: str) -> XlsxStats:
    """:func:`check_xlsx`, returning the worksheets' sizes for callers that need them."""
    lim = limits()
    name = filename or _("tệp tải lên")
    too_large = size_problem(len(data), name)
    if too_large is not None:
        raise too_large
    if not data:
        raise refusal(_("Tệp “%(name)s” rỗng (0 byte).") % {"name": name}, "empty")
    if data.startswith(_OLE2):
        raise refusal(
            _(
                "Tệp “%(name)s” là bảng tính Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu "
                "mở tệp, hệ thống không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, chọn "
                "File → Save As → Excel Workbook (*.xlsx) rồi tải tệp .xlsx lên lại."
            )
            % {"name": name},
            "ole2",
        )
    if not data.startswith(_ZIP):
        raise refusal(_not_a_zip(data, name), "not_zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise refusal(
            _(
                "Tệp “%(name)s” bị hỏng hoặc tải lên chưa trọn vẹn (không đọc được cấu trúc "
                "của tệp .xlsx). Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại."
            )
            % {"name": name},
            "corrupt",
        ) from None
    with archive:
        _check_directory(infos, name, lim)
        names = {i.filename for i in infos}
        content_types = _read_small(archive, "[Content_Types].xml", name, lim)
        if "xl/workbook.xml" not in names:
            raise refusal(_other_office_file(names, archive, name), "not_workbook")
        _check_macros(names, content_types, name)
        return _scan_worksheets(archive, names, name, lim)


# --- what a file is when it is not a workbook ----------------------------------------------


def _not_a_zip(data: bytes, name: str) -> str:
    head = data[:1024]
    if head.startswith(b"%PDF"):
        return _(
            "Tệp “%(name)s” là tệp PDF, không phải bảng tính Excel. Hãy tải lên tệp Excel "
            "(.xlsx) — tải mẫu từ hệ thống rồi điền số liệu vào đó."
        ) % {"name": name}
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        return _(
            "Tệp “%(name)s” là trang HTML hoặc XML (một số phần mềm xuất “Excel” dưới dạng này), "
            "không phải bảng tính Excel thật. Hãy mở tệp bằng Excel, chọn File → Save As → "
            "Excel Workbook (*.xlsx) rồi tải lên lại."
        ) % {"name": name}
    if _looks_like_text(head):
        return _(
            "Tệp “%(name)s” là tệp văn bản (CSV hoặc TXT) bị đổi tên thành .xlsx, không phải "
            "bảng tính Excel. Hãy mở tệp bằng Excel, chọn File → Save As → Excel Workbook "
            "(*.xlsx) rồi tải lên lại."
        ) % {"name": name}
    return _(
        "Tệp “%(name)s” không phải là bảng tính Excel (.xlsx) (có thể là một tệp khác bị đổi "
        "tên). Hãy tải lên đúng tệp Excel (.xlsx)."
    ) % {"name": name}


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def _other_office_file(names: set[str], archive: zipfile.ZipFile, name: str) -> str:
    if "word/document.xml" in names:
        return _(
            "Tệp “%(name)s” là văn bản Word (.docx) bị đổi tên, không phải bảng tính Excel. "
            "Hãy tải lên đúng tệp Excel (.xlsx)."
        ) % {"name": name}
    if "ppt/presentation.xml" in names:
        return _(
            "Tệp “%(name)s” là bản trình chiếu PowerPoint (.pptx) bị đổi tên, không phải bảng "
            "tính Excel. Hãy tải lên đúng tệp Excel (.xlsx)."
        ) % {"name": name}
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100]
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            mimetype = b""
        if b"opendocument.spreadsheet" in mimetype:
            return _(
                "Tệp “%(name)s” là bảng tính OpenDocument (.ods). Hãy mở bằng LibreOffice hoặc "
                "Excel, lưu lại dưới dạng Excel 2007-365 (.xlsx) rồi tải lên lại."
            ) % {"name": name}
    return _(
        "Tệp “%(name)s” là tệp nén ZIP nhưng không phải bảng tính Excel (.xlsx). Hãy tải lên "
        "đúng tệp Excel (.xlsx)."
    ) % {"name": name}


# --- the ZIP directory ------------------------------------------------------------------------


def _check_directory(infos: list[zipfile.ZipInfo], name: str, lim: Limits) -> None:
    if len(infos) > MAX_MEMBERS:
        raise refusal(
            _(
                "Tệp “%(name)s” chứa tới %(n)s thành phần bên trong, bất thường với một bảng tính; "
                "tệp bị từ chối."
            )
            % {"name": name, "n": number(len(infos), 0)},
            "zip_members",
        )
    total = sum(i.file_size for i in infos)
    if total > lim.max_uncompressed:
        raise refusal(
            _(
                "Tệp “%(name)s” bị từ chối: khi giải nén, nội dung lên tới %(size)s MB (giới hạn "
                "%(max)s MB) — đây có thể là “bom nén” hoặc tệp chứa quá nhiều dữ liệu. Hãy kiểm "
                "tra lại tệp hoặc chia nhỏ rồi tải lên lại."
            )
            % {"name": name, "size": _mb(total), "max": _mb(lim.max_uncompressed)},
            "zip_bomb",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise refusal(
                _(
                    "Tệp “%(name)s” có phần được mã hóa bằng mật khẩu, hệ thống không đọc được. "
                    "Hãy bỏ mật khẩu rồi lưu lại dưới dạng Excel Workbook (.xlsx)."
                )
                % {"name": name},
                "encrypted",
            )
        if info.file_size >= RATIO_MIN_SIZE and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise refusal(
                _(
                    "Tệp “%(name)s” bị từ chối: thành phần “%(member)s” nén với tỷ lệ %(ratio)s:1, "
                    "vượt mức %(max)s:1 của một bảng tính bình thường — dấu hiệu của “bom nén”."
                )
                % {
                    "name": name,
                    "member": info.filename[:80],
                    "ratio": number(ratio, 0),
                    "max": MAX_RATIO,
                },
                "zip_bomb",
            )


class _CappedReader(io.RawIOBase):
    """A decompressing member read in chunks, refused past ``cap`` bytes or on a DOCTYPE."""

    def __init__(self, raw, cap: int, on_exceed, on_doctype):
        self._raw = raw
        self._left = cap
        self._tail = b""
        self._on_exceed = on_exceed
        self._on_doctype = on_doctype

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._raw.read(min(len(buffer), _CHUNK))
        if not chunk:
            return 0
        self._left -= len(chunk)
        if self._left < 0:
            raise self._on_exceed()
        window = self._tail + chunk
        if any(marker in window for marker in _FORBIDDEN_XML):
            raise self._on_doctype()
        self._tail = window[-16:]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _open_capped(archive: zipfile.ZipFile, member: str, name: str, cap: int):
    def exceed():
        return refusal(
            _("Tệp “%(name)s” bị từ chối: phần “%(member)s” lớn bất thường khi giải nén.")
            % {"name": name, "member": member},
            "zip_bomb",
        )

    def doctype():
        return refusal(
            _(
                "Tệp “%(name)s” có cấu trúc XML không dùng trong bảng tính Excel (khai báo "
                "DOCTYPE/ENTITY) nên bị từ chối. Hãy mở bằng Excel, lưu lại rồi tải lên lại."
            )
            % {"name": name},
            "xml_doctype",
        )

    return io.BufferedReader(_CappedReader(archive.open(member), cap, exceed, doctype), _CHUNK)


def _read_small(archive: zipfile.ZipFile, member: str, name: str, lim: Limits) -> bytes:
    try:
        with _open_capped(archive, member, name, min(SMALL_PART_MAX, lim.max_uncompressed)) as f:
            return f.read()
    except KeyError:
        return b""
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError):
        raise _corrupt(name) from None


def _corrupt(name: str) -> ValidationError:
    return refusal(
        _(
            "Tệp “%(name)s” bị hỏng (không giải nén được). Hãy mở tệp bằng Excel, lưu lại rồi "
            "tải lên lại."
        )
        % {"name": name},
        "corrupt",
    )


def _check_macros(names: set[str], content_types: bytes, name: str) -> None:
    lowered = {n.lower() for n in names}
    types = content_types.lower()
    if (
        any(n.endswith("vbaproject.bin") for n in lowered)
        or any(n.startswith(("xl/macrosheets/", "xl/activex/")) for n in lowered)
        or any(t.encode() in types for t in _MACRO_TYPES)
    ):
        raise refusal(
            _(
                "Tệp “%(name)s” có chứa macro (VBA, macro Excel 4 hoặc ActiveX) nên bị từ chối vì "
                "lý do an toàn. Hãy mở tệp, chọn File → Save As → Excel Workbook (*.xlsx) — định "
                "dạng không có macro — rồi tải lên lại."
            )
            % {"name": name},
            "macro",
        )


# --- worksheets ----------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _worksheet_parts(
    archive: zipfile.ZipFile, names: set[str], name: str, lim: Limits
) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet, in workbook order; unknown parts last."""
    parts: list[tuple[str, str]] = []
    try:
        workbook = ET.fromstring(_read_small(archive, "xl/workbook.xml", name, lim))
        rels_xml = _read_small(archive, "xl/_rels/workbook.xml.rels", name, lim)
        rels = ET.fromstring(rels_xml) if rels_xml else None
    except ET.ParseError:
        raise _corrupt(name) from None
    targets = {}
    if rels is not None:
        for rel in rels:
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
    for el in workbook.iter():
        if _local(el.tag) == "sheet":
            path = targets.get(el.get(f"{{{_REL_NS}}}id"))
            if path in names:
                parts.append((el.get("name") or path, path))
    seen = {p for _n, p in parts}
    for part in sorted(names):
        if part.startswith("xl/worksheets/") and part.endswith(".xml") and part not in seen:
            parts.append((posixpath.basename(part), part))
    return parts


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _scan_worksheets(
    archive: zipfile.ZipFile, names: set[str], name: str, lim: Limits
) -> XlsxStats:
    stats = XlsxStats()
    problems: list[str] = []
    total_cells = 0
    budget = lim.max_uncompressed
    for sheet_name, part in _worksheet_parts(archive, names, name, lim):
        sheet = SheetStats(sheet_name)
        stats.sheets.append(sheet)
        formula_at = _scan_one(archive, part, sheet, name, lim, budget, total_cells)
        total_cells += sheet.cells
        budget -= archive.getinfo(part).file_size
        if formula_at:
            problems.append(
                _(
                    "Trang '%(sheet)s', ô %(cell)s chứa công thức; hãy dán giá trị (Paste Special "
                    "→ Values) rồi tải lên lại."
                )
                % {"sheet": sheet_name, "cell": formula_at}
            )
    if problems:
        raise ValidationError(
            [ValidationError(p, code="formula") for p in problems]
            + [
                ValidationError(
                    _(
                        "Hệ thống chỉ nhận giá trị, không nhận công thức: hãy chọn các ô có công "
                        "thức, Copy, rồi Paste Special → Values (Dán đặc biệt → Giá trị)."
                    ),
                    code="formula",
                )
            ]
        )
    return stats


def _scan_one(
    archive: zipfile.ZipFile,
    part: str,
    sheet: SheetStats,
    name: str,
    lim: Limits,
    budget: int,
    cells_before: int,
) -> str:
    """Stream one worksheet; returns the first formula cell ("" if none)."""
    formula_at = ""
    row = col = 0
    current = ""
    try:
        with _open_capped(archive, part, name, max(budget, 0)) as stream:
            sheet_data = None
            for event, el in ET.iterparse(stream, events=("start", "end")):
                tag = _local(el.tag)
                if event == "start":
                    if tag == "c":
                        col += 1
                        match = _CELL_REF.match(el.get("r") or "")
                        if match:
                            col = _column_number(match.group(1))
                            row = int(match.group(2))
                        current = f"{column_letter(col)}{row}"
                        sheet.cells += 1
                        sheet.last_column = max(sheet.last_column, col)
                        if sheet.last_column > lim.max_columns:
                            raise _too_wide(name, sheet, lim)
                        if cells_before + sheet.cells > lim.max_cells:
                            raise _too_many_cells(name, sheet, lim)
                    elif tag == "row":
                        r = el.get("r")
                        row = int(r) if r and r.isdigit() else row + 1
                        col = 0
                        sheet.rows += 1
                        sheet.last_row = max(sheet.last_row, row)
                        if row > lim.max_rows:
                            raise _too_long(name, sheet, lim)
                    elif tag == "f" and not formula_at:
                        formula_at = current or "?"
                    elif tag == "sheetData":
                        sheet_data = el
                    elif tag == "dimension":
                        _check_dimension(el.get("ref") or "", name, sheet, lim)
                elif tag == "row" and sheet_data is not None:
                    sheet_data.clear()  # keep memory flat on long sheets
    except ET.ParseError:
        raise refusal(
            _(
                "Trang '%(sheet)s' của tệp “%(name)s” bị hỏng (nội dung XML không đọc được). Hãy "
                "mở tệp bằng Excel, lưu lại rồi tải lên lại."
            )
            % {"sheet": sheet.name, "name": name},
            "corrupt",
        ) from None
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        raise _corrupt(name) from None
    return formula_at


def _check_dimension(ref: str, name: str, sheet: SheetStats, lim: Limits) -> None:
    last = ref.split(":")[-1]
    match = _CELL_REF.match(last)
    if not match:
        return
    if int(match.group(2)) > lim.max_rows:
        sheet.last_row = int(match.group(2))
        raise _too_long(name, sheet, lim)
    if _column_number(match.group(1)) > lim.max_columns:
        sheet.last_column = _column_number(match.group(1))
        raise _too_wide(name, sheet, lim)


def _too_long(name: str, sheet: SheetStats, lim: Limits) -> ValidationError:
    return refusal(
        _(
            "Trang '%(sheet)s' của tệp “%(name)s” dùng tới dòng %(row)s, vượt giới hạn %(max)s "
            "dòng. Hãy xóa các dòng thừa (kể cả dòng trống đã định dạng) hoặc chia nhỏ tệp."
        )
        % {
            "sheet": sheet.name,
            "name": name,
            "row": number(sheet.last_row, 0),
            "max": number(lim.max_rows, 0),
        },
        "too_many_rows",
    )


def _too_wide(name: str, sheet: SheetStats, lim: Limits) -> ValidationError:
    return refusal(
        _(
            "Trang '%(sheet)s' của tệp “%(name)s” dùng tới cột %(col)s, vượt giới hạn %(max)s "
            "cột. Hãy xóa các cột thừa rồi tải lên lại."
        )
        % {
            "sheet": sheet.name,
            "name": name,
            "col": column_letter(sheet.last_column),
            "max": number(lim.max_columns, 0),
        },
        "too_many_columns",
    )


def _too_many_cells(name: str, sheet: SheetStats, lim: Limits) -> ValidationError:
    return refusal(
        _(
            "Tệp “%(name)s” có quá nhiều ô dữ liệu (trên %(max)s ô, đến trang '%(sheet)s'). Hãy "
            "chia nhỏ tệp rồi tải lên lại."
        )
        % {"name": name, "max": number(lim.max_cells, 0), "sheet": sheet.name},
        "too_many_cells",
    )


def size_problem(size: int, filename: str) -> ValidationError | None:
    """The refusal of a file by its size alone (before reading it), or None."""
    lim = limits()
    if size > lim.max_bytes:
        return refusal(
            _(
                "Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(max)s MB. Hãy xóa các trang, "
                "hình ảnh không cần thiết hoặc chia nhỏ tệp rồi tải lên lại."
            )
            % {"name": filename, "size": _mb(size), "max": _mb(lim.max_bytes)},
            "too_large",
        )
    return None
