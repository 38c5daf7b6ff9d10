"""Reports on time and accepted without return; who may see and change what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from nghiquyet.emulation import selectors, services
from nghiquyet.emulation.choices import CriterionKind
from nghiquyet.emulation.models import Criterion, Registration
from nghiquyet.reporting.choices import PeriodKind, SubmissionAction, SubmissionStatus
from nghiquyet.reporting.models import Submission, SubmissionEvent
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from tests.dbstate import database_state
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _sent(sub, day):
    # The workflow stamps "now"; the story needs its own days (as the demo's rounds do).
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
    Submission.objects.filter(pk=sub.pk).update(first_submitted_at=at, submitted_at=at)


def test_reports_on_time_and_accepted_without_return(scene, office, land):
    rnd = scene["round"]
    for code, kind in (("4", CriterionKind.REPORTS_ON_TIME), ("5", CriterionKind.FIGURES_ACCEPTED)):
        services.criterion_create(
            acting_user=office, rnd=rnd, code=code, name=kind.label, kind=kind, max_points=10
        )
    # A round of a past period takes the period's own deadline: 20/06/2024.
    reporting = round_open(
        acting_user=office, plan=scene["plan"], spec=PeriodSpec(PeriodKind.HALF_YEAR, 2024)
    )
    assert {s.due for s in Submission.objects.filter(round=reporting)} == {dt.date(2024, 6, 20)}
    subs = {s.unit.code: s for s in Submission.objects.filter(round=reporting)}
    assert set(subs) >= {"D1a", "D1b", "D1c"}
    _sent(subs["D1a"], dt.date(2024, 6, 18))
    _sent(subs["D1b"], dt.date(2024, 6, 25))
    Submission.objects.filter(pk__in=[subs["D1a"].pk, subs["D1b"].pk]).update(
        status=SubmissionStatus.ACCEPTED
    )
    SubmissionEvent.objects.create(
        submission=subs["D1b"],
        action=SubmissionAction.RETURN,
        from_status=SubmissionStatus.APPROVED,
        to_status=SubmissionStatus.RETURNED,
        version=1,
    )
    scores = selectors.unit_scores(rnd, scene["communes"])

    def crit(code, unit):
        return next(r for r in scores[land[unit].pk].results if r.criterion.code == code)

    assert crit("4", "D1a").points == Decimal("10.00")  # sent on 18/06, due 20/06
    assert crit("4", "D1b").points == Decimal("0.00")  # late
    assert crit("4", "D1c").items[0]["detail"] == "chưa gửi"
    assert crit("5", "D1a").points == Decimal("10.00")
    assert crit("5", "D1b").points == Decimal("0.00")  # returned once
    assert crit("5", "D1c").points is None  # nothing decided yet
    assert {i["id"] for i in crit("4", "D1a").items} == {subs["D1a"].pk}


def test_a_member_sees_its_cluster_ranking_but_not_another_members_trace(scene, reporter_a, land):
    rnd = selectors.round_get(user=reporter_a, pk=scene["round"].pk)
    (ranking,) = selectors.round_ranking(user=reporter_a, rnd=rnd)
    assert {r.unit.code for r in ranking.rows} == {"D1a", "D1b", "D1c"}
    assert selectors.score_trace(user=reporter_a, rnd=rnd, unit=land["D1a"]).unit == land["D1a"]
    with pytest.raises(Http404):
        selectors.score_trace(user=reporter_a, rnd=rnd, unit=land["D1b"])
    with pytest.raises(PermissionDenied):
        selectors.round_get(user=reporter_a, pk=rnd.pk, action="manage")


def test_another_province_sees_nothing(scene, land):
    outsider = make_user("vanphong.t2", ("office", land["T2"]))
    assert not selectors.movement_list(user=outsider).exists()
    assert not selectors.cluster_list(user=outsider).exists()
    with pytest.raises(Http404):
        selectors.round_get(user=outsider, pk=scene["round"].pk)


def test_a_unit_registers_for_itself_only_and_refusals_write_nothing(scene, reporter_a, land):
    rnd = scene["round"]
    reg = services.registration_save(
        acting_user=reporter_a,
        rnd=rnd,
        unit=land["D1a"],
        title_sought="Tập thể lao động xuất sắc",
        commitment="Hoàn thành 100% chỉ tiêu nghị quyết năm 2024.",
    )
    assert reg.registered_by == reporter_a
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.registration_save(
            acting_user=reporter_a,
            rnd=rnd,
            unit=land["D1b"],
            title_sought="Cờ thi đua",
            commitment="x",
        )
    with pytest.raises(PermissionDenied):
        services.criterion_create(
            acting_user=reporter_a,
            rnd=rnd,
            code="9",
            name="x",
            kind=CriterionKind.COUNCIL,
            max_points=5,
        )
    with pytest.raises(PermissionDenied):
        services.round_close(acting_user=reporter_a, rnd=rnd)
    assert database_state() == before
    assert Registration.objects.filter(round=rnd).count() == 1
    assert not Criterion.objects.filter(round=rnd, code="9").exists()


def test_cluster_members_must_be_under_the_organiser_and_the_lead_rotates(scene, office, land):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="không trực thuộc"):
        services.cluster_create(
            acting_user=office,
            unit=land["D1"],
            name="Cụm lạ",
            members=[land["D1a"], land["D2a"]],
        )
    cluster = scene["cluster"]
    first = services.cluster_lead_rotate(acting_user=office, cluster=cluster, year=2024)
    second = services.cluster_lead_rotate(acting_user=office, cluster=cluster, year=2025)
    third = services.cluster_lead_rotate(acting_user=office, cluster=cluster, year=2026)
    fourth = services.cluster_lead_rotate(acting_user=office, cluster=cluster, year=2027)
    assert [first.unit.code, second.unit.code, third.unit.code, fourth.unit.code] == [
        "D1a",
        "D1b",
        "D1c",
        "D1a",
    ]
    assert second.deputy == first.unit
