import datetime as dt

import pytest

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.orgs.tree import rebuild_paths

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree(units):
    province, city, ward = units["83"], units["829"], units["28777-cu"]
    assert province.path == f"{units['VN'].path}{province.pk}/"
    assert ward.path == f"{province.path}{city.pk}/{ward.pk}/"
    assert (province.depth, city.depth, ward.depth) == (1, 2, 3)
    assert ward.is_within(city) and ward.is_within(province)
    assert not city.is_within(ward)
    assert ward.ancestor_ids() == [units["VN"].pk, province.pk, city.pk]


def test_subtree_does_not_leak_into_siblings_with_a_common_id_prefix(system, units):
    # A unit whose id starts with another's id ("/1/5/" vs "/1/50/") must not
    # be taken for its descendant: paths end with a slash.
    city = units["829"]
    subtree = set(OrgUnit.objects.subtree(city).values_list("code", flat=True))
    assert {"829", "28777-cu", "28783-cu", "829-CA"} <= subtree
    assert "831" not in subtree and "83" not in subtree
    # Exactly the units whose chain of parents reaches the city (walked here, not by path).
    parents = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    codes = dict(OrgUnit.objects.values_list("pk", "code"))

    def under_city(pk):
        while pk is not None:
            if pk == city.pk:
                return True
            pk = parents[pk]
        return False

    assert subtree == {codes[pk] for pk in parents if under_city(pk)}


def test_active_on_uses_effective_dates(system, units):
    old = orgunit_create(
        acting_user=system,
        code="X-OLD",
        name="Xã cũ",
        kind="commune",
        parent=units["829"],
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2025, 7, 1),
    )
    new = orgunit_create(
        acting_user=system,
        code="X-NEW",
        name="Xã mới",
        kind="commune",
        parent=units["86"],
        valid_from=dt.date(2025, 7, 1),
    )
    before = set(OrgUnit.objects.active_on(dt.date(2025, 6, 30)).values_list("code", flat=True))
    after = set(OrgUnit.objects.active_on(dt.date(2025, 7, 1)).values_list("code", flat=True))
    assert "X-OLD" in before and "X-NEW" not in before
    assert "X-NEW" in after and "X-OLD" not in after
    assert old.exists_on(dt.date(2025, 6, 30)) and not old.exists_on(dt.date(2025, 7, 1))
    assert new.exists_on(dt.date(2026, 1, 1))


def test_create_writes_an_audit_event(system, units):
    unit = orgunit_create(
        acting_user=system, code="X1", name="Xã thử", kind="commune", parent=units["829"]
    )
    event = AuditEvent.objects.get(action="orgunit.create", object_id=str(unit.pk))
    assert event.unit_path == unit.path
    assert event.changes["code"] == [None, "X1"]


def test_validity_range_must_be_ordered(system, units):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        orgunit_create(
            acting_user=system,
            code="X2",
            name="Sai",
            kind="commune",
            parent=units["829"],
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert not OrgUnit.objects.filter(code="X2").exists()


def test_rebuild_paths_moves_a_whole_subtree(units):
    city, district = units["829"], units["831"]
    city.parent = district
    city.save()
    rebuild_paths(city)
    ward = OrgUnit.objects.get(code="28777-cu")
    assert ward.path.startswith(OrgUnit.objects.get(code="831").path)
    assert ward.depth == 4
