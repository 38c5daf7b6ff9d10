"""The audit trail holds the old and the new value of every field changed: a report's figures,
ratio parts, statuses and notes; an accepted figure's parts; a user locked or unlocked
(through the service and the Django admin), a password set by an administrator — never the
password itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from nghiquyet.accounts.services import user_set_active
from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.reporting.models import SubmissionEntry
from nghiquyet.reporting.services import value_record
from nghiquyet.reporting.workflow import submission_save
from tests.factories import make_report, make_user

pytestmark = pytest.mark.django_db


def _last(action: str, obj) -> AuditEvent:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).latest("pk")


def test_a_save_records_old_and_new_of_every_field(land):
    submission, reporter = make_report(land, "aud-2031")
    entries = {e.target.code: e for e in SubmissionEntry.objects.filter(submission=submission)}
    first = submission_save(
        acting_user=reporter,
        submission=submission,
        revision=submission.revision,
        rows={
            entries["1"].pk: {"value": "120", "note": "ước tính"},
            entries["3"].pk: {"value": "", "numerator": "4.330", "denominator": "4.414"},
        },
    )
    event = _last("submission.save", submission)
    assert event.changes["1.value"] == [None, "120"]
    assert event.changes["1.note"] == ["", "ước tính"]
    assert event.changes["3.numerator"] == [None, "4330"]
    assert event.changes["3.denominator"] == [None, "4414"]
    submission_save(
        acting_user=reporter,
        submission=first,
        revision=first.revision,
        rows={
            entries["1"].pk: {"value": "131", "note": "số chính thức", "status": "chính thức"},
            entries["3"].pk: {"value": "", "numerator": "4.331", "denominator": "4.414"},
        },
    )
    event = _last("submission.save", submission)
    assert event.changes["1.value"] == ["120", "131"]
    assert event.changes["1.note"] == ["ước tính", "số chính thức"]
    assert event.changes["1.status"] == ["estimate", "official"]
    assert event.changes["3.numerator"] == ["4330", "4331"]
    assert "3.denominator" not in event.changes  # unchanged fields are not listed


def test_an_accepted_figure_records_its_parts_and_note(land):
    submission, _reporter = make_report(land, "aud-2032", year=2032)
    target = submission.round.plan.targets.get(code="3")
    period = submission.round.period
    unit = land["T1"]
    common = {"acting_user": SYSTEM, "indicator": target.indicator, "unit": unit, "period": period}
    value_record(**common, value="50", numerator="2", denominator="4", note="lần đầu")
    second = value_record(**common, value="75", numerator="3", denominator="4", note="sửa")
    event = _last("value.record", second)
    assert event.changes["value"] == ["50", "75"]
    assert event.changes["numerator"] == ["2", "3"]
    assert event.changes["note"] == ["lần đầu", "sửa"]
    assert "denominator" not in event.changes


def test_locking_a_user_through_the_service_is_audited(land):
    user = make_user("nguoi.khoa")
    user_set_active(acting_user=SYSTEM, user=user, active=False)
    event = _last("user.deactivate", user)
    assert event.changes == {"is_active": [True, False]}
    assert get_user_model().objects.get(pk=user.pk).is_active is False
    before = AuditEvent.objects.count()
    user_set_active(acting_user=SYSTEM, user=user, active=False)  # already locked
    assert AuditEvent.objects.count() == before
    user_set_active(acting_user=SYSTEM, user=user, active=True)
    assert _last("user.activate", user).changes == {"is_active": [False, True]}


@pytest.fixture
def admin_client_(users):
    c = Client()
    c.force_login(users["quantri"])
    return c


def _change_form_data(admin_client_, user) -> dict:
    """What the admin's change form of ``user`` posts back unchanged."""
    response = admin_client_.get(reverse("admin:auth_user_change", args=[user.pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        widget = field.widget
        if hasattr(widget, "decompress"):
            for i, part in enumerate(widget.decompress(value)):
                data[f"{name}_{i}"] = "" if part is None else part
        elif isinstance(value, list | tuple):
            data[name] = list(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_locking_a_user_in_the_admin_is_audited(admin_client_, land):
    user = make_user("nguoi.admin")
    data = _change_form_data(admin_client_, user)
    data.pop("is_active", None)
    response = admin_client_.post(reverse("admin:auth_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert get_user_model().objects.get(pk=user.pk).is_active is False
    assert _last("user.deactivate", user).changes == {"is_active": [True, False]}
    assert _last("admin.change", user).changes["is_active"] == [True, False]


def test_the_admins_bulk_lock_is_audited(admin_client_, land):
    a, b = make_user("nguoi.a"), make_user("nguoi.b")
    response = admin_client_.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    for user in (a, b):
        assert _last("user.deactivate", user).changes == {"is_active": [True, False]}
    events = AuditEvent.objects.filter(action="user.deactivate", object_id__in=[a.pk, b.pk])
    assert len({e.correlation_id for e in events}) == 1


def test_passwords_never_reach_the_trail(admin_client_, land):
    secret = "Mat-khau-rat-bi-mat-2031"
    response = admin_client_.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nguoi.moi",
            "usable_password": "true",
            "password1": secret,
            "password2": secret,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nguoi.moi")
    added = _last("admin.add", user)
    assert added.changes["password1"] == ["***", "***"]
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    other = "Mat-khau-khac-hoan-toan-2032"
    response = admin_client_.post(
        url, {"usable_password": "true", "password1": other, "password2": other}
    )
    assert response.status_code == 302
    assert _last("user.password", user).changes == {"password": ["***", "***"]}
    user.refresh_from_db()
    for event in AuditEvent.objects.filter(object_id=str(user.pk)):
        text = str(event.changes)
        assert secret not in text and other not in text and user.password not in text


def test_a_value_with_decimal_parts_equal_in_value_is_not_a_change(land):
    """4330 and 4330.000000 are the same figure: no spurious change in the trail."""
    submission, reporter = make_report(land, "aud-2033", year=2033)
    entry = SubmissionEntry.objects.get(submission=submission, target__code="1")
    saved = submission_save(
        acting_user=reporter,
        submission=submission,
        revision=submission.revision,
        rows={entry.pk: {"value": "120"}},
    )
    entry.refresh_from_db()
    assert entry.value == Decimal("120")
    again = submission_save(
        acting_user=reporter,
        submission=saved,
        revision=saved.revision,
        rows={entry.pk: {"value": "120,0"}},
    )
    assert again.revision == saved.revision
