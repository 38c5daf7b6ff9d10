"""The office's meeting pages: record a meeting, issue its conclusion, assign tasks."""

import pytest
from django.urls import reverse

from nghiquyet.meetings.models import Meeting
from nghiquyet.plans.models import Task
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_office_records_a_meeting_and_turns_an_item_into_a_task(client, office, land):
    client.force_login(office)
    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "unit": "D1",
            "kind": "standing_committee",
            "title": "Sơ kết 6 tháng đầu năm",
            "held_on": "10/07/2024",
            "chair": "Nguyễn Văn A",
        },
    )
    meeting = Meeting.objects.get(title="Sơ kết 6 tháng đầu năm")
    assert response.status_code == 302
    client.post(
        reverse("meetings:conclusion-issue", args=[meeting.pk]),
        {
            "number": "20-TB/HU",
            "issued_on": "12/07/2024",
            "issuing_body": "Ban Thường vụ Huyện ủy D1",
            "body_kind": "party",
            "items": "Tập trung thu ngân sách.\nRà soát hộ nghèo.",
        },
    )
    meeting.refresh_from_db()
    item = meeting.conclusion.groups.get(code="2")
    bad = client.post(
        reverse("meetings:task-assign", args=[meeting.pk]),
        {
            "item": str(item.pk),
            "owner_unit": "D1a",
            "title": "Rà soát",
            "product": "",
            "deadline": "",
        },
    )
    assert bad.status_code == 400
    client.post(
        reverse("meetings:task-assign", args=[meeting.pk]),
        {
            "item": str(item.pk),
            "owner_unit": "D1a",
            "title": "Rà soát hộ nghèo cuối năm",
            "product": "Danh sách hộ nghèo",
            "deadline": "30/11/2024",
        },
    )
    task = Task.objects.get(group=item)
    assert (task.code, task.owner_unit.code) == ("2.1", "D1a")
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Rà soát hộ nghèo cuối năm" in page
    assert reverse("documents:conclusion-notice", args=[meeting.pk]) in page


def test_a_ward_reads_but_may_not_write(client, meeting, tasks, land, items):
    client.force_login(make_user("baocao.d1a", ("reporter", land["D1a"])))
    assert client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code == 200
    response = client.post(reverse("meetings:item-add", args=[meeting.pk]), {"text": "Mục mới"})
    assert response.status_code == 403
    assert meeting.conclusion.groups.count() == 2
    assert client.get(reverse("meetings:meeting-create")).status_code == 403
