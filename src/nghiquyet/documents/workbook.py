"""Reading an uploaded workbook's values with python-calamine, once :mod:`.xlsx_safety` has
checked the file."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .xlsx_safety import check_xlsx, refusal


@dataclass
class Workbook:
    """Cell values of a workbook as python-calamine reads them (no formulas, no styles).

    ``rows[sheet][i][j]`` is the cell at spreadsheet row ``i + 1``, column ``j + 1``
    (empty cells are ``""``); ``hidden`` names the hidden and very hidden sheets.
    """

    names: list[str]
    rows: dict[str, list[list]]
    hidden: dict[str, str]


def read_workbook(data: bytes, filename: str, *, checked: bool = False) -> Workbook:
    """Check the file (unless ``checked``), then read every sheet's values with python-calamine."""
    from python_calamine import CalamineError, CalamineWorkbook

    if not checked:
        check_xlsx(data, filename)
    name = filename or _("tệp tải lên")
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            hidden = {
                meta.name: str(meta.visible).rsplit(".", 1)[-1]
                for meta in book.sheets_metadata
                if str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            }
            rows = {
                sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                for sheet in book.sheet_names
            }
            return Workbook(list(book.sheet_names), rows, hidden)
    except CalamineError:
        raise refusal(
            _(
                "Không đọc được nội dung tệp “%(name)s” (tệp bị hỏng hoặc không đúng định dạng "
                "Excel Workbook). Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại."
            )
            % {"name": name},
            "unreadable",
        ) from None
