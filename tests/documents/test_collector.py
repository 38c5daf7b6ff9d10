"""The garbage collector is paused while a review is built and written, and only then."""

import gc
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from nghiquyet.documents import render_docx as render_docx_module
from nghiquyet.documents import render_pdf as render_pdf_module
from nghiquyet.documents import report as report_module
from nghiquyet.documents.collector import collector_paused
from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.render_xlsx import render_xlsx
from nghiquyet.documents.report import build_review
from nghiquyet.reporting.models import Period

from .reviews import people_committee_plan


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_pause_restores_the_collector_as_it_was(collector_on):
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still off after the inner block
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="a failed document"), collector_paused():
        raise ValueError("a failed document")
    assert gc.isenabled()
    gc.disable()  # a caller that had turned it off keeps it off
    with collector_paused():
        pass
    assert not gc.isenabled()


@pytest.mark.django_db
def test_a_review_is_built_and_written_with_the_collector_paused(
    users, units, monkeypatch, collector_on
):
    office = users["vanphong.tinh"]
    plan = people_committee_plan(units, code="gc-2022", number="126/KH-UBND", user=office)
    seen = []

    def spy(real):
        def inner(*args, **kwargs):
            seen.append((real.__name__, gc.isenabled()))
            return real(*args, **kwargs)

        return inner

    monkeypatch.setattr(report_module, "plan_evaluation", spy(report_module.plan_evaluation))
    monkeypatch.setattr(render_docx_module, "_heading", spy(render_docx_module._heading))
    monkeypatch.setattr(
        render_pdf_module, "_body_and_appendix", spy(render_pdf_module._body_and_appendix)
    )
    review = build_review(user=office, plan=plan, period=Period.objects.get(key="2022"))
    docx = render_docx(review)
    xlsx = render_xlsx(review)
    pdf = render_pdf(review)
    assert {("plan_evaluation", False), ("_heading", False), ("_body_and_appendix", False)} <= set(
        seen
    )
    assert all(not on for _name, on in seen)
    assert gc.isenabled()  # and on again afterwards
    # the documents are whole
    assert "Kim ngạch xuất khẩu" in "\n".join(
        c.text for t in Document(io.BytesIO(docx)).tables for r in t.rows for c in r.cells
    )
    assert load_workbook(io.BytesIO(xlsx)).sheetnames
    assert pdf.startswith(b"%PDF")
