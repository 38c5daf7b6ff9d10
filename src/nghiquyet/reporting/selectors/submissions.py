"""Reads of units' reports (submissions): the ones a user may see, what the user may do with
one now, whether it came on time, and the rows of its data-entry grid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans import display
from nghiquyet.plans.choices import (
    Aggregation,
    TargetDirection,
)

from ..choices import EDITABLE_STATUSES, SubmissionStatus, Timeliness
from ..filters import SubmissionFilter
from ..models import (
    Submission,
    SubmissionEntry,
    Value,
)


def visible_submissions(user) -> QuerySet[Submission]:
    return Submission.objects.select_related("round__plan__unit", "round__period", "unit").restrict(
        user
    )


def submission_list(*, user, filters: SubmissionFilter | None = None) -> QuerySet[Submission]:
    """Submissions the user may see: its units' own, and those of rounds of plans it
    oversees; narrowed by ``filters`` (the list's filters, the pages' and the API's)."""
    qs = visible_submissions(user)
    if filters is not None:
        qs = filters.apply(qs, user=user)
    return qs.order_by("round__deadline", "round__plan__code", "unit__name")


def submission_get(*, user, pk: int) -> Submission:
    """The submission if the user may see it; 404 otherwise."""
    submission = visible_submissions(user).filter(pk=pk).select_related("updated_by").first()
    if submission is None:
        raise Http404
    return submission


@dataclass(frozen=True)
class SubmissionRights:
    edit: bool
    submit: bool
    approve: bool
    return_: bool
    accept: bool
    reopen: bool

    @property
    def any_action(self) -> bool:
        return any((self.submit, self.approve, self.return_, self.accept, self.reopen))


def submission_may_edit(*, user, submission: Submission) -> bool:
    """May ``user`` put figures into ``submission`` now? (:func:`submission_edit_require`)"""
    return (
        scope_for(user).allows(Action.REPORT, submission.unit)
        and submission.status in EDITABLE_STATUSES
        and submission.round.closed_at is None
    )


def submission_edit_require(*, user, submission: Submission) -> None:
    """The one rule for putting figures into a unit's report — from the web grid, an Excel
    template or the API: the user reports for the unit (else ``PermissionDenied``), and the
    report is a draft or was returned (else a ``ValidationError`` with the code
    ``invalid_state`` and :func:`submission_not_editable_message`)."""
    scope_for(user).require(Action.REPORT, submission.unit)
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError(submission_not_editable_message(submission), code="invalid_state")
    if submission.round.closed_at is not None:
        raise ValidationError(
            _(
                "Đợt báo cáo %(period)s đã đóng: báo cáo của %(unit)s không nhận số liệu nữa. "
                "Hãy liên hệ văn phòng nếu cần gia hạn."
            )
            % {"period": submission.round.period.label, "unit": submission.unit.name},
            code="invalid_state",
        )


def submission_not_editable_message(submission: Submission) -> str:
    """Why no figure can be put into ``submission``, in the one wording every surface uses."""
    return _(
        "Báo cáo của %(unit)s, kỳ %(period)s đang ở trạng thái “%(status)s” nên không sửa, không "
        "nhập số liệu được nữa: chỉ báo cáo đang nhập hoặc bị trả lại mới nhận số liệu; số liệu "
        "đã tiếp nhận chỉ thay đổi khi văn phòng mở lại báo cáo."
    ) % {
        "unit": submission.unit.name,
        "period": submission.round.period.label,
        "status": submission.get_status_display(),
    }


def submission_rights(*, user, submission: Submission) -> SubmissionRights:
    """What the user may do with the submission now — the same rules the services enforce."""
    scope = scope_for(user)
    status = submission.status
    approver = scope.allows(Action.APPROVE, submission.unit)
    office = scope.allows(Action.MANAGE, submission.unit)
    editable = submission_may_edit(user=user, submission=submission)
    return SubmissionRights(
        edit=editable,
        submit=editable,
        approve=approver and status == SubmissionStatus.SUBMITTED,
        return_=(approver and status == SubmissionStatus.SUBMITTED)
        or (office and status == SubmissionStatus.APPROVED),
        accept=office and status == SubmissionStatus.APPROVED,
        reopen=office and status == SubmissionStatus.ACCEPTED,
    )


def timeliness(submission: Submission, today: dt.date | None = None) -> str:
    """Whether the report arrived on time: judged by its first sending, against the day it is
    due — the unit's own extended deadline where it has one, else the round's (``Submission.due``).
    """
    today = today or timezone.localdate()
    deadline = submission.due
    if submission.first_submitted_at:
        sent = timezone.localdate(submission.first_submitted_at)
        return Timeliness.ON_TIME if sent <= deadline else Timeliness.LATE
    return Timeliness.MISSING if today > deadline else Timeliness.NOT_DUE


@dataclass
class GridRow:
    entry: SubmissionEntry
    previous: Value | None
    last_year: Value | None
    is_ratio: bool
    is_yes_no: bool
    #: the texts of its cells as stored (:func:`grid_cell_texts`)
    cells: dict[str, str]


def submission_grid(*, submission: Submission) -> list[GridRow]:
    """The rows of the data-entry grid with the figures to compare against.

    ``previous`` is the latest accepted figure of an earlier period (any kind), and
    ``last_year`` the accepted figure of the same period a year before.
    """
    entries = list(
        submission.entries.select_related("target__indicator", "target__plan", "unit").order_by(
            "order", "pk"
        )
    )
    period = submission.round.period
    last_year_key = period.spec.previous_year().key
    keys = {(e.target.indicator_id, e.unit_id) for e in entries}
    earlier = (
        Value.objects.current()
        .filter(
            indicator_id__in={k[0] for k in keys},
            unit_id__in={k[1] for k in keys},
            period__end_date__lt=period.end_date,
        )
        .select_related("period")
        .order_by("-period__end_date", "period__kind")
    )
    previous: dict[tuple[int, int], Value] = {}
    last_year: dict[tuple[int, int], Value] = {}
    for v in earlier:
        key = (v.indicator_id, v.unit_id)
        previous.setdefault(key, v)
        if v.period.key == last_year_key:
            last_year[key] = v
    return [
        GridRow(
            entry=e,
            previous=previous.get((e.target.indicator_id, e.unit_id)),
            last_year=last_year.get((e.target.indicator_id, e.unit_id)),
            is_ratio=e.target.indicator.aggregation == Aggregation.RATIO,
            is_yes_no=e.target.direction == TargetDirection.YES_NO,
            cells=grid_cell_texts(e, is_ratio=e.target.indicator.aggregation == Aggregation.RATIO),
        )
        for e in entries
    ]


def grid_cell_texts(entry: SubmissionEntry, *, is_ratio: bool) -> dict[str, str]:
    """The texts the grid shows in an entry's cells (what the page renders and what an
    autosave sends back), in the active language's number format."""
    return {
        # the figure as written ("khoảng 22.710") when it was written in words
        "value": (not is_ratio and entry.value_text)
        or display.number(entry.value, 4 if is_ratio else 6),
        "numerator": display.number(entry.numerator, 6),
        "denominator": display.number(entry.denominator, 6),
        "status": entry.status,
        "note": entry.note,
    }


def grid_rows_json(*, submission: Submission, entry_ids) -> dict[int, dict]:
    """What the grid's autosave answers for the rows it wrote: each cell as stored, and
    whether the figure must be explained."""
    out = {}
    for e in submission.entries.filter(pk__in=list(entry_ids)).select_related("target__indicator"):
        is_ratio = e.target.indicator.aggregation == Aggregation.RATIO
        yes_no = e.target.direction == TargetDirection.YES_NO
        cells = grid_cell_texts(e, is_ratio=is_ratio)
        if yes_no:
            cells["value"] = "" if e.value is None else ("1" if e.value else "0")
        out[e.pk] = {
            "cells": cells,
            "rate": (
                f"{cells['value']} {e.target.unit_of_measure}".strip()
                if is_ratio and e.value is not None
                else ""
            ),
            "implausible": e.implausible,
            "quality": e.quality,
            "filled": e.value is not None,
        }
    return out
