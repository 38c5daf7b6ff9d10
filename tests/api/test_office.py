"""The office's cycle through the API (issue 11, item 8), on a province built for the test: a
resolution made and corrected, tasks given and extended, people, a round run, units — each
through the web's services, audited, refused with a Vietnamese message naming the field and
nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from nghiquyet.accounts.services import api_token_create
from nghiquyet.audit.models import AuditEvent
from nghiquyet.notifications.models import Notification
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.plans.models import Target
from nghiquyet.plans.services import indicator_get_or_create, target_create
from tests.api.conftest import ApiClient
from tests.dbstate import changed_tables, database_state
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(land):
    user = make_user("vp.t1", ("office", land["T1"]))
    return ApiClient(api_token_create(acting_user=user, name="kiểm thử")[1])


def refused(client, method, url, body, *, status=422, field=None):
    """Call, expect a refusal naming ``field``, and check that nothing at all was written."""
    before, events = database_state(), AuditEvent.objects.count()
    response = client.call(method, url, body)
    data = response.json()
    assert response.status_code == status, data
    if field:
        assert field in [d["field"] for d in data["details"]], data
        assert all(d["message"] for d in data["details"])
    assert AuditEvent.objects.count() == events
    assert changed_tables(before, database_state()) == []
    return data


def actions_since(count: int) -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)[count:])


def test_an_office_makes_a_resolution_and_corrects_a_target_after_figures_exist(office, land):
    start = AuditEvent.objects.count()
    made = office.post(
        "/plans",
        {
            "code": "thu-2031",
            "kind": "annual_resolution",
            "title": "về nhiệm vụ năm 2031",
            "unit": "T1",
            "issuing_body": "Tỉnh ủy Thử",
            "body_kind": "state",
            "year": 2031,
        },
    )
    assert made.status_code == 201, made.json()
    assert office.patch("/plans/thu-2031", {"number": "07-NQ/TU"}).json()["number"] == "07-NQ/TU"
    first = office.post("/plans/thu-2031/groups", {"code": "I", "name": "Kinh tế"}).json()
    second = office.post("/plans/thu-2031/groups", {"code": "II", "name": "Xã hội"}).json()
    assert (first["order"], second["order"]) == (1, 2)
    office.patch(f"/plans/thu-2031/groups/{first['id']}", {"name": "Phát triển kinh tế"})
    order = office.call(
        "PUT", "/plans/thu-2031/group-order", {"group_ids": [second["id"], first["id"]]}
    ).json()
    assert [(g["code"], g["order"]) for g in order] == [("II", 1), ("I", 2)]

    # Entered as printed: the wording decides the figure, read as the plan import reads it.
    target = office.post(
        "/plans/thu-2031/targets",
        {
            "code": "1",
            "name": "Tỷ lệ hộ nghèo",
            "statement": "dưới 4%",
            "new_indicator": "Tỷ lệ hộ nghèo",
            "new_indicator_unit": "%",
            "group_id": first["id"],
            "lead_unit": "D1",
        },
    )
    assert target.status_code == 201, target.json()
    assert (target.json()["direction"], target.json()["target_value"]) == ("lower", 4.0)
    bad = refused(
        office,
        "POST",
        "/plans/thu-2031/targets",
        {
            "code": "2",
            "name": "Thu ngân sách",
            "statement": "phấn đấu thật nhiều",
            "new_indicator": "Thu ngân sách",
        },
        field="statement",
    )
    assert "statement" in bad["message"]

    # A round opened: the figure changes only by an adjustment, which keeps the old one.
    assert actions_since(start) == [
        "plan.create",
        "plan.update",
        "group.create",
        "group.create",
        "group.update",
        "group.update",
        "group.update",
        "indicator.create",
        "target.create",
    ]
    assert office.post("/rounds", {"plan": "thu-2031", "period": "2031"}).status_code == 201
    opened = AuditEvent.objects.count()
    refused(
        office, "PATCH", "/plans/thu-2031/targets/1", {"statement": "dưới 3,5%"}, field="statement"
    )
    adjusted = office.post(
        "/plans/thu-2031/targets/1/adjustments",
        {
            "statement": "dưới 3,5%",
            "effective_on": "2031-07-01",
            "document": "Nghị quyết số 12/NQ-HĐND ngày 10/7/2031",
        },
    )
    assert adjusted.status_code == 201, adjusted.json()
    assert adjusted.json()["before"]["target_value"] == "4"
    assert adjusted.json()["after"]["target_value"] == "3.5"
    assert office.get("/plans/thu-2031/targets/1").json()["target_value"] == 3.5
    history = office.get("/plans/thu-2031/targets/1/adjustments").json()
    assert [(a["effective_on"], a["document"]) for a in history] == [
        ("2031-07-01", "Nghị quyết số 12/NQ-HĐND ngày 10/7/2031")
    ]
    ended = office.post(
        "/plans/thu-2031/targets/1/end",
        {"ended_on": "2031-12-31", "document": "Nghị quyết số 15/NQ-HĐND"},
    )
    assert ended.status_code == 201
    assert Target.objects.get(plan__code="thu-2031", code="1").ended_on == dt.date(2031, 12, 31)
    assert actions_since(opened) == ["target.adjust", "target.end"]


def test_tasks_are_given_extended_closed_and_reassigned_within_scope(office, land):
    make_plan(land["T1"], "thu-2031", year=2031)
    ended = orgunit_create(
        acting_user=SYSTEM,
        code="D1x",
        name="Xã D1x",
        kind="commune",
        parent=land["D1"],
        valid_to=dt.date(2020, 1, 1),
    )
    body = {"title": "Chỉnh trang vỉa hè", "product": "Vỉa hè", "deadline": "2031-06-30"}
    refused(
        office, "POST", "/plans/thu-2031/tasks", {**body, "owner_unit": "T2"}, field="owner_unit"
    )
    data = refused(
        office,
        "POST",
        "/plans/thu-2031/tasks",
        {**body, "owner_unit": ended.code},
        field="owner_unit",
    )
    assert "thôi hoạt động" in data["details"][0]["message"]

    reporter = make_user("bc.d1a", ("reporter", land["D1a"]))
    task = office.post("/plans/thu-2031/tasks", {**body, "owner_unit": "D1a"}).json()
    assert Notification.objects.filter(user=reporter).exists()
    url = f"/tasks/{task['id']}"
    refused(
        office,
        "POST",
        f"{url}/extensions",
        {"deadline": "2031-05-31", "reason": "x"},
        field="deadline",
    )
    office.post(f"{url}/extensions", {"deadline": "2031-08-31", "reason": "Chờ kinh phí"})
    twice = office.post(f"{url}/extensions", {"deadline": "2031-09-30", "reason": "Mưa bão"}).json()
    assert twice["deadline"] == "2031-09-30"
    assert [c["number"] for c in twice["deadline_changes"]] == [1, 2]
    assert twice["deadline_changes"][1]["text"].startswith("Gia hạn lần 2 đến 30/09/2031")

    other = office.post("/plans/thu-2031/tasks", {**body, "owner_unit": "D1b"}).json()
    moved = office.post(
        "/plans/thu-2031/tasks/assign", {"task_ids": [task["id"], other["id"]], "owner_unit": "D1c"}
    ).json()
    assert moved["changed"] == 2
    assert {t["owner_unit_code"] for t in moved["tasks"]} == {"D1c"}
    closed = office.post(
        f"{url}/close", {"closed_as": "merged", "merged_into_id": other["id"], "reason": "Gộp"}
    ).json()
    assert (closed["closed_as"], closed["merged_into_id"]) == ("merged", other["id"])
    refused(
        office,
        "POST",
        "/plans/thu-2031/tasks/assign",
        {"task_ids": [task["id"]], "owner_unit": "D1b"},
        field="task_ids",
    )


def test_an_office_manages_its_people_and_gives_no_more_than_it_holds(
    office, land, django_capture_on_commit_callbacks
):
    start = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        made = office.post(
            "/people",
            {
                "username": "bc.d1a",
                "full_name": "Võ Văn Mới",
                "email": "bc@d1a.example",
                "role": "reporter",
                "unit": "D1a",
            },
        )
    assert made.status_code == 201, made.json()
    person = made.json()
    assert person["never_signed_in"] and person["grants"][0]["unit_code"] == "D1a"
    assert actions_since(start) == ["user.create", "grant.create", "user.password_link"]
    # The one-time link goes to the mailbox, never into an answer.
    assert "/mat-khau/" not in made.content.decode() and "http" not in made.content.decode()
    assert mail.outbox and "bc@d1a.example" in mail.outbox[-1].to
    refused(
        office,
        "POST",
        f"/people/{person['id']}/grants",
        {"role": "admin", "unit": "D1a"},
        status=403,
    )
    refused(
        office,
        "POST",
        "/people",
        {**{"username": "x", "full_name": "X"}, "role": "reporter", "unit": "T2"},
        field="unit",
    )
    never = office.get("/people?unit=D1a&never_signed_in=true").json()
    assert [p["username"] for p in never["items"]] == ["bc.d1a"]
    grant = office.post(f"/people/{person['id']}/grants", {"role": "approver", "unit": "D1a"})
    assert grant.status_code == 201
    approver = next(g for g in grant.json()["grants"] if g["role"] == "approver")
    revoked = office.call("DELETE", f"/people/{person['id']}/grants/{approver['id']}")
    assert [g["role"] for g in revoked.json()["grants"]] == ["reporter"]
    locked = office.post(f"/people/{person['id']}/deactivate")
    assert locked.json()["is_active"] is False
    assert actions_since(start)[-3:] == ["grant.create", "grant.delete", "user.deactivate"]


def test_an_office_previews_extends_and_closes_a_round(office, land):
    plan = make_plan(land["T1"], "thu-2031", year=2031)
    target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Giải quyết việc làm",
        indicator=indicator_get_or_create(acting_user=SYSTEM, code="thu-vl", name="Việc làm"),
        target_value=2500,
        lead_unit=land["D1"],
    )
    preview = office.get("/plans/thu-2031/round-preview").json()
    assert [(u["unit_code"], u["reasons"]) for u in preview["units"]] == [
        ("D1", ["chủ trì chỉ tiêu 1"])
    ]
    rnd = office.post("/rounds", {"plan": "thu-2031", "period": "2031"}).json()
    url = f"/rounds/{rnd['id']}"
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    refused(
        office, "POST", f"{url}/extend", {"deadline": yesterday, "reason": "x"}, field="deadline"
    )
    refused(
        office,
        "POST",
        f"{url}/extend",
        {"deadline": "2032-03-31", "reason": "x", "units": ["D2"]},
        field="units",
    )
    extended = office.post(
        f"{url}/extend", {"deadline": "2032-03-31", "reason": "Chờ thống kê", "units": ["D1"]}
    ).json()
    assert extended["extended"] == 1
    assert [(c["unit_code"], c["deadline"]) for c in extended["completeness"]] == [
        ("D1", "2032-03-31")
    ]
    assert extended["deadline"] != "2032-03-31"  # the round's own deadline stays
    assert office.post(f"{url}/remind").json() == {"reminders": 0}
    closed = office.post(f"{url}/close", {"note": "Đủ số liệu"}).json()
    assert closed["closed_at"] is not None
    again = refused(office, "POST", f"{url}/close", {}, status=409)
    assert again["code"] == "invalid_state"


def test_a_unit_code_is_refused_before_anything_is_written(office, land):
    body = {"code": "86/SNV", "name": "Sở Nội vụ", "kind": "department", "parent": "T1"}
    data = refused(office, "POST", "/units", body, field="code")
    assert "không dùng “/”" in data["details"][0]["message"]
    made = office.post("/units", {**body, "code": "T1-SNV"})
    assert made.status_code == 201 and made.json()["parent_code"] == "T1"
    today = timezone.localdate().isoformat()
    refused(
        office,
        "POST",
        "/units/T1-SNV/rename",
        {"on": today, "name": "Sở Nội vụ", "code": "86/SNV"},
        field="code",
    )
    renamed = office.post(
        "/units/T1-SNV/rename", {"on": today, "name": "Sở Nội vụ tỉnh", "code": "T1-NV"}
    )
    assert renamed.status_code == 200, renamed.json()
    assert office.get("/units/T1-NV").json()["name"] == "Sở Nội vụ tỉnh"
    assert OrgUnit.objects.filter(code="T1-SNV").count() == 0
