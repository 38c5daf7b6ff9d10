"""Writes of emulation. Each runs in a transaction, checks the acting user's scope, and leaves
an audit event with old and new values; a refused write leaves no row and no event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Plan

from ..choices import ClusterKind, CriterionKind, RoundStatus, ScoreSource
from ..models import (
    Cluster,
    ClusterLead,
    Criterion,
    EmulationRound,
    Movement,
    Registration,
    Score,
)
from ..selectors import round_participants, unit_scores


def _under(unit: OrgUnit, root: OrgUnit) -> bool:
    return unit.path.startswith(root.path)


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".")) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValidationError({field: _("%(label)s phải là số.") % {"label": label}}) from None
    if not number.is_finite():
        raise ValidationError({field: _("%(label)s phải là số.") % {"label": label}})
    return number


def _vn(number: Decimal) -> str:
    """10.50 → "10,5" (the message's way of writing a maximum)."""
    return format(number.normalize(), "f").replace(".", ",")


def _require_open(rnd: EmulationRound) -> None:
    if rnd.is_closed:
        raise ValidationError(
            _("Đợt chấm điểm đã khóa sổ ngày %(day)s: điểm đã chốt, không sửa được.")
            % {"day": timezone.localtime(rnd.closed_at).strftime("%d/%m/%Y")}
        )


# --- clusters ------------------------------------------------------------------------
@transaction.atomic
def cluster_create(
    *,
    acting_user,
    unit: OrgUnit,
    name: str,
    members: list[OrgUnit],
    kind: str = ClusterKind.CLUSTER,
    order: int = 0,
) -> Cluster:
    """Form a cluster or block of ``members`` (units under ``unit``, which organises it)."""
    scope_for(acting_user).require(Action.MANAGE, unit)
    outside = [m.name for m in members if not _under(m, unit) or m.pk == unit.pk]
    if outside:
        raise ValidationError(
            {
                "members": _("Đơn vị không trực thuộc %(unit)s: %(names)s.")
                % {"unit": unit.name, "names": ", ".join(outside)}
            }
        )
    if len(members) < 2:
        raise ValidationError({"members": _("Cụm, khối thi đua phải có ít nhất 2 đơn vị.")})
    cluster = Cluster(unit=unit, name=name.strip(), kind=kind, order=order)
    cluster.full_clean()
    cluster.save()
    cluster.members.set(members)
    audit_log(
        acting_user=acting_user,
        action="cluster.create",
        obj=cluster,
        unit=unit,
        changes={
            "name": [None, cluster.name],
            "kind": [None, kind],
            "members": [None, sorted(m.code for m in members)],
        },
    )
    return cluster


@transaction.atomic
def cluster_lead_set(
    *,
    acting_user,
    cluster: Cluster,
    year: int,
    unit: OrgUnit,
    deputy: OrgUnit | None = None,
) -> ClusterLead:
    """Make ``unit`` the cluster's lead for ``year`` (and ``deputy`` its deputy)."""
    scope_for(acting_user).require(Action.MANAGE, cluster.unit)
    members = set(cluster.members.values_list("pk", flat=True))
    for field, member in (("unit", unit), ("deputy", deputy)):
        if member is not None and member.pk not in members:
            raise ValidationError(
                {
                    field: _("%(unit)s không phải thành viên của %(cluster)s.")
                    % {"unit": member.name, "cluster": cluster.name}
                }
            )
    if deputy is not None and deputy.pk == unit.pk:
        raise ValidationError({"deputy": _("Cụm phó phải khác cụm trưởng.")})
    lead = ClusterLead.objects.filter(cluster=cluster, year=year).first()
    old = (lead.unit.code, lead.deputy.code if lead.deputy else None) if lead else (None, None)
    if lead is None:
        lead = ClusterLead(cluster=cluster, year=year, unit=unit, deputy=deputy)
    else:
        lead.unit, lead.deputy = unit, deputy
    lead.save()
    audit_log(
        acting_user=acting_user,
        action="cluster.lead",
        obj=cluster,
        unit=cluster.unit,
        changes={
            "year": [None, year],
            "lead": [old[0], unit.code],
            "deputy": [old[1], deputy.code if deputy else None],
        },
    )
    return lead


@transaction.atomic
def cluster_lead_rotate(*, acting_user, cluster: Cluster, year: int) -> ClusterLead:
    """Hand the lead for ``year`` to the member after last year's lead (in the units' order);
    last year's lead becomes the deputy. The first year the first member leads."""
    members = list(cluster.members.order_by("order", "code"))
    previous = cluster.leads.filter(year__lt=year).order_by("-year").first()
    if previous is None or previous.unit not in members:
        nxt, deputy = members[0], None
    else:
        nxt = members[(members.index(previous.unit) + 1) % len(members)]
        deputy = previous.unit
    return cluster_lead_set(
        acting_user=acting_user, cluster=cluster, year=year, unit=nxt, deputy=deputy
    )


# --- movements and rounds ------------------------------------------------------------
@transaction.atomic
def movement_create(
    *,
    acting_user,
    unit: OrgUnit,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    description: str = "",
    clusters: list[Cluster] = (),
) -> Movement:
    """Launch a movement (phát động phong trào) of ``unit``, with the clusters taking part."""
    scope_for(acting_user).require(Action.MANAGE, unit)
    foreign = [c.name for c in clusters if c.unit_id != unit.pk]
    if foreign:
        raise ValidationError(
            {
                "clusters": _("Cụm, khối không do %(unit)s tổ chức: %(names)s.")
                % {"unit": unit.name, "names": ", ".join(foreign)}
            }
        )
    movement = Movement(
        unit=unit, name=name.strip(), starts_on=starts_on, ends_on=ends_on, description=description
    )
    movement.full_clean()
    movement.save()
    movement.clusters.set(clusters)
    audit_log(
        acting_user=acting_user,
        action="movement.create",
        obj=movement,
        unit=unit,
        changes={
            "name": [None, movement.name],
            "starts_on": [None, starts_on],
            "ends_on": [None, ends_on],
            "clusters": [None, sorted(c.pk for c in clusters)],
        },
    )
    return movement


@transaction.atomic
def round_create(*, acting_user, movement: Movement, year: int, plan: Plan) -> EmulationRound:
    """Open the scoring of ``movement`` for ``year`` against ``plan`` (the organiser's
    resolution for that year; each unit's targets are those of its plan concretising it)."""
    scope_for(acting_user).require(Action.MANAGE, movement.unit)
    if plan.unit_id != movement.unit_id:
        raise ValidationError(
            {"plan": _("Nghị quyết phải do %(unit)s ban hành.") % {"unit": movement.unit.name}}
        )
    if not movement.starts_on.year <= year <= movement.ends_on.year:
        raise ValidationError(
            {
                "year": _("Năm %(year)d nằm ngoài thời gian của phong trào (%(a)d–%(b)d).")
                % {"year": year, "a": movement.starts_on.year, "b": movement.ends_on.year}
            }
        )
    if EmulationRound.objects.filter(movement=movement, year=year).exists():
        raise ValidationError(
            {"year": _("Phong trào đã có đợt chấm điểm năm %(year)d.") % {"year": year}}
        )
    rnd = EmulationRound.objects.create(movement=movement, year=year, plan=plan)
    audit_log(
        acting_user=acting_user,
        action="emulationround.create",
        obj=rnd,
        unit=movement.unit,
        changes={"year": [None, year], "plan": [None, plan.code]},
    )
    return rnd


@transaction.atomic
def criterion_create(
    *,
    acting_user,
    rnd: EmulationRound,
    code: str,
    name: str,
    kind: str,
    max_points,
    weight=1,
    order: int = 0,
) -> Criterion:
    """Add a criterion to an open round: computed from the system's data, or the council's."""
    scope_for(acting_user).require(Action.MANAGE, rnd.movement.unit)
    _require_open(rnd)
    max_points = _decimal(max_points, "max_points", _("Điểm tối đa"))
    weight = _decimal(weight, "weight", _("Hệ số"))
    errors = {}
    if max_points <= 0:
        errors["max_points"] = _("Điểm tối đa phải lớn hơn 0.")
    if weight <= 0:
        errors["weight"] = _("Hệ số phải lớn hơn 0.")
    if kind not in CriterionKind.values:
        errors["kind"] = _("Cách chấm không hợp lệ.")
    if Criterion.objects.filter(round=rnd, code=code.strip()).exists():
        errors["code"] = _("Đợt chấm điểm đã có tiêu chí số %(code)s.") % {"code": code}
    if errors:
        raise ValidationError(errors)
    criterion = Criterion(
        round=rnd,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        max_points=max_points,
        weight=weight,
        order=order,
    )
    criterion.full_clean()
    criterion.save()
    audit_log(
        acting_user=acting_user,
        action="criterion.create",
        obj=criterion,
        unit=rnd.movement.unit,
        changes={
            "code": [None, criterion.code],
            "kind": [None, kind],
            "max_points": [None, max_points],
            "weight": [None, weight],
        },
    )
    return criterion


@transaction.atomic
def registration_save(
    *, acting_user, rnd: EmulationRound, unit: OrgUnit, title_sought: str, commitment: str
) -> Registration:
    """Record (or amend, while the round is open) ``unit``'s registration for the round."""
    scope = scope_for(acting_user)
    if not (scope.allows(Action.REPORT, unit) or scope.allows(Action.MANAGE, unit)):
        scope.require(Action.MANAGE, unit)
    _require_open(rnd)
    if unit not in round_participants(rnd):
        raise ValidationError(
            {"unit": _("%(unit)s không thuộc cụm, khối nào của phong trào.") % {"unit": unit.name}}
        )
    errors = {}
    if not title_sought.strip():
        errors["title_sought"] = _("Hãy ghi danh hiệu đăng ký.")
    if not commitment.strip():
        errors["commitment"] = _("Hãy ghi nội dung đăng ký, giao ước thi đua.")
    if errors:
        raise ValidationError(errors)
    reg = Registration.objects.filter(round=rnd, unit=unit).first()
    old = (reg.title_sought, reg.commitment) if reg else (None, None)
    if reg is None:
        reg = Registration(round=rnd, unit=unit)
    reg.title_sought, reg.commitment = title_sought.strip(), commitment.strip()
    reg.registered_by = acting_user if getattr(acting_user, "pk", None) else None
    reg.full_clean()
    reg.save()
    audit_log(
        acting_user=acting_user,
        action="registration.save",
        obj=reg,
        unit=unit,
        changes={
            "title_sought": [old[0], reg.title_sought],
            "commitment": [old[1], reg.commitment],
        },
    )
    return reg


@transaction.atomic
def score_council_set(
    *,
    acting_user,
    rnd: EmulationRound,
    criterion: Criterion,
    unit: OrgUnit,
    points,
    note: str,
) -> Score:
    """The council's score of ``unit`` on a council criterion, with the note that justifies it."""
    scope_for(acting_user).require(Action.MANAGE, rnd.movement.unit)
    _require_open(rnd)
    if criterion.round_id != rnd.pk or criterion.is_computed:
        raise ValidationError(
            {
                "criterion": _("Tiêu chí %(code)s do hệ thống tính, hội đồng không chấm tay.")
                % {"code": criterion.code}
            }
        )
    if unit not in round_participants(rnd):
        raise ValidationError(
            {"unit": _("%(unit)s không tham gia đợt chấm điểm.") % {"unit": unit.name}}
        )
    points = _decimal(points, "points", _("Điểm"))
    if not 0 <= points <= criterion.max_points:
        raise ValidationError(
            {
                "points": _("Điểm của tiêu chí %(code)s phải từ 0 đến %(max)s.")
                % {"code": criterion.code, "max": _vn(criterion.max_points)}
            }
        )
    if not note.strip():
        raise ValidationError({"note": _("Hãy ghi nhận xét, căn cứ chấm điểm.")})
    score = Score.objects.filter(round=rnd, criterion=criterion, unit=unit).first()
    old = (score.points, score.note) if score else (None, None)
    if score is None:
        score = Score(round=rnd, criterion=criterion, unit=unit, source=ScoreSource.COUNCIL)
    score.points, score.note = points, note.strip()
    score.scored_by = acting_user if getattr(acting_user, "pk", None) else None
    score.save()
    audit_log(
        acting_user=acting_user,
        action="score.council",
        obj=score,
        unit=unit,
        changes={"points": [old[0], points], "note": [old[1], score.note]},
    )
    return score


@transaction.atomic
@audit_operation()
def round_close(
    *, acting_user, rnd: EmulationRound, as_of: dt.date | None = None
) -> EmulationRound:
    """Close the round: every computed score is written as it stands on ``as_of`` (today),
    with what it was built from, and from then on nothing changes it."""
    scope_for(acting_user).require(Action.MANAGE, rnd.movement.unit)
    rnd = EmulationRound.objects.select_for_update().get(pk=rnd.pk)
    _require_open(rnd)
    rnd.as_of = as_of or timezone.localdate()
    units = round_participants(rnd)
    scores = unit_scores(rnd, units)
    frozen = []
    for unit in units:
        for result in scores[unit.pk].results:
            if not result.criterion.is_computed:
                continue
            frozen.append(
                Score(
                    round=rnd,
                    criterion=result.criterion,
                    unit=unit,
                    source=ScoreSource.COMPUTED,
                    points=result.points,
                    share=result.share,
                    basis=result.items,
                    note=result.note,
                    scored_by=acting_user if getattr(acting_user, "pk", None) else None,
                )
            )
    Score.objects.bulk_create(frozen)
    rnd.status = RoundStatus.CLOSED
    rnd.closed_at = timezone.now()
    rnd.closed_by = acting_user if getattr(acting_user, "pk", None) else None
    rnd.save(update_fields=["status", "closed_at", "closed_by", "as_of"])
    audit_log(
        acting_user=acting_user,
        action="emulationround.close",
        obj=rnd,
        unit=rnd.movement.unit,
        changes={
            "status": [RoundStatus.OPEN, RoundStatus.CLOSED],
            "as_of": [None, rnd.as_of],
            "frozen_scores": [None, len(frozen)],
        },
    )
    return rnd
