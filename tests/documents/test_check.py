"""Checking a draft review's figures against the data (nghiquyet.documents.check, the
``check-report`` command): a draft with three wrong figures planted comes back with exactly
those three marked wrong and the right figures beside them."""

import io
import json

import pytest
from docx import Document

from nghiquyet.cli import main
from nghiquyet.documents.check import RIGHT, UNMATCHED, WRONG, annotate_docx, check_report
from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

pytestmark = pytest.mark.django_db

PLANTED = {
    # (what the review says, what the clerk mistyped): two in the text…
    "tốc độ tăng trưởng GRDP đạt 7,35%": "tốc độ tăng trưởng GRDP đạt 7,53%",
    "thu ngân sách nhà nước đạt 6.388,3 tỷ đồng": "thu ngân sách nhà nước đạt 6.838,3 tỷ đồng",
}
#: … and one in the appendix's table: the "Thực hiện" cell of a target's row
PLANTED_CELL = ("Xã đạt chuẩn nông thôn mới", "103", "130")


def _plant_in_appendix(doc) -> str:
    """Mistype the actual of PLANTED_CELL's row in the appendix (after "PHỤ LỤC"); the
    cell's place ("t<table>.<row>.<cell>")."""
    name, right, wrong = PLANTED_CELL
    body = doc.element.body
    heading = next(p for p in doc.paragraphs if p.text.strip() == "PHỤ LỤC")
    appendix_at = list(body).index(heading._p)
    for ti, table in enumerate(doc.tables):
        if list(body).index(table._tbl) < appendix_at:
            continue
        for ri, row in enumerate(table.rows):
            cells = row.cells
            if cells[1].text == name:
                assert cells[4].text == right
                cells[4].paragraphs[0].runs[0].text = wrong
                return f"t{ti}.{ri}.4"
    raise AssertionError("the appendix has no row for " + name)


#: The columns of a review's target tables whose cells are claims.
FIGURE_COLUMNS = {"Kế hoạch", "Thực hiện", "% kế hoạch", "So với cùng kỳ", "Đánh giá"}


def _filled_figure_cells(data: bytes) -> int:
    """How many cells of the document's target tables hold a figure or a rating."""
    filled = 0
    for table in Document(io.BytesIO(data)).tables:
        heads = [c.text for c in table.rows[0].cells]
        if heads[:1] != ["STT"]:
            continue
        for row in table.rows[1:]:
            filled += sum(
                1
                for h, c in zip(heads, row.cells, strict=True)
                if h in FIGURE_COLUMNS and c.text.strip()
            )
    return filled


@pytest.fixture
def draft(tmp_path):
    review = build_review(
        user=SYSTEM, plan=Plan.objects.get(code="tinh-2022"), period=Period.objects.get(key="2022")
    )
    doc = Document(io.BytesIO(render_docx(review)))
    planted = 0
    for p in doc.paragraphs:
        for right, wrong in PLANTED.items():
            if right in p.text:
                text = p.text.replace(right, wrong)
                for run in p.runs[1:]:
                    run.text = ""
                p.runs[0].text = text
                planted += 1
    assert planted == 2
    cell = _plant_in_appendix(doc)
    out = io.BytesIO()
    doc.save(out)
    path = tmp_path / "du-thao.docx"
    path.write_bytes(out.getvalue())
    return review.evaluation, out.getvalue(), path, cell


def test_three_planted_figures_come_back_wrong_with_the_right_figures(draft):
    """The issue's done-when: the generated 2022 review with three figures mistyped — two in
    the text, one in the appendix's table — comes back with exactly those three wrong."""
    ev, data, _path, cell = draft
    result = check_report(data, ev)
    wrong = [c for c in result.claims if c.verdict == WRONG]
    assert sorted((c.target, c.claimed, c.actual) for c in wrong) == [
        ("1. Tốc độ tăng trưởng GRDP", "7,53%", "7,35%"),
        ("10. Xã đạt chuẩn nông thôn mới", "130", "103"),
        ("4. Thu ngân sách nhà nước", "6.838,3", "6.388,3"),
    ]
    assert next(c.where for c in wrong if c.claimed == "130") == cell
    counts = result.counts
    # Everything else the review says is right: the headline, the groups' counts, every
    # target's figure and % of plan in the text, and every filled cell of Bảng 1 and the
    # appendix (actual, plan, %, change against last year — none for a growth rate — and
    # rating: each one claim).
    assert counts[WRONG] == 3
    tables = [c for c in result.claims if c.where.startswith("t")]
    assert len(tables) == _filled_figure_cells(data) > 200
    assert all(c.verdict == RIGHT for c in tables if c.where != cell)
    headline = next(c for c in result.claims if c.claimed == "15/25")
    assert headline.verdict == RIGHT and headline.target == "xếp loại: đạt và vượt"
    assert all(c.verdict != WRONG for c in result.claims if "bằng" in c.text and "%" in c.claimed)
    # "Còn 4/25 chỉ tiêu chưa đạt" (the limitations chapter) is a count the data confirms.
    assert (
        next(c for c in result.claims if c.claimed == "4/25" and c.target == "chưa đạt").verdict
        == RIGHT
    )
    assert counts[UNMATCHED] == 0


def test_the_document_comes_back_with_comments_and_a_summary(draft):
    ev, data, _path, cell = draft
    doc = Document(io.BytesIO(annotate_docx(data, ev)))
    comments = [c.text for c in doc.comments]
    assert "Sai: 7,53% — số liệu là 7,35% (1. Tốc độ tăng trưởng GRDP)" in comments
    assert "Sai: 130 — số liệu là 103 (10. Xã đạt chuẩn nông thôn mới)" in comments
    assert sum(c.startswith("Sai:") for c in comments) == 3
    # The table's comment is anchored on the cell's run.
    ti, ri, ci = (int(x) for x in cell[1:].split("."))
    xml = doc.tables[ti].rows[ri].cells[ci]._tc.xml
    assert "commentRangeStart" in xml and "commentReference" in xml
    assert any(c.startswith("Đúng: 15/25") for c in comments)
    texts = [p.text for p in doc.paragraphs]
    assert "KẾT QUẢ KIỂM TRA SỐ LIỆU" in texts
    summary = doc.tables[-1]
    assert [c.text for c in summary.rows[1].cells][3] == "Sai"


def test_a_figure_typed_by_hand_is_read_as_offices_write_it():
    review = build_review(
        user=SYSTEM, plan=Plan.objects.get(code="tinh-2022"), period=Period.objects.get(key="2022")
    )
    doc = Document()
    doc.add_paragraph(
        "Năm 2022, có 15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt. Tổng mức bán lẻ "
        "hàng hóa và doanh thu dịch vụ tăng 8,5%; tỷ lệ hộ nghèo giảm còn 2,1%; kim ngạch "
        "xuất khẩu đạt 1.612,3 triệu USD, bằng 104,02% kế hoạch; giá trị sản xuất nông "
        "nghiệp giảm 1,9%."
    )
    out = io.BytesIO()
    doc.save(out)
    result = check_report(out.getvalue(), review.evaluation)
    verdicts = {(c.target, c.claimed): c.verdict for c in result.claims}
    assert verdicts[("xếp loại: xấp xỉ đạt", "6/25")] == RIGHT
    assert verdicts[("12. Tỷ lệ hộ nghèo", "2,1%")] == RIGHT
    assert verdicts[("3. Kim ngạch xuất khẩu", "104,02%")] == RIGHT
    # "giảm 1,9%" of a growth rate is -1,9: the data says +1,9.
    assert verdicts[("6. Giá trị sản xuất nông nghiệp", "-1,9%")] == WRONG


def test_the_command_prints_the_claims_as_json(draft, capsys):
    _ev, _data, path, _cell = draft
    code = main(["check-report", str(path), "--plan", "tinh-2022", "--period", "2022", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["wrong"] == 3
    first = out["claims"][0]
    assert set(first) == {"text", "target", "claimed", "actual", "verdict"}
    assert {c["verdict"] for c in out["claims"]} <= {"right", "wrong", "unmatched"}


def test_the_office_uploads_a_draft_and_gets_it_back_marked(draft, users):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    _ev, data, _path, _cell = draft
    c = Client()
    c.force_login(users["lanhdao.tinh"])
    response = c.post(
        reverse("documents:review-check", args=["tinh-2022", "2022"]),
        {"tep": SimpleUploadedFile("du-thao.docx", data)},
    )
    assert response.status_code == 200
    assert "du-thao-da-kiem-tra.docx" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert sum(c.text.startswith("Sai:") for c in doc.comments) == 3
    # Not a Word file: a message, no document.
    response = c.post(
        reverse("documents:review-check", args=["tinh-2022", "2022"]),
        {"tep": SimpleUploadedFile("du-thao.docx", b"not a zip")},
    )
    assert response.status_code == 302


def test_the_appendix_per_unit_is_checked_against_each_units_own_plan():
    """The city's 6-month review: its appendix has a table per ward, with the ward's own
    plan and figures ("Phụ lục 2. Phường 6 (Nghị quyết số 01-NQ/ĐU)"). Each is checked
    against that ward's evaluation; against the city's, its figures would all be wrong."""
    from nghiquyet.documents.check import unit_evaluations

    plan = Plan.objects.get(code="thanhpho-2021")
    period = Period.objects.get(key="2021-H1")
    review = build_review(user=SYSTEM, plan=plan, period=period)
    data = render_docx(review)
    units = unit_evaluations(user=SYSTEM, plan=plan, period=period)
    assert units
    result = check_report(data, review.evaluation, units)
    appendix = [c for c in result.claims if c.where.startswith("t") and c.verdict == RIGHT]
    assert result.counts[WRONG] == 0
    assert len(appendix) > 300
    # Without the wards' evaluations, the same tables are read against the city's figures.
    assert check_report(data, review.evaluation).counts[WRONG] > 0


def test_a_mid_term_review_with_two_figures_planted():
    """The 2020–2025 term resolution's review after 2023: the totals of the years so far
    ("bằng 59,23% chỉ tiêu cả nhiệm kỳ") and the forecast's counts ("3/9 chỉ tiêu khó đạt")
    are read; one of each mistyped comes back wrong, nothing else."""
    import re

    from nghiquyet.documents.check import outlook_counts

    plan = Plan.objects.get(code="tinh-2020-2025")
    period = Period.objects.get(key="2023")
    review = build_review(user=SYSTEM, plan=plan, period=period)
    outlook = outlook_counts(user=SYSTEM, plan=plan, period=period)
    data = render_docx(review)
    result = check_report(data, review.evaluation, outlook=outlook)
    assert result.counts[WRONG] == result.counts[UNMATCHED] == 0
    share = next(c for c in result.claims if "chỉ tiêu cả nhiệm kỳ" in c.text and "%" in c.claimed)
    hard = next(c for c in result.claims if c.target == "dự báo: khó đạt")
    assert share.verdict == hard.verdict == RIGHT
    doc = Document(io.BytesIO(data))
    planted = {}
    for p in doc.paragraphs:
        text = p.text
        if share.claimed in text and "chỉ tiêu cả nhiệm kỳ" in text:
            wrong = share.claimed.replace(",", ",9", 1)  # "59,23%" → "59,923%"
            text = text.replace(f"bằng {share.claimed}", f"bằng {wrong}")
            planted[share.target] = wrong
        m = re.search(r"(\d+)/(\d+) chỉ tiêu khó đạt", text)
        if m:
            wrong = f"{int(m.group(1)) + 1}/{m.group(2)}"
            text = text.replace(m.group(0), f"{wrong} chỉ tiêu khó đạt")
            planted[hard.target] = wrong
        if text != p.text:
            for run in p.runs[1:]:
                run.text = ""
            p.runs[0].text = text
    out = io.BytesIO()
    doc.save(out)
    result = check_report(out.getvalue(), review.evaluation, outlook=outlook)
    wrong = {(c.target, c.claimed, c.actual) for c in result.claims if c.verdict == WRONG}
    assert wrong == {
        (share.target, planted[share.target], share.actual),
        (hard.target, planted[hard.target], hard.actual),
    }
