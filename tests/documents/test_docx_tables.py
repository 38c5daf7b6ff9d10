"""The Word tables written in one pass (docx_tables) give the very document the
cell-by-cell construction gave: word/document.xml compared byte for byte on demo
reviews — a yearly review with its appendix, a mid-term review with its outlook table, a
half-year review with an appendix per ward — and on rows with awkward text."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest

from nghiquyet.documents import render_docx
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

from . import docx_reference

pytestmark = pytest.mark.django_db


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def both_ways(review, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    new = document_xml(render_docx.render_docx(review))
    with monkeypatch.context() as patch:
        patch.setattr(render_docx, "_target_table", docx_reference.target_table)
        patch.setattr(render_docx, "_outlook_table", docx_reference.outlook_table)
        old = document_xml(render_docx.render_docx(review))
    return new, old


@pytest.mark.parametrize(
    ("plan", "period"),
    [("tinh-2022", "2022"), ("tinh-2020-2025", "2023"), ("thanhpho-2021", "2021-H1")],
)
def test_one_pass_tables_give_the_same_document(plan, period, monkeypatch) -> None:
    review = build_review(
        user=SYSTEM, plan=Plan.objects.get(code=plan), period=Period.objects.get(key=period)
    )
    new, old = both_ways(review, monkeypatch)
    assert b"<w:tbl>" in new  # the tables are there (and not some empty document)
    assert new == old


def test_awkward_text_is_written_as_python_docx_writes_it(monkeypatch) -> None:
    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="tinh-2020-2025"),
        period=Period.objects.get(key="2023"),
    )
    assert review.outlook and review.outlook.rows, "the mid-term review has an outlook table"
    rows = review.groups[0].rows  # review.all_rows is computed from the groups
    rows[0] = dataclasses.replace(
        rows[0],
        name=" Tỷ lệ <hộ> nghèo & cận nghèo\tđa chiều\r\ntheo chuẩn mới ",
        plan="",
        rate="\t",
        class_key="no-such-class",
        part=True,
    )
    review.outlook.rows[0] = dataclasses.replace(review.outlook.rows[0], name='"Số" \n')
    new, old = both_ways(review, monkeypatch)
    assert new == old
    assert "&lt;hộ&gt; nghèo &amp; cận nghèo</w:t><w:tab/>".encode() in new


def test_no_row_of_a_review_table_splits_across_pages() -> None:
    """The PDF never breaks a row (tr { page-break-inside: avoid }); Word must not either, or
    a forecast's last line lands on the next page, away from its target (seen in the
    mid-term review's outlook table)."""
    from docx import Document
    from docx.oxml.ns import qn

    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="tinh-2020-2025"),
        period=Period.objects.get(key="2023"),
    )
    doc = Document(io.BytesIO(render_docx.render_docx(review)))
    data_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(data_tables) >= 2  # the targets and the outlook
    for table in data_tables:
        header, *body = table.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert body and all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in body)
