"""The API's permission matrix, continued: the office's write operations (issue 11) — a plan
and its groups, targets and tasks, people, rounds, units — on a province built for the test
(the ``land`` fixture: Tỉnh Thử T1 with Huyện D1 and Xã D1a…, and Tỉnh Bên T2), for:

- ``quantri``, the administrator;
- ``vp.t1``, the office of T1 (in scope: allowed);
- ``ld.t1``, a viewer of T1 (read-only: 403);
- ``bc.d1a``, the reporter of Xã D1a (sees its own task, not the province's plan);
- ``vp.t2``, the office of T2 (out of scope: 404, or 422 for a unit named in the body).

Every refused write, for the user or for its input, leaves no new row and no new audit
event; every allowed one leaves its audit event (tests/api/matrix.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from nghiquyet.accounts.services import api_token_create
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.models import Plan, Task
from nghiquyet.reporting import rounds
from nghiquyet.reporting.models import ReportingRound
from nghiquyet.reporting.periods import PeriodSpec
from tests.api.conftest import ApiClient
from tests.api.matrix import Case, case_id, check, get
from tests.factories import make_plan, make_task, make_user

pytestmark = pytest.mark.django_db

ALL = ["quantri", "vp.t1", "ld.t1", "bc.d1a", "vp.t2"]
OFFICES = {"quantri", "vp.t1"}
#: See the province's plan, rounds and units without managing them.
READERS = {"ld.t1"}
#: See the task the commune owns, and the commune, without managing them.
TASK_READERS = {"ld.t1", "bc.d1a"}
#: Manage no unit at all: may create nothing (403 before the body is read).
NOT_OFFICES = {"ld.t1", "bc.d1a"}
#: A unit named in the body that the caller cannot see.
UNSEEN = (422, "validation_error")
PLAN = "thu-2031"


@pytest.fixture
def world(land, users):
    """The province's office, viewer and commune reporter, the other province's office; a
    plan of T1 with two target groups, a target led by D1, two tasks of D1a and D1b, and an
    open round. → username → API client."""
    people = {
        "vp.t1": make_user("vp.t1", ("office", land["T1"])),
        "ld.t1": make_user("ld.t1", ("viewer", land["T1"])),
        "bc.d1a": make_user("bc.d1a", ("reporter", land["D1a"])),
        "vp.t2": make_user("vp.t2", ("office", land["T2"])),
        "quantri": users["quantri"],
    }
    plan = make_plan(land["T1"], PLAN, year=2031)
    for code, name in (("I", "Kinh tế"), ("II", "Xã hội")):
        plan_services.group_create(
            acting_user=SYSTEM, plan=plan, kind="targets", code=code, name=name, order=len(code)
        )
    plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Giải quyết việc làm",
        indicator=plan_services.indicator_get_or_create(
            acting_user=SYSTEM, code="thu-viec-lam", name="Số lao động có việc làm mới"
        ),
        statement="2.500 lao động",
        target_value=2500,
        lead_unit=land["D1"],
    )
    make_task(plan, land["D1a"], "Chỉnh trang khu dân cư", deadline=dt.date(2031, 6, 30))
    make_task(plan, land["D1b"], "Sửa chữa nhà văn hóa", deadline=dt.date(2031, 9, 30))
    rounds.round_open(acting_user=SYSTEM, plan=plan, spec=PeriodSpec("year", 2031))
    return {
        name: ApiClient(api_token_create(acting_user=user, name="kiểm thử")[1])
        for name, user in people.items()
    }


def _json(url, body):
    def build():
        return (
            url() if callable(url) else url,
            body() if callable(body) else body,
            "application/json",
        )

    return build


def later(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def commune_task() -> Task:
    return Task.objects.get(plan__code=PLAN, owner_unit__code="D1a")


def other_task() -> Task:
    return Task.objects.get(plan__code=PLAN, owner_unit__code="D1b")


def the_round() -> ReportingRound:
    return ReportingRound.objects.get(plan__code=PLAN)


def group_ids() -> list[int]:
    groups = Plan.objects.get(code=PLAN).groups.filter(kind="targets")
    return list(groups.values_list("pk", flat=True))


def reporter():
    return get_user_model().objects.get(username="bc.d1a")


def person(suffix: str = ""):
    return lambda: f"/people/{reporter().pk}{suffix}"


def of_plan(path: str) -> str:
    return f"/plans/{PLAN}{path}"


def write(method, path, url, body, *, seers=READERS, ok=200, **extra):
    return Case(
        method, path, _json(url, body), OFFICES, visible_to=seers, ok=ok, audited=True, **extra
    )


OFFICE_CASES = [
    # --- the plan and its groups
    write(
        "post",
        "/plans",
        "/plans",
        {
            "code": "thu-2032",
            "kind": "annual_resolution",
            "title": "về nhiệm vụ năm 2032",
            "unit": "T1",
            "issuing_body": "Tỉnh ủy Thử",
            "number": "09-NQ/TU",
            "year": 2032,
            "parent": PLAN,
        },
        seers=NOT_OFFICES,
        ok=201,
        hidden=UNSEEN,
    ),
    write("patch", "/plans/{code}", of_plan(""), {"superior_body": "Đảng bộ tỉnh Thử"}),
    write(
        "post",
        "/plans/{code}/groups",
        of_plan("/groups"),
        {"kind": "tasks", "code": "1", "name": "Chuyển đổi số"},
        ok=201,
    ),
    write(
        "patch",
        "/plans/{code}/groups/{group_id}",
        lambda: of_plan(f"/groups/{group_ids()[0]}"),
        {"name": "Phát triển kinh tế"},
    ),
    write(
        "put",
        "/plans/{code}/group-order",
        of_plan("/group-order"),
        lambda: {"kind": "targets", "group_ids": group_ids()[::-1]},
    ),
    # --- targets
    write(
        "post",
        "/plans/{code}/targets",
        of_plan("/targets"),
        {
            "code": "2",
            "name": "Tỷ lệ hồ sơ giải quyết đúng hạn",
            "statement": "từ 98% trở lên",
            "new_indicator": "Tỷ lệ hồ sơ giải quyết đúng hạn",
            "new_indicator_unit": "%",
            "lead_unit": "D1",
            "partner_units": ["D1a"],
        },
        ok=201,
    ),
    write(
        "patch",
        "/plans/{code}/targets/{target_code}",
        of_plan("/targets/1"),
        lambda: {"name": "Giải quyết việc làm mới", "group_id": group_ids()[-1]},
    ),
    Case(
        "get",
        "/plans/{code}/targets/{target_code}/adjustments",
        get(of_plan("/targets/1/adjustments")),
        OFFICES | READERS,
    ),
    write(
        "post",
        "/plans/{code}/targets/{target_code}/adjustments",
        of_plan("/targets/1/adjustments"),
        {
            "statement": "2.800 lao động",
            "effective_on": "2031-07-01",
            "document": "Nghị quyết số 12-NQ/TU ngày 01/7/2031",
        },
        ok=201,
    ),
    write(
        "post",
        "/plans/{code}/targets/{target_code}/end",
        of_plan("/targets/1/end"),
        {"ended_on": "2031-12-31", "document": "Nghị quyết số 15-NQ/TU"},
        ok=201,
    ),
    # --- tasks
    write(
        "post",
        "/plans/{code}/tasks",
        of_plan("/tasks"),
        {
            "title": "Chỉnh trang vỉa hè",
            "owner_unit": "D1a",
            "partner_units": ["D1"],
            "product": "Vỉa hè được chỉnh trang",
            "deadline": "2031-12-31",
        },
        ok=201,
    ),
    write(
        "patch",
        "/tasks/{task_id}",
        lambda: f"/tasks/{commune_task().pk}",
        {"owner_unit": "D1b", "partner_units": ["D1a"]},
        seers=TASK_READERS,
    ),
    write(
        "post",
        "/tasks/{task_id}/extensions",
        lambda: f"/tasks/{commune_task().pk}/extensions",
        {"deadline": "2031-09-30", "reason": "Chờ kinh phí bổ sung"},
        seers=TASK_READERS,
        ok=201,
    ),
    write(
        "post",
        "/tasks/{task_id}/close",
        lambda: f"/tasks/{commune_task().pk}/close",
        lambda: {"closed_as": "merged", "merged_into_id": other_task().pk, "reason": "Gộp"},
        seers=TASK_READERS,
    ),
    write(
        "post",
        "/plans/{code}/tasks/assign",
        of_plan("/tasks/assign"),
        lambda: {"task_ids": [other_task().pk, commune_task().pk], "owner_unit": "D1c"},
    ),
    # --- rounds
    Case(
        "get",
        "/plans/{code}/round-preview",
        get(of_plan("/round-preview")),
        OFFICES,
        visible_to=READERS,
    ),
    write(
        "post",
        "/rounds/{round_id}/extend",
        lambda: f"/rounds/{the_round().pk}/extend",
        lambda: {"deadline": "2032-03-31", "reason": "Chờ số liệu thống kê"},
    ),
    write("post", "/rounds/{round_id}/close", lambda: f"/rounds/{the_round().pk}/close", {}),
    # nobody is late yet: allowed, nothing to remind, nothing written
    Case(
        "post",
        "/rounds/{round_id}/remind",
        _json(lambda: f"/rounds/{the_round().pk}/remind", None),
        OFFICES,
        visible_to=READERS,
    ),
    # --- people
    Case("get", "/people", get("/people?unit=D1a"), OFFICES, is_list=True),
    Case("get", "/people/{person_id}", get(person()), OFFICES),
    write(
        "post",
        "/people",
        "/people",
        {
            "username": "bc2.d1a",
            "full_name": "Trần Thị Mới",
            "email": "moi@d1a.example",
            "role": "reporter",
            "unit": "D1a",
        },
        seers=NOT_OFFICES,
        ok=201,
        hidden=UNSEEN,
    ),
    write(
        "post",
        "/people/{person_id}/grants",
        person("/grants"),
        {"role": "approver", "unit": "D1a"},
        seers=set(),
        ok=201,
    ),
    write(
        "delete",
        "/people/{person_id}/grants/{grant_id}",
        lambda: f"/people/{reporter().pk}/grants/{reporter().grants.get().pk}",
        None,
        seers=set(),
    ),
    write("post", "/people/{person_id}/deactivate", person("/deactivate"), None, seers=set()),
    write("post", "/people/{person_id}/password-link", person("/password-link"), None, seers=set()),
    # --- units
    write(
        "post",
        "/units",
        "/units",
        {"code": "D1d", "name": "Xã D1d", "kind": "commune", "parent": "D1"},
        seers=NOT_OFFICES,
        ok=201,
        hidden=UNSEEN,
    ),
    write(
        "post",
        "/units/{code}/rename",
        "/units/D1a/rename",
        lambda: {"on": timezone.localdate().isoformat(), "name": "Xã D1a mới"},
        seers=TASK_READERS,
    ),
]


@pytest.mark.parametrize("username", ALL)
@pytest.mark.parametrize("case", OFFICE_CASES, ids=case_id)
def test_office_matrix(world, case: Case, username: str):
    check(world[username], case, username)


@pytest.mark.parametrize("case", OFFICE_CASES, ids=case_id)
def test_without_credentials_every_office_operation_answers_401(world, case: Case):
    url, body, content_type = case.build()
    response = ApiClient().call(case.method, url, body, content_type=content_type)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
