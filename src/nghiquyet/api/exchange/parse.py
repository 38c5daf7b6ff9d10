"""A row's fields as the values of a report entry: figures sent as JSON numbers or as text
(Vietnamese or English), yes/no, statuses, notes.

Every field becomes a value through the text layer (:mod:`nghiquyet.text`), as in the grid,
the Excel template and the command line: the same text gives the same value or the same
message.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from nghiquyet import text
from nghiquyet.engine import ratios
from nghiquyet.plans.choices import Aggregation, TargetDirection
from nghiquyet.reporting import workflow
from nghiquyet.reporting.choices import ValueStatus
from nghiquyet.reporting.models import SubmissionEntry

from .rows import FIGURES, Problems, RowIn

NOTE_MAX = 4000


SIX_PLACES = Decimal("0.000001")


def number_reader(rows: list[RowIn]) -> text.NumberReader:
    reader = text.NumberReader()
    for r in rows:
        for f in FIGURES:
            reader.observe(r.given.get(f))
    return reader


def _decimal(raw, reader: text.NumberReader) -> Decimal | None:
    """A figure sent as a JSON number or text; raises ``TextError``."""
    value = text.read_cell_number(raw, reader)
    if value is not None and value.as_tuple().exponent < -6:
        value = value.quantize(SIX_PLACES)
    return value


def entry_kind(entry: SubmissionEntry) -> str:
    target = entry.target
    if target.direction == TargetDirection.YES_NO:
        return "yes_no"
    if target.indicator_id and target.indicator.aggregation == Aggregation.RATIO:
        return "ratio"
    return "plain"


def entry_from_row(row: RowIn, entry: SubmissionEntry, reader, problems: Problems):
    """The entry's new content from the row (fields not sent keep the entry's), or None."""
    bad = len(problems.items)
    kind = entry_kind(entry)
    given = row.given
    parsed: dict[str, Decimal | None] = {}
    written = entry.value_text
    for f in FIGURES:
        if f not in given:
            continue
        raw = given[f]
        try:
            if kind == "yes_no" and f == "value":
                met = text.read_yes_no(raw)
                parsed[f] = None if met is None else Decimal(int(met))
            elif f == "value":
                parsed[f], written = workflow.figure_value(entry.target, raw, reader)
            else:
                parsed[f] = _decimal(raw, reader)
        except text.TextError as exc:
            problems.add(row.number, f, exc.problem.text)
    if kind != "ratio":
        for f in ("numerator", "denominator"):
            if parsed.get(f) is not None:
                problems.add(
                    row.number, f, _("chỉ tiêu này không nhập tử số, mẫu số; hãy để trống")
                )
    new = {
        "value": entry.value,
        "numerator": entry.numerator,
        "denominator": entry.denominator,
        "status": entry.status,
        "note": entry.note,
        "value_text": entry.value_text,
    }
    if "status" in given:
        try:
            new["status"] = text.read_status(given["status"]) or ValueStatus.ESTIMATE
        except text.TextError as exc:
            problems.add(row.number, "status", exc.problem.text)
    if "note" in given:
        note = str(given["note"] or "").strip()
        if len(note) > NOTE_MAX:
            problems.add(row.number, "note", _("ghi chú dài tối đa %(n)s ký tự") % {"n": NOTE_MAX})
        new["note"] = note
    if len(problems.items) > bad:
        return None
    new.update(parsed)
    new["value_text"] = written if new["value"] is not None else ""
    if kind == "ratio" and parsed:
        typed = parsed.get("value")
        check = ratios.ratio_check(
            new["numerator"], new["denominator"], typed, entry.target.indicator.ratio_factor
        )
        if check.problem == ratios.MISSING_PART:
            problems.add(
                row.number, check.field, _("phải có cả tử số và mẫu số, hoặc bỏ trống cả hai")
            )
            return None
        if typed is None:
            # The value follows its parts, by the rule the service applies; a figure typed
            # beside them (or negative parts) the service checks and reports.
            if check.problem == ratios.ZERO_DENOMINATOR:
                problems.add(row.number, check.field, _("mẫu số phải khác 0"))
                return None
            new["value"] = check.computed
    return new
