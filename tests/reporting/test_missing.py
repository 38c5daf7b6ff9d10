"""Why a target or a unit has no figure: each reason from the situation that gives it."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Target
from nghiquyet.reporting.models import Period, Submission, Value
from nghiquyet.reporting.selectors import missing
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.selectors.missing import (
    Reporters,
    no_data_reasons,
    target_no_data_reason,
    unit_no_data_reason,
)
from nghiquyet.reporting.selectors.results import TargetResult
from nghiquyet.reporting.workflow import submission_save, submission_submit
from tests.factories import make_report

DAY = dt.date(2026, 7, 10)


def _period(kind="year", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), deadline=None):
    return Period(
        key="x",
        kind=kind,
        year=start.year,
        start_date=start,
        end_date=end,
        deadline=deadline or end,
    )


def _result(**target) -> TargetResult:
    return TargetResult(target=Target(code="1", name="Thu ngân sách", **target))


# --- the rule, situation by situation ------------------------------------------------------


def test_a_period_not_begun_is_not_due():
    why = target_no_data_reason(
        _result(), period=_period(start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31)), today=DAY
    )
    assert (why.key, why.text) == (missing.NOT_DUE, "chưa đến kỳ báo cáo")


def test_a_term_total_within_the_year_is_judged_by_year_and_term():
    half = _period("half_year", end=dt.date(2026, 6, 30))
    why = target_no_data_reason(_result(temporal="cumulative"), period=half, today=DAY)
    assert why.key == missing.TERM_ONLY
    assert why.text == "chỉ tiêu cả nhiệm kỳ, đánh giá theo năm và cuối nhiệm kỳ"


def test_a_change_without_last_year_says_so():
    r = _result(change=1)
    r.value = Value(value=5)
    why = target_no_data_reason(r, period=_period(), today=DAY)
    assert (why.key, why.text) == (
        missing.NO_BASELINE,
        "chưa có số liệu cùng kỳ năm trước để so sánh",
    )


def test_figures_sent_and_not_accepted_are_pending():
    rep = Reporters(total=2, sent=2, pending=["Sở Tài chính"], unsent=[])
    why = target_no_data_reason(_result(), period=_period(), today=DAY, reporters=rep)
    assert why.key == missing.PENDING
    assert why.text == "số liệu chờ duyệt: Sở Tài chính đã gửi, văn phòng chưa tiếp nhận"


def test_units_not_reported_are_counted_and_named():
    rep = Reporters(total=9, sent=3, pending=[], unsent=["Xã A", "Xã B", "Xã C", "Xã D"])
    why = target_no_data_reason(
        _result(), period=_period(), today=DAY, reporters=rep, round_open=True
    )
    assert why.key == missing.NOT_REPORTED
    assert why.text == "đơn vị chưa báo cáo: mới có 3/9 đơn vị gửi, còn Xã A, Xã B, Xã C…"


def test_units_with_time_left_are_not_due():
    rep = Reporters(total=9, sent=3, pending=[], unsent=["Xã A"], due=dt.date(2026, 7, 20))
    why = target_no_data_reason(
        _result(), period=_period(), today=DAY, reporters=rep, round_open=True
    )
    assert (why.key, why.text) == (missing.NOT_DUE, "chưa đến hạn báo cáo (hạn 20/07/2026)")


def test_no_round_before_the_deadline_is_not_due_after_it_not_opened():
    period = _period(end=dt.date(2026, 6, 30), deadline=dt.date(2026, 7, 15))
    assert target_no_data_reason(_result(), period=period, today=DAY).key == missing.NOT_DUE
    late = target_no_data_reason(_result(), period=period, today=dt.date(2026, 8, 1))
    assert late.text == "chưa mở đợt báo cáo kỳ này"


@pytest.mark.parametrize(
    ("status", "key", "text"),
    [
        ("submitted", missing.PENDING, "số liệu chờ duyệt"),
        ("approved", missing.PENDING, "số liệu chờ duyệt"),
        ("returned", missing.NOT_REPORTED, "báo cáo bị trả lại, đơn vị đang chỉnh sửa"),
        ("draft", missing.NOT_REPORTED, "đơn vị chưa gửi báo cáo (quá hạn 30/06/2026)"),
    ],
)
def test_a_units_reason_is_where_its_report_stands(status, key, text):
    sub = Submission(status=status, deadline=dt.date(2026, 6, 30))
    why = unit_no_data_reason(sub, round_open=True, today=DAY)
    assert (why.key, why.text) == (key, text)


def test_a_unit_without_a_round_or_a_report():
    assert unit_no_data_reason(None, round_open=False).text == "chưa mở đợt báo cáo kỳ này"
    assert unit_no_data_reason(None, round_open=True).text == "đợt báo cáo không gửi cho đơn vị này"


# --- the selector on data built here --------------------------------------------------------


def _reasons(sub):
    plan = sub.round.plan
    ev = plan_evaluation(user=SYSTEM, plan=plan, period=sub.round.period)
    return {
        t.code: why
        for t in plan.targets.all()
        if (why := no_data_reasons(user=SYSTEM, ev=ev).get(t.pk))
    }


@pytest.mark.django_db
def test_selector_a_future_year_is_not_due(land):
    sub, _reporter = make_report(land, "thu-2031", year=2031)
    reasons = _reasons(sub)
    assert set(reasons) == {"1", "2", "3", "4"}
    assert {why.key for why in reasons.values()} == {missing.NOT_DUE}


@pytest.mark.django_db
def test_selector_an_overdue_draft_is_not_reported_then_pending_once_sent(land):
    sub, reporter = make_report(land, "thu-2024", year=2024)
    reasons = _reasons(sub)
    assert {why.text for why in reasons.values()} == {"Tỉnh Thử chưa báo cáo"}

    entries = {e.target.code: e for e in sub.entries.select_related("target")}
    rows = {
        e.pk: {"value": "" if code == "2" else "3", "status": "official", "note": "số liệu thử"}
        for code, e in entries.items()
    }
    sub = submission_save(acting_user=reporter, submission=sub, revision=sub.revision, rows=rows)
    submission_submit(acting_user=reporter, submission=sub, revision=sub.revision)
    reasons = _reasons(sub)
    assert reasons["1"].key == missing.PENDING
    assert reasons["1"].text == "số liệu chờ duyệt: Tỉnh Thử đã gửi, văn phòng chưa tiếp nhận"
    # the yes/no target was sent without a figure: the report is in, the figure is not
    assert reasons["2"].key == missing.NOT_REPORTED


@pytest.mark.django_db
def test_dashboard_and_review_say_the_same_reason(land):
    from nghiquyet.documents.report import build_review
    from tests.factories import make_user

    sub, _reporter = make_report(land, "thu-2024", year=2024)
    plan = sub.round.plan
    office = make_user("doc.thu", ("office", land["T1"]))
    c = Client()
    c.force_login(office)
    page = c.get(reverse("reporting:plan-dashboard", args=[plan.code]) + "?ky=2024")
    html = page.content.decode()
    assert html.count('data-reason="not_reported"') == 4
    assert "Tỉnh Thử chưa báo cáo" in html
    review = build_review(user=office, plan=plan, period=sub.round.period)
    text = " ".join(review.limitations)
    assert "4/4 chỉ tiêu chưa có số liệu để đánh giá" in text
    assert "kết nạp đảng viên mới (Tỉnh Thử chưa báo cáo)" in text


@pytest.mark.django_db
def test_a_term_total_reported_for_a_half_year_is_not_rated_against_the_whole_term(land):
    from nghiquyet.plans import services as plan_services
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create, value_record
    from tests.factories import make_plan

    province = land["T1"]
    plan = make_plan(
        province, "nk-thu", kind="term_resolution", year=None, term_start=2020, term_end=2025
    )
    indicator = plan_services.indicator_get_or_create(
        acting_user=SYSTEM, code="nk-xk", name="Kim ngạch xuất khẩu", unit_of_measure="triệu USD"
    )
    plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Kim ngạch xuất khẩu 5 năm",
        indicator=indicator,
        direction="higher",
        target_value=7800,
        temporal="cumulative",
    )
    half = period_get_or_create(spec=PeriodSpec("half_year", 2023))
    value_record(acting_user=SYSTEM, indicator=indicator, unit=province, period=half, value=800)
    ev = plan_evaluation(user=SYSTEM, plan=plan, period=half)
    (row,) = ev.rows
    assert row.class_key == "no_data"  # not "không đạt" at 800 of 7.800
    assert row.value is not None  # the figure reported is still shown
    assert no_data_reasons(user=SYSTEM, ev=ev)[row.target.pk].key == missing.TERM_ONLY
