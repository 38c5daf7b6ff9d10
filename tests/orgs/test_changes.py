"""Dated changes to the map: merge, split, rename, move, dissolve — never rewriting history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.lineage import lineage_sources, predecessors, successors, tree_as_of
from nghiquyet.orgs.models import OrgUnit, OrgUnitChange, OrgUnitLineage, OrgUnitVersion
from nghiquyet.orgs.services import (
    NewUnit,
    orgunit_create,
    orgunit_dissolve,
    orgunit_merge,
    orgunit_move,
    orgunit_rename,
    orgunit_split,
)

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 6, 14)
AFTER = dt.date(2025, 12, 14)


def names_on(root: OrgUnit, day: dt.date) -> dict[str, str]:
    """{name: parent name} of the subtree of ``root`` as it stood on ``day``."""
    nodes = tree_as_of([root.pk], day)
    by_id = {n.unit_id: n.name for n in nodes.values()}
    return {n.name: by_id.get(n.parent_id, "") for n in nodes.values()}


def test_merge_into_a_new_unit_keeps_the_old_ones_and_their_history(system, land):
    change = orgunit_merge(
        acting_user=system,
        units=[land["D1a"], land["D1b"], land["D2a"]],
        into=NewUnit("N1", "Xã Mới", "commune", land["T1"]),
        on=JULY_2025,
        decision="Nghị quyết số 1/2025 (thử)",
    )
    new = OrgUnit.objects.get(code="N1")
    assert new.valid_from == JULY_2025 and new.parent == land["T1"]
    for code in ("D1a", "D1b", "D2a"):
        old = OrgUnit.objects.get(code=code)
        # The old commune stays where it was, ended on the day of the merge.
        assert old.valid_to == JULY_2025 and old.parent.code == code[:2]
        assert old.versions.get().valid_to == JULY_2025
    assert set(change.links.values_list("predecessor__code", "successor__code", "share")) == {
        ("D1a", "N1", Decimal(1)),
        ("D1b", "N1", Decimal(1)),
        ("D2a", "N1", Decimal(1)),
    }
    assert names_on(land["T1"], BEFORE)["Xã D1a"] == "Huyện D1"
    assert "Xã Mới" not in names_on(land["T1"], BEFORE)
    after = names_on(land["T1"], AFTER)
    assert after["Xã Mới"] == "Tỉnh Thử" and "Xã D1a" not in after and after["Xã D1c"] == "Huyện D1"
    assert [link.predecessor.code for link in predecessors(new)] == ["D1a", "D1b", "D2a"]
    assert [link.successor.code for link in successors(land["D1a"])] == ["N1"]
    event = AuditEvent.objects.get(action="orgunit.merge", object_id=str(change.pk))
    assert event.changes["units"] == [["D1a", "D1b", "D2a"], "N1"]


def test_merge_into_an_existing_unit_can_move_the_sub_units_along(system, land):
    changes = OrgUnitChange.objects.count()
    with pytest.raises(ValidationError) as refused:
        orgunit_merge(acting_user=system, units=[land["D2"]], into=land["D1"], on=JULY_2025)
    assert "Huyện D2 còn đơn vị trực thuộc vào ngày 01/07/2025" in str(refused.value)
    assert OrgUnitChange.objects.count() == changes

    orgunit_merge(
        acting_user=system, units=[land["D2"]], into=land["D1"], on=JULY_2025, move_children=True
    )
    d1 = OrgUnit.objects.get(code="D1")
    moved = OrgUnit.objects.get(code="D2b")
    assert moved.parent == d1 and moved.path.startswith(d1.path)
    assert d1.valid_to is None and OrgUnit.objects.get(code="D2").valid_to == JULY_2025
    assert names_on(land["T1"], BEFORE)["Xã D2b"] == "Huyện D2"
    assert names_on(land["T1"], AFTER)["Xã D2b"] == "Huyện D1"
    since = F("valid_from").asc(nulls_first=True)  # NULL (since always) first on every database
    assert list(moved.versions.order_by(since).values_list("parent__code", "valid_to")) == [
        ("D2", JULY_2025),
        ("D1", None),
    ]


def test_rename_keeps_the_old_name_for_the_past(system, land):
    orgunit_rename(
        acting_user=system,
        unit=land["D1c"],
        on=JULY_2025,
        name="Phường Đổi Tên",
        code="P9",
        kind="ward",
    )
    unit = OrgUnit.objects.get(pk=land["D1c"].pk)
    assert (unit.name, unit.code, unit.kind) == ("Phường Đổi Tên", "P9", "ward")
    assert "Xã D1c" in names_on(land["T1"], BEFORE)
    assert "Phường Đổi Tên" in names_on(land["T1"], AFTER)
    with pytest.raises(ValidationError, match="Mã đơn vị D1a đã được dùng"):
        orgunit_rename(
            acting_user=system, unit=unit, on=dt.date(2026, 1, 1), name="Khác", code="D1a"
        )


def test_changes_are_appended_in_date_order(system, land):
    orgunit_rename(acting_user=system, unit=land["D1c"], on=JULY_2025, name="Tên Mới")
    # Nothing may be slipped in before a change already recorded…
    with pytest.raises(ValidationError, match="theo thứ tự thời gian"):
        orgunit_move(
            acting_user=system, unit=land["D1c"], parent=land["D2"], on=dt.date(2025, 1, 1)
        )
    # …nor on the very day of the last one, nor to a unit that has ended.
    with pytest.raises(ValidationError, match="ngày hiệu lực phải sau ngày đó"):
        orgunit_rename(acting_user=system, unit=land["D1c"], on=JULY_2025, name="Lần nữa")
    orgunit_dissolve(acting_user=system, unit=land["D2c"], on=JULY_2025)
    with pytest.raises(ValidationError, match="đã có thay đổi hoặc kết thúc"):
        orgunit_rename(acting_user=system, unit=land["D2c"], on=dt.date(2025, 3, 1), name="X")
    with pytest.raises(ValidationError, match="không tồn tại vào ngày"):
        orgunit_rename(acting_user=system, unit=land["D2c"], on=dt.date(2026, 3, 1), name="X")


def test_move_rebuilds_paths_and_refuses_cycles(system, land):
    with pytest.raises(ValidationError, match="chính nó hoặc đơn vị cấp dưới"):
        orgunit_move(acting_user=system, unit=land["D1"], parent=land["D1a"], on=JULY_2025)
    orgunit_move(acting_user=system, unit=land["D1a"], parent=land["T1"], on=JULY_2025)
    unit = OrgUnit.objects.get(code="D1a")
    assert unit.path == f"{land['T1'].path}{unit.pk}/" and unit.depth == land["T1"].depth + 1
    assert names_on(land["T1"], BEFORE)["Xã D1a"] == "Huyện D1"
    assert names_on(land["T1"], AFTER)["Xã D1a"] == "Tỉnh Thử"
    assert AuditEvent.objects.filter(action="orgunit.move").count() == 1


def test_dissolve_needs_the_sub_units_gone_first(system, land):
    with pytest.raises(ValidationError, match=r"Huyện D1 còn 3 đơn vị trực thuộc"):
        orgunit_dissolve(acting_user=system, unit=land["D1"], on=JULY_2025)
    for c in ("D1a", "D1b", "D1c"):
        orgunit_move(acting_user=system, unit=land[c], parent=land["T1"], on=JULY_2025)
    orgunit_dissolve(acting_user=system, unit=land["D1"], on=JULY_2025)
    assert OrgUnit.objects.get(code="D1").valid_to == JULY_2025
    assert "Huyện D1" in names_on(land["T1"], BEFORE)
    assert "Huyện D1" not in names_on(land["T1"], AFTER)


def test_split_with_declared_shares(system, land):
    with pytest.raises(ValidationError, match="vượt quá 1"):
        orgunit_split(
            acting_user=system,
            unit=land["D1a"],
            parts=[
                (NewUnit("S1", "Xã S1", "commune", land["D1"]), Decimal("0.7")),
                (NewUnit("S2", "Xã S2", "commune", land["D1"]), Decimal("0.4")),
            ],
            on=JULY_2025,
        )
    assert not OrgUnit.objects.filter(code__in=["S1", "S2"]).exists()
    orgunit_split(
        acting_user=system,
        unit=land["D1a"],
        parts=[
            (NewUnit("S1", "Xã S1", "commune", land["D1"]), Decimal("0.6")),
            (NewUnit("S2", "Xã S2", "commune", land["D1"]), Decimal("0.4")),
        ],
        on=JULY_2025,
    )
    assert OrgUnit.objects.get(code="D1a").valid_to == JULY_2025
    s1, s2 = OrgUnit.objects.get(code="S1"), OrgUnit.objects.get(code="S2")
    found = lineage_sources([s1.pk, s2.pk], BEFORE)
    assert found[s1.pk].sources == {land["D1a"].pk: pytest.approx(0.6)}
    assert found[s2.pk].sources == {land["D1a"].pk: pytest.approx(0.4)}
    assert found[s1.pk].derived and found[s1.pk].changes == [JULY_2025]


def test_a_unit_that_gives_part_of_itself_away_keeps_the_rest(system, land):
    orgunit_split(
        acting_user=system,
        unit=land["D1b"],
        parts=[(land["D1c"], Decimal("0.25"))],
        on=JULY_2025,
    )
    b, c = land["D1b"], land["D1c"]
    assert OrgUnit.objects.get(pk=b.pk).valid_to is None
    assert OrgUnitLineage.objects.get(predecessor=b, successor=b).share == Decimal("0.75")
    found = lineage_sources([b.pk, c.pk], BEFORE)
    assert found[b.pk].sources == {b.pk: pytest.approx(0.75)}
    assert found[c.pk].sources == {c.pk: 1.0, b.pk: pytest.approx(0.25)}
    # Looking only up to a day before the change, nothing is derived.
    assert not lineage_sources([c.pk], BEFORE, dt.date(2025, 6, 30))[c.pk].derived


def test_lineage_through_a_chain_of_changes(system, land):
    orgunit_merge(
        acting_user=system,
        units=[land["D1a"], land["D1b"]],
        into=NewUnit("M", "Xã M", "commune", land["D1"]),
        on=JULY_2025,
    )
    m = OrgUnit.objects.get(code="M")
    orgunit_split(
        acting_user=system,
        unit=m,
        parts=[
            (NewUnit("M1", "Xã M1", "commune", land["D1"]), Decimal("0.6")),
            (NewUnit("M2", "Xã M2", "commune", land["D1"]), Decimal("0.4")),
        ],
        on=dt.date(2026, 1, 1),
    )
    m1 = OrgUnit.objects.get(code="M1")
    # Before both changes: 60 % of each of the two communes merged into M.
    early = lineage_sources([m1.pk], BEFORE)[m1.pk]
    assert early.sources == {land["D1a"].pk: pytest.approx(0.6), land["D1b"].pk: pytest.approx(0.6)}
    assert early.changes == [JULY_2025, dt.date(2026, 1, 1)]
    # Between the two: 60 % of M.
    assert lineage_sources([m1.pk], AFTER)[m1.pk].sources == {m.pk: pytest.approx(0.6)}
    # A unit untouched by any change is simply itself; a unit not yet born is nothing.
    untouched = lineage_sources([land["D1c"].pk], BEFORE)[land["D1c"].pk]
    assert untouched.sources == {land["D1c"].pk: 1.0} and not untouched.derived
    assert lineage_sources([m.pk], dt.date(2024, 6, 14), JULY_2025)[m.pk].sources == {
        land["D1a"].pk: 1.0,
        land["D1b"].pk: 1.0,
    }


def test_absorbing_unit_counts_itself_and_what_it_took_in(system, land):
    orgunit_merge(
        acting_user=system, units=[land["T2"]], into=land["T1"], on=JULY_2025, move_children=True
    )
    found = lineage_sources([land["T1"].pk], BEFORE)[land["T1"].pk]
    assert found.sources == {land["T1"].pk: 1.0, land["T2"].pk: 1.0} and found.derived


def test_changes_need_manage_rights_on_every_unit_touched(users, land, units):
    office = users["vanphong.vinhlong"]  # manages Vĩnh Long only
    changes = OrgUnitChange.objects.count()
    with pytest.raises(PermissionDenied):
        orgunit_rename(acting_user=office, unit=land["D1a"], on=JULY_2025, name="Không được")
    with pytest.raises(PermissionDenied):
        orgunit_move(
            acting_user=office, unit=units["28777"], parent=land["D1"], on=dt.date(2026, 1, 1)
        )
    # The history it may read (Bến Tre, taken in) it may not change.
    with pytest.raises(PermissionDenied):
        orgunit_rename(acting_user=office, unit=units["28777-cu"], on=JULY_2025, name="Không được")
    assert OrgUnitChange.objects.count() == changes
    # Within its own province it may.
    orgunit_rename(
        acting_user=office, unit=units["28756"], on=dt.date(2026, 1, 1), name="Phường Mới Tên"
    )
    assert OrgUnit.objects.get(code="28756").name == "Phường Mới Tên"


def test_every_unit_has_a_version_from_the_start(land):
    unit = land["D1a"]
    version = OrgUnitVersion.objects.get(unit=unit)
    assert (version.name, version.parent, version.valid_from, version.valid_to) == (
        unit.name,
        land["D1"],
        None,
        None,
    )
    # Including the units of the demo data and those made by migrations.
    assert not OrgUnit.objects.filter(versions__isnull=True).exists()


def test_who_sees_a_unit_sees_the_units_it_was_formed_from_read_only(system, land):
    from nghiquyet.accounts.choices import Action
    from nghiquyet.accounts.services import grant_create, user_create
    from nghiquyet.orgs.scopes import scope_for

    office = user_create(acting_user=system, username="vanphong.t1", password="x-1234567")
    grant_create(acting_user=system, user=office, role="office", unit=land["T1"])
    neighbour = orgunit_create(
        acting_user=system, code="T2x", name="Huyện của T2", kind="district", parent=land["T2"]
    )
    assert not scope_for(office).allows(Action.VIEW, land["T2"])

    orgunit_dissolve(acting_user=system, unit=neighbour, on=JULY_2025)
    orgunit_merge(acting_user=system, units=[land["T2"]], into=land["T1"], on=JULY_2025)
    office = type(office).objects.get(pk=office.pk)  # a new request: scope read afresh
    scope = scope_for(office)
    assert scope.allows(Action.VIEW, land["T2"]) and scope.allows(Action.VIEW, neighbour)
    assert not scope.allows(Action.MANAGE, land["T2"])
    assert not scope.allows(Action.VIEW, OrgUnit.objects.get(code="83"))


def test_creating_a_unit_needs_manage_rights_on_its_parent(users, land, units):
    office = users["vanphong.vinhlong"]  # manages Vĩnh Long only
    before = (OrgUnit.objects.count(), AuditEvent.objects.filter(action="orgunit.create").count())
    for parent in (land["D1"], units["28777-cu"], None):  # another province, read-only past, root
        with pytest.raises(PermissionDenied):
            orgunit_create(
                acting_user=office, code="X-1", name="Không được", kind="commune", parent=parent
            )
    after = (OrgUnit.objects.count(), AuditEvent.objects.filter(action="orgunit.create").count())
    assert after == before
    made = orgunit_create(
        acting_user=office, code="X-2", name="Ban mới", kind="department", parent=units["86"]
    )
    assert made.path.startswith(units["86"].path)
    assert AuditEvent.objects.filter(action="orgunit.create", object_id=str(made.pk)).exists()
