"""A meeting's conclusion: numbered items become tasks, tracked like any other."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from nghiquyet.audit.models import AuditEvent
from nghiquyet.meetings import selectors, services
from nghiquyet.notifications.models import Notification
from nghiquyet.notifications.services import send_reminders
from nghiquyet.plans.choices import PlanKind
from nghiquyet.plans.selectors import task_list
from tests.dbstate import database_state
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_notice_is_a_conclusion_plan_whose_items_are_task_groups(meeting, items, tasks):
    notice = meeting.conclusion
    assert notice.kind == PlanKind.CONCLUSION
    assert notice.heading == "Thông báo kết luận số 12-TB/HU"
    assert [(i.code, i.kind) for i in items] == [("1", "tasks"), ("2", "tasks")]
    assert tasks["overdue"].group == items[0] and tasks["overdue"].code == "1.1"
    assert tasks["done"].code == "1.2" and tasks["later"].code == "2.1"
    assert tasks["overdue"].plan == notice
    ops = (
        AuditEvent.objects.filter(action="meeting.conclude", object_id=str(meeting.pk))
        | AuditEvent.objects.filter(action="group.create", object_id__in=[str(i.pk) for i in items])
        | AuditEvent.objects.filter(action="plan.create", object_id=str(notice.pk))
    )
    assert ops.count() == 4
    assert len({e.correlation_id for e in ops}) == 1  # one operation


def test_progress_of_the_conclusion(meeting, tasks, office):
    progress = selectors.conclusion_progress(
        user=office, meeting=meeting, as_of=dt.date(2024, 6, 10)
    )
    assert progress.counts == {
        "done_on_time": 1,
        "done_late": 0,
        "open_on_time": 1,
        "open_overdue": 1,
    }
    first, second = progress.items
    assert [(r.task.code, r.status) for r in first.rows] == [
        ("1.1", "open_overdue"),
        ("1.2", "done_on_time"),
    ]
    assert first.rows[0].days_late == 41
    assert [r.task.code for r in second.rows] == ["2.1"]


def test_a_ward_sees_the_meeting_and_only_its_own_tasks(meeting, tasks, land):
    ward = make_user("baocao.d1a", ("reporter", land["D1a"]))
    assert selectors.meeting_get(user=ward, pk=meeting.pk) == meeting
    progress = selectors.conclusion_progress(user=ward, meeting=meeting)
    assert [r.task.code for ip in progress.items for r in ip.rows] == ["1.1"]
    other = make_user("baocao.d1c", ("reporter", land["D1c"]))
    with pytest.raises(Http404):
        selectors.meeting_get(user=other, pk=meeting.pk)
    outsider = make_user("vanphong.t2", ("office", land["T2"]))
    assert not selectors.meeting_list(user=outsider).exists()


def test_refused_and_bad_writes_leave_nothing(meeting, items, land):
    ward = make_user("baocao.d1a", ("reporter", land["D1a"]))
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.conclusion_item_add(acting_user=ward, meeting=meeting, text="Mục mới")
    with pytest.raises(PermissionDenied):
        services.conclusion_task_assign(
            acting_user=ward,
            meeting=meeting,
            item=items[0],
            owner_unit=land["D1a"],
            title="x",
            product="y",
            deadline=dt.date(2024, 5, 1),
        )
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            acting_user=ward, unit=land["D1a"], title="x", held_on=dt.date(2024, 1, 1), chair="y"
        )
    assert database_state() == before


def test_an_item_too_long_is_refused_with_its_number(meeting, office, items):
    with pytest.raises(ValidationError, match="Nội dung mục 3 dài 501 ký tự"):
        services.conclusion_item_add(acting_user=office, meeting=meeting, text="a" * 501)
    assert meeting.conclusion.groups.count() == 2


def test_a_second_notice_is_refused(meeting, office):
    with pytest.raises(ValidationError, match="đã có Thông báo kết luận số 12-TB/HU"):
        services.conclusion_issue(
            acting_user=office,
            meeting=meeting,
            number="13-TB/HU",
            issued_on=dt.date(2024, 3, 20),
            issuing_body="Ban Thường vụ Huyện ủy D1",
        )


def test_overdue_conclusion_tasks_are_reminded_and_listed_with_the_others(meeting, tasks, land):
    ward = make_user("baocao.d1a", ("reporter", land["D1a"]))
    send_reminders(today=dt.date(2024, 6, 10))
    (note,) = Notification.objects.filter(user=ward)
    assert note.kind == "task_overdue"
    assert "Rà soát, điều chuyển vốn" in note.title
    rows = task_list(user=ward, as_of=dt.date(2024, 6, 10))
    assert [r.task.pk for r in rows] == [tasks["overdue"].pk]
