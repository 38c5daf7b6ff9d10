"""One filter set per list: the plan list page and the API's /plans answer the same question
(the page searched unit names, the API plan codes: both now search both)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from nghiquyet.accounts.services import api_token_create, grant_create
from nghiquyet.plans.filters import PlanFilter, TaskFilter
from nghiquyet.plans.models import Plan, Task
from nghiquyet.plans.services import plan_create, task_create
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(system, land):
    def plan(code, unit, title, year):
        return plan_create(
            acting_user=system,
            code=code,
            kind="annual_resolution",
            title=title,
            unit=land[unit],
            issuing_body=f"Đảng ủy {land[unit].name}",
            number=f"{year % 100:02d}-NQ/ĐU",
            year=year,
        )

    return {
        "a": plan("huyen-d1-2031", "D1", "về phát triển kinh tế năm 2031", 2031),
        "b": plan("huyen-d2-2031", "D2", "về xây dựng Đảng năm 2031", 2031),
        "c": plan("xa-d1a-2032", "D1a", "về nông thôn mới năm 2032", 2032),
    }


@pytest.fixture
def office(system, land):
    user = get_user_model().objects.create_user("vanphong.thu", password="x")
    grant_create(acting_user=system, user=user, role="office", unit=land["T1"])
    return user


def page_codes(user, **params) -> set[str]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("plans:plan-list"), params)
    assert response.status_code == 200
    return {p.code for p in response.context["plans"]}


def api_codes(user, **params) -> set[str]:
    token = api_token_create(acting_user=user, name="lọc")[1]
    query = "&".join(f"{k}={v}" for k, v in params.items())
    body = ApiClient(token).get(f"/plans?limit=200&{query}").json()
    return {p["code"] for p in body["items"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Huyện D1"}, {"a"}),  # the issuing unit's name (the page's search)
        ({"q": "huyen-d2"}, {"b"}),  # the plan's code (the API's search)
        ({"q": "D1a"}, {"c"}),  # the issuing unit's code
        ({"q": "nông thôn"}, {"c"}),  # the title
        ({"q": "không có"}, set()),
    ],
)
def test_the_page_and_the_api_search_the_same(plans, office, params, expected):
    want = {plans[k].code for k in expected}
    page = page_codes(office, **params) & {p.code for p in plans.values()}
    api = api_codes(office, **params) & {p.code for p in plans.values()}
    assert page == api == want


def test_year_and_kind_filter_alike(plans, office):
    mine = {p.code for p in plans.values()}
    assert (
        page_codes(office, nam=2032) & mine
        == api_codes(office, year=2032) & mine
        == {plans["c"].code}
    )
    assert page_codes(office, loai="program") & mine == set()
    assert api_codes(office, kind="annual_resolution") & mine == mine


def test_plan_filter_under_a_unit_the_user_cannot_see_finds_nothing(plans, system, land):
    user = get_user_model().objects.create_user("xa.d1a", password="x")
    grant_create(acting_user=system, user=user, role="viewer", unit=land["D1a"])
    visible = Plan.objects.restrict(user)
    assert set(PlanFilter(under="D1a").apply(visible, user=user)) == {plans["c"]}
    # D1 is above the user's scope: its subtree is not theirs to ask about.
    assert not PlanFilter(under="D1").apply(visible, user=user).exists()


def test_task_filter_finds_a_task_by_its_owner_units_code(plans, system, land):
    task = task_create(
        acting_user=system,
        plan=plans["a"],
        title="Khảo sát nhu cầu",
        owner_unit=land["D1b"],
        product="Báo cáo khảo sát",
        deadline=None,
    )
    tasks = Task.objects.filter(plan=plans["a"])
    assert list(TaskFilter(q="D1b").apply(tasks, user=system)) == [task]
    assert list(TaskFilter(q="khảo sát").apply(tasks, user=system)) == [task]
    assert list(TaskFilter(unit=land["D1"]).apply(tasks, user=system)) == [task]
    assert not TaskFilter(unit=land["D2"]).apply(tasks, user=system).exists()
