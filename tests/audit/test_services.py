"""audit_log: one event per change, in the change's transaction, tied to its operation."""

from __future__ import annotations

import pytest
from django.db import transaction

from nghiquyet.audit.models import AuditEvent
from nghiquyet.audit.services import (
    AuditOutsideTransaction,
    audit_log,
    audit_log_many,
    audit_operation,
)
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans import services as plan_services


@pytest.fixture
def plan(system, land):
    return plan_services.plan_create(
        acting_user=system,
        code="thu-2031",
        kind="annual_resolution",
        title="về nhiệm vụ năm 2031",
        unit=land["T1"],
        issuing_body="Tỉnh ủy Thử",
        year=2031,
    )


def _indicator(system, code):
    return plan_services.indicator_get_or_create(
        acting_user=system, code=code, name=code, unit_of_measure="%"
    )


@pytest.mark.django_db(transaction=True)
def test_audit_log_refuses_to_run_outside_a_transaction():
    unit = OrgUnit.objects.create(code="Z9", name="Đơn vị thử", kind="province", path="Z9/")
    before = AuditEvent.objects.count()
    with pytest.raises(AuditOutsideTransaction):
        audit_log(acting_user=None, action="orgunit.create", obj=unit, unit=unit)
    assert AuditEvent.objects.count() == before
    with transaction.atomic():
        event = audit_log(acting_user=None, action="orgunit.create", obj=unit, unit=unit)
    assert event.correlation_id is not None


@pytest.mark.django_db
def test_an_unregistered_code_is_refused(land):
    with pytest.raises(ValueError, match="unregistered audit action"):
        audit_log(acting_user=None, action="orgunit.explode", obj=land["T1"])


@pytest.mark.django_db
def test_the_events_of_one_operation_share_a_correlation_id(system, plan):
    with audit_operation() as operation:
        for code in ("1", "2", "3"):
            plan_services.target_create(
                acting_user=system,
                plan=plan,
                code=code,
                name=f"Chỉ tiêu {code}",
                indicator=_indicator(system, f"thu-{code}"),
                target_value=10,
            )
    tied = AuditEvent.objects.filter(correlation_id=operation)
    assert (
        sorted(tied.values_list("action", flat=True))
        == ["indicator.create"] * 3 + ["target.create"] * 3
    )
    targets = {str(pk) for pk in plan.targets.values_list("pk", flat=True)}
    assert set(tied.filter(action="target.create").values_list("object_id", flat=True)) == targets


@pytest.mark.django_db
def test_separate_changes_are_separate_operations(system, plan):
    first = plan_services.target_create(
        acting_user=system,
        plan=plan,
        code="1",
        name="Một",
        indicator=_indicator(system, "a1"),
        target_value=1,
    )
    second = plan_services.target_create(
        acting_user=system,
        plan=plan,
        code="2",
        name="Hai",
        indicator=_indicator(system, "a2"),
        target_value=2,
    )
    a, b = (
        AuditEvent.objects.get(action="target.create", object_id=str(t.pk)).correlation_id
        for t in (first, second)
    )
    assert a and b and a != b


@pytest.mark.django_db
def test_nested_operations_are_the_outer_one():
    with audit_operation() as outer, audit_operation() as inner:
        assert inner == outer
    with audit_operation() as again:
        assert again != outer


@pytest.mark.django_db(transaction=True)
def test_audit_log_many_keeps_the_same_rules_and_is_one_operation():
    units = [
        OrgUnit.objects.create(code=f"Z{i}", name=f"Đơn vị {i}", kind="commune", path=f"Z{i}/")
        for i in range(3)
    ]
    events = [("orgunit.create", u, u, {"code": [None, u.code]}) for u in units]
    before = AuditEvent.objects.count()
    with pytest.raises(AuditOutsideTransaction):
        audit_log_many(acting_user=None, events=events)
    with pytest.raises(ValueError, match="unregistered audit action"), transaction.atomic():
        audit_log_many(acting_user=None, events=[*events, ("orgunit.explode", units[0], None, {})])
    assert AuditEvent.objects.count() == before
    with transaction.atomic():
        assert audit_log_many(acting_user=None, events=events) == 3
    written = AuditEvent.objects.filter(object_id__in=[str(u.pk) for u in units])
    assert sorted(written.values_list("unit__code", flat=True)) == ["Z0", "Z1", "Z2"]
    assert written.values("correlation_id").distinct().count() == 1
    with transaction.atomic(), audit_operation() as operation:
        audit_log_many(acting_user=None, events=events[:2])
        audit_log(acting_user=None, action="orgunit.create", obj=units[2], unit=units[2])
    assert AuditEvent.objects.filter(correlation_id=operation).count() == 3
