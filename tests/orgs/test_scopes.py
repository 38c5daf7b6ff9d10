import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.services import grant_create
from nghiquyet.orgs.models import OrgUnit, OrgUnitAlias
from nghiquyet.orgs.scopes import NOBODY, SYSTEM, Scope, _minimal, scope_for
from nghiquyet.orgs.selectors import orgunit_codes_resolve, orgunit_list
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_reporter_sees_only_its_own_subtree(users, units):
    visible = set(orgunit_list(user=users["baocao.anhoi"]).values_list("code", flat=True))
    assert visible == {"28777-cu"}


def test_office_of_the_city_sees_the_city_subtree_but_not_the_province(users, units):
    visible = set(orgunit_list(user=users["vanphong.thanhpho"]).values_list("code", flat=True))
    assert "829" in visible and "28777-cu" in visible and "829-CA" in visible
    assert "83" not in visible and "831" not in visible and "83-SKHDT" not in visible


def test_actions_follow_roles(users, units):
    reporter = scope_for(users["baocao.anhoi"])
    approver = scope_for(users["lanhdao.anhoi"])
    viewer = scope_for(users["lanhdao.tinh"])
    office = scope_for(users["vanphong.tinh"])
    ward, other = units["28777-cu"], units["28757"]
    assert reporter.allows(Action.REPORT, ward) and not reporter.allows(Action.APPROVE, ward)
    assert not reporter.allows(Action.REPORT, other) and not reporter.allows(Action.VIEW, other)
    assert approver.allows(Action.APPROVE, ward) and not approver.allows(Action.REPORT, ward)
    assert viewer.allows(Action.VIEW, ward) and not viewer.allows(Action.REPORT, ward)
    assert office.allows(Action.MANAGE, ward) and not office.allows(Action.REPORT, ward)
    with pytest.raises(PermissionDenied):
        reporter.require(Action.VIEW, other)


def test_several_grants_add_up(users, units, system):
    user = users["baocao.anhoi"]
    grant_create(acting_user=system, user=user, role="viewer", unit=units["28757"])
    visible = set(orgunit_list(user=user).values_list("code", flat=True))
    assert visible == {"28777-cu", "28757"}
    assert set(orgunit_list(user=user, action=Action.REPORT).values_list("code", flat=True)) == {
        "28777-cu"
    }


def test_superuser_sees_everything_and_anonymous_nothing(users):
    assert orgunit_list(user=users["quantri"]).count() == OrgUnit.objects.count()
    assert orgunit_list(user=AnonymousUser()).count() == 0
    assert scope_for(AnonymousUser()) is NOBODY


def test_inactive_user_has_no_scope(users):
    user = users["vanphong.tinh"]
    user.is_active = False
    assert scope_for(user).is_empty


def test_system_scope_and_none_are_distinct():
    assert scope_for(SYSTEM) is SYSTEM
    with pytest.raises(ValueError, match="SYSTEM"):
        scope_for(None)


def test_nested_grants_are_reduced_to_the_outermost_path():
    assert _minimal({"/1/5/", "/1/5/7/", "/1/50/", "/2/"}) == ("/1/5/", "/1/50/", "/2/")


def test_empty_scope_matches_nothing(units):
    assert OrgUnit.objects.restrict(Scope()).count() == 0


def test_restrict_returns_a_task_shared_with_several_units_once(system, land):
    """A path through a many-valued relation (partner units) must not repeat rows."""
    from django.contrib.auth import get_user_model

    from nghiquyet.accounts.services import grant_create
    from nghiquyet.plans.models import Task
    from nghiquyet.plans.services import plan_create, task_create

    plan = plan_create(
        acting_user=system,
        code="thu-2030",
        kind="annual_resolution",
        title="về nhiệm vụ năm 2030",
        unit=land["T1"],
        issuing_body="Tỉnh ủy Thử",
        year=2030,
    )
    task = task_create(
        acting_user=system,
        plan=plan,
        title="Rà soát hộ nghèo",
        owner_unit=land["D1"],
        product="Danh sách",
        deadline=None,
        partner_units=[land["D2a"], land["D2b"], land["D2c"]],
    )
    user = get_user_model().objects.create_user("xa.d2", password="x")
    grant_create(acting_user=system, user=user, role="viewer", unit=land["D2"])
    seen = list(Task.objects.filter(plan=plan).restrict(user))
    assert seen == [task]
    other = get_user_model().objects.create_user("tinh.ben", password="x")
    grant_create(acting_user=system, user=other, role="viewer", unit=land["T2"])
    assert not Task.objects.filter(plan=plan).restrict(other).exists()


def test_another_sources_code_is_seen_and_resolved_only_in_scope(system, land):
    """An alias is its unit's: restrict() and the code resolver keep it to the unit's scope."""
    OrgUnitAlias.objects.create(unit=land["D1a"], code="X-D1a", source="thu")
    OrgUnitAlias.objects.create(unit=land["D2b"], code="X-D2b", source="thu")
    district = make_user("huyen.d1", ("viewer", land["D1"]))
    seen = OrgUnitAlias.objects.filter(source="thu").restrict(district)
    assert list(seen.values_list("code", flat=True)) == ["X-D1a"]
    found = orgunit_codes_resolve(user=district, codes=["X-D1a", "X-D2b"])
    assert {code: u.code for code, u in found.items()} == {"X-D1a": "D1a"}
    everyone = orgunit_codes_resolve(user=system, codes=["X-D1a", "X-D2b"])
    assert {code: u.code for code, u in everyone.items()} == {"X-D1a": "D1a", "X-D2b": "D2b"}
