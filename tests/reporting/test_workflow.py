"""Reporting rounds and the submission workflow, through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.demo.data import COMMUNES
from nghiquyet.plans.models import Plan, Target
from nghiquyet.reporting.choices import PeriodKind, SubmissionStatus
from nghiquyet.reporting.models import ReportingRound, Submission, SubmissionEvent, Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.selectors.submissions import submission_rights, timeliness
from nghiquyet.reporting.workflow import (
    SubmissionConflict,
    SubmissionInvalid,
    submission_accept,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_save,
    submission_submit,
)
from tests.factories import make_report
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db

NINE_MONTHS_2021 = PeriodSpec(PeriodKind.NINE_MONTHS, 2021)
YEAR_2021 = PeriodSpec(PeriodKind.YEAR, 2021)


@pytest.fixture
def city_round(users):
    return round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=NINE_MONTHS_2021,
        note="Báo cáo sơ kết 6 tháng",
    )


@pytest.fixture
def anhoi(city_round, units):
    return Submission.objects.get(round=city_round, unit=units["28777-cu"])


def rows_for(submission, **by_code):
    """Grid rows keyed by entry id from {target code: value text}."""
    out = {}
    for e in submission.entries.select_related("target"):
        if e.target.code in by_code:
            value = by_code[e.target.code]
            out[e.pk] = value if isinstance(value, dict) else {"value": value, "status": "estimate"}
    return out


def fill_all(submission, user):
    """Fill every figure of a submission with a plausible number."""
    return submission_save(
        acting_user=user,
        submission=submission,
        revision=submission.revision,
        rows=plausible_rows(submission),
    )


def test_opening_a_round_assigns_every_unit_its_targets(city_round, units, users):
    subs = Submission.objects.filter(round=city_round)
    wards = [c[0] for c in COMMUNES]
    assert set(wards) <= set(subs.values_list("unit__code", flat=True))
    anhoi = subs.get(unit=units["28777-cu"])
    # One entry per target of the ward's own plan (composites are reported through parts).
    own = Target.objects.filter(plan__code="an-hoi-2021", is_composite=False)
    assert own.exists()
    assert set(anhoi.entries.values_list("target_id", flat=True)) == set(
        own.values_list("pk", flat=True)
    )
    assert set(anhoi.entries.values_list("unit__code", flat=True)) == {"28777-cu"}
    # City targets are reported by their lead offices, about the city.
    police = subs.get(unit__code="829-CA")
    assert set(police.entries.values_list("unit__code", flat=True)) == {"829"}
    assert set(police.entries.values_list("target__code", flat=True)) >= {"37a", "37b", "37c"}
    assert all(s.status == "draft" and s.revision == 1 for s in subs)
    assert AuditEvent.objects.filter(action="round.open", object_id=str(city_round.pk)).exists()
    assert city_round.period.key == "2021-9M" and city_round.deadline == dt.date(2021, 9, 20)


@pytest.mark.parametrize(
    ("username", "plan_code"),
    [
        ("baocao.anhoi", "an-hoi-2021"),
        ("lanhdao.tinh", "tinh-2022"),
        ("vanphong.thanhpho", "tinh-2022"),
    ],
)
def test_only_offices_over_the_plan_open_rounds(users, username, plan_code):
    with pytest.raises(PermissionDenied):
        round_open(
            acting_user=users[username],
            plan=Plan.objects.get(code=plan_code),
            spec=PeriodSpec(PeriodKind.YEAR, Plan.objects.get(code=plan_code).years[0]),
        )
    assert ReportingRound.objects.count() == 1  # the demo's own round only


def test_a_period_is_opened_once_across_the_cascade(city_round, users):
    with pytest.raises(ValidationError, match="đã được mở"):
        round_open(
            acting_user=users["vanphong.thanhpho"],
            plan=Plan.objects.get(code="thanhpho-2021"),
            spec=NINE_MONTHS_2021,
        )
    with pytest.raises(ValidationError, match="đã được mở"):
        round_open(
            acting_user=users["vanphong.thanhpho"],
            plan=Plan.objects.get(code="an-hoi-2021"),
            spec=NINE_MONTHS_2021,
        )
    with pytest.raises(ValidationError, match="phải thuộc các năm"):
        round_open(
            acting_user=users["vanphong.thanhpho"],
            plan=Plan.objects.get(code="thanhpho-2021"),
            spec=PeriodSpec(PeriodKind.YEAR, 2023),
        )
    assert ReportingRound.objects.count() == 2  # the demo's and this one


def test_drafts_start_from_accepted_figures(users, units):
    rnd = round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=YEAR_2021,
    )
    entry = Submission.objects.get(round=rnd, unit=units["28777-cu"]).entries.get(target__code="23")
    accepted = Value.objects.current().get(
        indicator__code="new-jobs", unit=units["28777-cu"], period__key="2021"
    )
    assert entry.value == accepted.value


def test_saving_reads_vietnamese_numbers_and_bumps_the_revision(anhoi, users):
    saved = submission_save(
        acting_user=users["baocao.anhoi"],
        submission=anhoi,
        revision=1,
        rows=rows_for(anhoi, **{"23": "1.234,5", "1": "8"}),
    )
    assert saved.revision == 2
    jobs = anhoi.entries.get(target__code="23")
    assert jobs.value == Decimal("1234.5") and jobs.updated_at is not None
    assert SubmissionEvent.objects.filter(submission=anhoi, action="save").count() == 1
    assert AuditEvent.objects.filter(action="submission.save", object_id=str(anhoi.pk)).exists()


def test_one_bad_cell_saves_nothing_and_names_the_target_and_field(anhoi, users):
    with pytest.raises(SubmissionInvalid) as err:
        submission_save(
            acting_user=users["baocao.anhoi"],
            submission=anhoi,
            revision=1,
            rows=rows_for(
                anhoi,
                **{
                    "23": "250",
                    "1": "mười",
                    "22": {"numerator": "12", "denominator": "", "value": ""},
                },
            ),
        )
    messages = [p.message for p in err.value.problems]
    assert any(
        m.startswith("1. Kết nạp đảng viên mới: giá trị: “mười” không phải là một số; viết số như")
        for m in messages
    )
    assert any(m.startswith("22. Tỷ lệ hộ nghèo: phải nhập cả tử số và mẫu số") for m in messages)
    assert {p.field for p in err.value.problems} == {"value", "denominator"}
    anhoi.refresh_from_db()
    assert anhoi.revision == 1
    assert anhoi.entries.get(target__code="23").value is None


def test_ratio_from_numerator_and_denominator(anhoi, users):
    rows = rows_for(anhoi, **{"22": {"numerator": "30", "denominator": "4.000", "value": ""}})
    submission_save(acting_user=users["baocao.anhoi"], submission=anhoi, revision=1, rows=rows)
    entry = anhoi.entries.get(target__code="22")
    assert entry.value == Decimal("0.75") and entry.denominator == Decimal("4000")
    rows = rows_for(anhoi, **{"22": {"numerator": "30", "denominator": "4000", "value": "2"}})
    with pytest.raises(SubmissionInvalid, match="không khớp tử số / mẫu số"):
        submission_save(acting_user=users["baocao.anhoi"], submission=anhoi, revision=2, rows=rows)


def test_a_stale_revision_is_refused_and_the_saved_figures_stay(anhoi, users):
    reporter = users["baocao.anhoi"]
    submission_save(
        acting_user=reporter, submission=anhoi, revision=1, rows=rows_for(anhoi, **{"23": "240"})
    )
    with pytest.raises(SubmissionConflict) as err:
        submission_save(
            acting_user=reporter,
            submission=anhoi,
            revision=1,
            rows=rows_for(anhoi, **{"23": "999"}),
        )
    assert "vừa được Võ Văn Bình — Phường An Hội thay đổi lúc" in err.value.message
    assert anhoi.entries.get(target__code="23").value == Decimal("240")


@pytest.mark.parametrize(
    "username", ["baocao.phutan", "lanhdao.anhoi", "vanphong.thanhpho", "lanhdao.tinh"]
)
def test_only_the_units_reporter_enters_figures(anhoi, users, username):
    with pytest.raises(PermissionDenied):
        submission_save(
            acting_user=users[username],
            submission=anhoi,
            revision=1,
            rows=rows_for(anhoi, **{"23": "1"}),
        )
    assert anhoi.entries.get(target__code="23").value is None


def test_sending_needs_every_figure_or_a_reason(anhoi, users):
    reporter = users["baocao.anhoi"]
    with pytest.raises(SubmissionInvalid) as err:
        submission_submit(acting_user=reporter, submission=anhoi, revision=1)
    # one problem per empty figure: none was filled yet
    assert len(err.value.problems) == anhoi.entries.count() > 0
    assert "chưa có số liệu; nhập số liệu hoặc ghi rõ lý do" in err.value.problems[0].message
    anhoi = fill_all(anhoi, reporter)
    no_data = rows_for(anhoi, **{"32": {"value": "", "note": "Chưa triển khai hồ sơ điện tử"}})
    anhoi = submission_save(
        acting_user=reporter, submission=anhoi, revision=anhoi.revision, rows=no_data
    )
    sent = submission_submit(acting_user=reporter, submission=anhoi, revision=anhoi.revision)
    assert sent.status == SubmissionStatus.SUBMITTED and sent.first_submitted_at is not None


def test_the_full_flow_puts_accepted_figures_on_the_dashboard(anhoi, users, units):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    anhoi = fill_all(anhoi, reporter)
    anhoi = submit(anhoi, reporter)
    before = Value.objects.filter(submission=anhoi).count()
    anhoi = submission_approve(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    assert anhoi.status == SubmissionStatus.APPROVED and before == 0
    anhoi = submission_accept(acting_user=office, submission=anhoi, revision=anhoi.revision)
    assert anhoi.status == SubmissionStatus.ACCEPTED
    jobs = Value.objects.current().get(
        indicator__code="new-jobs", unit=units["28777-cu"], period__key="2021-9M"
    )
    entered = anhoi.entries.get(target__code="23").value
    assert jobs.submission == anhoi and jobs.source == "submission" and jobs.value == entered
    ev = plan_evaluation(
        user=office, plan=Plan.objects.get(code="an-hoi-2021"), period=anhoi.round.period
    )
    # Everything has data except the change-against-last-year target: no first half of 2020.
    assert [r.target.code for r in ev.rows if r.class_key == "no_data"] == ["36"]
    assert next(r for r in ev.rows if r.target.code == "23").actual == float(entered)
    actions = list(
        SubmissionEvent.objects.filter(submission=anhoi).values_list("action", flat=True)
    )
    assert actions == ["create", "save", "submit", "approve", "accept"]


def submit(submission, reporter):
    return submission_submit(
        acting_user=reporter, submission=submission, revision=submission.revision
    )


def test_returns_at_both_steps_and_resubmission(anhoi, users):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    anhoi = submit(fill_all(anhoi, reporter), reporter)
    with pytest.raises(ValidationError, match="lý do trả lại"):
        submission_return(
            acting_user=leader, submission=anhoi, revision=anhoi.revision, comment="  "
        )
    anhoi = submission_return(
        acting_user=leader,
        submission=anhoi,
        revision=anhoi.revision,
        comment="Kiểm tra lại số lao động",
    )
    assert anhoi.status == SubmissionStatus.RETURNED
    anhoi = submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows=rows_for(anhoi, **{"23": "120"}),
    )
    anhoi = submit(anhoi, reporter)
    anhoi = submission_approve(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    anhoi = submission_return(
        acting_user=office,
        submission=anhoi,
        revision=anhoi.revision,
        comment="Thiếu giải trình chỉ tiêu 14",
    )
    assert anhoi.status == SubmissionStatus.RETURNED
    events = SubmissionEvent.objects.filter(submission=anhoi, action="return").order_by("at")
    assert [(e.actor.username, e.comment) for e in events] == [
        ("lanhdao.anhoi", "Kiểm tra lại số lao động"),
        ("vanphong.thanhpho", "Thiếu giải trình chỉ tiêu 14"),
    ]


def test_wrong_people_and_wrong_steps_are_refused(anhoi, users):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    anhoi = submit(fill_all(anhoi, reporter), reporter)
    for user in (reporter, office, users["baocao.phutan"]):
        with pytest.raises(PermissionDenied):
            submission_approve(acting_user=user, submission=anhoi, revision=anhoi.revision)
    with pytest.raises(ValidationError, match="nên không thể tiếp nhận"):
        submission_accept(acting_user=office, submission=anhoi, revision=anhoi.revision)
    with pytest.raises(PermissionDenied):
        submission_accept(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    anhoi = submission_approve(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    with pytest.raises(PermissionDenied):
        submission_return(
            acting_user=leader, submission=anhoi, revision=anhoi.revision, comment="muộn rồi"
        )
    # The province office oversees the city's wards too.
    accepted = submission_accept(
        acting_user=users["vanphong.tinh"], submission=anhoi, revision=anhoi.revision
    )
    assert accepted.status == SubmissionStatus.ACCEPTED


def test_accepted_figures_are_locked_and_corrected_as_new_versions(anhoi, users, units):
    reporter, leader, office = (
        users["baocao.anhoi"],
        users["lanhdao.anhoi"],
        users["vanphong.thanhpho"],
    )
    anhoi = submit(fill_all(anhoi, reporter), reporter)
    anhoi = submission_approve(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    anhoi = submission_accept(acting_user=office, submission=anhoi, revision=anhoi.revision)
    with pytest.raises(ValidationError, match="không sửa, không nhập số liệu được nữa"):
        submission_save(
            acting_user=reporter,
            submission=anhoi,
            revision=anhoi.revision,
            rows=rows_for(anhoi, **{"23": "1"}),
        )
    with pytest.raises(ValidationError, match="lý do điều chỉnh"):
        submission_reopen(acting_user=office, submission=anhoi, revision=anhoi.revision, comment="")
    anhoi = submission_reopen(
        acting_user=office,
        submission=anhoi,
        revision=anhoi.revision,
        comment="Cục Thống kê điều chỉnh số lao động",
    )
    assert (anhoi.status, anhoi.version) == (SubmissionStatus.DRAFT, 2)
    # Until the correction is accepted, the accepted figure stays.
    key = {"indicator__code": "new-jobs", "unit": units["28777-cu"], "period__key": "2021-9M"}
    first = anhoi.entries.get(target__code="23").value
    assert Value.objects.current().get(**key).value == first
    anhoi = submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows=rows_for(
            anhoi, **{"23": {"value": "281", "status": "official", "note": "Số chính thức"}}
        ),
    )
    anhoi = submit(anhoi, reporter)
    anhoi = submission_approve(acting_user=leader, submission=anhoi, revision=anhoi.revision)
    submission_accept(acting_user=office, submission=anhoi, revision=anhoi.revision)
    versions = list(
        Value.objects.filter(**key)
        .order_by("version")
        .values_list("version", "value", "is_current", "status")
    )
    assert versions == [
        (1, first, False, "estimate"),
        (2, Decimal("281"), True, "official"),
    ]


def test_implausible_figures_must_be_explained(users, units):
    reporter = users["baocao.anhoi"]
    rnd = round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=YEAR_2021,
    )
    anhoi = Submission.objects.get(round=rnd, unit=units["28777-cu"])
    history = Value.objects.get(
        indicator__code="new-jobs", unit=units["28777-cu"], period__key="2020"
    ).value
    anhoi = submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows=rows_for(anhoi, **{"23": str(int(history * 10))}),
    )
    entry = anhoi.entries.get(target__code="23")
    assert entry.implausible
    with pytest.raises(SubmissionInvalid) as err:
        submit(anhoi, reporter)
    assert [p.message for p in err.value.problems] == [
        "23. Giải quyết việc làm: số liệu cần kiểm tra (khác xa các kỳ trước: 2.470 nằm ngoài "
        "khoảng hợp lý 123,5 – 370,5 (tính từ 1 kỳ cùng loại gần nhất của đơn vị (247; trung "
        "vị 247): từ số nhỏ nhất đến số lớn nhất, nới thêm một nửa trung vị)); hãy sửa lại "
        "hoặc giải trình trong ghi chú."
    ]
    anhoi = submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows=rows_for(
            anhoi,
            **{"23": {"value": str(int(history * 10)), "note": "Khu công nghiệp mới tuyển dụng"}},
        ),
    )
    assert submit(anhoi, reporter).status == SubmissionStatus.SUBMITTED


def test_rights_follow_role_and_status(anhoi, users):
    rights = submission_rights(user=users["baocao.anhoi"], submission=anhoi)
    assert (rights.edit, rights.submit, rights.approve, rights.accept) == (True, True, False, False)
    assert not submission_rights(user=users["lanhdao.anhoi"], submission=anhoi).approve
    anhoi = submit(fill_all(anhoi, users["baocao.anhoi"]), users["baocao.anhoi"])
    leader = submission_rights(user=users["lanhdao.anhoi"], submission=anhoi)
    assert leader.approve and leader.return_ and not leader.accept
    assert not submission_rights(user=users["baocao.anhoi"], submission=anhoi).edit
    assert not submission_rights(user=users["baocao.phutan"], submission=anhoi).any_action


@pytest.mark.parametrize(
    ("sent", "today", "expected"),
    [
        (dt.datetime(2021, 6, 20, 23, 0), dt.date(2021, 7, 1), "on_time"),
        (dt.datetime(2021, 6, 21, 8, 0), dt.date(2021, 7, 1), "late"),
        (None, dt.date(2021, 6, 21), "missing"),
        (None, dt.date(2021, 6, 20), "not_due"),
    ],
)
def test_timeliness_against_the_deadline(sent, today, expected):
    from django.utils import timezone

    from nghiquyet.reporting.models import ReportingRound

    submission = Submission(
        round=ReportingRound(deadline=dt.date(2021, 6, 20)),
        first_submitted_at=timezone.make_aware(sent) if sent else None,
    )
    assert timeliness(submission, today) == expected


def test_timeliness_takes_the_units_own_extended_deadline():
    """A unit given until 30/06 is on time on 25/06, though the round closed on 20/06 — on
    every page that judges it (the to-do list and the emulation score used the round's)."""
    from django.utils import timezone

    from nghiquyet.reporting.models import ReportingRound

    late_for_the_round = Submission(
        round=ReportingRound(deadline=dt.date(2021, 6, 20)),
        first_submitted_at=timezone.make_aware(dt.datetime(2021, 6, 25, 9, 0)),
    )
    assert timeliness(late_for_the_round, dt.date(2021, 7, 1)) == "late"
    late_for_the_round.deadline = dt.date(2021, 6, 30)
    assert timeliness(late_for_the_round, dt.date(2021, 7, 1)) == "on_time"
    unsent = Submission(
        round=ReportingRound(deadline=dt.date(2021, 6, 20)), deadline=dt.date(2021, 6, 30)
    )
    assert timeliness(unsent, dt.date(2021, 6, 25)) == "not_due"


def test_saving_nothing_new_writes_nothing(anhoi, users):
    reporter = users["baocao.anhoi"]
    anhoi = submission_save(
        acting_user=reporter, submission=anhoi, revision=1, rows=rows_for(anhoi, **{"23": "120"})
    )
    events = SubmissionEvent.objects.filter(submission=anhoi).count()
    audits = AuditEvent.objects.filter(action="submission.save").count()
    same = submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows=rows_for(anhoi, **{"23": "120"}),
    )
    assert same.revision == anhoi.revision == 2
    assert SubmissionEvent.objects.filter(submission=anhoi).count() == events
    assert AuditEvent.objects.filter(action="submission.save").count() == audits
    with pytest.raises(SubmissionConflict):
        submission_save(
            acting_user=reporter,
            submission=anhoi,
            revision=1,
            rows=rows_for(anhoi, **{"23": "120"}),
        )


def test_the_grid_reads_yes_no_and_statuses_through_the_text_layer(land):
    """The grid reads "Không đạt" as "not met", as everywhere (it used to answer 422 here)."""
    submission, reporter = make_report(land)
    entry = submission.entries.get(target__code="2")
    for written, status, expected in [("Không đạt", "ước", 0), ("x", "Sơ bộ", 1), ("", "", None)]:
        submission = submission_save(
            acting_user=reporter,
            submission=submission,
            revision=submission.revision,
            rows={entry.pk: {"value": written, "status": status}},
        )
        entry.refresh_from_db()
        assert entry.value == expected
    assert entry.status == "estimate"
    with pytest.raises(SubmissionInvalid) as err:
        submission_save(
            acting_user=reporter,
            submission=submission,
            revision=submission.revision,
            rows={entry.pk: {"value": "tốt", "status": "xong"}},
        )
    messages = [p.message for p in err.value.problems]
    assert any("“tốt” không phải là đạt/không đạt; ghi Đạt" in m for m in messages)
    assert any("“xong” không phải tình trạng số liệu" in m for m in messages)


def test_a_figure_as_printed_keeps_its_words_up_to_the_accepted_value(land):
    """ "khoảng 22.710" is 22.710 for every sum and rate, and stays written as the unit wrote
    it: in the draft, on the page, and in the accepted figure."""
    from nghiquyet.reporting.workflow import (
        submission_accept,
        submission_approve,
        submission_submit,
    )
    from tests.factories import make_user

    submission, reporter = make_report(land)
    approver = make_user("lanhdao.thu", ("approver", land["T1"]))
    office = make_user("tonghop.thu", ("office", land["T1"]))
    rows = {}
    for e in submission.entries.select_related("target"):
        written = {"1": "khoảng 22.710", "2": "Đạt", "3": "", "4": "61-62"}[e.target.code]
        rows[e.pk] = {"value": written, "note": "Ước thực hiện cả năm"}
        if e.target.code == "3":
            rows[e.pk] = {"numerator": "2", "denominator": "100", "value": "", "note": ""}
    submission = submission_save(
        acting_user=reporter, submission=submission, revision=submission.revision, rows=rows
    )
    got = {
        e.target.code: (e.value, e.value_text) for e in submission.entries.select_related("target")
    }
    assert got["1"] == (Decimal(22710), "khoảng 22.710")
    assert got["4"] == (Decimal(62), "61-62")  # lower is better: the upper bound
    assert got["2"] == (Decimal(1), "")
    submission = submission_submit(
        acting_user=reporter, submission=submission, revision=submission.revision
    )
    submission = submission_approve(
        acting_user=approver, submission=submission, revision=submission.revision
    )
    submission_accept(acting_user=office, submission=submission, revision=submission.revision)
    accepted = Value.objects.current().get(submission=submission, indicator__code="thu-2031-1")
    assert (accepted.value, accepted.value_text) == (Decimal(22710), "khoảng 22.710")
