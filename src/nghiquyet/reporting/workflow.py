"""Reporting rounds and the submission workflow (services: every write is here).

draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted
  ▲                  │                      │                    │
  └──── returned ◀───┴──return──────────────┘                    │
  ▲                                                               │
  └───────────────────────── reopen (a correction: version + 1) ─┘

- the unit's reporter edits and submits (draft or returned);
- the unit's leader approves or returns a submitted report;
- the office accepts or returns an approved report, and may reopen an
  accepted one for a correction;
- figures reach :class:`~nghiquyet.reporting.models.Value` only on acceptance,
  each as a new version, so accepted data is never overwritten.

Every change carries the ``revision`` the user saw; a change made from an
older revision is refused (:class:`SubmissionConflict`) and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.engine import ratios
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import TargetChange, TargetDirection
from nghiquyet.text import (
    NumberReader,
    TextError,
    read_cell_number,
    read_status,
    read_yes_no,
)
from nghiquyet.text.figures import measures_reduction, read_figure_value

from .choices import (
    EDITABLE_STATUSES,
    SubmissionAction,
    SubmissionStatus,
    ValueSource,
    ValueStatus,
)
from .models import Submission, SubmissionEntry, SubmissionEvent
from .quality import entry_quality
from .selectors.submissions import submission_edit_require
from .services import SIX_PLACES, value_record
from .signals import submission_moved

#: The fields of an entry a person types.
ENTRY_FIELDS = ("value", "numerator", "denominator", "status", "note")


class SubmissionConflict(Exception):
    """Someone changed the submission since the user loaded it; nothing was saved."""

    def __init__(self, submission: Submission):
        who = submission.updated_by
        name = (who.first_name or who.username) if who else _("người khác")
        when = formats.date_format(
            timezone.localtime(submission.updated_at), "SHORT_DATETIME_FORMAT"
        )
        self.submission = submission
        self.message = _(
            "Báo cáo này vừa được %(who)s thay đổi lúc %(when)s. Thay đổi của bạn chưa được "
            "lưu; số liệu đã lưu trước đó vẫn còn nguyên. Hãy tải lại trang để xem bản mới "
            "nhất rồi nhập lại."
        ) % {"who": name, "when": when}
        super().__init__(self.message)


@dataclass(frozen=True)
class EntryProblem:
    entry_id: int
    field: str
    message: str


class SubmissionInvalid(ValidationError):
    """Figures that cannot be saved or submitted; ``problems`` name the target and the field."""

    def __init__(self, problems: list[EntryProblem]):
        self.problems = problems
        super().__init__([p.message for p in problems])


# --- drafts -------------------------------------------------------------------------------


def user_or_none(acting_user):
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def submission_event(
    submission: Submission, action: str, from_status: str, acting_user, comment=""
):
    SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        from_status=from_status,
        to_status=submission.status,
        version=submission.version,
        actor=user_or_none(acting_user),
        comment=comment,
    )


def _savesubmission_event(submission: Submission, acting_user) -> None:
    """One history line per editing session: saves in a row by one person update it.

    Autosave writes every few seconds; the audit trail keeps each save, the
    history shown to people keeps one line until someone else acts.
    """
    last = submission.events.order_by("-at", "-pk").first()
    if (
        last is not None
        and last.action == SubmissionAction.SAVE
        and last.actor_id == getattr(user_or_none(acting_user), "pk", None)
        and last.version == submission.version
    ):
        SubmissionEvent.objects.filter(pk=last.pk).update(at=timezone.now())
        return
    submission_event(submission, SubmissionAction.SAVE, submission.status, acting_user)


def _bump(submission: Submission, revision: int, acting_user, **changes) -> Submission:
    """Move the submission to the next revision, only if nobody did since ``revision``."""
    updated = Submission.objects.filter(pk=submission.pk, revision=revision).update(
        revision=F("revision") + 1,
        updated_by=user_or_none(acting_user),
        updated_at=timezone.now(),
        **changes,
    )
    fresh = Submission.objects.select_related("updated_by", "round", "unit").get(pk=submission.pk)
    if not updated:
        raise SubmissionConflict(fresh)
    return fresh


def _label(entry: SubmissionEntry) -> str:
    return f"{entry.target.code}. {entry.target.name}"


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
    submission = _bump(submission, revision, acting_user)
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
    _savesubmission_event(submission, acting_user)
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
    label = _label(entry)
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


# --- transitions --------------------------------------------------------------------------


_VERBS = {
    SubmissionAction.SUBMIT: gettext_lazy("gửi đi"),
    SubmissionAction.APPROVE: gettext_lazy("duyệt"),
    SubmissionAction.RETURN: gettext_lazy("trả lại"),
    SubmissionAction.ACCEPT: gettext_lazy("tiếp nhận"),
    SubmissionAction.REOPEN: gettext_lazy("mở lại để điều chỉnh"),
}


def _transition(
    *,
    acting_user,
    submission: Submission,
    revision: int,
    action: str,
    allowed_from: Iterable[str],
    to: str,
    comment: str = "",
    **fields,
) -> Submission:
    if submission.status not in allowed_from:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái '%(status)s' nên không thể %(verb)s.")
            % {"verb": _VERBS[action], "status": submission.get_status_display()},
            code="invalid_state",
        )
    from_status = submission.status
    submission = _bump(submission, revision, acting_user, status=to, **fields)
    submission_event(submission, action, from_status, acting_user, comment)
    audit_log(
        acting_user=acting_user,
        action=f"submission.{action}",
        obj=submission,
        unit=submission.unit,
        changes={"status": [from_status, to], "version": [None, submission.version]},
        note=comment,
    )
    submission_moved.send(
        sender=Submission,
        submission=submission,
        action=action,
        from_status=from_status,
        acting_user=acting_user,
        comment=comment,
    )
    return submission


def _quality_text(entry: SubmissionEntry) -> str:
    """The rules an entry breaks, as one clause."""
    return "; ".join(line.rstrip(".") for line in entry.quality.splitlines())


def submission_problems_before_sending(submission: Submission) -> list[EntryProblem]:
    """What must be mended before the report can be sent (missing or unexplained figures)."""
    problems = []
    for e in submission.entries.select_related("target"):
        if e.value is None and not e.note:
            problems.append(
                EntryProblem(
                    e.pk,
                    "value",
                    _("%(target)s: chưa có số liệu; nhập số liệu hoặc ghi rõ lý do trong ghi chú.")
                    % {"target": _label(e)},
                )
            )
        elif e.implausible and not e.note:
            problems.append(
                EntryProblem(
                    e.pk,
                    "note",
                    _(
                        "%(target)s: số liệu cần kiểm tra (%(why)s); hãy sửa lại hoặc giải "
                        "trình trong ghi chú."
                    )
                    % {
                        "target": _label(e),
                        "why": "; ".join(x.rstrip(".") for x in e.quality.splitlines()),
                    },
                )
            )
    return problems


@transaction.atomic
def submission_submit(*, acting_user, submission: Submission, revision: int) -> Submission:
    """The unit's reporter sends the report to the unit's leader."""
    scope_for(acting_user).require(Action.REPORT, submission.unit)
    problems = submission_problems_before_sending(submission)
    if problems:
        raise SubmissionInvalid(problems)
    now = timezone.now()
    return _transition(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        action=SubmissionAction.SUBMIT,
        allowed_from=EDITABLE_STATUSES,
        to=SubmissionStatus.SUBMITTED,
        submitted_at=now,
        first_submitted_at=submission.first_submitted_at or now,
    )


@transaction.atomic
def submission_approve(
    *, acting_user, submission: Submission, revision: int, comment: str = ""
) -> Submission:
    """The unit's leader signs the report off."""
    scope_for(acting_user).require(Action.APPROVE, submission.unit)
    return _transition(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        action=SubmissionAction.APPROVE,
        allowed_from={SubmissionStatus.SUBMITTED},
        to=SubmissionStatus.APPROVED,
        comment=comment,
    )


@transaction.atomic
def submission_return(
    *, acting_user, submission: Submission, revision: int, comment: str
) -> Submission:
    """Send the report back for changes: by the leader once sent, by the office once approved."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Hãy ghi rõ lý do trả lại để đơn vị chỉnh sửa.")})
    scope = scope_for(acting_user)
    if submission.status == SubmissionStatus.SUBMITTED:
        scope.require(Action.APPROVE, submission.unit)
    else:
        scope.require(Action.MANAGE, submission.unit)
    return _transition(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        action=SubmissionAction.RETURN,
        allowed_from={SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED},
        to=SubmissionStatus.RETURNED,
        comment=comment.strip(),
    )


@transaction.atomic
@audit_operation()
def submission_accept(
    *, acting_user, submission: Submission, revision: int, comment: str = ""
) -> Submission:
    """The office accepts the report; its figures become the accepted figures (new versions)."""
    scope_for(acting_user).require(Action.MANAGE, submission.unit)
    submission = _transition(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        action=SubmissionAction.ACCEPT,
        allowed_from={SubmissionStatus.APPROVED},
        to=SubmissionStatus.ACCEPTED,
        comment=comment,
    )
    period = submission.round.period
    for entry in submission.entries.select_related("target__indicator", "unit"):
        if entry.value is None:
            continue
        value_record(
            acting_user=acting_user,
            indicator=entry.target.indicator,
            unit=entry.unit,
            period=period,
            value=entry.value,
            value_text=entry.value_text,
            status=entry.status,
            numerator=entry.numerator,
            denominator=entry.denominator,
            note=entry.note,
            source=ValueSource.SUBMISSION,
            submission=submission,
        )
    return submission


@transaction.atomic
def submission_reopen(
    *, acting_user, submission: Submission, revision: int, comment: str
) -> Submission:
    """Reopen accepted figures for a correction; they stay accepted until the new version is."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Hãy ghi rõ lý do điều chỉnh số liệu đã tiếp nhận.")})
    scope_for(acting_user).require(Action.MANAGE, submission.unit)
    return _transition(
        acting_user=acting_user,
        submission=submission,
        revision=revision,
        action=SubmissionAction.REOPEN,
        allowed_from={SubmissionStatus.ACCEPTED},
        to=SubmissionStatus.DRAFT,
        comment=comment.strip(),
        version=F("version") + 1,
    )


@dataclass(frozen=True)
class Transition:
    """One move of the workflow: the service that makes it, and whether it takes a comment."""

    action: str
    service: Callable[..., Submission]
    takes_comment: bool


#: The moves a user may ask for by name — from a page, or from the API — and their services.
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(SubmissionAction.SUBMIT, submission_submit, takes_comment=False),
        Transition(SubmissionAction.APPROVE, submission_approve, takes_comment=True),
        Transition(SubmissionAction.RETURN, submission_return, takes_comment=True),
        Transition(SubmissionAction.ACCEPT, submission_accept, takes_comment=True),
        Transition(SubmissionAction.REOPEN, submission_reopen, takes_comment=True),
    )
}


def submission_transition(
    *, acting_user, submission: Submission, action: str, revision: int, comment: str = ""
) -> Submission:
    """Make the move ``action`` (one of :data:`TRANSITIONS`) through its service."""
    transition = TRANSITIONS[action]
    extra = {"comment": comment} if transition.takes_comment else {}
    return transition.service(
        acting_user=acting_user, submission=submission, revision=revision, **extra
    )
