"""What saving figures and moving a report share: its errors, its history lines and the
revision check that refuses a change made from an older revision."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..choices import (
    SubmissionAction,
)
from ..models import Submission, SubmissionEntry, SubmissionEvent

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


def save_event(submission: Submission, acting_user) -> None:
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


def bump(submission: Submission, revision: int, acting_user, **changes) -> Submission:
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


def entry_label(entry: SubmissionEntry) -> str:
    return f"{entry.target.code}. {entry.target.name}"
