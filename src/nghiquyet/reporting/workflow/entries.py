"""Saving a report's figures: the grid's autosave, a whole report, an Excel or API save — every
cell read through the text layer, a row kept whatever its neighbours hold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.audit.services import audit_log
from nghiquyet.engine import ratios
from nghiquyet.plans.choices import TargetChange, TargetDirection
from nghiquyet.text import (
    NumberReader,
    TextError,
    read_cell_number,
    read_status,
    read_yes_no,
)
from nghiquyet.text.figures import measures_reduction, read_figure_value

from ..choices import (
    ValueStatus,
)
from ..models import Submission, SubmissionEntry
from ..quality import entry_quality
from ..selectors.submissions import submission_edit_require
from ..services import SIX_PLACES
from .common import (
    ENTRY_FIELDS,
    EntryProblem,
    SubmissionConflict,
    SubmissionInvalid,
    bump,
    entry_label,
    save_event,
)


def _parse(text: str, reader: NumberReader) -> Decimal | None:
    value = read_cell_number(text, reader)
    if value is not None and value.as_tuple().exponent < -6:
        value = value.quantize(SIX_PLACES)
    return value


def figure_value(target, cell, reader: NumberReader) -> tuple[Decimal | None, str]:
    """A figure for ``target`` as typed ("khoảng 22.710", "61-62", "giảm 1,72%"): its number, by
    the target's direction and form, and its text when it said more than a number."""
    value, written = read_figure_value(
        cell,
        reader,
        direction=target.direction,
        reduction=measures_reduction(target.name),
        compared=target.change != TargetChange.NONE,
    )
    if value is not None and value.as_tuple().exponent < -6:
        value = value.quantize(SIX_PLACES)
    return value, written


def _reader(texts: Iterable[str]) -> NumberReader:
    # The page's language says how people type when a cell alone cannot tell.
    english = (get_language() or "vi").startswith("en")
    reader = NumberReader.english_page() if english else NumberReader()
    for text in texts:
        reader.observe(text)
    return reader


@transaction.atomic
def submission_save(
    *,
    acting_user,
    submission: Submission,
    revision: int,
    rows: Mapping[int, Mapping[str, str]],
) -> Submission:
    """Save figures typed into the grid: all of them or none.

    ``rows`` maps entry ids to the texts of the fields ``value``, ``numerator``,
    ``denominator``, ``status`` and ``note`` (numbers the Vietnamese way, or the
    English way; the value as reports print it, "khoảng 22.710", "61-62", read by
    :func:`figure_value`), and optionally ``value_text``: the value as written, from a
    caller that read the figure itself (then ``value`` is its number); a field left out
    keeps what is stored. Every bad cell is reported, naming the target and the field. The
    Excel template and the API's imports use this one: a file or a request is taken whole
    or not at all.
    """
    saved = _rows_save(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        rows=rows,
        keep_valid=False,
    )
    return saved.submission


@dataclass(frozen=True)
class CellsSaved:
    """What :func:`submission_cells_save` did: the report now, the rows it wrote, and the
    problems of the rows it could not write (their cells keep what was stored)."""

    submission: Submission
    saved: tuple[int, ...]
    problems: tuple[EntryProblem, ...]


@transaction.atomic
def submission_cells_save(
    *,
    acting_user,
    submission: Submission,
    revision: int,
    rows: Mapping[int, Mapping[str, str]],
) -> CellsSaved:
    """Save the grid's rows one by one, as a person leaves their cells: every valid row
    is written whatever the others hold, and each bad row is reported (by target and
    field) and left as it was stored. Same rights, rules and optimistic locking as
    :func:`submission_save`; a stale ``revision`` writes nothing.
    """
    return _rows_save(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        rows=rows,
        keep_valid=True,
    )


def _rows_save(*, acting_user, submission, revision, rows, keep_valid: bool) -> CellsSaved:
    submission_edit_require(user=acting_user, submission=submission)
    entries = {
        e.pk: e
        for e in SubmissionEntry.objects.filter(submission=submission).select_related(
            "target__indicator", "unit", "submission__round__period"
        )
    }
    unknown = set(rows) - set(entries)
    if unknown:
        raise ValidationError(_("Dữ liệu gửi lên không thuộc báo cáo này."))
    reader = _reader(
        text
        for row in rows.values()
        for key in ("value", "numerator", "denominator")
        if (text := row.get(key))
    )
    problems: list[EntryProblem] = []
    changed: list[SubmissionEntry] = []
    changed_flags: list[SubmissionEntry] = []
    # Every field changed, with its old and new value: "3.numerator": ["4330", "4331"].
    changes: dict[str, list] = {}
    for entry_id, row in rows.items():
        entry = entries[entry_id]
        new = _parse_row(entry, row, reader, problems)
        if new is None:
            continue
        if any(getattr(entry, k) != v for k, v in new.items()):
            for k, v in new.items():
                if getattr(entry, k) != v:
                    changes[f"{entry.target.code}.{k}"] = [getattr(entry, k), v]
                setattr(entry, k, v)
            changed.append(entry)
    if problems and not keep_valid:
        raise SubmissionInvalid(problems)
    if not changed:
        # Nothing to write (an autosave of an unchanged grid, the same file imported
        # again): no new revision, no history line — but a stale page is still told.
        fresh = Submission.objects.select_related("updated_by", "round", "unit").get(
            pk=submission.pk
        )
        if fresh.revision != revision:
            raise SubmissionConflict(fresh)
        return CellsSaved(fresh, (), tuple(problems))
    submission = bump(submission, revision, acting_user)
    now = timezone.now()
    for entry in changed:
        entry.updated_at = now
    # The quality check sees the whole report (a share group spans several rows).
    said = entry_quality(list(entries.values()))
    for entry in entries.values():
        flagged, why = bool(said[entry.pk]), "\n".join(said[entry.pk])
        if (entry.implausible, entry.quality) != (flagged, why):
            entry.implausible, entry.quality = flagged, why
            if entry not in changed:
                changed_flags.append(entry)
    SubmissionEntry.objects.bulk_update(
        changed,
        [*ENTRY_FIELDS, "value_text", "implausible", "quality", "updated_at"],
    )
    if changed_flags:
        SubmissionEntry.objects.bulk_update(changed_flags, ["implausible", "quality"])
    save_event(submission, acting_user)
    audit_log(
        acting_user=acting_user,
        action="submission.save",
        obj=submission,
        unit=submission.unit,
        changes=changes,
    )
    return CellsSaved(submission, tuple(e.pk for e in changed), tuple(problems))


def _parse_row(entry, row, reader, problems) -> dict | None:
    """The new field values of one grid row, or None after recording its problems."""
    target = entry.target
    label = entry_label(entry)
    found = len(problems)

    def bad(field: str, message: str) -> None:
        problems.append(EntryProblem(entry.pk, field, f"{label}: {message}"))

    new = {"status": ValueStatus.ESTIMATE, "note": (row.get("note", entry.note) or "").strip()}
    try:
        new["status"] = read_status(row.get("status", entry.status)) or ValueStatus.ESTIMATE
    except TextError as exc:
        bad("status", exc.problem.text)
    if target.direction == TargetDirection.YES_NO:
        if "value" not in row:
            new["value"] = entry.value
            new["numerator"] = new["denominator"] = None
            return None if len(problems) > found else new
        try:
            met = read_yes_no(row.get("value"))
            new["value"] = None if met is None else Decimal(int(met))
        except TextError as exc:
            bad("value", exc.problem.text)
        new["numerator"] = new["denominator"] = None
        new["value_text"] = ""
        return None if len(problems) > found else new

    values = {}
    for field in ("value", "numerator", "denominator"):
        if field not in row:
            # A cell not sent keeps what is stored; a ratio's figure is computed again
            # from new parts.
            parts_sent = field == "value" and {"numerator", "denominator"} & row.keys()
            values[field] = None if parts_sent else getattr(entry, field)
            if parts_sent:
                new["value_text"] = ""
            continue
        try:
            if field == "value" and "value_text" in row:
                # A caller that read the figure itself (the API, the Excel template) sends the
                # number and the text as written.
                values[field] = _parse(row.get(field, ""), reader)
                given = (row["value_text"] or "")[:200]
                new["value_text"] = given if values[field] is not None else ""
            elif field == "value":
                values[field], new["value_text"] = figure_value(target, row.get(field), reader)
            else:
                values[field] = _parse(row.get(field, ""), reader)
        except TextError as exc:
            names = {"value": _("giá trị"), "numerator": _("tử số"), "denominator": _("mẫu số")}
            error = exc.problem.text
            bad(field, _("%(field)s: %(error)s.") % {"field": names[field], "error": error})
    if len(problems) > found:
        return None
    num, den = values["numerator"], values["denominator"]
    factor = target.indicator.ratio_factor if target.indicator_id else Decimal(100)
    check = ratios.ratio_check(num, den, values["value"], factor)
    if not check.ok:
        messages = {
            ratios.MISSING_PART: _("phải nhập cả tử số và mẫu số, hoặc bỏ trống cả hai."),
            ratios.ZERO_DENOMINATOR: _("mẫu số phải khác 0."),
            ratios.NEGATIVE: _("tử số và mẫu số không được âm."),
            ratios.MISMATCH: _("giá trị %(value)s không khớp tử số / mẫu số (%(computed)s).")
            % {
                "value": engine.format_number(float(check.value or 0), 4, trim=True),
                "computed": engine.format_number(float(check.computed or 0), 4, trim=True),
            },
        }
        bad(check.field, messages[check.problem])
        return None
    new.update(value=check.value, numerator=num, denominator=den)
    return new
