"""The API's permission matrix: every operation, for eight users of different units and roles.

Like the web's matrix (tests/test_permission_matrix.py): each case is one operation on demo
objects of Phường An Hội or the city; a user is allowed (the expected status), refused with
403 ``forbidden`` when they may see the object but not do this, or told 404 ``not_found``
when it is outside their scope. List operations always answer 200 but must contain the
object for those allowed to see it and nothing for anyone else. A write that is refused —
for the user or for its input — changes no row and writes no audit event. A guard fails
when an operation is added to the API without a row here.
"""

from __future__ import annotations

import pytest

from nghiquyet.api.api import api
from nghiquyet.plans.models import Target, Task
from nghiquyet.reporting.models import ReportingRound, Submission
from tests.api.matrix import (
    CITY_OFFICES,
    CITY_READERS,
    EVERYONE,
    USERS,
    WARD_APPROVERS,
    WARD_READERS,
    WARD_REPORTERS,
    Case,
    case_id,
    check,
    get,
)
from tests.api.test_permission_matrix_office import OFFICE_CASES

pytestmark = pytest.mark.django_db


def anhoi_report() -> Submission:
    return Submission.objects.get(round__period__key="2021-H1", unit__code="28777-cu")


def anhoi_target() -> Target:
    return Target.objects.filter(plan__code="an-hoi-2021").order_by("order", "pk").first()


def anhoi_task() -> Task:
    return Task.objects.get(owner_unit__code="28777-cu")


def city_round() -> ReportingRound:
    return ReportingRound.objects.get(plan__code="thanhpho-2021", period__key="2021-H1")


def import_body():
    return {
        "plan": "an-hoi-2021",
        "period": "2021-H1",
        "rows": [{"unit_code": "28777-cu", "target_code": anhoi_target().code, "note": "Ước tính"}],
    }


def import_csv():
    return (
        "plan_code,unit_code,target_code,period,note\n"
        f"an-hoi-2021,28777-cu,{anhoi_target().code},2021-H1,Ước tính\n"
    )


CASES = [
    Case("get", "/me", get("/me"), EVERYONE),
    Case("get", "/units", get("/units?code=28777-cu"), WARD_READERS, is_list=True),
    Case("get", "/units/{code}", get("/units/28777-cu"), WARD_READERS),
    Case("get", "/plans", get("/plans?unit=28777-cu"), WARD_READERS, is_list=True),
    Case("get", "/plans/{code}", get("/plans/an-hoi-2021"), WARD_READERS),
    Case(
        "get",
        "/plans/{code}/target-groups",
        get("/plans/thanhpho-2021/target-groups"),
        CITY_READERS,
    ),
    Case("get", "/targets", get("/targets?plan=an-hoi-2021"), WARD_READERS, is_list=True),
    Case(
        "get",
        "/plans/{code}/targets/{target_code}",
        get(lambda: f"/plans/an-hoi-2021/targets/{anhoi_target().code}"),
        WARD_READERS,
    ),
    Case(
        "get",
        "/plans/{code}/evaluation",
        get("/plans/thanhpho-2021/evaluation?period=2021"),
        CITY_READERS,
    ),
    Case(
        "get",
        "/plans/{code}/evaluation/units",
        get("/plans/thanhpho-2021/evaluation/units?period=2021"),
        CITY_READERS,
    ),
    Case(
        "get",
        "/plans/{code}/evaluation/targets/{target_code}",
        get("/plans/thanhpho-2021/evaluation/targets/23?period=2021"),
        CITY_READERS,
    ),
    Case(
        "post",
        "/targets/read",
        # reads a wording, touches no data: any signed-in user
        lambda: ("/targets/read", {"text": "dưới 4%"}, "application/json"),
        EVERYONE,
    ),
    Case("get", "/periods", get("/periods?year=2021"), EVERYONE, is_list=True),
    Case("get", "/periods/{key}", get("/periods/2021-H1"), EVERYONE),
    Case("get", "/rounds", get("/rounds?plan=thanhpho-2021"), CITY_READERS, is_list=True),
    Case(
        "post",
        "/rounds",
        lambda: ("/rounds", {"plan": "thanhpho-2021", "period": "2021-9M"}, "application/json"),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=201,
    ),
    Case("get", "/rounds/{round_id}", get(lambda: f"/rounds/{city_round().pk}"), CITY_READERS),
    Case("get", "/submissions", get("/submissions?unit=28777-cu"), WARD_READERS, is_list=True),
    Case(
        "get",
        "/submissions/{submission_id}",
        get(lambda: f"/submissions/{anhoi_report().pk}"),
        WARD_READERS,
    ),
    Case(
        "patch",
        "/submissions/{submission_id}/entries",
        lambda: (
            f"/submissions/{anhoi_report().pk}/entries",
            {"revision": anhoi_report().revision, "entries": []},
            "application/json",
        ),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
    ),
    Case(
        "post",
        "/submissions/{submission_id}/submit",
        lambda: (
            f"/submissions/{anhoi_report().pk}/submit",
            {"revision": anhoi_report().revision},
            "application/json",
        ),
        # allowed, but the half-filled demo report cannot be sent yet
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=422,
    ),
    Case(
        "post",
        "/submissions/{submission_id}/approve",
        lambda: (
            f"/submissions/{anhoi_report().pk}/approve",
            {"revision": anhoi_report().revision},
            "application/json",
        ),
        # allowed, but a draft cannot be approved (409 invalid_state)
        WARD_APPROVERS,
        visible_to=WARD_READERS,
        ok=409,
    ),
    Case(
        "post",
        "/submissions/{submission_id}/return",
        lambda: (
            f"/submissions/{anhoi_report().pk}/return",
            {"revision": anhoi_report().revision, "comment": "Bổ sung số liệu"},
            "application/json",
        ),
        # a draft's return is the office's (after approval); allowed, but not from a draft
        CITY_OFFICES,
        visible_to=WARD_READERS,
        ok=409,
    ),
    Case(
        "post",
        "/submissions/{submission_id}/accept",
        lambda: (
            f"/submissions/{anhoi_report().pk}/accept",
            {"revision": anhoi_report().revision},
            "application/json",
        ),
        CITY_OFFICES,
        visible_to=WARD_READERS,
        ok=409,
    ),
    Case(
        "post",
        "/submissions/{submission_id}/reopen",
        lambda: (
            f"/submissions/{anhoi_report().pk}/reopen",
            {"revision": anhoi_report().revision, "comment": "Điều chỉnh"},
            "application/json",
        ),
        CITY_OFFICES,
        visible_to=WARD_READERS,
        ok=409,
    ),
    Case("get", "/values", get("/values?unit=28777-cu"), WARD_READERS, is_list=True),
    Case(
        "get",
        "/values/export",
        get("/values/export?plan=an-hoi-2021&period=2021"),
        WARD_READERS,
    ),
    Case(
        "post",
        "/values/import",
        lambda: ("/values/import?dry_run=true", import_body(), "application/json"),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
    ),
    Case(
        "post",
        "/values/import.csv",
        lambda: ("/values/import.csv?dry_run=true", import_csv(), "text/csv"),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
    ),
    Case("get", "/tasks", get("/tasks?unit=28777-cu"), WARD_READERS, is_list=True),
    Case("get", "/tasks/{task_id}", get(lambda: f"/tasks/{anhoi_task().pk}"), WARD_READERS),
    Case(
        "post",
        "/tasks/{task_id}/updates",
        lambda: (
            f"/tasks/{anhoi_task().pk}/updates",
            {"progress": 60, "note": "Đã họp dân 3 khu phố"},
            "application/json",
        ),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=201,
    ),
    Case(
        "get",
        "/audit-events",
        get("/audit-events?unit=28777-cu&action=value.record"),
        CITY_OFFICES,
        is_list=True,
    ),
]


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matrix(as_user, case: Case, username: str):
    check(as_user(username), case, username)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_without_credentials_every_operation_answers_401(db, case: Case):
    from tests.api.conftest import ApiClient

    url, body, content_type = case.build()
    response = ApiClient().call(case.method, url, body, content_type=content_type)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_every_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, methods in schema["paths"].items()
        for method in methods
    }
    covered = {(c.method, c.path) for c in [*CASES, *OFFICE_CASES]}
    assert operations - covered == set(), "add a Case for every new operation"
    assert covered - operations == set(), "a Case names an operation the API no longer has"
