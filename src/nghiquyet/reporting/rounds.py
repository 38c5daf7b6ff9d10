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
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Plan, Target

from .choices import SubmissionAction, ValueStatus
from .models import ReportingRound, Submission, SubmissionEntry, Value
from .periods import PeriodSpec
from .services import period_get_or_create
from .workflow import submission_event, user_or_none


def _plan_and_descendants(plan: Plan) -> list[Plan]:
    plans, frontier = [plan], [plan]
    while frontier:
        frontier = list(Plan.objects.filter(parent__in=frontier).select_related("unit"))
        plans.extend(frontier)
    return plans


def round_assignments(plan: Plan) -> dict[int, list[tuple[Target, int]]]:
    """Who reports what: reporting unit id → [(target, id of the unit the figure is about)].

    A target is reported by its lead unit, or by the plan's unit when it has none;
    the figure is about the plan's unit. Plans that concretise this one (communes'
    resolutions under the city's) are included, each reported by its own units.
    Composite targets are reported through their parts.
    """
    plans = _plan_and_descendants(plan)
    targets = (
        Target.objects.filter(plan__in=plans, is_composite=False)
        .select_related("plan", "indicator")
        .order_by("plan__unit__order", "plan_id", "order", "pk")
    )
    result: dict[int, list[tuple[Target, int]]] = {}
    for t in targets:
        reporter = t.lead_unit_id or t.plan.unit_id
        result.setdefault(reporter, []).append((t, t.plan.unit_id))
    return result


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

    Drafts start from the figures already accepted for that period, if any.
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
    plans = _plan_and_descendants(plan)
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
