"""Writes for periods and values."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM, scope_for
from nghiquyet.plans.models import Indicator

from .choices import ValueSource, ValueStatus
from .models import Period, ReferencePoint, ReferenceSeries, Value
from .periods import PeriodSpec

SIX_PLACES = Decimal("0.000001")


@transaction.atomic
def period_get_or_create(*, spec: PeriodSpec, deadline=None) -> Period:
    """The period for ``spec``, created with its cut-off dates if it does not exist.

    Periods are shared reference data (like a calendar), so creating one needs
    no particular scope; it is still logged.
    """
    spec.validate()
    period = Period.objects.filter(key=spec.key).first()
    if period:
        return period
    try:
        with transaction.atomic():  # a savepoint: another request may create it at once
            period = Period.objects.create(**spec.model_fields(deadline))
    except IntegrityError:
        return Period.objects.get(key=spec.key)
    audit_log(
        acting_user=None,
        action="period.create",
        obj=period,
        changes={"key": [None, spec.key], "deadline": [None, period.deadline]},
    )
    return period


def _decimal(value, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Giá trị không phải là số.")}) from None
    if not result.is_finite():
        raise ValidationError({field: _("Giá trị không phải là số hữu hạn.")})
    if result.as_tuple().exponent < -6:  # figures are stored to six decimals
        result = result.quantize(SIX_PLACES)
    return result


@transaction.atomic
def value_record(
    *,
    acting_user,
    indicator: Indicator,
    unit: OrgUnit,
    period: Period,
    value: Decimal | float | str,
    status: str = ValueStatus.ESTIMATE,
    numerator: Decimal | float | str | None = None,
    denominator: Decimal | float | str | None = None,
    note: str = "",
    source: str = ValueSource.MANUAL,
    submission=None,
    value_text: str = "",
) -> Value:
    """Record an accepted figure. The previous one stays as an earlier version.

    Units' figures arrive through their reports and are recorded here when the
    office accepts them (``submission``); an office may also record official
    figures directly for units it manages. Recording exactly the current figure
    again (same value, status and parts) changes nothing and returns the current
    version, so repeated acceptances and imports are harmless. ``value_text`` is the figure
    as the report wrote it ("khoảng 22.710"), kept beside the number.
    """
    if acting_user is not SYSTEM:
        scope_for(acting_user).require(Action.MANAGE, unit)
    amount = _decimal(value, "value")
    if amount is None:
        raise ValidationError({"value": _("Thiếu giá trị.")})
    num = _decimal(numerator, "numerator")
    den = _decimal(denominator, "denominator")
    if (num is None) != (den is None):
        raise ValidationError(_("Phải nhập cả tử số và mẫu số, hoặc bỏ trống cả hai."))
    if den is not None and den == 0:
        raise ValidationError({"denominator": _("Mẫu số phải khác 0.")})
    if status not in ValueStatus.values:
        raise ValidationError({"status": _("Tình trạng số liệu không hợp lệ.")})

    current = (
        Value.objects.select_for_update()
        .filter(indicator=indicator, unit=unit, period=period, is_current=True)
        .first()
    )
    if (
        current is not None
        and current.value == amount
        and current.status == status
        and current.numerator == num
        and current.denominator == den
        and current.value_text == value_text
    ):
        return current

    version = 1
    if current is not None:
        version = current.version + 1
        Value.objects.filter(pk=current.pk).update(is_current=False)
    row = Value(
        indicator=indicator,
        unit=unit,
        period=period,
        value=amount,
        value_text=value_text,
        numerator=num,
        denominator=den,
        status=status,
        version=version,
        is_current=True,
        note=note,
        source=source,
        submission=submission,
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    row.full_clean(exclude=["recorded_by"])
    row.save()
    changes = {
        "value": [current.value if current else None, amount],
        "status": [current.status if current else None, status],
        "version": [current.version if current else None, version],
    }
    # The parts of a ratio and the note, when they changed.
    before = {
        "numerator": current.numerator if current else None,
        "denominator": current.denominator if current else None,
        "note": current.note if current else "",
        "value_text": current.value_text if current else "",
    }
    after = {"numerator": num, "denominator": den, "note": note, "value_text": value_text}
    changes.update({k: [before[k], after[k]] for k in after if before[k] != after[k]})
    audit_log(
        acting_user=acting_user if acting_user is not SYSTEM else None,
        action="value.record",
        obj=row,
        unit=unit,
        changes=changes,
        note=note,
    )
    return row


# --- reference series ("so sánh tương quan") -------------------------------------------------


@transaction.atomic
def reference_series_get_or_create(
    *,
    acting_user,
    indicator: Indicator,
    owner: OrgUnit,
    name: str,
    kind: str = "country",
    source: str = "",
) -> ReferenceSeries:
    """The series ``name`` of ``indicator`` kept by ``owner``; created if new."""
    if acting_user is not SYSTEM:
        scope_for(acting_user).require(Action.MANAGE, owner)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Hãy nhập tên dãy số liệu, ví dụ: Cả nước.")})
    series = ReferenceSeries.objects.filter(indicator=indicator, owner=owner, name=name).first()
    if series is not None:
        return series
    series = ReferenceSeries(indicator=indicator, owner=owner, name=name, kind=kind, source=source)
    series.full_clean()
    series.save()
    audit_log(
        acting_user=acting_user,
        action="reference.create",
        obj=series,
        unit=owner,
        changes={"indicator": [None, indicator.code], "name": [None, name]},
    )
    return series


@transaction.atomic
def reference_point_record(
    *,
    acting_user,
    series: ReferenceSeries,
    period: Period,
    value,
    note: str = "",
) -> ReferencePoint:
    """Record a figure of the series; a different figure for the same period is a new version."""
    if acting_user is not SYSTEM:
        scope_for(acting_user).require(Action.MANAGE, series.owner)
    amount = _decimal(value, "value")
    if amount is None:
        raise ValidationError({"value": _("Thiếu giá trị.")})
    current = (
        ReferencePoint.objects.select_for_update()
        .filter(series=series, period=period, is_current=True)
        .first()
    )
    if current is not None and current.value == amount and current.note == note:
        return current
    version = 1
    if current is not None:
        version = current.version + 1
        ReferencePoint.objects.filter(pk=current.pk).update(is_current=False)
    point = ReferencePoint.objects.create(
        series=series,
        period=period,
        value=amount,
        note=note,
        version=version,
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    audit_log(
        acting_user=acting_user,
        action="reference.record",
        obj=point,
        unit=series.owner,
        changes={
            "period": [None, period.key],
            "value": [current.value if current else None, amount],
        },
        note=note,
    )
    return point
