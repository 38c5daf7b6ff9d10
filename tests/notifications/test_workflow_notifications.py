"""Workflow notifications (issue 12, item 4): each move tells the people who must act, once,
in the app and by e-mail unless they turned that kind off."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.notifications.models import EmailOptOut, Notification
from nghiquyet.notifications.services import notification_email_settings_set, task_owner_notify
from nghiquyet.notifications.workflow import nearest_holders
from nghiquyet.plans.models import Plan
from nghiquyet.plans.signals import task_extended
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.workflow import (
    submission_accept,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_save,
    submission_submit,
)
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def anhoi(users, units):
    # The demo's own moves told people already; these tests start from an empty bell.
    Notification.objects.all().delete()
    rnd = round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=PeriodSpec(PeriodKind.NINE_MONTHS, 2021),
    )
    sub = Submission.objects.get(round=rnd, unit=units["28777-cu"])
    return submission_save(
        acting_user=users["baocao.anhoi"],
        submission=sub,
        revision=sub.revision,
        rows=plausible_rows(sub),
    )


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_each_move_tells_who_must_act_once(users, anhoi, django_capture_on_commit_callbacks):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    sub = submission_submit(acting_user=reporter, submission=anhoi, revision=anhoi.revision)
    # The ward's leader, not the province's people nor the reporter who sent it.
    assert told("submission_submitted") == ["lanhdao.anhoi"]
    n = Notification.objects.get(kind="submission_submitted")
    assert n.title == "Báo cáo 9 tháng năm 2021 của Phường An Hội chờ bạn duyệt"
    assert n.link == reverse("reporting:submission-detail", args=[sub.pk])

    sub = submission_approve(acting_user=leader, submission=sub, revision=sub.revision)
    # The city's office that accepts it — not the province's office above it.
    assert told("submission_approved") == ["vanphong.thanhpho"]

    sub = submission_return(
        acting_user=office, submission=sub, revision=sub.revision, comment="Thiếu giải trình"
    )
    # Returned by the office after approval: the reporter and the leader who approved it.
    assert told("submission_returned") == ["baocao.anhoi", "lanhdao.anhoi"]
    returned = Notification.objects.filter(kind="submission_returned").first()
    assert "Lý do: Thiếu giải trình" in returned.body

    sub = submission_submit(acting_user=reporter, submission=sub, revision=sub.revision)
    # A second sending is a new move: the leader is told again, once.
    assert told("submission_submitted") == ["lanhdao.anhoi", "lanhdao.anhoi"]
    sub = submission_approve(acting_user=leader, submission=sub, revision=sub.revision)
    with django_capture_on_commit_callbacks(execute=True):
        sub = submission_accept(acting_user=office, submission=sub, revision=sub.revision)
    assert told("submission_accepted") == ["baocao.anhoi", "lanhdao.anhoi"]
    sub = submission_reopen(
        acting_user=office, submission=sub, revision=sub.revision, comment="Số liệu chính thức"
    )
    assert told("submission_reopened") == ["baocao.anhoi"]
    # Nobody outside the ward and the city hears of it.
    everyone = set(Notification.objects.values_list("user__username", flat=True))
    assert everyone == {"baocao.anhoi", "lanhdao.anhoi", "vanphong.thanhpho"}


def test_e_mail_goes_once_and_a_user_can_turn_a_kind_off(
    users, anhoi, django_capture_on_commit_callbacks
):
    leader = users["lanhdao.anhoi"]
    leader.email = "lanhdao@anhoi.example"
    leader.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        sub = submission_submit(
            acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision
        )
    to_leader = [m for m in mail.outbox if m.to == ["lanhdao@anhoi.example"]]
    assert len(to_leader) == 1 and "chờ bạn duyệt" in to_leader[0].subject

    # Off for "submitted": the next one is in the bell only.
    kept = {"submission_returned", "submission_accepted"}
    notification_email_settings_set(acting_user=leader, emailed_kinds=kept)
    assert AuditEvent.objects.filter(action="notification.email_settings").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        sub = submission_return(
            acting_user=leader, submission=sub, revision=sub.revision, comment="Bổ sung"
        )
        sub = submission_submit(
            acting_user=users["baocao.anhoi"], submission=sub, revision=sub.revision
        )
    assert [m.to for m in mail.outbox].count(["lanhdao@anhoi.example"]) == 1
    assert Notification.objects.filter(user=leader, kind="submission_submitted").count() == 2


def test_the_settings_page_turns_e_mail_off_per_kind(users):
    c = Client()
    c.force_login(users["lanhdao.anhoi"])
    url = reverse("notifications:settings")
    assert 'value="submission_submitted" checked' in c.get(url).content.decode()
    response = c.post(url, {"email": ["submission_returned"]})
    assert response.status_code == 302
    off = set(
        EmailOptOut.objects.filter(user=users["lanhdao.anhoi"]).values_list("kind", flat=True)
    )
    assert "submission_submitted" in off and "submission_returned" not in off
    html = c.get(url).content.decode()
    assert 'value="submission_submitted" checked' not in html


def test_a_refused_move_tells_nobody(users, anhoi):
    with pytest.raises(ValidationError, match="không thể duyệt"):
        submission_approve(acting_user=users["lanhdao.anhoi"], submission=anhoi, revision=1)
    assert not Notification.objects.exists()


def test_tasks_assigned_and_extended_reach_the_owner_units_people(users, units):
    from nghiquyet.plans.models import Task

    task = Task.objects.filter(owner_unit=units["28777-cu"]).first() or Task.objects.first()
    assert task_owner_notify(task=task, assigned_by=users["vanphong.thanhpho"]) >= 1
    again = task_owner_notify(task=task, assigned_by=users["vanphong.thanhpho"])
    assert again == 0  # once
    expected = {u.username for u in nearest_holders(task.owner_unit, "reporter")}
    expected |= {u.username for u in nearest_holders(task.owner_unit, "approver")}
    assert expected <= set(told("task_assigned")) | {"vanphong.thanhpho"}
    old = task.deadline
    task.deadline = (old or dt.date(2025, 1, 1)) + dt.timedelta(days=30)
    task_extended.send(sender=Task, task=task, acting_user=None, old_deadline=old)
    assert set(told("task_extended")) == expected


def test_extending_a_task_in_the_web_tells_its_owner_units_people(users, units):
    from nghiquyet.plans.models import Task
    from nghiquyet.plans.services import task_extend

    def people(task):
        found = {u.username for u in nearest_holders(task.owner_unit, "reporter")}
        return found | {u.username for u in nearest_holders(task.owner_unit, "approver")}

    open_tasks = Task.objects.filter(completed_on__isnull=True).exclude(deadline=None)
    task = next(t for t in open_tasks.order_by("pk") if people(t))
    expected = people(task)
    task_extend(
        acting_user=users["quantri"],
        task=task,
        deadline=task.deadline + dt.timedelta(days=30),
        reason="Chờ số liệu điều tra",
    )
    assert expected and set(told("task_extended")) == expected
