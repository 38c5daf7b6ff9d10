from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import Indicator
from nghiquyet.reporting.choices import PeriodKind, ValueStatus
from nghiquyet.reporting.models import Period, Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.values import value_history
from nghiquyet.reporting.services import period_get_or_create, value_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def h1():
    return period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, 2021))


@pytest.fixture
def jobs():
    return Indicator.objects.get(code="new-jobs")


def test_new_figure_is_a_new_version_and_history_is_kept(users, units, h1, jobs):
    reporter, ward = users["vanphong.thanhpho"], units["28777-cu"]
    first = value_record(acting_user=reporter, indicator=jobs, unit=ward, period=h1, value="120")
    second = value_record(
        acting_user=reporter,
        indicator=jobs,
        unit=ward,
        period=h1,
        value="131",
        status=ValueStatus.OFFICIAL,
        note="Số liệu chính thức",
    )
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert not first.is_current and first.value == Decimal("120")
    assert second.is_current and second.recorded_by == reporter
    history = list(value_history(user=reporter, indicator_id=jobs.pk, unit=ward, period=h1))
    assert [v.value for v in history] == [Decimal("131"), Decimal("120")]
    events = AuditEvent.objects.filter(
        action="value.record", object_id__in=[str(first.pk), str(second.pk)]
    ).order_by("id")
    assert [e.changes["value"] for e in events] == [[None, "120"], ["120", "131"]]
    assert events.last().actor == reporter


def test_recording_the_same_figure_again_changes_nothing(users, units, h1, jobs):
    reporter, ward = users["vanphong.thanhpho"], units["28777-cu"]
    a = value_record(acting_user=reporter, indicator=jobs, unit=ward, period=h1, value=120)
    b = value_record(acting_user=reporter, indicator=jobs, unit=ward, period=h1, value="120.0")
    assert a.pk == b.pk
    assert Value.objects.filter(indicator=jobs, unit=ward, period=h1).count() == 1
    assert AuditEvent.objects.filter(action="value.record", object_id=str(a.pk)).count() == 1


def test_an_office_cannot_record_outside_its_subtree(users, units, h1, jobs):
    with pytest.raises(PermissionDenied):
        value_record(
            acting_user=users["vanphong.thanhpho"],
            indicator=jobs,
            unit=units["83"],
            period=h1,
            value=1,
        )
    assert not Value.objects.filter(unit=units["83"], period=h1).exists()


@pytest.mark.parametrize("user", ["lanhdao.tinh", "baocao.anhoi", "lanhdao.anhoi"])
def test_figures_reach_accepted_data_only_through_offices(users, units, h1, jobs, user):
    """Reporters and approvers send figures in their reports; viewers only read."""
    with pytest.raises(PermissionDenied):
        value_record(
            acting_user=users[user], indicator=jobs, unit=units["28777-cu"], period=h1, value=1
        )
    assert not Value.objects.filter(unit=units["28777-cu"], period=h1).exists()


def test_ratio_needs_both_parts_and_a_nonzero_denominator(users, units, h1):
    poverty = Indicator.objects.get(code="poverty-rate")
    kwargs = {
        "acting_user": users["vanphong.thanhpho"],
        "indicator": poverty,
        "unit": units["28777-cu"],
        "period": h1,
        "value": 1.2,
    }
    with pytest.raises(ValidationError):
        value_record(**kwargs, numerator=12)
    with pytest.raises(ValidationError):
        value_record(**kwargs, numerator=0, denominator=0)
    row = value_record(**kwargs, numerator=36, denominator=3000)
    assert (row.numerator, row.denominator) == (Decimal("36"), Decimal("3000"))


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", None])
def test_non_numbers_are_refused_and_nothing_is_written(users, units, h1, jobs, bad):
    before = Value.objects.count()
    with pytest.raises(ValidationError):
        value_record(
            acting_user=users["vanphong.thanhpho"],
            indicator=jobs,
            unit=units["28777-cu"],
            period=h1,
            value=bad,
        )
    assert Value.objects.count() == before


def test_long_decimals_are_rounded_to_six_places(users, units, h1, jobs):
    row = value_record(
        acting_user=users["vanphong.thanhpho"],
        indicator=jobs,
        unit=units["28777-cu"],
        period=h1,
        value=1 / 3,
    )
    assert row.value == Decimal("0.333333")


def test_database_refuses_two_current_versions(units, h1, jobs):
    Value.objects.create(indicator=jobs, unit=units["28777-cu"], period=h1, value=1, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Value.objects.create(indicator=jobs, unit=units["28777-cu"], period=h1, value=2, version=2)


def test_period_get_or_create_is_idempotent():
    a = period_get_or_create(spec=PeriodSpec(PeriodKind.QUARTER, 2024, 2))
    b = period_get_or_create(spec=PeriodSpec(PeriodKind.QUARTER, 2024, 2))
    assert a.pk == b.pk and Period.objects.filter(key="2024-Q2").count() == 1
    assert a.label == "Quý II/2024"
