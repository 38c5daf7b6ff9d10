"""Saving what a filled template changed, compared three ways — the file, the template as
downloaded, the report now — so that:

- a cell the user did not touch never overwrites a figure someone changed on the
  web meanwhile;
- a cell both changed differently is a conflict, reported, nothing written;
- a cell equal to the report now changes nothing, so re-importing the same file
  changes nothing at all (no save, no new revision, no event).

What changed goes through :func:`nghiquyet.reporting.workflow.submission_save`
(all or nothing, REPORT scope, optimistic locking), with one ``submission.import``
audit event naming the file and the number of figures changed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.plans.choices import TargetDirection
from nghiquyet.plans.display import figure_text, number
from nghiquyet.reporting import workflow
from nghiquyet.reporting.models import Submission, SubmissionEntry

from ..problems import ImportInvalid, problem_text
from .parse import ParsedRow
from .spec import INPUT_COLUMNS, YES_NO, ImportResult, entry_label, field_labels, shown_fields

_GROUPS = {
    "figure": ("value", "numerator", "denominator"),
    "status": ("status",),
    "note": ("note",),
}


class _NothingChanged(Exception):
    pass


def save_rows(
    acting_user, submission: Submission, rows: list[ParsedRow], sheet: str, filename: str
):
    """Compare the file with the template and the report now; save what the user changed."""
    by_entry = {row.entry.pk: row for row in rows}
    with transaction.atomic(), audit_operation():
        # The revision first: a save by someone else after this point is refused by
        # submission_save (SubmissionConflict), so the comparison below stays true.
        fresh = Submission.objects.select_related("round__period", "unit").get(pk=submission.pk)
        current = {
            e.pk: e
            for e in SubmissionEntry.objects.filter(submission=fresh).select_related(
                "target__indicator", "unit"
            )
        }
        problems: list[str] = []
        send: dict[int, dict[str, str]] = {}
        fields = field_labels()
        for row in rows:
            entry = current[row.entry.pk]
            shown_now = shown_fields(entry, row.kind)
            template = row.template
            edited = set()
            for group, names in _GROUPS.items():
                f = tuple(row.fields[n] for n in names)
                s = tuple(shown_now[n] for n in names)
                b = tuple(template[n] for n in names)
                if f in (s, b):
                    continue
                if s == b:
                    edited.add(group)
                    continue
                col = next(INPUT_COLUMNS[n] for n, x, y in zip(names, f, s, strict=True) if x != y)
                field = next(n for n, c in INPUT_COLUMNS.items() if c == col)
                problems.append(
                    problem_text(
                        sheet,
                        row.row,
                        col,
                        f"{fields[field]} — {entry_label(entry, fresh)}",
                        _(
                            "số liệu này đã được sửa trên hệ thống sau khi bạn tải mẫu (hiện là "
                            "“%(now)s”); hãy tải mẫu mới rồi điền lại"
                        )
                        % {"now": _display_now(entry, field)},
                    )
                )
            if edited:
                send[entry.pk] = _row_to_send(entry, row, edited)
        if problems:
            raise ImportInvalid(problems)
        if not send:
            return ImportResult(
                0,
                _("Tệp “%(name)s” không có số liệu nào khác với báo cáo; không có gì thay đổi.")
                % {"name": filename},
                fresh,
            )
        before = {pk: _snapshot(current[pk]) for pk in send}
        try:
            with transaction.atomic():
                saved = workflow.submission_save(
                    acting_user=acting_user,
                    submission=fresh,
                    revision=fresh.revision,
                    rows=send,
                )
                after = {
                    e.pk: _snapshot(e) for e in SubmissionEntry.objects.filter(pk__in=list(send))
                }
                changed = sum(1 for pk in send if before[pk] != after[pk])
                if not changed:
                    raise _NothingChanged
                audit_log(
                    acting_user=acting_user,
                    action="submission.import",
                    obj=saved,
                    unit=saved.unit,
                    changes={"file": [None, filename], "figures": [None, changed]},
                )
        except _NothingChanged:
            return ImportResult(
                0,
                _("Tệp “%(name)s” không có số liệu nào khác với báo cáo; không có gì thay đổi.")
                % {"name": filename},
                fresh,
            )
        except workflow.SubmissionInvalid as exc:
            raise ImportInvalid(_translate(exc.problems, by_entry, fresh, sheet)) from None
        except workflow.SubmissionConflict as exc:
            raise ValidationError(exc.message) from None
    return ImportResult(
        changed,
        _("Đã nhập %(n)s số liệu từ tệp “%(name)s”.") % {"n": changed, "name": filename},
        saved,
    )


def _snapshot(entry: SubmissionEntry) -> tuple:
    return (entry.value, entry.numerator, entry.denominator, entry.status, entry.note)


def _display_now(entry: SubmissionEntry, field: str) -> str:
    if field == "status":
        return entry.get_status_display()
    if field == "note":
        return entry.note[:60]
    value = getattr(entry, field)
    if value is None:
        return _("trống")
    if entry.target.direction == TargetDirection.YES_NO:
        return _("Đạt") if value else _("Chưa đạt")
    return number(value, 6)


def _row_to_send(entry: SubmissionEntry, row: ParsedRow, edited: set[str]) -> dict[str, str]:
    """The texts submission_save expects: the user's edits over the report's current fields."""
    out: dict[str, str] = {}
    if "figure" in edited:
        for field in ("value", "numerator", "denominator"):
            text = row.fields[field]
            out[field] = figure_text(Decimal(text)) if text else ""
        written = row.value_text
    else:
        for field in ("value", "numerator", "denominator"):
            out[field] = figure_text(getattr(entry, field))
        written = entry.value_text
    if row.kind != YES_NO:
        out["value_text"] = written  # read here already, as the template wrote it
    out["status"] = row.fields["status"] if "status" in edited else entry.status
    out["note"] = row.note if "note" in edited else entry.note
    return out


def _translate(
    problems, rows: dict[int, ParsedRow], submission: Submission, sheet: str
) -> list[str]:
    """The service's problems (entry, field) as sheet, row and column."""
    fields = field_labels()
    out = []
    for p in problems:
        row = rows.get(p.entry_id)
        if row is None:
            out.append(p.message)
            continue
        label = entry_label(row.entry, submission)
        message = p.message
        for prefix in (f"{label}: ", f"{row.entry.target.code}. {row.entry.target.name}: "):
            message = message.removeprefix(prefix)
        field = p.field if p.field in INPUT_COLUMNS else "value"
        what = f"{fields[field]} — {label}"
        out.append(problem_text(sheet, row.row, INPUT_COLUMNS[field], what, message))
    return out
