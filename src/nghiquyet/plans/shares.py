"""Services: an office divides a target of its plan among the units under it.

Equal shares need nothing stored; by population the office gives each unit's population
(with where the counts come from and their date) and the shares follow from the target's
figure (:func:`nghiquyet.engine.shares.split_by_weights`); by hand it types each unit's
share, and they must add up to the figure exactly. One ``target.shares`` audit event with
the method and the shares before and after.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log
from nghiquyet.engine.shares import shares_total_gap, step_of
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from .choices import ShareMethod
from .display import number
from .models import Target, TargetShare, TargetShareSet
from .share_selectors import plan_expected_units, target_share_refusal


def row_field(unit: OrgUnit, method: str) -> str:
    """The name of a unit's cell in a service's errors and in the page's form: its population
    (``population-<id>``) or its share by hand (``share-<id>``)."""
    return f"{'population' if method == ShareMethod.POPULATION else 'share'}-{unit.pk}"


def _snapshot(share_set: TargetShareSet | None) -> dict:
    """What the audit event records of a set: its method and each unit's row, by code."""
    if share_set is None:
        return {"method": ShareMethod.EQUAL}
    rows = {}
    for r in share_set.rows.select_related("unit").order_by("pk"):
        if share_set.method == ShareMethod.POPULATION:
            rows[r.unit.code] = r.population
        elif r.figure is not None:
            rows[r.unit.code] = format(r.figure.normalize(), "f")
    snap = {"method": share_set.method, "rows": rows}
    if share_set.population_source:
        snap["population_source"] = share_set.population_source
    if share_set.population_on:
        snap["population_on"] = share_set.population_on.isoformat()
    return snap


def _validate_rows(
    target: Target, method: str, units: list[OrgUnit], rows: dict[OrgUnit, object]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    expected = {u.pk for u in units}
    for unit in rows:
        if unit.pk not in expected:
            errors.setdefault("rows", []).append(
                _("%(unit)s không phải đơn vị cấp dưới trực tiếp của %(parent)s.")
                % {"unit": unit.name, "parent": target.plan.unit.name}
            )
    given = {u.pk: v for u, v in rows.items()}
    step = step_of(target.decimals)
    for unit in units:
        value = given.get(unit.pk)
        field = row_field(unit, method)
        if value is None:
            what = _("số dân") if method == ShareMethod.POPULATION else _("phần được giao")
            errors[field] = [
                _("Dòng %(unit)s: hãy ghi %(what)s.") % {"unit": unit.name, "what": what}
            ]
        elif value < 0:
            errors[field] = [_("Dòng %(unit)s: không được là số âm.") % {"unit": unit.name}]
        elif method == ShareMethod.POPULATION and value != int(value):
            errors[field] = [_("Dòng %(unit)s: số dân phải là số nguyên.") % {"unit": unit.name}]
        elif method == ShareMethod.HAND and Decimal(value) % step:
            errors[field] = [
                _("Dòng %(unit)s: chỉ tiêu này ghi đến %(step)s, không ghi lẻ hơn.")
                % {"unit": unit.name, "step": number(step, target.decimals)}
            ]
    if method == ShareMethod.POPULATION and not errors and not any(given.values()):
        errors["rows"] = [_("Hãy ghi số dân của ít nhất một đơn vị (lớn hơn 0).")]
    if method == ShareMethod.HAND and not errors:
        gap = shares_total_gap(target.target_value, [given[u.pk] for u in units])
        if gap:
            errors["rows"] = [
                _(
                    "Phần giao của các đơn vị cộng lại là %(sum)s, %(how)s %(gap)s so với chỉ tiêu "
                    "%(total)s của %(parent)s: tổng phải đúng bằng chỉ tiêu."
                )
                % {
                    "sum": number(target.target_value + gap, target.decimals),
                    "how": _("thừa") if gap > 0 else _("thiếu"),
                    "gap": number(abs(gap), target.decimals),
                    "total": number(target.target_value, target.decimals),
                    "parent": target.plan.unit.name,
                }
            ]
    return errors


@transaction.atomic
def target_shares_set(
    *,
    acting_user,
    target: Target,
    method: str,
    rows: dict[OrgUnit, Decimal | int | None] | None = None,
    population_source: str = "",
    population_on: dt.date | None = None,
) -> TargetShareSet | None:
    """Divide ``target`` among the units under its plan's unit.

    ``method`` is a :class:`ShareMethod`. For *population*, ``rows`` maps each unit expected
    (:func:`plan_expected_units`) to its population, and ``population_source`` says where the
    counts come from; for *by hand*, to its share, and the shares must add up to the target's
    figure. *Equal* removes any set shares (and returns None). The acting user must manage the
    plan's unit; every problem is named by the unit's row, and nothing is written then.
    """
    plan = target.plan
    scope_for(acting_user).require(Action.MANAGE, plan.unit)
    if method not in ShareMethod.values:
        raise ValidationError({"method": [_("Hãy chọn cách giao chỉ tiêu.")]})
    refusal = target_share_refusal(target)
    if refusal:
        raise ValidationError({"method": [refusal]})
    old = TargetShareSet.objects.filter(target=target).first()
    before = _snapshot(old)
    if method == ShareMethod.EQUAL:
        if old is None:
            return None
        old.delete()
        audit_log(
            acting_user=acting_user,
            action="target.shares",
            obj=target,
            unit=plan.unit,
            changes={"shares": [before, _snapshot(None)]},
        )
        return None

    units = plan_expected_units(user=acting_user, plan=plan)
    rows = rows or {}
    errors = _validate_rows(target, method, units, rows)
    population_source = (population_source or "").strip()
    if method == ShareMethod.POPULATION and not population_source:
        errors["population_source"] = [
            _("Hãy ghi nguồn số dân, ví dụ: Niên giám thống kê tỉnh năm 2024.")
        ]
    if errors:
        raise ValidationError(errors)

    share_set = old or TargetShareSet(target=target)
    share_set.method = method
    share_set.population_source = population_source if method == ShareMethod.POPULATION else ""
    share_set.population_on = population_on if method == ShareMethod.POPULATION else None
    share_set.total = target.target_value
    share_set.updated_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    share_set.save()
    share_set.rows.all().delete()
    given = {u.pk: v for u, v in rows.items()}
    TargetShare.objects.bulk_create(
        TargetShare(
            share_set=share_set,
            unit=u,
            population=int(given[u.pk]) if method == ShareMethod.POPULATION else None,
            figure=Decimal(given[u.pk]) if method == ShareMethod.HAND else None,
        )
        for u in units
    )
    audit_log(
        acting_user=acting_user,
        action="target.shares",
        obj=target,
        unit=plan.unit,
        changes={"shares": [before, _snapshot(share_set)]},
    )
    return share_set
