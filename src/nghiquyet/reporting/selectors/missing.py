"""Why a target (or a unit) has no figure to evaluate: "chưa có số liệu" always says why.

One rule for every place that says it — the dashboard's targets and units tables, the target
page, the review documents' sentences. The evaluation marks a target ``no_data``
(:mod:`nghiquyet.engine.classify`) when it has nothing to judge; what is known besides —
the period's dates, the reporting round and where each unit's report stands, the figure
reported but not enough to judge — tells the reason apart:

- ``not_due``: the period has not begun ("chưa đến kỳ báo cáo"), or its reports are not due
  yet ("chưa đến hạn báo cáo, hạn 20/06/2026");
- ``term_only``: a total or an average over the term, judged by year and at the end of the
  term, not within a year;
- ``no_baseline``: a change against last year, with no figure for the same period last year;
- ``no_years``: a total or an average over the term with no year's figure yet;
- ``incomplete``: a figure was reported but cannot be judged (a part of a roll-up, a text);
- ``pending``: the units sent their figures, the office has not accepted them yet;
- ``not_reported``: the units have not sent them (how many of how many), or no round asked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.engine import NO_DATA, progress
from nghiquyet.plans.choices import TargetChange, Temporal

from ..cache import cached
from ..choices import SubmissionStatus
from ..figures import COMPUTED, LINEAGE
from ..models import Period, Submission, SubmissionEntry
from .results import PlanEvaluation, TargetResult
from .rounds import plan_round

NOT_DUE = "not_due"
TERM_ONLY = "term_only"
NO_BASELINE = "no_baseline"
NO_YEARS = "no_years"
INCOMPLETE = "incomplete"
PENDING = "pending"
NOT_REPORTED = "not_reported"

#: Statuses of a report sent and waiting for the unit's head or the office.
_WAITING = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
_SENT = (*_WAITING, SubmissionStatus.ACCEPTED)
#: Names listed in a reason before it says only how many.
_NAMES = 3


@dataclass(frozen=True)
class NoDataReason:
    key: str
    #: the reason in a phrase, lower case, as offices write it after "chưa có số liệu"
    text: str


@dataclass
class Reporters:
    """Where the reports that carry one target's figures stand in the period's round."""

    total: int = 0
    sent: int = 0
    #: units whose figures wait to be accepted
    pending: list[str] | None = None
    #: units that have not sent
    unsent: list[str] | None = None
    #: the last day they are due, when none of them is late yet
    due: dt.date | None = None


def _names(names: list[str]) -> str:
    return ", ".join(names[:_NAMES]) + ("…" if len(names) > _NAMES else "")


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def target_no_data_reason(
    r: TargetResult,
    *,
    period: Period | None = None,
    today: dt.date | None = None,
    reporters: Reporters | None = None,
    round_open: bool = False,
) -> NoDataReason:
    """Why ``r`` has no result, from what the caller knows: the period and today (is it due?),
    the round (``round_open``) and where its reports stand (``reporters``). Without them, the
    reason the result alone tells (a document built outside a request)."""
    t = r.target
    today = today or timezone.localdate()
    if period is not None and today < period.start_date:
        return NoDataReason(NOT_DUE, _("chưa đến kỳ báo cáo"))
    over_term = t.temporal in (Temporal.CUMULATIVE, Temporal.AVERAGE)
    if over_term and period is not None and not progress.judged_over_years(t.temporal, period.kind):
        return NoDataReason(
            TERM_ONLY, _("chỉ tiêu cả nhiệm kỳ, đánh giá theo năm và cuối nhiệm kỳ")
        )
    if t.is_composite:
        missing = [p.target.code for p in r.parts if p.class_key == NO_DATA]
        return NoDataReason(
            INCOMPLETE,
            _("chưa có số liệu chỉ tiêu thành phần %(codes)s") % {"codes": ", ".join(missing)}
            if missing
            else _("chưa đủ số liệu các chỉ tiêu thành phần"),
        )
    if t.change != TargetChange.NONE and r.value is not None and r.baseline is None:
        return NoDataReason(NO_BASELINE, _("chưa có số liệu cùng kỳ năm trước để so sánh"))
    if r.value is not None and r.actual is None and not over_term:
        return NoDataReason(INCOMPLETE, _("số liệu được báo cáo chưa đủ để tính"))
    rep = reporters or Reporters()
    if rep.pending:
        return NoDataReason(
            PENDING,
            _("số liệu chờ duyệt: %(units)s đã gửi, văn phòng chưa tiếp nhận")
            % {"units": _names(rep.pending)},
        )
    if rep.unsent:
        if rep.due is not None and today <= rep.due:
            return NoDataReason(
                NOT_DUE, _("chưa đến hạn báo cáo (hạn %(day)s)") % {"day": _day(rep.due)}
            )
        if rep.total == 1:
            return NoDataReason(NOT_REPORTED, _("%(unit)s chưa báo cáo") % {"unit": rep.unsent[0]})
        return NoDataReason(
            NOT_REPORTED,
            _("đơn vị chưa báo cáo: mới có %(sent)s/%(total)s đơn vị gửi, còn %(units)s")
            % {"sent": rep.sent, "total": rep.total, "units": _names(rep.unsent)},
        )
    if over_term and not r.derivation:
        return NoDataReason(NO_YEARS, _("chưa có số liệu năm nào của giai đoạn"))
    if r.source in (COMPUTED, LINEAGE) and r.source_note:
        return NoDataReason(INCOMPLETE, _("chưa tổng hợp được: %(why)s") % {"why": r.source_note})
    if not round_open and period is not None and today <= period.deadline:
        return NoDataReason(
            NOT_DUE, _("chưa đến hạn báo cáo (hạn %(day)s)") % {"day": _day(period.deadline)}
        )
    lead = t.lead_unit.name if t.lead_unit_id else ""
    if rep.total:  # every report was sent and accepted, without this figure
        return NoDataReason(NOT_REPORTED, _("đơn vị không báo cáo số liệu chỉ tiêu này"))
    if lead:
        return NoDataReason(NOT_REPORTED, _("%(unit)s chưa báo cáo") % {"unit": lead})
    if not round_open and period is not None:
        return NoDataReason(NOT_REPORTED, _("chưa mở đợt báo cáo kỳ này"))
    return NoDataReason(NOT_REPORTED, _("chưa được báo cáo"))


def unit_no_data_reason(
    submission: Submission | None, *, round_open: bool, today: dt.date | None = None
) -> NoDataReason:
    """Why a unit has no accepted figure for the period: where its report stands."""
    today = today or timezone.localdate()
    if not round_open:
        return NoDataReason(NOT_REPORTED, _("chưa mở đợt báo cáo kỳ này"))
    if submission is None:
        return NoDataReason(NOT_REPORTED, _("đợt báo cáo không gửi cho đơn vị này"))
    status = submission.status
    if status in _WAITING:
        return NoDataReason(PENDING, _("số liệu chờ duyệt"))
    if status == SubmissionStatus.RETURNED:
        return NoDataReason(NOT_REPORTED, _("báo cáo bị trả lại, đơn vị đang chỉnh sửa"))
    if status == SubmissionStatus.ACCEPTED:
        return NoDataReason(NOT_REPORTED, _("báo cáo đã tiếp nhận không có số liệu"))
    if today <= submission.due:
        return NoDataReason(
            NOT_DUE, _("chưa đến hạn báo cáo (hạn %(day)s)") % {"day": _day(submission.due)}
        )
    return NoDataReason(
        NOT_REPORTED, _("đơn vị chưa gửi báo cáo (quá hạn %(day)s)") % {"day": _day(submission.due)}
    )


def no_data_reasons(*, user, ev: PlanEvaluation) -> dict[int, NoDataReason]:
    """For every target of ``ev`` without a result (parts included): target id → why.
    The caller has the evaluation, so its scope was checked."""
    return cached(
        "no_data_reasons",
        user=user,
        parts=(ev.plan.pk, ev.period.pk, repr(ev.scheme)),
        compute=lambda: _reasons(user, ev),
    )


def _reasons(user, ev: PlanEvaluation) -> dict[int, NoDataReason]:
    missing = [r for row in ev.rows for r in (row, *row.parts) if r.class_key == NO_DATA]
    if not missing:
        return {}
    period, today = ev.period, timezone.localdate()
    rnd = plan_round(user=user, plan=ev.plan, period=period) if period.pk else None
    reporters: dict[int, Reporters] = {}
    if rnd is not None:
        ids = {r.target.pk for r in missing}
        # a target's figures come from its own entries and its concretised targets' below
        entries = (
            SubmissionEntry.objects.filter(submission__round=rnd)
            .filter(Q(target_id__in=ids) | Q(target__parent_id__in=ids))
            .select_related("submission__unit", "submission__round", "target")
            .order_by("submission__unit__order", "submission__unit__name")
        )
        by_target: dict[int, dict[int, tuple[Submission, bool]]] = defaultdict(dict)
        for e in entries:
            key = e.target_id if e.target_id in ids else e.target.parent_id
            sub, had = by_target[key].get(e.submission_id, (e.submission, False))
            by_target[key][e.submission_id] = (sub, had or e.value is not None)
        for key, subs in by_target.items():
            unsent = [s for s, _had in subs.values() if s.status not in _SENT]
            reporters[key] = Reporters(
                total=len(subs),
                sent=len(subs) - len(unsent),
                pending=[s.unit.name for s, had in subs.values() if s.status in _WAITING and had],
                unsent=[s.unit.name for s in unsent],
                # not due while every unit yet to send still has time
                due=max((s.due for s in unsent), default=None)
                if all(today <= s.due for s in unsent)
                else None,
            )
    return {
        r.target.pk: target_no_data_reason(
            r,
            period=period,
            today=today,
            reporters=reporters.get(r.target.pk),
            round_open=rnd is not None,
        )
        for r in missing
    }
