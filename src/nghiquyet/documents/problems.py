"""What an import says when a file cannot be imported: every problem named by sheet, row and
column ("Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): …")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def cell_ref(row: int, column: int) -> str:
    """``(7, 8)`` → ``"H7"``."""
    return f"{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """``8`` → ``"H"``, ``28`` → ``"AB"``."""
    letters = ""
    while column > 0:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class ImportInvalid(ValidationError):
    """A file that cannot be imported; ``problems`` lists every reason, by sheet, row, column."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.problems)


def problem_text(sheet: str, row: int, column: int | None, what: str, message: str) -> str:
    """ "Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): …"."""
    if column is None:
        return _("Trang '%(sheet)s', dòng %(row)s: %(message)s") % {
            "sheet": sheet,
            "row": row,
            "message": message,
        }
    if not what:
        return _("Trang '%(sheet)s', dòng %(row)s, cột %(col)s: %(message)s") % {
            "sheet": sheet,
            "row": row,
            "col": column_letter(column),
            "message": message,
        }
    return _("Trang '%(sheet)s', dòng %(row)s, cột %(col)s (%(what)s): %(message)s") % {
        "sheet": sheet,
        "row": row,
        "col": column_letter(column),
        "what": what,
        "message": message,
    }
