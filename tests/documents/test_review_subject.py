"""The abstract (trích yếu) of a review as offices write it. A people's committee's annual
report: "Kết quả thực hiện Kế hoạch số 120/KH-UBND … về nhiệm vụ phát triển kinh tế - xã hội
năm 2022" — "thực hiện" once, though the plan is titled "về thực hiện nhiệm vụ …"."""

from __future__ import annotations

import io

import pytest
from docx import Document

from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.reporting.models import Period

from .reviews import demo_review, people_committee_plan

pytestmark = pytest.mark.django_db

ABSTRACT = (
    "Kết quả thực hiện Kế hoạch số 120/KH-UBND ngày 10/01/2022 của Ủy ban nhân dân tỉnh "
    "Bến Tre về nhiệm vụ phát triển kinh tế - xã hội năm 2022"
)


def test_a_people_committees_annual_report_says_thuc_hien_once(units):
    plan = people_committee_plan(units)
    review = build_review(user=SYSTEM, plan=plan, period=Period.objects.get(key="2022"))
    assert review.title == ABSTRACT
    assert review.title.count("thực hiện") == 1
    doc = Document(io.BytesIO(render_docx(review)))
    paragraphs = [" ".join(p.text.split()) for p in doc.paragraphs]
    assert ABSTRACT in paragraphs  # under "BÁO CÁO"
    assert doc.core_properties.title == ABSTRACT


def test_a_party_committees_review_keeps_its_words():
    review = demo_review("tinh-2022", "2022")
    assert review.title.startswith("Tổng kết thực hiện Nghị quyết số 04-NQ/TU ngày 10/12/2021")
