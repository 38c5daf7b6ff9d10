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


def emulation_round():
    from nghiquyet.emulation.models import EmulationRound

    return EmulationRound.objects.get(movement__unit__code="829", year=2021)


def demo_person():
    from nghiquyet.emulation.models import Person

    return Person.objects.get(name="Nguyễn Thị Minh Thư")


def pending_proposal():
    from nghiquyet.emulation.models import Proposal

    return Proposal.objects.get(round=emulation_round(), status="proposed")


def btv_meeting():
    from nghiquyet.meetings.models import Meeting

    return Meeting.objects.get(conclusion__number="145-TB/ThU")


def _json(url, body):
    return lambda: (url(), body() if callable(body) else body, "application/json")


#: The city's ward cluster: the city's readers and the wards in it (An Hội, Phú Tân).
CLUSTER_READERS = WARD_READERS | {"baocao.phutan"}

CASES += [
    Case(
        "get",
        "/emulation/rounds",
        get("/emulation/rounds?year=2021"),
        CLUSTER_READERS,
        is_list=True,
    ),
    Case(
        "get",
        "/emulation/rounds/{round_id}",
        get(lambda: f"/emulation/rounds/{emulation_round().pk}"),
        CLUSTER_READERS,
    ),
    Case(
        "get",
        "/emulation/rounds/{round_id}/units/{unit_code}/score",
        get(lambda: f"/emulation/rounds/{emulation_round().pk}/units/28777-cu/score"),
        WARD_READERS,
    ),
    Case(
        "get",
        "/emulation/rounds/{round_id}/proposals",
        get(lambda: f"/emulation/rounds/{emulation_round().pk}/proposals?unit=28777-cu"),
        # the round's readers (outside the round: 404); which proposals: tests/emulation
        CLUSTER_READERS,
    ),
    Case(
        "post",
        "/emulation/rounds/{round_id}/proposals",
        _json(
            lambda: f"/emulation/rounds/{emulation_round().pk}/proposals",
            {
                "unit_code": "28777-cu",
                "award_kind": "giay-khen-ca-nhan",
                "person_name": "Lê Thị Thu",
                "person_position": "Chuyên viên",
                "achievements": "Hoàn thành tốt nhiệm vụ.",
            },
        ),
        CITY_OFFICES | {"baocao.anhoi"},
        visible_to=CLUSTER_READERS,
        ok=201,
    ),
    Case(
        "get",
        "/emulation/proposals/{proposal_id}",
        get(lambda: f"/emulation/proposals/{demo_person().proposals.get().pk}"),
        WARD_READERS,
    ),
    Case(
        "post",
        "/emulation/proposals/{proposal_id}/review",
        _json(
            lambda: f"/emulation/proposals/{pending_proposal().pk}/review",
            {"votes_for": 8, "votes_total": 11, "council_confirmed": True},
        ),
        # a commune's proposal: the wards do not see it
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "post",
        "/emulation/rounds/{round_id}/decisions",
        _json(
            lambda: f"/emulation/rounds/{emulation_round().pk}/decisions",
            lambda: {
                "proposal_ids": [pending_proposal().pk],
                "number": "9/QĐ-UBND",
                "signed_on": "2022-01-20",
                "issuer": "Ủy ban nhân dân thành phố Bến Tre",
                "signer_position": "Chủ tịch",
            },
        ),
        # allowed, but the council has not passed it: 422, nothing written
        CITY_OFFICES,
        visible_to=CLUSTER_READERS,
        ok=422,
    ),
    Case(
        "get",
        "/emulation/decisions/{decision_id}",
        get(lambda: f"/emulation/decisions/{demo_person().awards.get().decision_id}"),
        CITY_READERS,
    ),
    Case(
        "get",
        "/emulation/people/{person_id}",
        get(lambda: f"/emulation/people/{demo_person().pk}"),
        WARD_READERS,
    ),
    Case(
        "get",
        "/emulation/people/{person_id}/export",
        get(lambda: f"/emulation/people/{demo_person().pk}/export"),
        CITY_OFFICES,
        visible_to=WARD_READERS,
    ),
    Case(
        "post",
        "/emulation/people/{person_id}/erase",
        _json(
            lambda: f"/emulation/people/{demo_person().pk}/erase",
            {"reason": "Đơn yêu cầu của người có dữ liệu"},
        ),
        CITY_OFFICES,
        visible_to=WARD_READERS,
    ),
    Case("get", "/meetings", get("/meetings"), CITY_READERS, is_list=True),
    Case(
        "get",
        "/meetings/{meeting_id}",
        get(lambda: f"/meetings/{btv_meeting().pk}"),
        CITY_READERS,
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
