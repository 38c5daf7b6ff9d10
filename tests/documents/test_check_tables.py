"""Checking a draft's tables and telling claims from task titles (nghiquyet.documents.check):
a table typed by hand, as offices do, and the demo plan's own task titles, which name
targets without stating their results."""

import io

import pytest
from docx import Document

from nghiquyet.documents.check import (
    RIGHT,
    UNMATCHED,
    WRONG,
    check_report,
    column_role,
    find_claims,
)
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.evaluation import plan_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev():
    return plan_evaluation(
        user=SYSTEM, plan=Plan.objects.get(code="tinh-2022"), period=Period.objects.get(key="2022")
    )


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Thực hiện năm 2022", "actual"),
        ("Ước thực hiện", "actual"),
        ("Kết quả", "actual"),
        ("Kế hoạch năm 2022", "plan"),
        ("Chỉ tiêu Nghị quyết", "plan"),
        ("% kế hoạch", "rate"),
        ("So với KH (%)", "rate"),
        ("Tỷ lệ đạt (%)", "rate"),
        ("So với cùng kỳ", "yoy"),
        ("Đánh giá", "rating"),
        ("Kết quả đánh giá", "rating"),
        ("Đơn vị tính", "unit"),
        ("ĐVT", "unit"),
        ("Chỉ tiêu", "name"),
        ("Tên chỉ tiêu", "name"),
        ("STT", "code"),
        ("Đơn vị thực hiện", None),
        ("Thời gian thực hiện", None),
    ],
)
def test_columns_are_known_by_their_headings(heading, role):
    assert column_role(heading) == role


def _hand_typed_table(doc):
    """A results table as an office types it: a caption row, two header rows ("Năm 2022"
    over "Kế hoạch" / "Thực hiện", "So sánh (%)" over "KH" / "CK") with merged cells, a row
    of column numbers, a group row, the header again (a table pasted from two pages), empty
    cells, English and Vietnamese numbers, "Đạt" / "Không đạt"."""
    rows = [
        ["BIỂU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2022"] * 8,
        [
            "TT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Năm 2022",
            "Năm 2022",
            "So sánh (%)",
            "So sánh (%)",
            "Đánh giá",
        ],
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "KH", "CK", "Đánh giá"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["I", "CÁC CHỈ TIÊU KINH TẾ", "", "", "", "", "", ""],
        ["1", "Tốc độ tăng trưởng GRDP", "%", "7-7,5", "7,35", "105", "", "Đạt"],
        [
            "2",
            "Thu ngân sách nhà nước (tỷ đồng)",
            "tỷ đồng",
            "5.830",
            "6,388.3",
            "109.58",
            "114",
            "Vượt",
        ],
        ["3", "Kim ngạch xuất khẩu", "triệu USD", "1.550", "1.621,3", "104,6", "", "Đạt"],
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "KH", "CK", "Đánh giá"],
        ["4", "Tỷ lệ hộ nghèo", "%", "dưới 2,25", "2,1", "", "", "Không đạt"],
        ["5", "- Trong đó: Xã đạt chuẩn nông thôn mới", "xã", "100", "103", "", "", ""],
        ["6", "Diện tích cây ăn trái", "ha", "10.000", "9.800", "98", "", "Không đạt"],
        ["7", "Trồng mới cây xanh", "triệu cây", "1,5", "", "", "", ""],
    ]
    table = doc.add_table(rows=len(rows), cols=8)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    # Merged as Word merges them: the caption across the row, the first header row over the
    # second where the heading stands alone, "Năm 2022" and "So sánh (%)" over two columns.
    table.cell(0, 0).merge(table.cell(0, 7)).text = rows[0][0]
    for c in (0, 1, 2, 7):
        table.cell(1, c).merge(table.cell(2, c)).text = rows[1][c]
    table.cell(1, 3).merge(table.cell(1, 4)).text = "Năm 2022"
    table.cell(1, 5).merge(table.cell(1, 6)).text = "So sánh (%)"
    return table


def test_a_hand_typed_table_is_read_cell_by_cell(ev):
    doc = Document()
    doc.add_paragraph("Phụ lục: Kết quả thực hiện các chỉ tiêu chủ yếu năm 2022")
    _hand_typed_table(doc)
    result = check_report(_bytes(doc), ev)
    said = {(c.target, c.claimed): (c.verdict, c.actual) for c in result.claims}
    grdp = "1. Tốc độ tăng trưởng GRDP"
    assert said[(grdp, "7-7,5")] == (RIGHT, "7 – 7,5")
    assert said[(grdp, "7,35")][0] == RIGHT
    assert said[(grdp, "105%")] == (RIGHT, "105,00%")
    assert said[(grdp, "Đạt")] == (RIGHT, "đạt và vượt")
    # English numbers in a Vietnamese table, and a unit in the name cell.
    budget = "4. Thu ngân sách nhà nước"
    assert said[(budget, "6,388.3")][0] == RIGHT
    assert said[(budget, "109.58%")][0] == RIGHT
    assert said[(budget, "Vượt")][0] == RIGHT
    # A mistyped figure and the rate computed from it.
    export = "3. Kim ngạch xuất khẩu"
    assert said[(export, "1.621,3")] == (WRONG, "1.612,3")
    assert said[(export, "104,6%")] == (WRONG, "104,02%")
    # "dưới 2,25": the plan; "Không đạt" of a met target is wrong.
    poverty = "12. Tỷ lệ hộ nghèo"
    assert said[(poverty, "dưới 2,25")][0] == RIGHT
    assert said[(poverty, "Không đạt")] == (WRONG, "đạt và vượt")
    assert said[("10. Xã đạt chuẩn nông thôn mới", "103")][0] == RIGHT
    # A row naming no target of the plan, with figures: not in the data.
    assert said[("Diện tích cây ăn trái", "10.000")] == (UNMATCHED, "")
    # "114" in "So sánh (%) / CK": 114% of last year, as such tables write it (+14%).
    assert said[(budget, "114")] == (RIGHT, "+14% so với cùng kỳ")
    # The caption, the headers (twice), the column numbers, the group row and empty cells
    # state nothing.
    assert result.counts == {RIGHT: 16, WRONG: 3, UNMATCHED: 1}
    assert not any("CHỈ TIÊU KINH TẾ" in c.text for c in result.claims)


def test_a_row_in_another_scale_than_the_target(ev):
    """ "tỷ USD" in the unit column of a target counted in triệu USD (1.612,3): the row's
    figures are read in its own scale."""
    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    rows = [
        ("Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"),
        ("Kim ngạch xuất khẩu", "tỷ USD", "1,55", "1,61"),
        ("Thu ngân sách nhà nước (nghìn tỷ đồng)", "", "5,83", "6,9"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    said = {(c.target, c.claimed): c.verdict for c in check_report(_bytes(doc), ev).claims}
    assert said == {
        ("3. Kim ngạch xuất khẩu", "1,55"): RIGHT,
        ("3. Kim ngạch xuất khẩu", "1,61"): RIGHT,
        ("4. Thu ngân sách nhà nước", "5,83"): RIGHT,
        ("4. Thu ngân sách nhà nước", "6,9"): WRONG,  # 6,39 nghìn tỷ
    }


def test_tables_that_are_not_results_are_not_read(ev):
    doc = Document()
    # The forecast to the end of the term: no period's actual, no rate, no rating.
    table = doc.add_table(rows=2, cols=4)
    for c, text in enumerate(("STT", "Chỉ tiêu", "Chỉ tiêu nhiệm kỳ", "Dự báo")):
        table.cell(0, c).text = text
    for c, text in enumerate(("1", "Tốc độ tăng trưởng GRDP", "7,5", "6,1")):
        table.cell(1, c).text = text
    # A list of tasks: owners and deadlines, not results.
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(("Nội dung", "Đơn vị thực hiện", "Thời gian thực hiện")):
        table.cell(0, c).text = text
    for c, text in enumerate(("Tỷ lệ hộ nghèo", "Sở Lao động - Thương binh và Xã hội", "2022")):
        table.cell(1, c).text = text
    assert check_report(_bytes(doc), ev).claims == []


def test_task_titles_and_plans_are_not_claims(ev):
    """The demo plan's own task titles name targets ("hộ nghèo", "cây xanh"); a clerk writes
    them with their figures and dates. Neither they, nor plans and projects, nor the next
    year's targets, are results; the results beside them still are."""
    doc = Document()
    doc.add_paragraph(
        # A task title of the plan (Task.title), "đạt 100% kế hoạch" of the task, not of the
        # poverty rate.
        "Rà soát hộ nghèo, hộ cận nghèo theo chuẩn giai đoạn 2022–2025: hoàn thành ngày "
        "28/03/2022, đạt 100% kế hoạch. "
        # A plan and a project around a target's name, with figures.
        "Ban hành Kế hoạch trồng mới cây xanh 1,5 triệu cây; triển khai Đề án giảm tỷ lệ hộ "
        "nghèo xuống 1,5%; dự toán thu ngân sách nhà nước năm 2022 là 5.830 tỷ đồng. "
        # Results, in the same paragraph.
        "Kết quả: trồng mới cây xanh đạt 0,9 triệu cây; tỷ lệ hộ nghèo giảm còn 2,1%."
    )
    doc.add_paragraph("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023")
    doc.add_paragraph("Phấn đấu tốc độ tăng trưởng GRDP đạt 7,5 – 8%; tỷ lệ hộ nghèo dưới 1,8%.")
    doc.add_paragraph("Tốc độ tăng trưởng GRDP năm 2023 đạt 8,2%.")  # still the next year's
    result = check_report(_bytes(doc), ev)
    said = sorted((c.target, c.claimed, c.verdict) for c in result.claims)
    assert said == [
        ("12. Tỷ lệ hộ nghèo", "2,1%", RIGHT),
        ("22. Trồng mới cây xanh", "0,9", RIGHT),
    ]


def test_a_task_title_naming_a_target_is_not_a_claim():
    """The city's task "Hỗ trợ sửa chữa nhà ở cho hộ nghèo" names "hộ nghèo" (its target
    "Tỷ lệ hộ nghèo"): the houses repaired are not the poverty rate."""
    plan = Plan.objects.get(code="thanhpho-2021")
    assert plan.tasks.filter(title="Hỗ trợ sửa chữa nhà ở cho hộ nghèo").exists()
    ev = plan_evaluation(user=SYSTEM, plan=plan, period=Period.objects.get(key="2021-H1"))
    text = "Hỗ trợ sửa chữa nhà ở cho hộ nghèo 45 căn, đạt 90% kế hoạch."
    doc = Document()
    doc.add_paragraph(text)
    assert check_report(_bytes(doc), ev).claims == []
    # Without the plan's task titles, the same words would be read as a claim.
    assert find_claims([("0", text)], ev, tasks=[]) != []


def test_sentence_forms_of_published_reports(ev):
    """Forms found in published provincial reports: a growth rate after its level, counts
    with the label first or after other words, "trên", "hơn", "khoảng", "ước đạt"."""
    doc = Document()
    doc.add_paragraph(
        "Năm 2022, thực hiện đạt và vượt 15/25 chỉ tiêu; có 6/25 chỉ tiêu của Nghị quyết "
        "xấp xỉ đạt. Tổng sản phẩm trên địa bàn (GRDP) năm 2022 ước đạt 52.000 tỷ đồng, tăng "
        "7,35%, vượt chỉ tiêu đề ra. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng "
        "đạt 61.680 tỷ đồng, tăng 8,5% so với cùng kỳ. Thu ngân sách ước đạt hơn 6.300 tỷ "
        "đồng, đạt 109,6% dự toán. Kim ngạch xuất khẩu đạt khoảng 1,6 tỷ USD. Giải quyết việc "
        "làm cho trên 19.500 lao động."
    )
    result = check_report(_bytes(doc), ev)
    said = {(c.target, c.claimed): c.verdict for c in result.claims}
    assert said[("xếp loại: đạt và vượt", "15/25")] == RIGHT
    assert said[("xếp loại: xấp xỉ đạt", "6/25")] == RIGHT
    assert said[("1. Tốc độ tăng trưởng GRDP", "7,35%")] == RIGHT
    assert said[("8. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "8,5%")] == RIGHT
    assert said[("4. Thu ngân sách nhà nước", "hơn 6.300")] == RIGHT
    assert said[("4. Thu ngân sách nhà nước", "109,6%")] == RIGHT
    # "khoảng 1,6 tỷ USD" of 1.612,3 triệu USD: the scale read, the figure about right.
    assert said[("3. Kim ngạch xuất khẩu", "khoảng 1,6")] == RIGHT
    # "trên 19.500" when the data says 18.950: wrong.
    assert said[("15. Giải quyết việc làm", "trên 19.500")] == WRONG
