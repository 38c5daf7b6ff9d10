"""The office's editing pages through the test client: a plan made and edited in the web, by an
office with no superuser, every change audited; nothing for those who may not manage it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans import services
from nghiquyet.plans.models import Plan, Target, TargetAdjustment, Task
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.dbstate import changed_tables, database_state
from tests.factories import make_plan, make_task, make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(land):
    return make_user("vanphong.thu", ("office", land["T1"]))


@pytest.fixture
def plan(land):
    return make_plan(land["T1"], "thu-2031", year=2031)


def test_an_office_creates_a_resolution_in_the_web(office, land):
    client = client_for(office)
    page = client.get(reverse("plans:plan-create"))
    assert page.status_code == 200
    options = page.content.decode()
    assert "Tỉnh Thử" in options and "Tỉnh Bên" not in options
    response = client.post(
        reverse("plans:plan-create"),
        {
            "code": "thu-2032",
            "kind": "annual_resolution",
            "number": "07-NQ/TU",
            "title": "về nhiệm vụ năm 2032",
            "unit": land["T1"].pk,
            "issuing_body": "Tỉnh ủy Thử",
            "superior_body": "Đảng bộ tỉnh Thử",
            "body_kind": "state",
            "issued_on": "20/12/2031",
            "year": "2032",
        },
    )
    plan = Plan.objects.get(code="thu-2032")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan-editor", args=["thu-2032"])
    assert (plan.number, plan.body_kind, plan.issued_on) == (
        "07-NQ/TU",
        "state",
        dt.date(2031, 12, 20),
    )
    assert AuditEvent.objects.filter(action="plan.create", object_id=str(plan.pk)).exists()


def test_a_resolution_without_its_year_is_refused_and_nothing_written(office, land):
    before = database_state()
    response = client_for(office).post(
        reverse("plans:plan-create"),
        {
            "code": "thu-x",
            "kind": "annual_resolution",
            "title": "x",
            "unit": land["T1"].pk,
            "issuing_body": "Tỉnh ủy Thử",
            "body_kind": "party",
        },
    )
    assert response.status_code == 422
    assert "Nghị quyết năm phải có năm." in response.content.decode()
    assert changed_tables(before, database_state()) == []


def test_groups_targets_and_tasks_are_added_and_edited(office, plan, land):
    client = client_for(office)
    url = reverse("plans:group-add", args=[plan.code, "targets"])
    assert client.post(url, {"code": "I", "name": "Kinh tế"}).status_code == 302
    client.post(url, {"code": "II", "name": "Xã hội"})
    first, second = plan.target_groups
    client.post(reverse("plans:group-move", args=[plan.code, second.pk, "len"]))
    assert [g.name for g in plan.target_groups] == ["Xã hội", "Kinh tế"]
    client.post(
        reverse("plans:group-edit", args=[plan.code, first.pk]), {"code": "I", "name": "Kinh tế số"}
    )
    assert plan.groups.get(pk=first.pk).name == "Kinh tế số"

    response = client.post(
        reverse("plans:target-add", args=[plan.code]),
        {
            "code": "1",
            "name": "Tỷ lệ hộ nghèo",
            "group": second.pk,
            "order": "1",
            "new_indicator": "Tỷ lệ hộ nghèo",
            "new_indicator_unit": "%",
            "new_indicator_aggregation": "none",
            "statement": "Tỷ lệ hộ nghèo còn dưới 3%",
            "direction": "lower",
            "target_value": "3",
            "change": "0",
            "temporal": "annual",
            "lead_unit": land["D1"].pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    target = plan.targets.get(code="1")
    assert target.indicator.unit_of_measure == "%" and target.lead_unit == land["D1"]

    response = client.post(
        reverse("plans:task-add", args=[plan.code]),
        {
            "title": "Rà soát hộ nghèo",
            "owner_unit": land["D1"].pk,
            "product": "Báo cáo rà soát",
            "deadline": "30/06/2031",
        },
    )
    assert response.status_code == 302
    task = plan.tasks.get()
    client.post(
        reverse("plans:task-extend", args=[task.pk]),
        {"deadline": "30/09/2031", "reason": "Chờ số liệu điều tra"},
    )
    page = client.get(reverse("plans:task-detail", args=[task.pk])).content.decode()
    assert "Gia hạn lần 1 đến 30/09/2031" in page
    editor = client.get(reverse("plans:plan-editor", args=[plan.code])).content.decode()
    assert "Rà soát hộ nghèo" in editor and "Tỷ lệ hộ nghèo còn dưới 3%" in editor


def test_a_target_with_figures_is_adjusted_and_the_old_figure_stays_visible(
    system, office, plan, land
):
    indicator = services.indicator_get_or_create(
        acting_user=system, code="ngheo-thu", name="Hộ nghèo", unit_of_measure="%"
    )
    target = services.target_create(
        acting_user=system,
        plan=plan,
        code="1",
        name="Hộ nghèo",
        indicator=indicator,
        direction="lower",
        target_value="3",
    )
    period = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, 2031))
    value_record(acting_user=system, indicator=indicator, unit=land["T1"], period=period, value=2)
    client = client_for(office)
    page = client.get(reverse("plans:target-edit", args=[plan.code, target.pk])).content.decode()
    assert 'data-testid="figures-locked"' in page and 'name="target_value"' not in page
    response = client.post(
        reverse("plans:target-adjust", args=[plan.code, target.pk]),
        {
            "direction": "lower",
            "target_value": "2,5",
            "change": "0",
            "statement": "còn dưới 2,5%",
            "effective_on": "01/07/2031",
            "document": "Nghị quyết số 12/NQ-HĐND ngày 30/6/2031",
        },
    )
    assert response.status_code == 302
    adjustment = TargetAdjustment.objects.get(target=target)
    assert adjustment.before["target_value"] == "3"
    page = client.get(response["Location"]).content.decode()
    assert "01/07/2031" in page and "Nghị quyết số 12/NQ-HĐND ngày 30/6/2031" in page


def test_nobody_else_edits_the_plan_and_a_refused_post_writes_nothing(plan, land):
    reporter = make_user("baocao.d1", ("reporter", land["D1"]))
    other_office = make_user("vanphong.ben", ("office", land["T2"]))
    task = make_task(plan, land["D1"], "Việc", deadline=dt.date(2031, 6, 30))
    before = database_state()
    for user, expected in ((reporter, 404), (other_office, 404)):
        client = client_for(user)
        assert client.get(reverse("plans:plan-editor", args=[plan.code])).status_code == expected
        assert (
            client.post(
                reverse("plans:group-add", args=[plan.code, "targets"]), {"name": "X"}
            ).status_code
            == expected
        )
    # The reporter sees the task (its unit owns it) but may not reassign or extend it.
    client = client_for(reporter)
    assert client.post(reverse("plans:task-edit", args=[task.pk]), {}).status_code == 403
    assert (
        client.post(
            reverse("plans:task-extend", args=[task.pk]),
            {"deadline": "30/09/2031", "reason": "x"},
        ).status_code
        == 403
    )
    assert changed_tables(before, database_state()) == []
    assert Task.objects.get(pk=task.pk).deadline == dt.date(2031, 6, 30)
    assert not Target.objects.filter(plan=plan).exists()


def test_a_target_typed_as_printed_gets_its_figures_from_the_wording(office, plan, land):
    """The editor reads "dưới 4%" as the plan-import sheet and the API do (Nghị quyết
    01/NQ-CP 2024 prints the unemployment target so); a wording it cannot read is refused
    at the field and nothing is written."""
    client = client_for(office)
    client.post(
        reverse("plans:group-add", args=[plan.code, "targets"]), {"code": "I", "name": "Xã hội"}
    )
    group = plan.target_groups[0]
    base = {
        "group": group.pk,
        "order": "1",
        "new_indicator_unit": "%",
        "new_indicator_aggregation": "none",
        "temporal": "annual",
        "lead_unit": land["D1"].pk,
    }
    response = client.post(
        reverse("plans:target-add", args=[plan.code]),
        base
        | {
            "code": "1",
            "name": "Tỷ lệ thất nghiệp khu vực thành thị",
            "new_indicator": "Tỷ lệ thất nghiệp khu vực thành thị",
            "statement": "dưới 4%",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    target = plan.targets.get(code="1")
    assert (target.direction, target.target_value, target.strict) == ("lower", 4, True)

    before = Target.objects.count(), AuditEvent.objects.count()
    response = client.post(
        reverse("plans:target-add", args=[plan.code]),
        base
        | {
            "code": "2",
            "name": "Chỉ số cải cách hành chính",
            "new_indicator": "Chỉ số cải cách hành chính",
            "statement": "cao hơn trước nhiều",
        },
    )
    assert response.status_code != 302
    assert "chưa đọc được thành chỉ tiêu: không có con số nào" in response.content.decode()
    assert (Target.objects.count(), AuditEvent.objects.count()) == before
