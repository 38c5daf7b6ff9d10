"""People an office manages: accounts for its units, roles no more than it holds, locking,
the one-time set-password link, one's own password — audited, and nothing for outsiders."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from nghiquyet.accounts.models import Grant
from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs import people
from tests.dbstate import changed_tables, database_state
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(land):
    return make_user("vanphong.d1", ("office", land["D1"]))


def test_an_office_adds_a_reporter_who_sets_a_password_from_the_link(
    office, land, django_capture_on_commit_callbacks
):
    client = client_for(office)
    page = client.get(reverse("orgs:person-add")).content.decode()
    assert "Xã D1a" in page and "Xã D2a" not in page and 'value="admin"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orgs:person-add"),
            {
                "username": "baocao.d1a",
                "full_name": "Nguyễn Thị Báo Cáo",
                "email": "baocao@d1a.example",
                "role": "reporter",
                "unit": land["D1a"].pk,
            },
        )
    assert response.status_code == 302
    person = get_user_model().objects.get(username="baocao.d1a")
    assert not person.has_usable_password()
    assert list(person.grants.values_list("role", "unit__code")) == [("reporter", "D1a")]
    assert {e.action for e in AuditEvent.objects.filter(object_id=str(person.pk))} >= {
        "user.create",
        "user.password_link",
    }
    listing = client.get(reverse("orgs:people")).content.decode()
    assert "baocao.d1a" in listing and "chưa đăng nhập lần nào" in listing

    # The link (e-mailed; the console prints it in development) sets the password, once.
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)
    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert form.status_code == 200
    response = anonymous.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "Mat-khau-moi-2031", "new_password2": "Mat-khau-moi-2031"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Mat-khau-moi-2031")
    assert AuditEvent.objects.filter(action="user.password_set", object_id=str(person.pk)).exists()
    again = anonymous.get(link, follow=True).content.decode()
    assert "không còn dùng được" in again


def test_nobody_grants_more_than_they_hold(office, land):
    before = database_state()
    with pytest.raises(PermissionDenied):
        people.person_create(
            acting_user=office,
            username="quantri.moi",
            full_name="X",
            email="",
            role="admin",
            unit=land["D1"],
        )
    with pytest.raises(PermissionDenied):  # a unit it does not manage
        people.person_create(
            acting_user=office,
            username="baocao.d2",
            full_name="X",
            email="",
            role="reporter",
            unit=land["D2"],
        )
    reporter = make_user("baocao.d1", ("reporter", land["D1"]))
    before = database_state()
    with pytest.raises(PermissionDenied):  # a reporter manages nobody
        people.person_create(
            acting_user=reporter,
            username="baocao.khac",
            full_name="X",
            email="",
            role="reporter",
            unit=land["D1a"],
        )
    assert changed_tables(before, database_state()) == []


def test_locking_and_revoking_are_audited_and_stay_within_the_subtree(office, land):
    person = make_user("lanhdao.d1a", ("approver", land["D1a"]))
    elsewhere = make_user("lanhdao.d2a", ("approver", land["D2a"]))
    client = client_for(office)
    grant = Grant.objects.get(user=person)
    client.post(
        reverse("orgs:person-detail", args=[person.pk]),
        {"role": "approver", "unit": land["D1b"].pk},
    )
    client.post(reverse("orgs:person-action", args=[person.pk, "thu-hoi"]), {"grant": grant.pk})
    assert list(person.grants.values_list("unit__code", flat=True)) == ["D1b"]
    assert AuditEvent.objects.filter(action="grant.delete").exists()
    client.post(reverse("orgs:person-action", args=[person.pk, "khoa"]))
    person.refresh_from_db()
    assert not person.is_active
    assert AuditEvent.objects.filter(action="user.deactivate", object_id=str(person.pk)).exists()
    # Someone of another district is not this office's to see or lock.
    before = database_state()
    response = client.post(reverse("orgs:person-action", args=[elsewhere.pk, "khoa"]))
    assert response.status_code == 404
    assert changed_tables(before, database_state()) == []


def test_everyone_changes_their_own_password(land):
    user = make_user("baocao.d1", ("reporter", land["D1"]))
    client = client_for(user)
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "nghiquyet-thu",
            "new_password1": "Mat-khau-rieng-2031",
            "new_password2": "Mat-khau-rieng-2031",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-rieng-2031")
    assert AuditEvent.objects.filter(action="user.password", object_id=str(user.pk)).exists()
