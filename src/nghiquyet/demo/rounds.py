"""A demo reporting round: the city's first-half 2021 report, halfway through.

Everything goes through the workflow services; only the timestamps are moved
back to June 2021 afterwards, to show on-time and late reports.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import ReportingRound, Submission, SubmissionEvent, Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.workflow import (
    submission_accept,
    submission_approve,
    submission_return,
    submission_save,
    submission_submit,
)

DEADLINE = dt.date(2021, 6, 20)

#: unit code → (what happened, the day it was first sent)
STORY = {
    "28756-cu": ("accepted", dt.date(2021, 6, 16)),  # Phú Khương
    "28757": ("accepted", dt.date(2021, 6, 18)),  # Phú Tân
    "28759": ("accepted", dt.date(2021, 6, 17)),  # Phường 8
    "28789-cu": ("accepted", dt.date(2021, 6, 15)),  # Bình Phú
    "28783-cu": ("accepted", dt.date(2021, 6, 20)),  # Sơn Đông
    "28786": ("approved", dt.date(2021, 6, 19)),  # Phú Hưng
    "28798": ("approved", dt.date(2021, 6, 18)),  # Phú Nhuận
    "28762": ("submitted", dt.date(2021, 6, 23)),  # Phường 6, late
    "28795": ("submitted", dt.date(2021, 6, 24)),  # Nhơn Thạnh, late
    "28780": ("returned", dt.date(2021, 6, 20)),  # Phường 7
    "28777-cu": ("partial", None),  # An Hội: for the newcomer to finish and send
    "829-CA": ("accepted", dt.date(2021, 6, 17)),
    "829-KT": ("accepted", dt.date(2021, 6, 19)),
    "829-BTC": ("accepted", dt.date(2021, 6, 16)),
    "829-TCKH": ("approved", dt.date(2021, 6, 20)),
    "829-LDTBXH": ("submitted", dt.date(2021, 6, 22)),
    "829-TTYT": ("submitted", dt.date(2021, 6, 19)),
}
RETURN_COMMENT = (
    "Đề nghị rà soát lại số hộ nghèo và số lao động được giải quyết việc làm; số liệu chưa "
    "khớp với báo cáo của Phòng Lao động - Thương binh và Xã hội."
)


def _figures(submission: Submission, rng: random.Random, *, only_half: bool = False) -> dict:
    """Plausible first-half figures, close to the unit's 2020 figures."""
    share = Decimal(submission.round.period.spec.months) / 12
    rows = {}
    entries = list(submission.entries.select_related("target__indicator"))
    if only_half:
        entries = entries[: len(entries) // 2]
    for e in entries:
        target = e.target
        last = (
            Value.objects.current()
            .filter(indicator=target.indicator, unit=e.unit, period__kind=PeriodKind.YEAR)
            .order_by("-period__end_date")
            .first()
        )
        base = float(last.value) if last else float(target.target_value or 1)
        if target.direction == "yes_no":
            # not done by mid-year if the year's own figure says it was not done by year end
            # (the city's "4 xã chuyển thành phường" read done in H1 and not done for 2021)
            done = rng.random() < 0.8
            year = Value.objects.current().filter(
                indicator=target.indicator,
                unit=e.unit,
                period__kind=PeriodKind.YEAR,
                period__year=submission.round.period.year,
            )
            if done and year.filter(value=0).exists():
                done = False
            rows[e.pk] = {"value": "1" if done else "0", "status": "estimate"}
        elif target.indicator.aggregation == "ratio":
            den = last.denominator if last and last.denominator else Decimal(1000)
            ratio = min(
                100.0, max(0.0, base + rng.uniform(-2, 2) * (base / 50 if base < 10 else 1))
            )
            rows[e.pk] = {
                "numerator": str(round(float(den) * ratio / 100)),
                "denominator": str(den),
                "value": "",
                "status": "estimate",
            }
        else:
            flow = target.indicator.nature == "flow"
            value = base * (float(share) if flow else 1.0) * rng.uniform(0.85, 1.1)
            if target.indicator.unit_of_measure == "%" and not flow:
                value = min(value, 100.0)  # a share of units or people is at most 100%
            places = target.indicator.decimals
            rows[e.pk] = {
                "value": str(round(value, places) if places else round(value)),
                "status": "estimate",
            }
    return rows


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load_city_first_half_round(rng: random.Random) -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    office = users["vanphong.thanhpho"]
    rnd = round_open(
        acting_user=office,
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=PeriodSpec(PeriodKind.HALF_YEAR, 2021),
        # the period's own deadline, 20/06/2021 (DEADLINE): a round of the past
        note="Đề nghị các đơn vị báo cáo kết quả thực hiện 6 tháng đầu năm 2021 trước ngày "
        "20/06/2021 để chuẩn bị Hội nghị sơ kết.",
    )
    opened = _at(dt.date(2021, 6, 1), 8)
    ReportingRound.objects.filter(pk=rnd.pk).update(opened_at=opened)
    SubmissionEvent.objects.filter(submission__round=rnd).update(at=opened)
    reporters = {"28777-cu": users["baocao.anhoi"], "28757": users["baocao.phutan"]}
    approvers = {"28777-cu": users["lanhdao.anhoi"]}
    for submission in rnd.submissions.select_related("unit"):
        code = submission.unit.code
        story, sent = STORY.get(code, ("missing", None))
        if story == "missing":
            continue
        reporter = reporters.get(code, SYSTEM)
        submission = submission_save(
            acting_user=reporter,
            submission=submission,
            revision=submission.revision,
            rows=_figures(submission, rng, only_half=story == "partial"),
        )
        if story == "partial":
            continue
        submission.entries.filter(implausible=True, note="").update(
            note="Số liệu ước tính, sẽ cập nhật số chính thức."
        )
        submission = submission_submit(
            acting_user=reporter, submission=submission, revision=submission.revision
        )
        if story == "submitted":
            _backdate(submission, sent)
            continue
        submission = submission_approve(
            acting_user=approvers.get(code, SYSTEM),
            submission=submission,
            revision=submission.revision,
        )
        if story == "returned":
            submission = submission_return(
                acting_user=office,
                submission=submission,
                revision=submission.revision,
                comment=RETURN_COMMENT,
            )
        elif story == "accepted":
            submission = submission_accept(
                acting_user=office, submission=submission, revision=submission.revision
            )
            Value.objects.filter(submission=submission).update(
                recorded_at=_at(sent + dt.timedelta(days=3), 10)
            )
        _backdate(submission, sent)


def _backdate(submission: Submission, sent: dt.date) -> None:
    """Move the story's timestamps to June 2021 (the services stamped them now)."""
    Submission.objects.filter(pk=submission.pk).update(
        first_submitted_at=_at(sent, 16), submitted_at=_at(sent, 16)
    )
    hours = {
        "create": (dt.date(2021, 6, 1), 8),
        "save": (sent, 15),
        "submit": (sent, 16),
        "approve": (sent + dt.timedelta(days=1), 9),
        "return": (sent + dt.timedelta(days=2), 14),
        "accept": (sent + dt.timedelta(days=3), 10),
    }
    for event in SubmissionEvent.objects.filter(submission=submission):
        day, hour = hours[event.action]
        SubmissionEvent.objects.filter(pk=event.pk).update(at=_at(day, hour))
