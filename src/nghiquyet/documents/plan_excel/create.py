"""Making the plan from a sheet that was read without a problem: its groups, indicators,
targets and tasks, through the plan services (each writes its own audit event).
"""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext as _

from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import (
    Aggregation,
    GroupKind,
    IndicatorNature,
    PlanKind,
    Temporal,
)
from nghiquyet.plans.models import Indicator, Plan
from nghiquyet.text import fold

from .read import ParsedPlan, TargetRow


def _indicator_code(t: TargetRow, plan_code: str, taken: dict[str, tuple]) -> tuple[str, bool]:
    """A code for a new indicator: its name as a slug; reused if the same thing exists."""
    base = slugify(fold(t.name).replace("_", "-"))[:56] or f"{plan_code}-{t.code}"
    signature = (t.name, t.uom, t.aggregation)
    for i in range(1, 1000):
        code = base if i == 1 else f"{base}-{i}"
        if code in taken:
            if taken[code] == signature:
                return code, True
            continue
        existing = Indicator.objects.filter(code=code).first()
        if existing is None:
            taken[code] = signature
            return code, False
        if (existing.name, existing.unit_of_measure, existing.aggregation) == signature:
            taken[code] = signature
            return code, True
    return f"{plan_code}-{t.code}"[:64], False


def _decimals(t: TargetRow) -> int:
    if t.uom == "%":
        return 2
    figures = [v for v in (t.value, t.high) if v is not None]
    return 0 if all(v == v.to_integral() for v in figures) else 2


def create_plan(acting_user, parsed: ParsedPlan, report) -> Plan:
    meta = parsed.meta
    start, end = meta["span"]
    term = meta["kind"] == PlanKind.TERM_RESOLUTION or end is not None
    plan = plan_services.plan_create(
        acting_user=acting_user,
        code=meta["code"],
        kind=meta["kind"],
        title=meta["title"],
        unit=meta["unit"],
        issuing_body=meta["issuing_body"],
        number=meta.get("number", ""),
        superior_body=meta.get("superior_body", ""),
        issued_on=meta.get("issued_on"),
        year=None if term else start,
        term_start=start if term else None,
        term_end=end if term else None,
    )
    groups = {}
    for i, (code, name) in enumerate(parsed.groups):
        groups[code] = plan_services.group_create(
            kind=GroupKind.TARGETS,
            acting_user=acting_user,
            plan=plan,
            name=name,
            code=code,
            order=i,
        )
    composites = {t.composite for t in parsed.targets if t.composite}
    made = {}
    taken: dict[str, tuple] = {}
    total = len(parsed.targets) + len(parsed.tasks) or 1
    done = 0
    # Composites and plain targets first, then the parts that point at them.
    ordered = [t for t in parsed.targets if not t.composite] + [
        t for t in parsed.targets if t.composite
    ]
    position = {id(t): i for i, t in enumerate(parsed.targets)}
    for t in ordered:
        is_composite = t.code in composites
        indicator = None
        if not is_composite:
            indicator = t.indicator
            if indicator is None:
                code = t.indicator_code
                if not code:
                    code, _reused = _indicator_code(t, plan.code, taken)
                indicator = plan_services.indicator_get_or_create(
                    acting_user=acting_user,
                    code=code,
                    name=t.name,
                    unit_of_measure=t.uom,
                    nature=IndicatorNature.FLOW
                    if t.aggregation == Aggregation.SUM
                    and t.temporal in (Temporal.ANNUAL, Temporal.CUMULATIVE)
                    else IndicatorNature.STOCK,
                    aggregation=t.aggregation,
                    decimals=_decimals(t),
                )
        made[t.code] = plan_services.target_create(
            acting_user=acting_user,
            plan=plan,
            code=t.code,
            name=t.name,
            indicator=indicator,
            group=groups.get(t.group),
            order=position[id(t)] + 1,
            statement=t.statement,
            direction=t.direction,
            target_value=None if is_composite else t.value,
            target_high=None if is_composite else t.high,
            tolerance=None if is_composite else t.tolerance,
            change=t.change,
            temporal=t.temporal,
            is_composite=is_composite,
            composite=made.get(t.composite) if t.composite else None,
            lead_unit=t.lead,
            partner_units=t.partners,
            part_of=made.get(t.part_of) if t.part_of else None,
            **({} if is_composite else t.form),
        )
        done += 1
        if done % 20 == 0:
            report(20 + 70 * done // total, _("Đã ghi %(n)s chỉ tiêu") % {"n": done})
    task_groups = {}
    for i, (code, name) in enumerate(parsed.task_groups):
        task_groups[code] = plan_services.group_create(
            kind=GroupKind.TASKS, acting_user=acting_user, plan=plan, name=name, code=code, order=i
        )
    for task in parsed.tasks:
        plan_services.task_create(
            acting_user=acting_user,
            plan=plan,
            title=task.title,
            owner_unit=task.owner,
            product=task.product,
            deadline=task.deadline,
            group=task_groups.get(task.group),
            code=task.code,
            partner_units=task.partners,
        )
        done += 1
        if done % 20 == 0:
            report(20 + 70 * done // total, _("Đã ghi %(n)s nhiệm vụ") % {"n": done})
    return plan


def plan_import_message(plan: Plan, filename: str) -> str:
    targets = plan.targets.filter(composite__isnull=True).count()
    tasks = plan.tasks.count()
    return _(
        "Đã nhập %(plan)s %(title)s từ tệp “%(name)s”: %(targets)s chỉ tiêu, %(tasks)s nhiệm vụ."
    ) % {
        "plan": plan.heading,
        "title": plan.title,
        "name": filename,
        "targets": targets,
        "tasks": tasks,
    }
