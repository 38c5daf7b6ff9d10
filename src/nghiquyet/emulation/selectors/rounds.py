"""Reads of emulation, scoped: movements, clusters, rounds, and the scores of a round.

The computed criteria are read from what the system holds, through the selectors of plans and
reporting (the plan's evaluation by its scheme, reports' timeliness, tasks' status), and the
engine decides the numbers (:mod:`nghiquyet.engine.emulation`). Every score carries the items
it was built from (``items``: targets, reports, tasks), so that a page can show where each
point came from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.engine import emulation as scoring
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM, scope_for
from nghiquyet.plans.models import Plan, Task
from nghiquyet.reporting.choices import SubmissionAction, SubmissionStatus, Timeliness
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.selectors.evaluation import plan_evaluations, task_status_labels
from nghiquyet.reporting.selectors.periods import period_for_year
from nghiquyet.reporting.selectors.submissions import timeliness

from ..choices import CriterionKind, ScoreSource, TraceKind
from ..models import (
    Cluster,
    ClusterLead,
    Criterion,
    EmulationRound,
    Movement,
    Registration,
    Score,
)


# --- lists and objects ---------------------------------------------------------------
def movement_list(*, user) -> QuerySet[Movement]:
    return Movement.objects.restrict(user, Action.VIEW).select_related("unit")


def movement_get(*, user, pk: int, action: str = Action.VIEW) -> Movement:
    """The movement if the user sees it (404 otherwise); 403 when seen but ``action`` refused."""
    movement = movement_list(user=user).filter(pk=pk).first()
    if movement is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, movement.unit)
    return movement


def movement_can_manage(*, user, movement: Movement) -> bool:
    return scope_for(user).allows(Action.MANAGE, movement.unit)


#: At most this many units are offered as organisers (a scope over the whole country).
ORGANISER_LIMIT = 300


def organiser_units(*, user) -> list[OrgUnit]:
    """Units the user manages that have units under them (who may organise clusters and
    movements), the highest first."""
    with_children = OrgUnit.objects.filter(parent__isnull=False).values("parent_id")
    return list(
        OrgUnit.objects.restrict(user, Action.MANAGE)
        .filter(pk__in=with_children)
        .order_by("valid_to", "depth", "order", "code")[:ORGANISER_LIMIT]
    )


def organiser_children(unit: OrgUnit) -> list[OrgUnit]:
    """The units directly under ``unit``: who may be members of its clusters (today's, or, for
    a unit that no longer exists, those it had — its emulation is history)."""
    children = unit.children.all() if unit.valid_to else unit.children.filter(valid_to__isnull=True)
    return list(children.order_by("order", "code"))


def organiser_clusters(unit: OrgUnit) -> list[Cluster]:
    return list(Cluster.objects.filter(unit=unit).order_by("order", "pk"))


def organiser_plans(unit: OrgUnit) -> list[Plan]:
    """The organiser's resolutions a round may be scored against."""
    return list(Plan.objects.filter(unit=unit).order_by("-year", "code"))


def cluster_list(*, user) -> QuerySet[Cluster]:
    return Cluster.objects.restrict(user, Action.VIEW).select_related("unit")


def cluster_get(*, user, pk: int, action: str = Action.VIEW) -> Cluster:
    cluster = cluster_list(user=user).filter(pk=pk).first()
    if cluster is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, cluster.unit)
    return cluster


def cluster_can_manage(*, user, cluster: Cluster) -> bool:
    return scope_for(user).allows(Action.MANAGE, cluster.unit)


def cluster_lead(cluster: Cluster, year: int) -> ClusterLead | None:
    return cluster.leads.filter(year=year).select_related("unit", "deputy").first()


def cluster_members(cluster: Cluster) -> list[OrgUnit]:
    return list(cluster.members.order_by("order", "code"))


def round_list(*, user, movement: Movement | None = None) -> QuerySet[EmulationRound]:
    qs = EmulationRound.objects.restrict(user, Action.VIEW).select_related(
        "movement", "movement__unit", "plan"
    )
    return qs.filter(movement=movement) if movement is not None else qs


def round_get(*, user, pk: int, action: str = Action.VIEW) -> EmulationRound:
    rnd = round_list(user=user).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    if action != Action.VIEW:
        scope_for(user).require(action, rnd.movement.unit)
    return rnd


def round_can_manage(*, user, rnd: EmulationRound) -> bool:
    """May the user change the round (criteria, council scores, closing)? The organiser's."""
    return scope_for(user).allows(Action.MANAGE, rnd.movement.unit)


def round_clusters(rnd: EmulationRound) -> list[Cluster]:
    return list(rnd.movement.clusters.order_by("order", "pk"))


def round_participants(rnd: EmulationRound) -> list[OrgUnit]:
    """The units competing in the round: the members of the movement's clusters."""
    return list(
        OrgUnit.objects.filter(emulation_memberships__movements=rnd.movement)
        .distinct()
        .order_by("order", "code")
    )


def round_criteria(rnd: EmulationRound) -> list[Criterion]:
    return list(rnd.criteria.all())


def registration_list(*, user, rnd: EmulationRound) -> QuerySet[Registration]:
    return (
        Registration.objects.restrict(user, Action.VIEW)
        .filter(round=rnd)
        .select_related("unit")
        .order_by("unit__order", "unit__code")
    )


def registration_units(*, user, rnd: EmulationRound) -> list[OrgUnit]:
    """The round's units the user may register for (report or manage on the unit)."""
    scope = scope_for(user)
    return [
        u
        for u in round_participants(rnd)
        if scope.allows(Action.REPORT, u) or scope.allows(Action.MANAGE, u)
    ]


def score_may_view(*, user, rnd: EmulationRound, unit: OrgUnit) -> bool:
    """A unit's score in detail: its own scope, or the organiser's — not another member's."""
    scope = scope_for(user)
    return scope.allows(Action.VIEW, unit) or scope.allows(Action.VIEW, rnd.movement.unit)


# --- scores --------------------------------------------------------------------------
@dataclass
class CriterionResult:
    criterion: Criterion
    points: Decimal | None
    share: Decimal | None = None
    #: what the score was built from: dicts with kind, id, label, ok, detail (and plan, code)
    items: list[dict] = field(default_factory=list)
    note: str = ""
    source: str = ScoreSource.COMPUTED
    frozen: bool = False

    @property
    def hits(self) -> int:
        return sum(1 for i in self.items if i["ok"])

    @property
    def counted(self) -> int:
        return sum(1 for i in self.items if i.get("counted", True))


@dataclass
class UnitScore:
    unit: OrgUnit
    results: list[CriterionResult]
    total: Decimal = Decimal(0)
    rank: int = 0
    registration: Registration | None = None


@dataclass
class ClusterRanking:
    cluster: Cluster
    lead: ClusterLead | None
    rows: list[UnitScore]


def _as_of(rnd: EmulationRound) -> dt.date:
    return rnd.as_of or timezone.localdate()


def _percent(share: Decimal | None) -> str:
    if share is None:
        return "—"
    return formats.number_format(share * 100, 1) + "%"


def _target_items(rnd: EmulationRound, units: list[OrgUnit]) -> dict[int, list[dict]]:
    """Each unit's targets in the plan that concretises the round's resolution, evaluated for
    the year by the plan's scheme: achieved or not."""
    plans = list(
        Plan.objects.filter(parent=rnd.plan, unit__in=units)
        .select_related("unit", "scheme")
        .order_by("unit_id", "pk")
    )
    by_unit: dict[int, list[dict]] = defaultdict(list)
    if not plans:
        return by_unit
    # The system evaluates for the round: who may read the result is decided by the caller.
    evaluations = plan_evaluations(user=SYSTEM, plans=plans, period=period_for_year(rnd.year))
    for ev in evaluations:
        for row in ev.rows:
            rate = "" if row.rate is None else " · " + formats.number_format(row.rate, 1) + "%"
            by_unit[ev.plan.unit_id].append(
                {
                    "kind": TraceKind.TARGET,
                    "id": row.target.pk,
                    "plan": ev.plan.code,
                    "code": row.target.code,
                    "label": f"{row.target.code}. {row.target.name}",
                    "ok": bool(row.met),
                    "detail": f"{ev.labels.get(row.class_key, row.class_key)}{rate}",
                }
            )
    return by_unit


def _submissions(rnd: EmulationRound, units: list[OrgUnit]) -> list[Submission]:
    plans = [rnd.plan.pk, *Plan.objects.filter(parent=rnd.plan).values_list("pk", flat=True)]
    return list(
        Submission.objects.filter(
            unit__in=units, round__plan_id__in=plans, round__period__year=rnd.year
        )
        .select_related("round", "round__period", "round__plan")
        .order_by("round__deadline", "pk")
    )


def _report_items(rnd: EmulationRound, subs: list[Submission], as_of: dt.date):
    labels = dict(Timeliness.choices)
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for sub in subs:
        state = timeliness(sub, as_of)
        by_unit[sub.unit_id].append(
            {
                "kind": TraceKind.SUBMISSION,
                "id": sub.pk,
                "label": _("Báo cáo %(period)s (hạn %(deadline)s)")
                % {
                    "period": sub.round.period.label,
                    "deadline": formats.date_format(sub.due, "SHORT_DATE_FORMAT"),
                },
                "ok": state == Timeliness.ON_TIME,
                "counted": state != Timeliness.NOT_DUE,
                "detail": str(labels[state]),
            }
        )
    return by_unit


def _accepted_items(subs: list[Submission]):
    returned = set(
        Submission.objects.filter(
            pk__in=[s.pk for s in subs], events__action=SubmissionAction.RETURN
        ).values_list("pk", flat=True)
    )
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for sub in subs:
        decided = sub.status == SubmissionStatus.ACCEPTED or sub.pk in returned
        if not decided:
            continue
        ok = sub.status == SubmissionStatus.ACCEPTED and sub.pk not in returned
        by_unit[sub.unit_id].append(
            {
                "kind": TraceKind.SUBMISSION,
                "id": sub.pk,
                "label": _("Báo cáo %(period)s") % {"period": sub.round.period.label},
                "ok": ok,
                "detail": _("tiếp nhận, không bị trả lại")
                if ok
                else (
                    _("bị trả lại, đã tiếp nhận sau khi sửa")
                    if sub.status == SubmissionStatus.ACCEPTED
                    else _("bị trả lại")
                ),
            }
        )
    return by_unit


def _task_items(rnd: EmulationRound, units: list[OrgUnit], as_of: dt.date):
    tasks = list(
        Task.objects.filter(owner_unit__in=units, deadline__year=rnd.year)
        .select_related("plan")
        .order_by("deadline", "pk")
    )
    codes = engine.task_status(
        [t.deadline for t in tasks] or [], [t.completed_on for t in tasks] or [], as_of
    )
    labels = task_status_labels()
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for task, code in zip(tasks, codes, strict=True):
        status = engine.TASK_STATUSES[int(code)]
        by_unit[task.owner_unit_id].append(
            {
                "kind": TraceKind.TASK,
                "id": task.pk,
                "label": task.title,
                "ok": status == "done_on_time",
                "counted": status != "open_on_time",
                "detail": f"{labels[status]} · {task.plan.heading}",
            }
        )
    return by_unit


def _computed(rnd: EmulationRound, units: list[OrgUnit]) -> dict[str, dict[int, list[dict]]]:
    """The trace items of every computed kind, per unit."""
    as_of = _as_of(rnd)
    kinds = {c.kind for c in rnd.criteria.all()}
    subs = (
        _submissions(rnd, units)
        if kinds & {CriterionKind.REPORTS_ON_TIME, CriterionKind.FIGURES_ACCEPTED}
        else []
    )
    out: dict[str, dict[int, list[dict]]] = {}
    if CriterionKind.TARGETS_ACHIEVED in kinds:
        out[CriterionKind.TARGETS_ACHIEVED] = _target_items(rnd, units)
    if CriterionKind.REPORTS_ON_TIME in kinds:
        out[CriterionKind.REPORTS_ON_TIME] = _report_items(rnd, subs, as_of)
    if CriterionKind.FIGURES_ACCEPTED in kinds:
        out[CriterionKind.FIGURES_ACCEPTED] = _accepted_items(subs)
    if CriterionKind.TASKS_ON_TIME in kinds:
        out[CriterionKind.TASKS_ON_TIME] = _task_items(rnd, units, as_of)
    return out


def _result(criterion: Criterion, items: list[dict]) -> CriterionResult:
    counted = [i for i in items if i.get("counted", True)]
    share = scoring.share_of(sum(1 for i in counted if i["ok"]), len(counted))
    points = scoring.criterion_points(share, criterion.max_points)
    note = "" if share is not None else _("Chưa có dữ liệu để tính (không tính điểm).")
    return CriterionResult(criterion=criterion, points=points, share=share, items=items, note=note)


def unit_scores(rnd: EmulationRound, units: list[OrgUnit]) -> dict[int, UnitScore]:
    """Every unit's score in the round: computed from the figures while the round is open,
    as frozen when it closed; the council's scores as the council gave them."""
    criteria = round_criteria(rnd)
    stored = defaultdict(dict)
    for score in Score.objects.filter(round=rnd, unit__in=units):
        stored[score.unit_id][score.criterion_id] = score
    computed = {} if rnd.is_closed else _computed(rnd, units)
    out: dict[int, UnitScore] = {}
    for unit in units:
        results = []
        for c in criteria:
            score = stored[unit.pk].get(c.pk)
            if c.is_computed and not rnd.is_closed:
                results.append(_result(c, computed.get(c.kind, {}).get(unit.pk, [])))
            elif score is not None:
                results.append(
                    CriterionResult(
                        criterion=c,
                        points=score.points,
                        share=score.share,
                        items=score.basis or [],
                        note=score.note,
                        source=score.source,
                        frozen=rnd.is_closed,
                    )
                )
            else:
                results.append(
                    CriterionResult(
                        criterion=c,
                        points=None,
                        source=ScoreSource.COUNCIL,
                        note=_("Hội đồng chưa chấm.") if not c.is_computed else "",
                        frozen=rnd.is_closed,
                    )
                )
        total = scoring.weighted_total(
            [r.points for r in results], [r.criterion.weight for r in results]
        )
        out[unit.pk] = UnitScore(unit=unit, results=results, total=total)
    return out


def round_ranking(*, user, rnd: EmulationRound) -> list[ClusterRanking]:
    """The ranking of each cluster the user may see, by weighted total (the round itself was
    obtained through :func:`round_get`). A member sees its own cluster's ranking."""
    clusters = [c for c in round_clusters(rnd) if c in set(cluster_list(user=user))]
    members = {c.pk: cluster_members(c) for c in clusters}
    units = list({u.pk: u for ms in members.values() for u in ms}.values())
    scores = unit_scores(rnd, units)
    regs = {r.unit_id: r for r in Registration.objects.filter(round=rnd, unit__in=units)}
    rankings = []
    for cluster in clusters:
        rows = [scores[u.pk] for u in members[cluster.pk]]
        for row, rank in zip(rows, scoring.competition_ranks([r.total for r in rows]), strict=True):
            row.rank = rank
            row.registration = regs.get(row.unit.pk)
        rows.sort(key=lambda r: (r.rank, r.unit.order, r.unit.code))
        rankings.append(
            ClusterRanking(cluster=cluster, lead=cluster_lead(cluster, rnd.year), rows=rows)
        )
    return rankings


def score_trace(*, user, rnd: EmulationRound, unit: OrgUnit) -> UnitScore:
    """One unit's score with every item it was built from; 404 for another member's."""
    if unit not in round_participants(rnd) or not score_may_view(user=user, rnd=rnd, unit=unit):
        raise Http404
    return unit_scores(rnd, [unit])[unit.pk]


def participant_get(*, rnd: EmulationRound, pk: int) -> OrgUnit:
    unit = next((u for u in round_participants(rnd) if u.pk == pk), None)
    if unit is None:
        raise Http404
    return unit


def score_percent(share: Decimal | None) -> str:
    """A share as the pages write it ("87,5%")."""
    return _percent(share)
