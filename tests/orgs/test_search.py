"""Search without diacritics ("an hoi" finds "Phường An Hội") on units, plans, targets and
tasks — the pages and the API through the same filter sets, the same on SQLite and
PostgreSQL (the database function ``nq_fold`` and the Python fold share one table)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from nghiquyet.accounts.services import api_token_create
from nghiquyet.orgs.filters import OrgUnitFilter
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.plans.filters import PlanFilter, TargetFilter, TaskFilter
from nghiquyet.plans.models import Plan, Target, Task
from nghiquyet.plans.services import target_create
from nghiquyet.text.search import FOLD_DELETE, FOLD_FROM, search_fold
from tests.api.conftest import ApiClient
from tests.factories import make_plan, make_task, make_user

pytestmark = pytest.mark.django_db


def test_the_database_folds_every_character_as_python_does():
    sample = FOLD_FROM + FOLD_DELETE + "Phường An Hội 50% _x\\ 6.388,3"
    with connection.cursor() as cursor:
        cursor.execute("SELECT nq_fold(%s)", [sample])
        assert cursor.fetchone()[0] == search_fold(sample)


@pytest.fixture
def found(land):
    ward = orgunit_create(
        acting_user=SYSTEM, code="AH1", name="Phường An Hội", kind="ward", parent=land["D1"]
    )
    orgunit_create(
        acting_user=SYSTEM, code="AK1", name="Phường An Khánh", kind="ward", parent=land["D1"]
    )
    plan = make_plan(land["D1"], "huyen-dh-2031", title="về thực hiện Nghị quyết Đại hội")
    other = make_plan(land["D2"], "huyen-kt-2031", title="về phát triển kinh tế")
    target = target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="7",
        name="Số căn nhà ở xã hội hoàn thành",
        indicator=None,
        is_composite=True,
        statement="Hoàn thành 50% nhà ở xã hội",
    )
    target_create(
        acting_user=SYSTEM,
        plan=other,
        code="1",
        name="Tăng trưởng",
        indicator=None,
        is_composite=True,
    )
    task = make_task(plan, ward, "Rà soát quỹ đất xây dựng nhà ở")
    make_task(other, land["D2"], "Thu hút đầu tư")
    return {"ward": ward, "plan": plan, "target": target, "task": task}


def ours(model, land):
    return model.objects.filter(plan__unit__path__startswith=land["T1"].path)


@pytest.mark.parametrize("query", ["an hoi", "AN HOI", "Phường An Hội", "phuong an hội"])
def test_units(found, query):
    units = OrgUnitFilter(q=query, under="T1").apply(OrgUnit.objects.all(), user=SYSTEM)
    assert list(units) == [found["ward"]]


@pytest.mark.parametrize("query", ["dai hoi", "ĐẠI HỘI", "nghi quyet dai"])
def test_plans(found, query):
    plans = PlanFilter(q=query, under="T1").apply(Plan.objects.all(), user=SYSTEM)
    assert list(plans) == [found["plan"]]


@pytest.mark.parametrize("query", ["nha o", "NHÀ Ở XÃ HỘI", "hoan thanh 50%"])
def test_targets(found, land, query):
    targets = TargetFilter(q=query).apply(ours(Target, land), user=SYSTEM)
    assert list(targets) == [found["target"]]


@pytest.mark.parametrize("query", ["nha o", "ra soat", "an hoi"])
def test_tasks(found, land, query):
    tasks = TaskFilter(q=query, unit=land["T1"]).apply(Task.objects.all(), user=SYSTEM)
    assert list(tasks) == [found["task"]]


@pytest.mark.parametrize("query", ["%", "_", "50\\%", "hoàn thành 5_%"])
def test_like_wildcards_are_plain_characters(found, land, query):
    targets = TargetFilter(q=query).apply(ours(Target, land), user=SYSTEM)
    assert list(targets) == ([found["target"]] if query == "%" else [])


def test_the_pages_find_without_diacritics_within_scope(found, land):
    reader = make_user("doc.d1", ("viewer", land["D1"]))
    outsider = make_user("doc.d2", ("viewer", land["D2"]))
    client = Client()
    client.force_login(reader)
    units = client.get(reverse("orgs:unit-index"), {"q": "an hoi"})
    assert [u.code for u in units.context["found"]] == ["AH1"]
    assert "Phường An Hội" in units.content.decode()
    plans = client.get(reverse("plans:plan-list"), {"q": "nha o"})
    assert [t.pk for t in plans.context["targets"]] == [found["target"].pk]
    assert [
        p.code for p in client.get(reverse("plans:plan-list"), {"q": "dai hoi"}).context["plans"]
    ] == ["huyen-dh-2031"]
    tasks = client.get(reverse("plans:task-list"), {"q": "nha o"})
    assert "Rà soát quỹ đất xây dựng nhà ở" in tasks.content.decode()

    client.force_login(outsider)
    assert client.get(reverse("orgs:unit-index"), {"q": "an hoi"}).context["found"] == []
    assert client.get(reverse("plans:plan-list"), {"q": "nha o"}).context["targets"] == []
    assert "nhà ở" not in client.get(reverse("plans:task-list"), {"q": "nha o"}).content.decode()


def test_the_api_finds_without_diacritics(found, land):
    reader = make_user("api.d1", ("viewer", land["D1"]))
    api = ApiClient(api_token_create(acting_user=reader, name="tìm")[1])
    assert [u["code"] for u in api.get("/units?q=an%20hoi").json()["items"]] == ["AH1"]
    assert [p["code"] for p in api.get("/plans?q=dai%20hoi").json()["items"]] == ["huyen-dh-2031"]
    assert [t["code"] for t in api.get("/targets?q=nha%20o").json()["items"]] == ["7"]
    assert [t["title"] for t in api.get("/tasks?q=ra%20soat").json()["items"]] == [
        "Rà soát quỹ đất xây dựng nhà ở"
    ]
