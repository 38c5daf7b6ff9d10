"""The text layer: the only place where a cell, a field or a phrase becomes a value.

Django-free, like ``engine/`` (which it may import; nothing else of the project may be
imported here). Numbers as offices write them ("1.234,5"), yes/no words, value statuses
(ước, sơ bộ, chính thức), periods, spreadsheet reading, target wordings as resolutions print
them ("từ 11% trở lên", "giảm 0,7% (còn 4,33%)") and figures as reports print them
("khoảng 22.710", "61-62") — each read here, once, and reported with one problem type that
names the sheet, row, column or field in Vietnamese.

Layers (checked by a test): engine ← text ← accounts/orgs/audit ← plans ← reporting ←
documents/notifications ← web/api/cli.
"""

from .cells import Cell, cell_text, is_blank, read_cell_number
from .formulas import csv_cell, csv_uncell, formula_risk
from .numbers import (
    NUMBER_HINT,
    NUMBER_LIMIT,
    NUMBER_PATTERN,
    Convention,
    NumberReader,
    is_ambiguous,
    read_number,
)
from .problems import Problem, TextError, use_translation
from .statuses import read_status
from .words import fold, label_key, word_map
from .yesno import NO_WORDS, YES_NO_HINT, YES_WORDS, read_yes_no

__all__ = [
    "NO_WORDS",
    "NUMBER_HINT",
    "NUMBER_LIMIT",
    "NUMBER_PATTERN",
    "YES_NO_HINT",
    "YES_WORDS",
    "Cell",
    "Convention",
    "NumberReader",
    "Problem",
    "TextError",
    "cell_text",
    "csv_cell",
    "csv_uncell",
    "fold",
    "formula_risk",
    "is_ambiguous",
    "is_blank",
    "label_key",
    "read_cell_number",
    "read_number",
    "read_status",
    "read_yes_no",
    "use_translation",
    "word_map",
]
