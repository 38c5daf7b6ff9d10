"""Chapter I of a review says what the tasks produced — each completed task with its named
result (product, owner, date), by task group — and the overdue ones with their owners; a
task completed after the period is still open in that period's review."""

import datetime as dt

import pytest

from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create

pytestmark = pytest.mark.django_db


def test_tasks_with_named_results_and_overdue_ones_with_owners(land):
    from tests.factories import make_plan

    plan = make_plan(land["T1"], "nv-2024", year=2024)
    group = plan_services.group_create(
        acting_user=SYSTEM, plan=plan, kind="tasks", name="I. Chuyển đổi số", order=1
    )

    def task(title, owner, product, deadline, completed_on=None, group=group):
        return plan_services.task_create(
            acting_user=SYSTEM,
            plan=plan,
            group=group,
            title=title,
            owner_unit=land[owner],
            product=product,
            deadline=deadline,
            progress=100 if completed_on else 40,
            completed_on=completed_on,
        )

    task(
        "Xây dựng Đề án chuyển đổi số",
        "D1",
        "Đề án số 12-ĐA/TU",
        dt.date(2024, 6, 30),
        dt.date(2024, 6, 15),
    )
    # done, but after the period: still open, and overdue, in the 2024 review
    task(
        "Số hóa hồ sơ hành chính",
        "D2",
        "Kho dữ liệu số",
        dt.date(2024, 9, 30),
        dt.date(2025, 2, 10),
    )
    task(
        "Sơ kết mô hình dân vận khéo",
        "D2",
        "Báo cáo sơ kết",
        dt.date(2024, 3, 31),
        dt.date(2024, 4, 20),
        group=None,
    )
    period = period_get_or_create(spec=PeriodSpec("year", 2024))
    review = build_review(user=SYSTEM, plan=plan, period=period)

    assert review.tasks[0].startswith(
        # as of the period's cut-off (Nghị định 09/2019: 14/12)
        f"Trong 3 nhiệm vụ, giải pháp được giao (tình hình đến {period.end_date:%d/%m/%Y})"
    )
    assert review.tasks[1] == (
        "I. Chuyển đổi số: đã hoàn thành 1/2 nhiệm vụ: xây dựng Đề án chuyển đổi số (sản phẩm: "
        "Đề án số 12-ĐA/TU; Huyện D1, hoàn thành 15/06/2024)."
    )
    assert review.tasks[2] == (
        "Đã hoàn thành 1/1 nhiệm vụ: sơ kết mô hình dân vận khéo (sản phẩm: Báo cáo sơ kết; "
        "Huyện D2, hoàn thành 20/04/2024, quá hạn)."
    )
    assert review.tasks[3] == (
        "Các nhiệm vụ chưa hoàn thành quá hạn: số hóa hồ sơ hành chính (Huyện D2, hạn "
        "30/09/2024, hoàn thành 10/02/2025)."
    )
    # chapter II names the owners of the overdue tasks
    assert any(
        p.startswith(
            "1 nhiệm vụ, giải pháp chưa hoàn thành và đã quá hạn, thuộc trách nhiệm của: Huyện D2"
        )
        for p in review.limitations
    )
