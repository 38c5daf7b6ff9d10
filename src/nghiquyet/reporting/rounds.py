"""Opening reporting rounds (services): who reports what, and a draft for every assigned unit.

A round asks the units assigned a plan's targets — lead units, and the communes whose plans
concretise it — for one period's figures, with a deadline. Each unit gets a draft report
(:class:`~nghiquyet.reporting.models.Submission`) that then goes through
:mod:`.workflow`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation, model_update
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Plan

from .choices import SubmissionAction, ValueStatus
from .models import ReportingRound, Submission, SubmissionEntry, Value
from .periods import PeriodSpec
from .selectors.rounds import plan_and_descendants, round_assignments
from .services import period_get_or_create
from .workflow import submission_event, user_or_none


@transaction.atomic
@audit_operation()
def round_open(
    *,
    acting_user,
    plan: Plan,
    spec: PeriodSpec,
    deadline: dt.date | None = None,
    note: str = "",
) -> ReportingRound:
    """Open a reporting round for ``plan`` and a period; every assigned unit gets a draft.

    Drafts start from the figures already accepted for that period, if any. A deadline given
    must not have passed (without one, the period's own deadline: a round of the past
    recorded as history).
    """
    scope_for(acting_user).require(Action.MANAGE, plan.unit)
    try:
        spec.validate()
    except ValueError:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")}) from None
    if plan.years and spec.year not in plan.years and spec.end_year is None:
        years = ", ".join(str(y) for y in plan.years)
        raise ValidationError(
            {
                "period": _("Kỳ báo cáo phải thuộc các năm của văn bản (%(years)s).")
                % {"years": years}
            }
        )
    plans = plan_and_descendants(plan)
    ancestors = []
    parent = plan.parent
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parent
    # Two offices (or one double click) opening rounds of one family of plans at once: the
    # second waits here for the first to commit, then finds its round below and is told so.
    root = ancestors[-1] if ancestors else plan
    Plan.objects.select_for_update().filter(pk=root.pk).first()
    clash = (
        ReportingRound.objects.filter(plan__in=[*plans, *ancestors], period__key=spec.key)
        .select_related("plan")
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "period": _("%(period)s đã được mở trong đợt báo cáo của %(plan)s.")
                % {"period": spec.label, "plan": clash.plan.heading}
            }
        )
    if deadline is not None and deadline < timezone.localdate():
        raise ValidationError(
            {
                "deadline": _("Hạn gửi báo cáo %(day)s đã qua: hãy chọn một ngày từ hôm nay.")
                % {"day": formats.date_format(deadline, "SHORT_DATE_FORMAT")}
            }
        )
    period = period_get_or_create(spec=spec)
    deadline = deadline or period.deadline
    assignments = round_assignments(plan)
    if not assignments:
        raise ValidationError(_("Văn bản này chưa có chỉ tiêu nào để báo cáo."))
    rnd = ReportingRound.objects.create(
        plan=plan, period=period, deadline=deadline, note=note, opened_by=user_or_none(acting_user)
    )
    accepted = {
        (v.indicator_id, v.unit_id): v
        for v in Value.objects.current().filter(
            period=period, unit_id__in={u for items in assignments.values() for _t, u in items}
        )
    }
    for unit_id, items in assignments.items():
        submission = Submission.objects.create(
            round=rnd, unit_id=unit_id, updated_by=user_or_none(acting_user)
        )
        entries = []
        for order, (target, about) in enumerate(items):
            known = accepted.get((target.indicator_id, about))
            entries.append(
                SubmissionEntry(
                    submission=submission,
                    target=target,
                    unit_id=about,
                    order=order,
                    value=known.value if known else None,
                    numerator=known.numerator if known else None,
                    denominator=known.denominator if known else None,
                    status=known.status if known else ValueStatus.ESTIMATE,
                )
            )
        SubmissionEntry.objects.bulk_create(entries)
        submission_event(submission, SubmissionAction.CREATE, "", acting_user)
    audit_log(
        acting_user=acting_user,
        action="round.open",
        obj=rnd,
        unit=plan.unit,
        changes={
            "plan": [None, plan.code],
            "period": [None, period.key],
            "deadline": [None, deadline],
            "units": [None, len(assignments)],
        },
        note=note,
    )
    return rnd


def _require_open(rnd: ReportingRound) -> None:
    if rnd.closed_at is not None:
        raise ValidationError(_("Đợt báo cáo đã đóng."), code="invalid_state")


@transaction.atomic
@audit_operation()
def round_extend(
    *,
    acting_user,
    rnd: ReportingRound,
    deadline: dt.date,
    reason: str,
    units: list[OrgUnit] | None = None,
) -> int:
    """Extend the deadline of a round — for every unit (``units`` None: the round's deadline)
    or for some units only (their reports' own deadlines) — with a reason. The new deadline
    must be later than the one it replaces and not in the past. Returns how many reports got
    a new deadline; one ``round.extend`` event per report or for the round."""
    scope_for(acting_user).require(Action.MANAGE, rnd.plan.unit)
    _require_open(rnd)
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do gia hạn.")]
    if not isinstance(deadline, dt.date):
        errors["deadline"] = [_("Hãy ghi hạn mới (ngày/tháng/năm).")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [
            _("Hạn gửi báo cáo %(day)s đã qua: hãy chọn một ngày từ hôm nay.")
            % {"day": formats.date_format(deadline, "SHORT_DATE_FORMAT")}
        ]
    if errors:
        raise ValidationError(errors)
    subs = list(rnd.submissions.select_related("unit").select_for_update(of=("self",)))
    if units is None:
        if deadline <= rnd.deadline:
            raise ValidationError({"deadline": [_("Hạn mới phải sau hạn hiện tại.")]})
        model_update(
            instance=rnd,
            fields=("deadline",),
            data={"deadline": deadline},
            acting_user=acting_user,
            action="round.extend",
            unit=rnd.plan.unit,
            note=reason,
            # checked above; a full_clean would refuse a round the system opened (no opener)
            clean=False,
        )
        return len(subs)
    wanted = {u.pk for u in units}
    chosen = [s for s in subs if s.unit_id in wanted]
    if not chosen or len(chosen) != len(wanted):
        raise ValidationError({"units": [_("Hãy chọn các đơn vị nhận báo cáo trong đợt này.")]})
    for sub in chosen:
        if deadline <= sub.due:
            raise ValidationError(
                {
                    "deadline": [
                        _("Hạn mới của %(unit)s phải sau hạn hiện tại (%(day)s).")
                        % {
                            "unit": sub.unit.name,
                            "day": formats.date_format(sub.due, "SHORT_DATE_FORMAT"),
                        }
                    ]
                }
            )
        model_update(
            instance=sub,
            fields=("deadline",),
            data={"deadline": deadline},
            acting_user=acting_user,
            action="round.extend",
            unit=sub.unit,
            note=reason,
        )
    return len(chosen)


@transaction.atomic
def round_close(*, acting_user, rnd: ReportingRound, note: str = "") -> ReportingRound:
    """Close a round: reports not sent yet take no more figures; what was sent and accepted
    stays. One ``round.close`` event."""
    scope_for(acting_user).require(Action.MANAGE, rnd.plan.unit)
    _require_open(rnd)
    model_update(
        instance=rnd,
        fields=("closed_at", "closed_by"),
        data={"closed_at": timezone.now(), "closed_by": user_or_none(acting_user)},
        acting_user=acting_user,
        action="round.close",
        unit=rnd.plan.unit,
        note=note,
        # set here, not typed; a full_clean would refuse a round the system opened (no opener)
        clean=False,
    )
    return rnd


def period_choices(plan: Plan) -> list[PeriodSpec]:
    """Periods a round may be opened for: each year's months, quarters, 6 and 9 months, year."""
    specs = []
    for year in plan.years:
        specs += [
            PeriodSpec("half_year", year),
            PeriodSpec("nine_months", year),
            PeriodSpec("year", year),
        ]
        specs += [PeriodSpec("quarter", year, q) for q in range(1, 5)]
        specs += [PeriodSpec("month", year, m) for m in range(1, 13)]
    return specs
