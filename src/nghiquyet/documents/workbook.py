"""Reading an uploaded workbook's values once :mod:`.xlsx_safety` has checked the file, with the
text layer's one reader (:func:`nghiquyet.text.tables.read_workbook`, python-calamine)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from nghiquyet.text import TextError
from nghiquyet.text.tables import Workbook
from nghiquyet.text.tables import read_workbook as read_values

from .xlsx_safety import check_xlsx, refusal

__all__ = ["Workbook", "read_workbook"]


def read_workbook(data: bytes, filename: str, *, checked: bool = False) -> Workbook:
    """Check the file (unless ``checked``), then read every sheet's values."""
    if not checked:
        check_xlsx(data, filename)
    name = filename or _("tệp tải lên")
    try:
        return read_values(data)
    except TextError:
        raise refusal(
            _(
                "Không đọc được nội dung tệp “%(name)s” (tệp bị hỏng hoặc không đúng định dạng "
                "Excel Workbook). Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại."
            )
            % {"name": name},
            "unreadable",
        ) from None
