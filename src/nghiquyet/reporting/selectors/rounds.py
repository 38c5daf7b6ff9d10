"""Reads of reporting rounds: the rounds a user may see, the round that asks for a plan's
figures of a period, and who has reported in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.choices import TERRITORIAL_KINDS
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import Aggregation
from nghiquyet.plans.models import Plan, Target

from ..choices import SubmissionStatus, Timeliness
from ..models import (
    Period,
    ReportingRound,
    Submission,
)
from .periods import plan_ancestors_and_self
from .submissions import timeliness, visible_submissions


def round_list(*, user, plan: Plan | None = None) -> QuerySet[ReportingRound]:
    """Rounds of plans the user may see."""
    qs = ReportingRound.objects.select_related("plan__unit", "period").annotate(
        units=Count("submissions", distinct=True),
        accepted=Count(
            "submissions",
            filter=Q(submissions__status=SubmissionStatus.ACCEPTED),
            distinct=True,
        ),
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.restrict(user)


def round_get(*, user, pk: int) -> ReportingRound:
    rnd = round_list(user=user).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    return rnd


@dataclass
class CompletenessRow:
    submission: Submission
    timeliness: str
    filled: int
    total: int


def round_completeness(*, user, rnd: ReportingRound) -> list[CompletenessRow]:
    """Per unit of the round the user may see: status, timeliness, how many figures it filled.

    A ward's people see their own report's row; the office sees every unit's.
    """
    subs = (
        visible_submissions(user)
        .filter(round=rnd)
        .select_related("unit")
        .annotate(
            total=Count("entries"),
            filled=Count("entries", filter=Q(entries__value__isnull=False)),
        )
        .order_by("unit__order", "unit__name")
    )
    today = timezone.localdate()
    return [CompletenessRow(s, timeliness(s, today), s.filled, s.total) for s in subs]


def completeness_counts(rows: list[CompletenessRow]) -> dict[str, int]:
    counts = dict.fromkeys(Timeliness.values, 0)
    for row in rows:
        counts[row.timeliness] += 1
    return counts


def plan_round(*, user, plan: Plan, period: Period) -> ReportingRound | None:
    """The round that asks for this plan's figures of the period (its own or an ancestor's)."""
    if period.pk is None:
        return None
    rnd = (
        ReportingRound.objects.filter(plan__in=plan_ancestors_and_self(plan), period=period)
        .select_related("plan__unit", "period")
        .first()
    )
    if rnd is None:
        return None
    scope = scope_for(user)
    return (
        rnd
        if scope.allows(Action.VIEW, rnd.plan.unit) or scope.allows(Action.VIEW, plan.unit)
        else None
    )


# --- who a round asks (shared by the service that opens it and the preview) -----------------


def plan_and_descendants(plan: Plan) -> list[Plan]:
    """``plan`` and the plans that concretise it, at any depth."""
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
    plans = plan_and_descendants(plan)
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


@dataclass
class PreviewRow:
    """A unit that will receive a report in the round, and why."""

    unit: OrgUnit
    reasons: list[str]
    targets: int


@dataclass
class RoundPreview:
    rows: list[PreviewRow]
    #: units the plan needs (its targets add up from them) that no report will ask
    never_asked: list[OrgUnit]
    #: the numbers of the targets that add up from sub-units
    summed_targets: list[str]


def round_preview(*, user, plan: Plan) -> RoundPreview:
    """Before a round opens: every unit that will receive a report and why — lead unit of
    targets, the plan's own unit, a unit whose plan concretises this one — and the sub-units
    of the plan's unit that its adding-up targets need but that no report will ask."""
    scope_for(user).require(Action.MANAGE, plan.unit)
    assignments = round_assignments(plan)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(assignments))}
    rows = []
    for unit_id, items in assignments.items():
        reasons: list[str] = []
        led = [t.code for t, _about in items if t.plan_id == plan.pk and t.lead_unit_id == unit_id]
        own = [t.code for t, _about in items if t.plan_id == plan.pk and t.lead_unit_id is None]
        below = sorted({t.plan.heading for t, _about in items if t.plan_id != plan.pk})
        if led:
            reasons.append(_("chủ trì chỉ tiêu %(codes)s") % {"codes": ", ".join(led)})
        if own:
            reasons.append(
                _("đơn vị ban hành, báo cáo chỉ tiêu %(codes)s") % {"codes": ", ".join(own)}
            )
        for heading in below:
            reasons.append(_("cụ thể hóa bằng %(plan)s") % {"plan": heading})
        rows.append(PreviewRow(unit=units[unit_id], reasons=reasons, targets=len(items)))
    rows.sort(key=lambda r: (r.unit.depth, r.unit.order, r.unit.name))
    summed = [
        t.code
        for t in Target.objects.filter(plan=plan, is_composite=False, ended_on__isnull=True)
        .select_related("indicator")
        .order_by("order", "pk")
        if t.indicator_id and t.indicator.aggregation in (Aggregation.SUM, Aggregation.RATIO)
    ]
    never: list[OrgUnit] = []
    if summed:
        asked = set(assignments)
        never = list(
            OrgUnit.objects.active_on(timezone.localdate())
            .filter(parent=plan.unit, kind__in=TERRITORIAL_KINDS)
            .exclude(pk__in=asked)
            .order_by("order", "name")
        )
    return RoundPreview(rows=rows, never_asked=never, summed_targets=summed)


def round_units(*, rnd: ReportingRound) -> QuerySet[OrgUnit]:
    """The units that receive a report in ``rnd`` (the caller checked the round)."""
    return OrgUnit.objects.filter(submissions__round=rnd).order_by("order", "name")
