""" "Việc cần làm" (issue 12, item 3): each role lands on what waits for it, with counts and
one link to the work; a user never sees another unit's work there."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.selectors.todo import todo_for
from nghiquyet.reporting.workflow import (
    submission_approve,
    submission_return,
    submission_save,
    submission_submit,
)
from tests.factories import make_plan, make_task, make_user
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(users):
    return round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=PeriodSpec(PeriodKind.NINE_MONTHS, 2021),
        deadline=timezone.localdate() + dt.timedelta(days=3),
    )


@pytest.fixture
def anhoi(rnd, users, units):
    sub = Submission.objects.get(round=rnd, unit=units["28777-cu"])
    return submission_save(
        acting_user=users["baocao.anhoi"],
        submission=sub,
        revision=sub.revision,
        rows=plausible_rows(sub),
    )


def pks(rows) -> set[int]:
    return {r.submission.pk for r in rows}


def test_each_role_sees_what_waits_for_it(users, rnd, anhoi):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    assert anhoi.pk in pks(todo_for(user=reporter).to_fill)
    assert anhoi.pk not in pks(todo_for(user=leader).to_approve)

    sub = submission_submit(acting_user=reporter, submission=anhoi, revision=anhoi.revision)
    assert anhoi.pk not in pks(todo_for(user=reporter).to_fill)
    assert anhoi.pk in pks(todo_for(user=leader).to_approve)
    # Another ward's reporter and leader never see it.
    neighbour = todo_for(user=users["baocao.phutan"])
    assert anhoi.pk not in pks(neighbour.to_fill) | pks(neighbour.to_approve)

    sub = submission_return(
        acting_user=leader, submission=sub, revision=sub.revision, comment="Ghi rõ nguồn số liệu"
    )
    returned = todo_for(user=reporter).returned
    assert [r.reason for r in returned if r.submission.pk == sub.pk] == ["Ghi rõ nguồn số liệu"]

    sub = submission_submit(acting_user=reporter, submission=sub, revision=sub.revision)
    sub = submission_approve(acting_user=leader, submission=sub, revision=sub.revision)
    assert sub.pk in pks(todo_for(user=office).to_accept)
    assert sub.pk not in pks(todo_for(user=leader).to_approve)
    # The round closes in three days and waits for the other wards: the office is told.
    closing = todo_for(user=office).rounds_closing
    assert [(r.round.pk, r.sent) for r in closing] == [(rnd.pk, 1)]
    assert not todo_for(user=reporter).rounds_closing


def test_tasks_due_and_overdue_of_the_units_own(land):
    today = dt.date(2031, 5, 10)
    plan = make_plan(land["T1"], "todo-2031")
    overdue = make_task(plan, land["D1a"], "Hoàn thành đề án chợ", deadline=dt.date(2031, 5, 1))
    due = make_task(plan, land["D1a"], "Tổ chức hội nghị", deadline=dt.date(2031, 5, 15))
    make_task(plan, land["D1a"], "Việc còn xa", deadline=dt.date(2031, 9, 1))
    make_task(plan, land["D1a"], "Việc đã xong", deadline=dt.date(2031, 5, 1), completed_on=today)
    elsewhere = make_task(plan, land["D1b"], "Việc của xã khác", deadline=dt.date(2031, 5, 1))
    reporter = make_user("todo.a1", ("reporter", land["D1a"]))
    todo = todo_for(user=reporter, today=today)
    assert [t.task.pk for t in todo.tasks_overdue] == [overdue.pk]
    assert todo.tasks_overdue[0].days_late == 9
    assert [t.task.pk for t in todo.tasks_due] == [due.pk]
    other = make_user("todo.b1", ("reporter", land["D1b"]))
    assert [t.task.pk for t in todo_for(user=other, today=today).tasks_overdue] == [elsewhere.pk]


def test_signing_in_lands_on_the_page_with_counts_and_links(users, anhoi):
    submission_submit(acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision)
    c = Client()
    response = c.post(reverse("login"), {"username": "lanhdao.anhoi", "password": "nghiquyet-demo"})
    assert response.status_code == 302 and response.url == reverse("reporting:landing")
    landing = c.get(response.url)
    assert landing.url == reverse("reporting:todo")
    html = c.get(landing.url).content.decode()
    n = len(todo_for(user=users["lanhdao.anhoi"]).to_approve)
    assert f"{n} báo cáo chờ duyệt" in html
    assert reverse("reporting:submission-detail", args=[anhoi.pk]) in html
