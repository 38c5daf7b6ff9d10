"""A round as the office runs it: who will receive it and why before it opens, no deadline in
the past, a deadline extended for one unit or all with a reason, "nhắc ngay", closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet.audit.models import AuditEvent
from nghiquyet.notifications.models import Notification
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting import rounds
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.rounds import round_completeness, round_preview
from nghiquyet.reporting.selectors.submissions import submission_edit_require
from tests.dbstate import changed_tables, database_state
from tests.factories import make_plan, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def office(land):
    return make_user("vanphong.thu", ("office", land["T1"]))


@pytest.fixture
def plan(system, land):
    """A province's plan: target 1 adds up from its districts, target 2 is led by D1."""
    plan = make_plan(land["T1"], "thu-2031", year=2031)
    summed = plan_services.indicator_get_or_create(
        acting_user=system, code="thu-hogd", name="Số hộ", aggregation="sum"
    )
    led = plan_services.indicator_get_or_create(
        acting_user=system, code="thu-tyle", name="Tỷ lệ", unit_of_measure="%"
    )
    plan_services.target_create(
        acting_user=system, plan=plan, code="1", name="Số hộ", indicator=summed, target_value=10
    )
    plan_services.target_create(
        acting_user=system,
        plan=plan,
        code="2",
        name="Tỷ lệ",
        indicator=led,
        target_value=50,
        lead_unit=land["D1"],
    )
    return plan


def test_the_preview_says_who_receives_the_round_and_who_is_never_asked(office, plan, land):
    preview = round_preview(user=office, plan=plan)
    rows = {r.unit.code: r for r in preview.rows}
    assert set(rows) == {"T1", "D1"}
    assert rows["D1"].reasons == ["chủ trì chỉ tiêu 2"]
    assert rows["T1"].reasons == ["đơn vị ban hành, báo cáo chỉ tiêu 1"]
    # Target 1 adds up from the districts, but D2 will never be asked.
    assert preview.summed_targets == ["1"]
    assert [u.code for u in preview.never_asked] == ["D2"]
    page = _client(office).get(reverse("reporting:round-open", args=[plan.code]))
    html = page.content.decode()
    assert 'data-testid="never-asked"' in html and "Huyện D2" in html


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_deadline_in_the_past_is_refused_and_nothing_is_written(office, plan):
    before = database_state()
    with pytest.raises(ValidationError) as exc:
        rounds.round_open(
            acting_user=office,
            plan=plan,
            spec=PeriodSpec("year", 2031),
            deadline=TODAY - dt.timedelta(days=1),
        )
    assert "đã qua" in exc.value.message_dict["deadline"][0]
    assert changed_tables(before, database_state()) == []


@pytest.fixture
def rnd(office, plan):
    return rounds.round_open(
        acting_user=office,
        plan=plan,
        spec=PeriodSpec("year", 2031),
        deadline=TODAY + dt.timedelta(days=5),
    )


def test_one_units_deadline_is_extended_with_a_reason(office, rnd, land):
    new = TODAY + dt.timedelta(days=30)
    assert (
        rounds.round_extend(
            acting_user=office, rnd=rnd, deadline=new, reason="Bão lũ", units=[land["D1"]]
        )
        == 1
    )
    d1 = Submission.objects.get(round=rnd, unit=land["D1"])
    t1 = Submission.objects.get(round=rnd, unit=land["T1"])
    assert d1.due == new and t1.due == rnd.deadline
    event = AuditEvent.objects.filter(action="round.extend").latest("pk")
    assert event.note == "Bão lũ" and event.changes == {"deadline": [None, new.isoformat()]}
    # Then everyone's deadline, later than the one it replaces.
    with pytest.raises(ValidationError):
        rounds.round_extend(acting_user=office, rnd=rnd, deadline=rnd.deadline, reason="x")
    rounds.round_extend(
        acting_user=office, rnd=rnd, deadline=TODAY + dt.timedelta(days=10), reason="Chờ số liệu"
    )
    rnd.refresh_from_db()
    assert rnd.deadline == TODAY + dt.timedelta(days=10)


def test_remind_now_reaches_only_the_late_units(office, rnd, land):
    reporter = make_user("baocao.d1", ("reporter", land["D1"]))
    make_user("baocao.t1", ("reporter", land["T1"]))
    Submission.objects.filter(round=rnd, unit=land["D1"]).update(
        deadline=TODAY - dt.timedelta(days=2)
    )
    response = _client(office).post(reverse("notifications:remind-round", args=[rnd.pk]))
    assert response.status_code == 302
    notes = Notification.objects.filter(kind="report_late")
    assert {n.user.username for n in notes} >= {"baocao.d1"}
    # Only D1's report is late: T1's, not yet due, is not reminded.
    assert {n.unit.code for n in notes} == {"D1"}
    assert reporter.pk in notes.values_list("user", flat=True)
    # A reporter may not press it.
    refused = _client(reporter).post(reverse("notifications:remind-round", args=[rnd.pk]))
    assert refused.status_code in (403, 404)


def test_a_closed_round_takes_no_more_figures(office, rnd, land):
    reporter = make_user("baocao.d1", ("reporter", land["D1"]))
    sub = Submission.objects.get(round=rnd, unit=land["D1"])
    submission_edit_require(user=reporter, submission=sub)
    rounds.round_close(acting_user=office, rnd=rnd)
    sub = Submission.objects.select_related("round").get(pk=sub.pk)
    with pytest.raises(ValidationError) as exc:
        submission_edit_require(user=reporter, submission=sub)
    assert "đã đóng" in exc.value.messages[0]
    assert AuditEvent.objects.filter(action="round.close").count() == 1
    with pytest.raises(ValidationError):
        rounds.round_close(acting_user=office, rnd=rnd)
    with pytest.raises(PermissionDenied):
        rounds.round_extend(
            acting_user=reporter, rnd=rnd, deadline=TODAY + dt.timedelta(days=9), reason="x"
        )


def test_the_round_page_shows_each_units_deadline(office, rnd, land):
    rounds.round_extend(
        acting_user=office,
        rnd=rnd,
        deadline=TODAY + dt.timedelta(days=40),
        reason="Bão",
        units=[land["D1"]],
    )
    rows = {r.submission.unit.code: r for r in round_completeness(user=office, rnd=rnd)}
    assert rows["D1"].submission.due == TODAY + dt.timedelta(days=40)
    html = _client(office).get(reverse("reporting:round-detail", args=[rnd.pk])).content.decode()
    assert (TODAY + dt.timedelta(days=40)).strftime("%d/%m/%Y") in html
    assert 'data-testid="round-actions"' in html
