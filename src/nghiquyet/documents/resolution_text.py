"""A resolution's text as lines: a Word document (.docx), a plain text (.txt) or Markdown
(.md) file, as the office has it. :func:`nghiquyet.text.resolution.extract_targets` reads
the lines into groups and targets; this module only opens the file.

No Django here, so that ``nghiquyet plan extract --json`` runs without a database.
"""

from __future__ import annotations

import io
import zipfile

#: Files larger than this are refused (a resolution's text is a few hundred kilobytes).
MAX_BYTES = 20 * 1024 * 1024

SUFFIXES = (".docx", ".txt", ".md")


class ResolutionFileError(ValueError):
    """A file that cannot be read as a resolution's text; the message is Vietnamese."""


def resolution_lines(data: bytes, filename: str) -> list[str]:
    """The lines of a resolution: a .docx's paragraphs (and its tables' rows, cells joined
    by " "), or a text file's lines (UTF-8, with or without BOM; else Windows-1258)."""
    if len(data) > MAX_BYTES:
        raise ResolutionFileError(
            f"Tệp “{filename}” lớn hơn {MAX_BYTES // (1024 * 1024)} MB; hãy chỉ lấy phần các "
            "chỉ tiêu."
        )
    name = filename.lower()
    if name.endswith(".docx") or data[:2] == b"PK":
        return _docx_lines(data, filename)
    if name.endswith((".doc", ".pdf")):
        raise ResolutionFileError(
            f"Không đọc được “{filename}”: hãy lưu văn bản thành .docx (Word 2007 trở lên), "
            ".txt hoặc .md."
        )
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise ResolutionFileError(f"Không đọc được “{filename}”: hãy lưu tệp với bảng mã UTF-8.")


def _docx_lines(data: bytes, filename: str) -> list[str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ResolutionFileError(
            f"“{filename}” không phải là tệp Word .docx đọc được; hãy mở bằng Word và lưu lại "
            "thành .docx."
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                text = cell.text.strip()
                if text and (not cells or cells[-1] != text):  # merged cells repeat
                    cells.append(text)
            lines.append(" ".join(cells))
    return lines
