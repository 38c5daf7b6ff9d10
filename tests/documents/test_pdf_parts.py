"""A review set in parts (pdf_parts): the body and groups of the appendix's units set as
separate WeasyPrint documents in worker processes, joined and numbered — opened back with
pypdf and compared with the same review set as one document in one process."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from nghiquyet.documents import pdf_parts
from nghiquyet.documents.pdf_parts import join_numbered, set_parts
from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import render_pdf_weasyprint, review_html_parts
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def review(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="tinh-2022"),
            period=Period.objects.get(key="2022"),
        )


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_parts_set_in_two_processes_give_the_pages_of_one_document(review):
    assert len(review.appendix) >= 3
    parts = review_html_parts(review, rows_per_part=1)  # the body, then a unit per part
    assert len(parts) == 1 + len(review.appendix)
    in_parts = page_texts(join_numbered(set_parts(parts, processes=2)))
    whole = page_texts(render_pdf_weasyprint(review, processes=1))

    # the same pages, page for page: no part changes where a page breaks
    assert in_parts == whole
    # page 1 unnumbered (the letterhead's page), then 2, 3, … across the parts' joins
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in in_parts[0]
    assert not re.match(r"\s*1\s", in_parts[0])
    assert [t.split()[0] for t in in_parts[1:]] == [str(n) for n in range(2, len(in_parts) + 1)]
    # the appendix's units numbered on across the parts, each on its own page
    headings = [re.findall(r"Phụ lục (\d+)\.", t) for t in in_parts]
    assert [int(n) for found in headings for n in found] == list(range(1, len(review.appendix) + 1))
    assert all(len(found) <= 1 for found in headings)
    # every page of the appendix carries the table's header row (repeated when a table
    # runs onto the next page)
    first_appendix = next(i for i, found in enumerate(headings) if found)
    for text in in_parts[first_appendix:]:
        assert "STT" in text and "ĐVT" in text
    # the last page still has the last unit's rows, nothing was dropped at a join
    last = review.appendix[-1].rows[-1]
    assert " ".join(last.name.split()[:2]) in " ".join(in_parts[-1].split())


def test_the_word_file_starts_each_units_appendix_on_a_new_page(review):
    doc = Document(io.BytesIO(render_docx(review)))
    headings = [p for p in doc.paragraphs if re.match(r"Phụ lục \d+\.", p.text)]
    assert len(headings) == len(review.appendix)
    assert [bool(p.paragraph_format.page_break_before) for p in headings] == [False] + [True] * (
        len(headings) - 1
    )


def test_a_short_appendix_is_set_with_the_body(review):
    assert len(review_html_parts(review, rows_per_part=10**6)) == 1


SET_PDF = pdf_parts.set_pdf


def _fails_on_the_second(html: str) -> bytes:
    if "second" in html:
        raise ValueError("a part that cannot be set")
    return SET_PDF(html)


def test_a_part_that_fails_fails_the_whole_pdf_in_the_workers(monkeypatch):
    # The workers are forked after the patch: they set parts with the failing function.
    monkeypatch.setattr(pdf_parts, "set_pdf", _fails_on_the_second)
    parts = (f"<p>{name}</p>" for name in ("first", "second", "third", "fourth"))
    with pytest.raises(ValueError, match="cannot be set"):
        join_numbered(pdf_parts.iter_set_parts(parts, processes=2))


def test_parts_from_a_generator_come_back_in_order():
    parts = (f"<p>Phần {n}</p>" for n in range(1, 6))
    texts = page_texts(join_numbered(pdf_parts.iter_set_parts(parts, processes=2)))
    assert [t.split()[-1] for t in texts] == ["1", "2", "3", "4", "5"]
