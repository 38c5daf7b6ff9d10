"""Moving a report through its workflow: submit, approve, return, accept, reopen."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.scopes import scope_for

from ..choices import (
    EDITABLE_STATUSES,
    SubmissionAction,
    SubmissionStatus,
    ValueSource,
)
from ..models import Submission
from ..services import value_record
from ..signals import submission_moved
from .common import (
    EntryProblem,
    SubmissionInvalid,
    bump,
    entry_label,
    submission_event,
)

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
    submission = bump(submission, revision, acting_user, status=to, **fields)
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
                    % {"target": entry_label(e)},
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
                        "target": entry_label(e),
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
