"""Reminders: who is reminded of what, once; in the app and by e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.notifications.models import Notification
from nghiquyet.notifications.services import send_pending_emails, send_reminders

pytestmark = pytest.mark.django_db

D = dt.date


def who(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_report_due_soon_reminds_the_units_reporter_once():
    run = send_reminders(today=D(2021, 6, 18))
    assert run.created["report_due"] == 1
    assert who("report_due") == {"baocao.anhoi"}  # Phú Tân already sent its report
    n = Notification.objects.get(kind="report_due")
    assert n.title == "Sắp đến hạn gửi báo cáo 6 tháng đầu năm 2021 (20/06/2021)"
    assert "Phường An Hội" in n.body and n.link.startswith("/bao-cao/")
    again = send_reminders(today=D(2021, 6, 19))
    assert again.total == 0 and Notification.objects.filter(kind="report_due").count() == 1


def test_nothing_is_due_well_before_the_deadline():
    assert send_reminders(today=D(2021, 6, 1)).total == 0


def test_a_late_report_reminds_reporters_leaders_and_the_office():
    run = send_reminders(today=D(2021, 6, 25))
    late = Notification.objects.filter(kind="report_late")
    anhoi = {n.user.username for n in late if n.unit.code == "28777-cu"}
    assert anhoi == {"baocao.anhoi", "lanhdao.anhoi", "vanphong.thanhpho", "vanphong.tinh"}
    # Reports sent (even late) or accepted are not reminded of.
    sent_units = {"28756-cu", "28757", "28762", "28795", "28786", "28780"}
    assert not late.filter(unit__code__in=sent_units).exists()
    assert run.created["report_late"] == late.count()
    event = AuditEvent.objects.get(action="reminder.run")
    assert event.changes["report_late"] == [None, late.count()]


def test_tasks_near_and_past_their_deadline():
    send_reminders(today=D(2022, 12, 26))
    due = Notification.objects.filter(kind="task_due")
    assert {n.user.username for n in due} == {"baocao.skhdt"}
    assert "Đẩy nhanh tiến độ giải ngân vốn đầu tư công" in due.get().title
    send_reminders(today=D(2023, 1, 5))
    overdue = Notification.objects.filter(kind="task_overdue", user__username="baocao.skhdt")
    titles = [n.title for n in overdue]
    assert any("giải ngân vốn đầu tư công" in t for t in titles)
    assert all(t.startswith("Nhiệm vụ quá hạn (") for t in titles)


def test_completed_tasks_are_not_reminded_of():
    send_reminders(today=D(2022, 4, 28))  # the investment conference was done on 22/04/2022
    titles = Notification.objects.values_list("title", flat=True)
    assert not any("xúc tiến đầu tư" in t for t in titles)


def test_emails_are_sent_once_and_retried_after_a_failure(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=D(2021, 6, 18))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["baocao.anhoi@nghiquyet.invalid"]
    assert (
        message.subject == "[nghiquyet] Sắp đến hạn gửi báo cáo 6 tháng đầu năm 2021 (20/06/2021)"
    )
    assert "/bao-cao/" in message.body
    assert send_pending_emails() == 0 and len(mail.outbox) == 1

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("nghiquyet.notifications.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=D(2021, 6, 25))
    pending = Notification.objects.filter(emailed_at__isnull=True).count()
    assert pending > 0
    monkeypatch.undo()
    assert send_pending_emails() == pending
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_people_see_and_mark_only_their_own_notifications(users):
    send_reminders(today=D(2021, 6, 25))
    reporter, neighbour = Client(), Client()
    reporter.force_login(users["baocao.anhoi"])
    neighbour.force_login(users["baocao.phutan"])
    mine = Notification.objects.get(user=users["baocao.anhoi"])
    html = reporter.get(reverse("notifications:list")).content.decode()
    assert mine.title in html and 'data-testid="unread">1<' in html
    assert mine.title not in neighbour.get(reverse("notifications:list")).content.decode()
    # Marking someone else's notification read changes nothing.
    neighbour.post(reverse("notifications:read"), {"id": mine.pk})
    mine.refresh_from_db()
    assert mine.read_at is None
    response = reporter.post(reverse("notifications:read"), {"id": mine.pk, "next": mine.link})
    assert response.status_code == 302 and response["Location"] == mine.link
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert 'data-testid="unread"' not in reporter.get("/").content.decode()


def test_an_outside_next_is_not_followed(users):
    c = Client()
    c.force_login(users["baocao.anhoi"])
    response = c.post(reverse("notifications:read"), {"next": "https://example.com/"})
    assert response["Location"] == reverse("notifications:list")


def test_remind_command_line(capsys):
    from nghiquyet import cli

    assert cli.main(["remind", "--date", "25/06/2021"]) == 0
    assert "thông báo mới" in capsys.readouterr().out
    assert cli.main(["remind", "--date", "2021-06-25"]) == 2
    assert "không hợp lệ; dùng dạng dd/mm/yyyy" in capsys.readouterr().err
