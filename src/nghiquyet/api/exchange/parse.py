"""A row's fields as the values of a report entry: figures sent as JSON numbers or as text
(Vietnamese or English), yes/no, statuses, notes.

Every field that becomes a value does so here, together; the text layer (nghiquyet.text)
is to take it over.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from nghiquyet import engine, text
from nghiquyet.engine import ratios
from nghiquyet.plans.choices import Aggregation, TargetDirection
from nghiquyet.reporting.choices import ValueStatus
from nghiquyet.reporting.models import SubmissionEntry
from nghiquyet.tabular import fold

from .rows import FIGURES, Problems, RowIn

NOTE_MAX = 4000


#: Figures the database can hold (20 digits, 6 of them decimals).
NUMBER_LIMIT = text.NUMBER_LIMIT


SIX_PLACES = Decimal("0.000001")


_YES = {"1", "1.0", "true", "yes", "co", "dat", "achieved", "met"}


_NO = {"0", "0.0", "false", "no", "khong", "chua_dat", "khong_dat", "not_achieved", "not_met"}


def number_reader(rows: list[RowIn]) -> engine.NumberReader:
    reader = engine.NumberReader()
    for r in rows:
        for f in FIGURES:
            raw = r.given.get(f)
            if isinstance(raw, str) and raw.strip():
                reader.observe(raw)
    return reader


def _decimal(raw, reader: engine.NumberReader) -> Decimal | None:
    """A figure sent as a JSON number or text; raises ValueError with a Vietnamese message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(_("phải là một số"))
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueError(_("phải là một số hữu hạn"))
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        try:
            value = Decimal(repr(reader.read(str(raw))))
        except (engine.NumberError, InvalidOperation):
            raise ValueError(_("“%(text)s” không phải là một số") % {"text": raw}) from None
    if not value.is_finite():
        raise ValueError(_("phải là một số hữu hạn"))
    if abs(value) >= NUMBER_LIMIT:
        raise ValueError(_("số quá lớn (tối đa 14 chữ số phần nguyên)"))
    return value.quantize(SIX_PLACES) if value.as_tuple().exponent < -6 else value


def entry_kind(entry: SubmissionEntry) -> str:
    target = entry.target
    if target.direction == TargetDirection.YES_NO:
        return "yes_no"
    if target.indicator_id and target.indicator.aggregation == Aggregation.RATIO:
        return "ratio"
    return "plain"


def entry_from_row(row: RowIn, entry: SubmissionEntry, reader, statuses, problems: Problems):
    """The entry's new content from the row (fields not sent keep the entry's), or None."""
    bad = len(problems.items)
    kind = entry_kind(entry)
    given = row.given
    parsed: dict[str, Decimal | None] = {}
    for f in FIGURES:
        if f not in given:
            continue
        raw = given[f]
        if kind == "yes_no" and f == "value":
            text = fold(str(raw)) if raw is not None else ""
            if isinstance(raw, bool):
                text = "1" if raw else "0"
            if not text:
                parsed[f] = None
            elif text in _YES:
                parsed[f] = Decimal(1)
            elif text in _NO:
                parsed[f] = Decimal(0)
            else:
                problems.add(
                    row.number, f, _("chỉ tiêu đạt/không đạt: gửi 1 (đạt) hoặc 0 (chưa đạt)")
                )
            continue
        try:
            parsed[f] = _decimal(raw, reader)
        except ValueError as exc:
            problems.add(row.number, f, str(exc))
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
    }
    if "status" in given:
        raw = given["status"]
        if raw is None or not str(raw).strip():
            new["status"] = ValueStatus.ESTIMATE
        elif (key := statuses.get(fold(str(raw)))) is None:
            problems.add(
                row.number,
                "status",
                _(
                    "“%(text)s” không phải tình trạng số liệu; dùng estimate, preliminary "
                    "hoặc official"
                )
                % {"text": raw},
            )
        else:
            new["status"] = key
    if "note" in given:
        note = str(given["note"] or "").strip()
        if len(note) > NOTE_MAX:
            problems.add(row.number, "note", _("ghi chú dài tối đa %(n)s ký tự") % {"n": NOTE_MAX})
        new["note"] = note
    if len(problems.items) > bad:
        return None
    new.update(parsed)
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
