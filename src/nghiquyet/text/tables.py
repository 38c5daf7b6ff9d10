"""Reading a spreadsheet an office sends: CSV (UTF-8, with or without BOM) or XLSX.

This module knows nothing about targets: it turns a file into a header and rows
of cells, each row carrying its spreadsheet row number (the header is usually
row 1), and maps the header texts the user wrote onto the fields a caller asks
for, accepting English and Vietnamese spellings with or without diacritics.

Every problem is reported in Vietnamese as a :class:`~nghiquyet.text.problems.Problem` naming
the row and the column as the user wrote it; :class:`~nghiquyet.text.problems.TextError`
carries one or more. Headers are compared by :func:`~nghiquyet.text.words.fold`, the one
normaliser.

Typical use::

    columns = [Column("code", ("code", "mã"), "mã chỉ tiêu"), ...]
    table = read_table("chi_tieu.csv", columns)
    for row in table.rows:
        row.number, row.cells["code"], table.headers["code"]
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cells import Cell, cell_text, is_blank
from .problems import Problem, TextError, _, fail
from .words import fold

#: Files larger than this are refused before being read.
MAX_BYTES = 20 * 1024 * 1024

#: How many non-blank rows may stand above the header (titles such as
#: "BIỂU TỔNG HỢP CHỈ TIÊU NĂM 2024").
HEADER_SEARCH_ROWS = 10

CSV = "csv"
XLSX = "xlsx"

_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Column:
    """A field a caller wants from the file.

    ``aliases`` are the accepted header spellings; the first two are shown when
    the column is missing, so put the English name and the Vietnamese one first
    (``("actual", "thuc_hien")``). Spellings are compared by :func:`fold`, so
    ``"thực hiện"``, ``"Thuc_Hien"`` and ``"thuc hien"`` all match ``"thuc_hien"``.
    """

    name: str
    aliases: tuple[str, ...]
    #: what the column holds, in Vietnamese ("mã chỉ tiêu"), for messages
    label: str
    required: bool = True


@dataclass(frozen=True)
class Row:
    """A data row: its spreadsheet number and the cells of the requested fields."""

    number: int
    #: field name → cell; ``""`` where the cell is empty or the optional column absent
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Sheet:
    """The raw content of a file: every non-blank row with its spreadsheet number."""

    format: str
    rows: list[tuple[int, list[Cell]]]


@dataclass(frozen=True)
class Table:
    """A file read against a list of :class:`Column`."""

    format: str
    header_row: int
    #: field name → the header text the user wrote (only for columns present)
    headers: dict[str, str]
    rows: list[Row] = field(default_factory=list)


def read_sheet(path: str | Path, *, max_bytes: int | None = None) -> Sheet:
    """Read a CSV or the first worksheet of an XLSX file into non-blank rows.

    The format is decided by content (a ZIP signature means a workbook), not by
    the extension alone. Text is NFC-normalised and trimmed. ``max_bytes``
    defaults to :data:`MAX_BYTES`. Raises :class:`TextError`.
    """
    path = Path(path)
    if max_bytes is None:
        max_bytes = MAX_BYTES
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise fail(_("đây là một thư mục, không phải một tệp"))
        if size > max_bytes:
            raise fail(
                _("tệp quá lớn (%(size)s MB); chỉ nhận tệp tối đa %(max)s MB"),
                size=_megabytes(size),
                max=_megabytes(max_bytes),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(_("không tìm thấy tệp")) from None
    except PermissionError:
        raise fail(_("không có quyền đọc tệp")) from None
    except OSError as exc:
        raise fail(_("không đọc được tệp (%(why)s)"), why=exc.strerror or exc) from None
    if len(data) > max_bytes:  # the file grew between stat() and read()
        raise fail(_("tệp quá lớn; chỉ nhận tệp tối đa %(max)s MB"), max=_megabytes(max_bytes))

    if data.startswith(_ZIP_SIGNATURES):
        return Sheet(XLSX, _xlsx_rows(data))
    if data.startswith(_OLE2_SIGNATURE):
        raise fail(
            _(
                "đây là tệp Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu, chưa được hỗ "
                "trợ; hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dưới dạng Excel Workbook "
                "(.xlsx) hoặc CSV UTF-8"
            )
        )
    if path.suffix.lower() in _SPREADSHEET_SUFFIXES:
        raise fail(
            _(
                "tệp có đuôi %(suffix)s nhưng không phải là bảng tính Excel hợp lệ (có thể là một "
                "tệp khác bị đổi tên); hãy mở bằng Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8"
            ),
            suffix=path.suffix,
        )
    return Sheet(CSV, _csv_rows(data))


def read_table(
    path: str | Path, columns: Sequence[Column], *, max_bytes: int | None = None
) -> Table:
    """Read a file and map its header onto ``columns``.

    The header is the first non-blank row, or a later one among the first
    :data:`HEADER_SEARCH_ROWS` when that row is a title above the table (the
    header is the first row naming at least two of ``columns``); rows above
    the header are ignored, and so are unknown columns. A
    missing required column, a column given twice (``code`` and ``ma``), an
    empty file and a file with a header but no data are errors. Rows whose
    requested cells are all empty are skipped. Raises :class:`TextError`.
    """
    sheet = read_sheet(path, max_bytes=max_bytes)
    if not sheet.rows:
        raise fail(_("tệp rỗng"))
    at = _header_position(sheet.rows, columns)
    header_row, header_cells = sheet.rows[at]
    index = map_header(header_cells, columns, header_row)
    headers = {name: cell_text(header_cells[i]).strip() for name, i in index.items()}
    rows: list[Row] = []
    for number, cells in sheet.rows[at + 1 :]:
        picked = {c.name: _pick(cells, index.get(c.name)) for c in columns}
        if all(is_blank(v) for v in picked.values()):
            continue
        rows.append(Row(number, picked))
    if not rows:
        raise TextError(
            Problem(_("có dòng tiêu đề nhưng không có dòng dữ liệu nào"), row=header_row)
        )
    return Table(sheet.format, header_row, headers, rows)


def map_header(
    header_cells: Sequence[Cell], columns: Sequence[Column], row: int = 1
) -> dict[str, int]:
    """Field name → column index for the header texts the user wrote.

    Raises :class:`TextError` listing every missing required column and every
    column given twice.
    """
    wanted = {fold(alias): col for col in columns for alias in col.aliases}
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for i, cell in enumerate(header_cells):
        col = wanted.get(fold(cell_text(cell)))
        if col is None:
            continue
        if col.name in index:
            first = cell_text(header_cells[index[col.name]]).strip()
            problems.append(
                Problem(
                    _(
                        "cột '%(first)s' và cột '%(second)s' đều là cột %(what)s; hãy giữ lại "
                        "một cột"
                    ),
                    {"first": first, "second": cell_text(cell).strip(), "what": col.label},
                    row=row,
                )
            )
            continue
        index[col.name] = i
    for col in columns:
        if col.required and col.name not in index:
            spellings = " hoặc ".join(f"'{a}'" for a in col.aliases[:2])
            problems.append(
                Problem(
                    _("thiếu cột %(what)s (%(spellings)s)"),
                    {"what": col.label, "spellings": spellings},
                    row=row,
                )
            )
    if problems:
        raise TextError(problems)
    return index


def _header_position(rows: Sequence[tuple[int, list[Cell]]], columns: Sequence[Column]) -> int:
    """Index in ``rows`` of the header: skips the title lines offices put above a table."""
    known = {fold(alias) for col in columns for alias in col.aliases}
    for at, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(fold(cell_text(c)) in known for c in cells) >= 2:
            return at
    return 0


def _pick(cells: Sequence[Cell], i: int | None) -> Cell:
    if i is None or i >= len(cells):
        return ""
    return cells[i]


def _megabytes(size: int) -> str:
    text = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return text.removesuffix(",0")


def _normalise(cell: Cell) -> Cell:
    if isinstance(cell, str):
        return unicodedata.normalize("NFC", cell).strip()
    return cell


def _decode(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (BOM optional); UTF-16 when it starts with its BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text" export
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail(_("tệp bắt đầu như UTF-16 nhưng không đọc được")) from None
    # Undecodable bytes are kept as surrogates so that the row holding the
    # first one can be named the way a spreadsheet counts rows.
    return data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")


def _has_bad_bytes(text: str) -> int | None:
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            return ord(ch) - 0xDC00
    return None


def _sniff_delimiter(text: str) -> str:
    """The header line's delimiter: the most frequent of ``,``, ``;``, TAB outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    started = False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "\r\n":
            if started:
                break
        elif not in_quotes:
            if not ch.isspace() or ch == "\t":
                started = True
            if ch in counts:
                counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    text = _decode(data)
    if "\x00" in text:
        raise fail(
            _(
                "tệp chứa dữ liệu nhị phân, không phải tệp CSV; hãy lưu bảng tính dưới dạng "
                ".xlsx hoặc CSV UTF-8"
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[tuple[int, list[Cell]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            for i, raw in enumerate(record):
                bad = _has_bad_bytes(raw)
                if bad is not None:
                    header = rows[0][1] if rows else []
                    column = str(header[i]) if i < len(header) and header[i] else None
                    raise TextError(
                        Problem(
                            _(
                                "tệp không phải mã hóa UTF-8 (gặp byte 0x%(byte)s); hãy mở tệp "
                                "bằng Excel và lưu lại dưới dạng CSV UTF-8 (Comma delimited)"
                            ),
                            {"byte": f"{bad:02X}"},
                            row=number,
                            column=column,
                        )
                    )
            cells: list[Cell] = [_normalise(c) for c in record]
            if any(not is_blank(c) for c in cells):
                rows.append((number, cells))
    except csv.Error as exc:
        raise TextError(
            Problem(
                _("không đọc được dòng này theo định dạng CSV (%(why)s)"),
                {"why": exc},
                row=number + 1,
            )
        ) from None
    return rows


@dataclass
class Workbook:
    """Cell values of a workbook as python-calamine reads them (no formulas, no styles).

    ``rows[sheet][i][j]`` is the cell at spreadsheet row ``i + 1``, column ``j + 1``
    (empty cells are ``""``); ``hidden`` names the hidden and very hidden sheets.
    """

    names: list[str]
    rows: dict[str, list[list]]
    hidden: dict[str, str]


def read_workbook(data: bytes, *, sheets: int | None = None) -> Workbook:
    """Every sheet's values (or the first ``sheets``), by python-calamine, the one reader.

    Raises ``TextError`` for a file that is not a readable workbook. A file from outside
    is to be checked first (``documents.xlsx_safety``).
    """
    # Imported here so that reading a CSV does not load the native extension.
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            names = list(book.sheet_names)
            hidden = {
                meta.name: str(meta.visible).rsplit(".", 1)[-1]
                for meta in book.sheets_metadata
                if str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            }
            # skip_empty_area=False keeps the position of the first row, so the rows'
            # numbers are the numbers Excel shows.
            rows = {
                name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in names[:sheets]
            }
            return Workbook(names, rows, hidden)
    except CalamineError:
        raise fail(
            _(
                "tệp không phải là bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng; hãy mở bằng "
                "Excel và lưu lại dưới dạng .xlsx"
            )
        ) from None


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    book = read_workbook(data, sheets=1)
    if not book.names:
        raise fail(_("bảng tính không có trang tính nào"))
    rows: list[tuple[int, list[Cell]]] = []
    for number, record in enumerate(book.rows[book.names[0]], start=1):
        cells: list[Cell] = [_normalise(c) for c in record]
        if any(not is_blank(c) for c in cells):
            rows.append((number, cells))
    return rows
