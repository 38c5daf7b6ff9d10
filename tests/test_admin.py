"""The Django admin: every model opens, changes are audited, figures stay read-only."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Value

pytestmark = pytest.mark.django_db

OUR_APPS = {"orgs", "accounts", "audit", "plans", "reporting"}


@pytest.fixture
def admin_client_(users):
    c = Client()
    c.force_login(users["quantri"])
    return c


def our_models():
    return [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]


def test_every_model_of_the_domain_is_in_the_admin():
    labels = {m._meta.label_lower for m in our_models()}
    assert {
        "orgs.orgunit",
        "accounts.grant",
        "audit.auditevent",
        "plans.plan",
        "plans.target",
        "plans.group",
        "plans.indicator",
        "plans.task",
        "plans.classificationscheme",
        "reporting.period",
        "reporting.value",
    } <= labels


def test_every_list_and_change_page_opens_in_vietnamese(admin_client_):
    for model in our_models():
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = admin_client_.get(url)
        assert response.status_code == 200, url
        assert 'lang="vi"' in response.content.decode()
        obj = model.objects.first()
        if obj is not None:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert admin_client_.get(url).status_code == 200, url


def test_admin_change_is_audited_with_old_and_new_values(admin_client_, users):
    plan = Plan.objects.get(code="tinh-2022")
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    form = admin_client_.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title": "về nhiệm vụ năm 2022 (sửa)",
            "unit": plan.unit_id,
            "scheme": plan.scheme_id,
            "issued_on": "10/12/2021",
            "groups-TOTAL_FORMS": "0",
            "groups-INITIAL_FORMS": "0",
        }
    )
    data.pop("parent", None)
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.filter(action="admin.change", object_id=str(plan.pk)).get()
    assert event.actor == users["quantri"]
    assert event.changes["title"] == ["về nhiệm vụ năm 2022", "về nhiệm vụ năm 2022 (sửa)"]
    assert event.unit_path == plan.unit.path


def test_figures_cannot_be_edited_or_deleted_in_the_admin(admin_client_):
    value = Value.objects.first()
    assert admin_client_.get(reverse("admin:reporting_value_add")).status_code == 403
    url = reverse("admin:reporting_value_delete", args=[value.pk])
    assert admin_client_.post(url, {"post": "yes"}).status_code == 403
    assert Value.objects.filter(pk=value.pk).exists()


def test_staff_who_are_not_superusers_cannot_enter(users):
    user = users["vanphong.tinh"]
    user.is_staff = True
    user.save()
    c = Client()
    c.force_login(user)
    response = c.get(reverse("admin:plans_plan_changelist"))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
