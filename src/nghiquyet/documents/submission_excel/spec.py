"""A unit's report as an Excel template: the layout both the template and the import follow.

The template is the web grid on paper: the same rows in the same order with the same
reference figures, the unit's draft prefilled, everything locked except the input cells
(value, numerator and denominator of ratios, status, note). A very hidden sheet carries the
submission, round, unit and period, every row's entry id and the figures as the template
showed them (:func:`shown_fields`, in :func:`canon` form), signed with an HMAC of the site's
secret key (:func:`sign`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from nghiquyet.plans.choices import Aggregation, TargetDirection
from nghiquyet.reporting.choices import ValueStatus
from nghiquyet.reporting.models import Submission, SubmissionEntry
from nghiquyet.text import fold

KIND = "nghiquyet.submission-template"


FORMAT_VERSION = "1"


META_SHEET = "_nghiquyet"


_SALT = "nghiquyet.documents.submission_excel"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


HEADER_ROW = 6


FIRST_ROW = HEADER_ROW + 1


#: Columns of the data sheet (1 = A).
COL_CODE, COL_NAME, COL_UOM, COL_PLAN = 1, 2, 3, 4


COL_PREVIOUS, COL_PREVIOUS_PERIOD, COL_LAST_YEAR = 5, 6, 7


COL_VALUE, COL_NUMERATOR, COL_DENOMINATOR, COL_STATUS, COL_NOTE = 8, 9, 10, 11, 12


COL_ID = 13


INPUT_COLUMNS = {
    "value": COL_VALUE,
    "numerator": COL_NUMERATOR,
    "denominator": COL_DENOMINATOR,
    "status": COL_STATUS,
    "note": COL_NOTE,
}


NOTE_MAX = 4000


SIX_PLACES = Decimal("0.000001")


#: Row kinds: how a target's figure is entered.
PLAIN, RATIO, YES_NO = "plain", "ratio", "yes_no"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: how many figures changed, and a sentence saying so."""

    changed: int
    message: str
    submission: Submission


def column_headers() -> dict[int, str]:
    return {
        COL_CODE: _("STT"),
        COL_NAME: _("Chỉ tiêu"),
        COL_UOM: _("ĐVT"),
        COL_PLAN: _("Kế hoạch"),
        COL_PREVIOUS: _("Kỳ trước"),
        COL_PREVIOUS_PERIOD: _("Kỳ của số liệu trước"),
        COL_LAST_YEAR: _("Cùng kỳ năm trước"),
        COL_VALUE: _("Giá trị"),
        COL_NUMERATOR: _("Tử số"),
        COL_DENOMINATOR: _("Mẫu số"),
        COL_STATUS: _("Tình trạng"),
        COL_NOTE: _("Ghi chú, giải trình"),
        COL_ID: _("Mã dòng (không sửa)"),
    }


def field_labels() -> dict[str, str]:
    return {
        "value": _("Giá trị"),
        "numerator": _("Tử số"),
        "denominator": _("Mẫu số"),
        "status": _("Tình trạng"),
        "note": _("Ghi chú"),
    }


def status_labels() -> dict[str, str]:
    return {key: str(label) for key, label in ValueStatus.choices}


def row_kind(entry: SubmissionEntry) -> str:
    target = entry.target
    if target.direction == TargetDirection.YES_NO:
        return YES_NO
    if target.indicator_id and target.indicator.aggregation == Aggregation.RATIO:
        return RATIO
    return PLAIN


def entry_label(entry: SubmissionEntry, submission: Submission) -> str:
    label = f"{entry.target.code}. {entry.target.name}"
    if entry.unit_id != submission.unit_id:
        label += f" ({entry.unit.name})"
    return label


def canon(value: Decimal | None) -> str:
    """A figure as compared across the file, the template and the database.

    Fifteen significant digits (what a spreadsheet keeps), at most six decimals
    (what the database keeps), no trailing zeros: ``8.000000`` → ``"8"``.
    """
    if value is None:
        return ""
    value = Decimal(format(value, ".15g"))
    if value.as_tuple().exponent < -6:
        value = value.quantize(SIX_PLACES)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def clean_text(text: str) -> str:
    """Text as a cell shows it and as compared on import: NFC, no control characters, \\n."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(text or ""))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def note_key(text: str) -> str:
    return hashlib.sha256(clean_text(text).encode()).hexdigest()[:32]


def shown_fields(entry: SubmissionEntry, kind: str) -> dict[str, str]:
    """The entry's fields as the template shows them (canonical texts)."""
    if kind == YES_NO:
        value = "" if entry.value is None else ("1" if entry.value else "0")
        numerator = denominator = ""
    elif kind == RATIO and (entry.numerator is not None or entry.denominator is not None):
        # The rate is computed from the numerator and denominator; its cell stays empty.
        value = ""
        numerator, denominator = canon(entry.numerator), canon(entry.denominator)
    else:
        value = canon(entry.value)
        numerator = canon(entry.numerator) if kind == RATIO else ""
        denominator = canon(entry.denominator) if kind == RATIO else ""
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "status": entry.status,
        "note": note_key(entry.note),
    }


def sign(meta: list[list[str]]) -> str:
    payload = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    return salted_hmac(_SALT, payload, algorithm="sha256").hexdigest()


def template_filename(submission: Submission) -> str:
    """``bao-cao-phuong-an-hoi-2021-H1.xlsx``."""
    slug = slugify(fold(submission.unit.name).replace("_", "-")) or "don-vi"
    return f"bao-cao-{slug}-{submission.round.period.key}.xlsx"
