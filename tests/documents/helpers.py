"""Building and filling Excel files in memory for the import tests."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from django.test import Client

from nghiquyet.documents.submission_excel.spec import (
    COL_DENOMINATOR,
    COL_ID,
    COL_NOTE,
    COL_NUMERATOR,
    COL_STATUS,
    COL_VALUE,
    FIRST_ROW,
)
from nghiquyet.reporting.models import Submission

COLUMNS = {
    "value": COL_VALUE,
    "numerator": COL_NUMERATOR,
    "denominator": COL_DENOMINATOR,
    "status": COL_STATUS,
    "note": COL_NOTE,
}
STATUS_LABELS = {"estimate": "ước thực hiện", "preliminary": "sơ bộ", "official": "chính thức"}


def demo_submission(unit_code: str) -> Submission:
    return Submission.objects.get(
        round__plan__code="thanhpho-2021", round__period__key="2021-H1", unit__code=unit_code
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save_book(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def entry_rows(ws) -> dict[int, int]:
    """Entry id → spreadsheet row, from the hidden id column."""
    rows = {}
    for r in range(FIRST_ROW, ws.max_row + 1):
        value = ws.cell(row=r, column=COL_ID).value
        if value not in (None, ""):
            rows[int(value)] = r
    return rows


def fill(data: bytes, rows: dict[int, dict[str, str]]) -> bytes:
    """The template with ``rows`` (entry id → field → text, as the grid) typed in.

    Numbers are typed the way Excel stores them (numbers, not text) when they
    read as such; statuses as their labels.
    """
    wb = open_book(data)
    ws = wb.worksheets[0]
    where = entry_rows(ws)
    for entry_id, fields in rows.items():
        r = where[entry_id]
        for field, text in fields.items():
            value: object = text
            if field == "status":
                value = STATUS_LABELS.get(text, text)
            elif field in ("value", "numerator", "denominator") and text != "":
                try:
                    value = float(text.replace(".", "").replace(",", "."))
                except ValueError:
                    value = text
            elif text == "":
                value = None
            ws.cell(row=r, column=COLUMNS[field]).value = value
    return save_book(wb)


def zip_bytes(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def with_members(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None):
    """A copy of a ZIP with members added or replaced."""
    replace = replace or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, content)
        for name, content in extra.items():
            dst.writestr(name, content)
    return buffer.getvalue()
