"""Making plans, their groups, indicators, targets and tasks (by hand, by the importers,
by the demo)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from nghiquyet import engine
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit

from ..choices import (
    Aggregation,
    BodyKind,
    ChangeMeasure,
    IndicatorNature,
    TargetChange,
    TargetDecides,
    TargetDirection,
    Temporal,
)
from ..models import ClassificationScheme, Group, Indicator, Plan, Target, Task
from .common import announce, assign_on, require_assignable, require_manage


def scheme_presets_ensure() -> dict[str, ClassificationScheme]:
    """The preset classification schemes (DESIGN.md §4), created if missing.

    A migration seeds them, but a database that was flushed or restored
    partially must still be able to take new plans.
    """
    presets = {}
    for preset in engine.PRESETS.values():
        data = preset.to_dict()
        scheme, created = ClassificationScheme.objects.get_or_create(
            key=data["key"], defaults={"name": data["name"], "bands": data["bands"]}
        )
        if created:
            audit_log(
                acting_user=None,
                action="scheme.create",
                obj=scheme,
                changes={"key": [None, scheme.key]},
            )
        presets[scheme.key] = scheme
    return presets


@transaction.atomic
def indicator_get_or_create(
    *,
    acting_user,
    code: str,
    name: str,
    unit_of_measure: str = "",
    nature: str = IndicatorNature.STOCK,
    aggregation: str = Aggregation.NONE,
    decimals: int = 2,
    ratio_factor: Decimal | int = 100,
    numerator_label: str = "",
    denominator_label: str = "",
    description: str = "",
) -> Indicator:
    """Return the indicator with ``code``, creating it if it does not exist yet."""
    existing = Indicator.objects.filter(code=code).first()
    if existing:
        return existing
    indicator = Indicator(
        code=code,
        name=name,
        unit_of_measure=unit_of_measure,
        nature=nature,
        aggregation=aggregation,
        decimals=decimals,
        ratio_factor=ratio_factor,
        numerator_label=numerator_label,
        denominator_label=denominator_label,
        description=description,
    )
    indicator.full_clean()
    indicator.save()
    audit_log(
        acting_user=acting_user,
        action="indicator.create",
        obj=indicator,
        changes={"code": [None, code], "name": [None, name]},
    )
    return indicator


@transaction.atomic
@audit_operation()
def plan_create(
    *,
    acting_user,
    code: str,
    kind: str,
    title: str,
    unit: OrgUnit,
    issuing_body: str,
    number: str = "",
    superior_body: str = "",
    body_kind: str = BodyKind.PARTY,
    issued_on: dt.date | None = None,
    year: int | None = None,
    term_start: int | None = None,
    term_end: int | None = None,
    parent: Plan | None = None,
    scheme: ClassificationScheme | None = None,
    description: str = "",
    is_demo: bool = False,
) -> Plan:
    """Create a plan (resolution, program…) for ``unit``; the user must manage that unit."""
    require_manage(acting_user, unit)
    plan = Plan(
        code=code,
        kind=kind,
        title=title,
        unit=unit,
        issuing_body=issuing_body,
        number=number,
        superior_body=superior_body,
        body_kind=body_kind,
        issued_on=issued_on,
        year=year,
        term_start=term_start,
        term_end=term_end,
        parent=parent,
        description=description,
        is_demo=is_demo,
    )
    plan.scheme = scheme or scheme_presets_ensure()[engine.BANDS.key]
    plan.full_clean()
    plan.save()
    audit_log(
        acting_user=acting_user,
        action="plan.create",
        obj=plan,
        unit=unit,
        changes={"code": [None, code], "kind": [None, kind], "title": [None, title]},
    )
    return plan


@transaction.atomic
def group_create(
    *, acting_user, plan: Plan, kind: str, name: str, code: str = "", order: int = 0
) -> Group:
    """Add a numbered group of targets or of tasks (``kind``) to ``plan``."""
    require_manage(acting_user, plan.unit)
    group = Group(plan=plan, kind=kind, name=name, code=code, order=order)
    group.full_clean()
    group.save()
    audit_log(
        acting_user=acting_user,
        action="group.create",
        obj=group,
        unit=plan.unit,
        changes={"plan": [None, plan.code], "kind": [None, kind], "name": [None, name]},
    )
    return group


@transaction.atomic
def target_create(
    *,
    acting_user,
    plan: Plan,
    code: str,
    name: str,
    indicator: Indicator | None,
    group: Group | None = None,
    order: int = 0,
    statement: str = "",
    direction: str = TargetDirection.HIGHER,
    target_value: Decimal | float | str | None = None,
    target_high: Decimal | float | str | None = None,
    tolerance: Decimal | float | str | None = None,
    change: int = TargetChange.NONE,
    temporal: str = Temporal.ANNUAL,
    due_date: dt.date | None = None,
    is_composite: bool = False,
    composite: Target | None = None,
    parent: Target | None = None,
    lead_unit: OrgUnit | None = None,
    partner_units: list[OrgUnit] | tuple[OrgUnit, ...] = (),
    note: str = "",
    strict: bool = False,
    change_measure: str = ChangeMeasure.AUTO,
    with_change: int = TargetChange.NONE,
    with_change_low: Decimal | float | str | None = None,
    with_change_high: Decimal | float | str | None = None,
    decided_by: int = TargetDecides.BOTH,
    part_of: Target | None = None,
) -> Target:
    """Add a target to ``plan`` in any form of DESIGN.md §3: ``strict`` bounds ("trên 90"),
    a change in percent or points (``change_measure``), a level with a change
    (``with_change``…, judged by ``decided_by``), a "trong đó" part (``part_of``).

    The lead and partner units must be units the user manages, not ended when the plan's
    time starts (:func:`assignable_errors`)."""
    require_manage(acting_user, plan.unit)
    require_assignable(
        acting_user, assign_on(plan), lead_unit=[lead_unit], partner_units=partner_units
    )

    def dec(x):
        return None if x is None else Decimal(str(x))

    target = Target(
        plan=plan,
        group=group,
        code=code,
        order=order,
        indicator=indicator,
        name=name,
        statement=statement,
        direction=direction,
        target_value=dec(target_value),
        target_high=dec(target_high),
        tolerance=dec(tolerance),
        change=change,
        temporal=temporal,
        due_date=due_date,
        is_composite=is_composite,
        composite=composite,
        parent=parent,
        lead_unit=lead_unit,
        note=note,
        strict=strict,
        change_measure=change_measure,
        with_change=with_change,
        with_change_low=dec(with_change_low),
        with_change_high=dec(with_change_high),
        decided_by=decided_by,
        part_of=part_of,
    )
    target.full_clean()
    target.save()
    if partner_units:
        target.partner_units.set(partner_units)
    audit_log(
        acting_user=acting_user,
        action="target.create",
        obj=target,
        unit=plan.unit,
        changes={
            "plan": [None, plan.code],
            "code": [None, code],
            "name": [None, name],
            "target_value": [None, target.target_value],
        },
    )
    return target


@transaction.atomic
def task_create(
    *,
    acting_user,
    plan: Plan,
    title: str,
    owner_unit: OrgUnit,
    product: str,
    deadline: dt.date | None,
    group: Group | None = None,
    code: str = "",
    description: str = "",
    partner_units: list[OrgUnit] | tuple[OrgUnit, ...] = (),
    target: Target | None = None,
    progress: int = 0,
    completed_on: dt.date | None = None,
) -> Task:
    """Assign a task: a job, an owner unit, a product and a deadline.

    The owner and partner units must be units the user manages, not ended when the plan's
    time starts (:func:`assignable_errors`)."""
    require_manage(acting_user, plan.unit)
    require_assignable(
        acting_user, assign_on(plan), owner_unit=[owner_unit], partner_units=partner_units
    )
    task = Task(
        plan=plan,
        group=group,
        code=code,
        title=title,
        description=description,
        owner_unit=owner_unit,
        product=product,
        deadline=deadline,
        target=target,
        progress=progress,
        completed_on=completed_on,
    )
    task.full_clean()
    task.save()
    if partner_units:
        task.partner_units.set(partner_units)
    announce(task, acting_user)
    audit_log(
        acting_user=acting_user,
        action="task.create",
        obj=task,
        unit=owner_unit,
        changes={
            "plan": [None, plan.code],
            "title": [None, title],
            "owner_unit": [None, owner_unit.code],
            "deadline": [None, deadline],
        },
    )
    return task


@transaction.atomic
@audit_operation()
def target_add(*, acting_user, plan: Plan, data: dict) -> Target:
    """Add a target from the office's form: ``data`` holds the target's fields, and either an
    ``indicator`` or the name (``new_indicator``), unit of measure and aggregation of a new
    one, made with the target in one operation."""
    data = dict(data)
    name = (data.pop("new_indicator", "") or "").strip()
    unit_of_measure = data.pop("new_indicator_unit", "") or ""
    aggregation = data.pop("new_indicator_aggregation", "") or Aggregation.NONE
    if data.get("indicator") is None and name:
        require_manage(acting_user, plan.unit)
        base = slugify(f"{plan.code}-{name}")[:56] or f"{plan.code}-chi-so"
        code, n = base, 1
        while Indicator.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        data["indicator"] = indicator_get_or_create(
            acting_user=acting_user,
            code=code,
            name=name,
            unit_of_measure=unit_of_measure,
            aggregation=aggregation,
        )
    data["partner_units"] = list(data.get("partner_units") or ())
    return target_create(acting_user=acting_user, plan=plan, **data)
