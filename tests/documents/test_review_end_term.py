"""The end-of-term review (tổng kết nhiệm kỳ) of a term resolution: its own kind and title,
a chapter of lessons, and the direction for the next term with the next term resolution's
targets when it exists; no forecast "to the end of the term" once the term is over."""

import io

import pytest
from docx import Document

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.report import END_TERM, MID_TERM, build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create

pytestmark = pytest.mark.django_db


def _term_plan(land, code, start, end, statement):
    plan = plan_services.plan_create(
        acting_user=SYSTEM,
        code=code,
        kind="term_resolution",
        number=f"0{start % 10}-NQ/ĐH",
        title=f"Đại hội đại biểu Đảng bộ Tỉnh Thử, nhiệm kỳ {start}–{end}",
        unit=land["T1"],
        issuing_body="Đại hội đại biểu Đảng bộ Tỉnh Thử",
        superior_body="Đảng bộ tỉnh Thử",
        term_start=start,
        term_end=end,
    )
    indicator = plan_services.indicator_get_or_create(
        acting_user=SYSTEM, code=f"{code}-1", name="Tỷ lệ đô thị hóa", unit_of_measure="%"
    )
    plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="1",
        name="Tỷ lệ đô thị hóa",
        statement=statement,
        indicator=indicator,
        target_value=30 if start == 2020 else 40,
        temporal="level",
    )
    return plan


def test_the_term_is_closed_by_an_end_of_term_review(land):
    plan = _term_plan(land, "dh-2020", 2020, 2025, "Tỷ lệ đô thị hóa năm 2025 đạt 30%")
    mid = build_review(
        user=SYSTEM, plan=plan, period=period_get_or_create(spec=PeriodSpec("year", 2023))
    )
    assert mid.kind == MID_TERM and mid.next_targets == []

    end = build_review(
        user=SYSTEM, plan=plan, period=period_get_or_create(spec=PeriodSpec("year", 2025))
    )
    assert end.kind == END_TERM
    assert end.title.startswith("Tổng kết việc thực hiện Nghị quyết số 00-NQ/ĐH")
    assert end.chapters == {
        "results": "I. KẾT QUẢ THỰC HIỆN",
        "limitations": "II. HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN",
        "lessons": "III. BÀI HỌC KINH NGHIỆM",
        "directions": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2025 - 2030",
    }
    assert end.outlook is None  # nothing left to forecast
    assert end.next_targets == []  # no next term resolution yet

    _term_plan(land, "dh-2025", 2025, 2030, "Tỷ lệ đô thị hóa năm 2030 đạt 40%")
    end = build_review(
        user=SYSTEM, plan=plan, period=period_get_or_create(spec=PeriodSpec("year", 2025))
    )
    assert end.next_targets == [
        "Các chỉ tiêu chủ yếu nhiệm kỳ 2025 - 2030 (Nghị quyết số 05-NQ/ĐH):",
        "- Tỷ lệ đô thị hóa năm 2030 đạt 40%",
    ]
    text = [p.text for p in Document(io.BytesIO(render_docx(end))).paragraphs]
    assert "III. BÀI HỌC KINH NGHIỆM" in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2025 - 2030" in text
    assert "- Tỷ lệ đô thị hóa năm 2030 đạt 40%" in text
