"""Units made in the web by an office, and codes that could not name a unit in an address
refused before anything is written (issue 11, item 5: "86/SNV")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs import services
from nghiquyet.orgs.models import OrgUnit
from tests.dbstate import changed_tables, database_state
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(land):
    return make_user("vanphong.thu", ("office", land["T1"]))


def test_an_office_creates_a_ward_under_a_unit_it_manages(office, land):
    client = client_for(office)
    page = client.get(reverse("orgs:unit-create")).content.decode()
    assert "Huyện D1" in page and "Tỉnh Bên" not in page
    response = client.post(
        reverse("orgs:unit-create"),
        {
            "kind": "commune",
            "code": "D1d",
            "name": "Phường D1d",
            "parent": land["D1"].pk,
            "valid_from": "01/07/2031",
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="D1d")
    assert response["Location"] == reverse("orgs:unit-detail", args=["D1d"])
    assert unit.parent == land["D1"] and unit.valid_from == dt.date(2031, 7, 1)
    assert unit.path.startswith(land["D1"].path)
    assert AuditEvent.objects.filter(action="orgunit.create", object_id=str(unit.pk)).exists()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("code", ["86/SNV", "86 SNV", "Sở Nội vụ", "/86", "-86", "86?x", ""])
def test_a_code_that_cannot_name_a_unit_is_refused_before_anything_is_written(office, land, code):
    before = database_state()
    response = client_for(office).post(
        reverse("orgs:unit-create"),
        {"kind": "department", "code": code, "name": "Sở Nội vụ", "parent": land["T1"].pk},
    )
    assert response.status_code == 422
    assert changed_tables(before, database_state()) == []


def test_a_rename_to_86_snv_is_refused_and_the_unit_stays_reachable(office, land):
    """The reported bug: the rename committed, then every unit page answered 500."""
    unit = land["D1"]
    before = database_state()
    client = client_for(office)
    response = client.post(
        reverse("orgs:unit-change", args=[unit.code, "rename"]),
        {"on": "01/07/2031", "name": "Sở Nội vụ", "code": "86/SNV"},
    )
    assert response.status_code == 422
    assert "không dùng “/”" in response.content.decode()
    assert changed_tables(before, database_state()) == []
    assert client.get(reverse("orgs:unit-detail", args=[unit.code])).status_code == 200
    with pytest.raises(ValidationError):
        services.orgunit_rename(
            acting_user=office, unit=unit, on=dt.date(2031, 7, 1), name="X", code="86/SNV"
        )


def test_a_code_with_dots_dashes_and_underscores_makes_working_addresses(office, land):
    unit = services.orgunit_create(
        acting_user=office,
        code="T1.SNV_2-cu",
        name="Sở Nội vụ (cũ)",
        kind="department",
        parent=land["T1"],
    )
    assert client_for(office).get(reverse("orgs:unit-detail", args=[unit.code])).status_code == 200


def test_only_a_manager_of_the_parent_creates_a_unit(land):
    reporter = make_user("baocao.d1", ("reporter", land["D1"]))
    other = make_user("vanphong.ben", ("office", land["T2"]))
    before = database_state()
    assert client_for(reporter).get(reverse("orgs:unit-create")).status_code == 403
    response = client_for(other).post(
        reverse("orgs:unit-create"),
        {"kind": "commune", "code": "D1z", "name": "Xã D1z", "parent": land["D1"].pk},
    )
    assert response.status_code == 422  # Huyện D1 is not among its choices
    with pytest.raises(PermissionDenied):
        services.orgunit_create(
            acting_user=other, code="D1z", name="Xã D1z", kind="commune", parent=land["D1"]
        )
    assert changed_tables(before, database_state()) == []
