"""Data-quality rules as data (issue 12, item 2): the same check in the grid, the Excel
template and the API; a flagged figure is corrected or explained before sending, and the
approver reads why."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import Plan, QualityRule
from nghiquyet.plans.services import quality_rule_create
from nghiquyet.reporting.choices import PeriodKind, SubmissionStatus
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.workflow import SubmissionInvalid, submission_save, submission_submit
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def anhoi(users, units):
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


def entry_of(sub, **lookup):
    return sub.entries.select_related("target__indicator").filter(**lookup).first()


def save(sub, user, entry, row):
    return submission_save(
        acting_user=user, submission=sub, revision=sub.revision, rows={entry.pk: row}
    )


def test_a_coverage_rate_above_the_whole_is_flagged_and_must_be_explained(users, anhoi):
    # Issue 12: 13.500 insured of 13.000 people (103,8 %) went through, approved and counted.
    reporter = users["baocao.anhoi"]
    rate = entry_of(anhoi, target__indicator__aggregation="ratio")
    assert rate.target.indicator.ratio_factor == 100
    sub = save(anhoi, reporter, rate, {"numerator": "13.500", "denominator": "13.000"})
    rate.refresh_from_db()
    assert rate.implausible
    assert "tử số (13.500) lớn hơn mẫu số (13.000)" in rate.quality
    with pytest.raises(SubmissionInvalid) as err:
        submission_submit(acting_user=reporter, submission=sub, revision=sub.revision)
    assert any("lớn hơn mẫu số" in p.message for p in err.value.problems)
    sub = save(
        sub,
        reporter,
        rate,
        {"numerator": "13.500", "denominator": "13.000", "note": "Tính cả người ngoài tỉnh"},
    )
    sub = submission_submit(acting_user=reporter, submission=sub, revision=sub.revision)
    assert sub.status == SubmissionStatus.SUBMITTED

    # The leader reads which figure was explained, and why.
    c = Client()
    c.force_login(users["lanhdao.anhoi"])
    html = c.get(reverse("reporting:submission-detail", args=[sub.pk])).content.decode()
    assert 'data-testid="flagged"' in html
    assert "lớn hơn mẫu số" in html and "Tính cả người ngoài tỉnh" in html


def test_a_count_is_a_whole_number(users, anhoi):
    jobs = entry_of(anhoi, target__code="23")
    assert jobs.target.indicator.unit_of_measure == "lao động"
    save(anhoi, users["baocao.anhoi"], jobs, {"value": "1.234,5"})
    jobs.refresh_from_db()
    assert "1.234,5 lao động không phải là số nguyên" in jobs.quality


def test_the_history_band_is_shown_with_its_reference_and_how_it_was_computed(users, anhoi):
    jobs = entry_of(anhoi, target__code="23")
    sub = save(anhoi, users["baocao.anhoi"], jobs, {"value": "99999"})
    jobs.refresh_from_db()
    assert "khác xa các kỳ trước: 99.999 nằm ngoài khoảng hợp lý 0 – " in jobs.quality
    assert "tính từ số cả năm của đơn vị" in jobs.quality
    save(sub, users["baocao.anhoi"], jobs, {"value": "200"})
    jobs.refresh_from_db()
    assert not jobs.implausible and jobs.quality == ""


def test_an_offices_range_rule_applies_to_its_wards_only(users, units, anhoi):
    jobs = entry_of(anhoi, target__code="23")
    office = users["vanphong.thanhpho"]
    rule = quality_rule_create(
        acting_user=office,
        indicator=jobs.target.indicator,
        unit=units[anhoi.round.plan.unit.code],
        kind="range",
        low=Decimal(50),
        high=Decimal(150),
        note="Theo kế hoạch lao động của thành phố.",
    )
    assert AuditEvent.objects.filter(action="quality_rule.create", object_id=str(rule.pk))
    save(anhoi, users["baocao.anhoi"], jobs, {"value": "40"})
    jobs.refresh_from_db()
    assert "40 nằm ngoài khoảng 50 – 150 (quy tắc của" in jobs.quality
    # A ward's reporter cannot set rules; nothing is written.
    with pytest.raises(PermissionDenied):
        quality_rule_create(
            acting_user=users["baocao.anhoi"],
            indicator=jobs.target.indicator,
            unit=units["28777-cu"],
            kind="whole",
        )
    assert QualityRule.objects.count() == 1


def test_a_range_needs_a_bound_and_a_share_group_a_name(users, units, anhoi):
    jobs = entry_of(anhoi, target__code="23")
    for kind, field in (("range", "low"), ("share_sum", "group")):
        with pytest.raises(ValidationError) as err:
            quality_rule_create(
                acting_user=users["vanphong.thanhpho"],
                indicator=jobs.target.indicator,
                unit=units[anhoi.round.plan.unit.code],
                kind=kind,
            )
        assert field in err.value.message_dict
    assert not QualityRule.objects.exists()


def test_the_office_adds_a_rule_in_the_web(users, anhoi):
    jobs = entry_of(anhoi, target__code="23")
    c = Client()
    c.force_login(users["vanphong.thanhpho"])
    page = reverse("reporting:target-detail", args=["thanhpho-2021", "23"])
    assert 'data-testid="quality-rule-form"' in c.get(page).content.decode()
    response = c.post(
        reverse("reporting:quality-rule-add", args=["thanhpho-2021", "23"]),
        {"kind": "range", "low": "", "high": "1.000", "note": ""},
    )
    assert response.status_code == 302
    assert QualityRule.objects.get().high == Decimal(1000)
    # A ward's reporter sees the page but not the form, and cannot post one.
    ward = Client()
    ward.force_login(users["baocao.anhoi"])
    refused = ward.post(
        reverse("reporting:quality-rule-add", args=["thanhpho-2021", "23"]),
        {"kind": "whole"},
    )
    assert refused.status_code in (403, 404) and QualityRule.objects.count() == 1

    save(anhoi, users["baocao.anhoi"], jobs, {"value": "1.500"})
    jobs.refresh_from_db()
    assert jobs.implausible and "cao hơn 1.000" in jobs.quality
