"""Checking a real province's published figures (nghiquyet.documents.check): the 2022 results
of Quảng Nam as the chairman of the provincial people's committee reported them to the
provincial council's 12th session (7/12/2022), put in a draft typed the way offices type
them, against a plan built here with the same figures.

Sources (the figures, the sentence forms; the sentences below are ours):
- https://vneconomy.vn/kinh-te-quang-nam-nam-2022-phuc-hoi-manh-dat-toc-do-tang-truong-cao.htm
  (GRDP 69.110 tỷ đồng, tăng 11,2%, chỉ tiêu 7,5–8%; GRDP bình quân đầu người 76,6 triệu đồng;
  bán lẻ 61.680 tỷ đồng; khách 4,74 triệu lượt)
- https://plo.vn/quang-nam-thuoc-nhom-cac-tinh-co-muc-tang-truong-cao-nhat-nuoc-post711101.html
  (dự toán thu NSNN 23.700 tỉ đồng; ước thực hiện 32.144 tỉ đồng, đạt 135,6% dự toán)
- https://baoquangnam.vn/chinh-tri/ky-hop-thu-12-hdnd-tinh-khoa-x-nhan-dien-kho-khan-ban-giai-phap-phat-trien-kinh-te-xa-hoi-nam-2023-135835.html
  ("thực hiện đạt và vượt 15/15 chỉ tiêu")

Forms these reports use that the reader first failed on, now read: a growth rate written
after its level ("GRDP … ước đạt 69.110 tỷ đồng, tăng 11,2%" — the level was taken for the
rate); a count with its label first ("đạt và vượt 15/15 chỉ tiêu"); another scale than the
target's ("4,74 triệu lượt" of a target in nghìn lượt); "thu NSNN" for "thu ngân sách nhà
nước"; "tỉ" for "tỷ"; a plan stated in the same paragraph ("dự toán … là 23.700 tỉ đồng").
"""

import io
from decimal import Decimal

import pytest
from docx import Document

from nghiquyet.documents.check import RIGHT, UNMATCHED, WRONG, check_report
from nghiquyet.plans.services import indicator_get_or_create, target_create
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.factories import make_plan

pytestmark = pytest.mark.django_db

#: code, name, unit, plan (low, high), the 2022 figure published
QUANG_NAM_2022 = [
    ("1", "Tốc độ tăng trưởng GRDP", "%", (7.5, 8), 11.2),
    ("2", "GRDP bình quân đầu người", "triệu đồng", (70, None), 76.6),
    ("3", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", (23700, None), 32144),
    (
        "4",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "tỷ đồng",
        (55000, None),
        61680,
    ),
    ("5", "Lượt khách tham quan, lưu trú du lịch", "nghìn lượt", (4000, None), 4740),
]


@pytest.fixture
def ev(system, land):
    plan = make_plan(land["T1"], "quang-nam-2022", year=2022)
    period = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, 2022))
    for order, (code, name, unit, (low, high), actual) in enumerate(QUANG_NAM_2022):
        indicator = indicator_get_or_create(
            acting_user=system, code=f"qn-{code}", name=name, unit_of_measure=unit
        )
        target_create(
            acting_user=system,
            plan=plan,
            code=code,
            name=name,
            indicator=indicator,
            order=order,
            target_value=low,
            target_high=high,
        )
        value_record(
            acting_user=system,
            indicator=indicator,
            unit=plan.unit,
            period=period,
            value=Decimal(str(actual)),
            status="estimate",
        )
    return plan_evaluation(user=system, plan=plan, period=period)


def _draft() -> bytes:
    doc = Document()
    doc.add_paragraph("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022")
    doc.add_paragraph(
        "Năm 2022, tỉnh thực hiện đạt và vượt 15/15 chỉ tiêu chủ yếu của kế hoạch năm. Tổng "
        "sản phẩm trên địa bàn tỉnh (GRDP) năm 2022 ước đạt 69.110 tỷ đồng (giá so sánh 2010), "
        "tăng 11,2%, vượt chỉ tiêu đề ra (7,5 – 8%); GRDP bình quân đầu người đạt 76,6 triệu "
        "đồng, tăng 12,6%."
    )
    doc.add_paragraph(
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 61.680 tỷ đồng, tăng "
        "14,8% so với cùng kỳ. Tổng lượt khách tham quan, lưu trú du lịch năm 2022 đạt 4,74 "
        "triệu lượt, tăng 13 lần so với cùng kỳ."
    )
    doc.add_paragraph(
        "Dự toán thu NSNN trên địa bàn năm 2022 được Hội đồng nhân dân tỉnh giao là 23.700 tỉ "
        "đồng; ước thực hiện thu NSNN trên địa bàn năm 2022 là 32.144 tỉ đồng, đạt 135,6% dự "
        "toán và tăng 40,1% so với cùng kỳ."
    )
    doc.add_paragraph("Phụ lục: Kết quả thực hiện các chỉ tiêu chủ yếu năm 2022")
    rows = [
        ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch 2022", "Ước TH 2022", "So với KH (%)"),
        ("1", "Tốc độ tăng trưởng GRDP", "%", "7,5-8", "11,2", "149,3"),
        ("2", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "23.700", "32.144", "135,6"),
        ("3", "Lượt khách tham quan, lưu trú du lịch", "nghìn lượt", "4.000", "4.740", "118,5"),
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_published_provincial_report_is_read_and_checked(ev):
    result = check_report(_draft(), ev)
    said = {(c.target, c.claimed): (c.verdict, c.actual) for c in result.claims}
    assert said[("1. Tốc độ tăng trưởng GRDP", "11,2%")][0] == RIGHT
    assert said[("2. GRDP bình quân đầu người", "76,6")][0] == RIGHT
    assert said[("3. Thu ngân sách nhà nước trên địa bàn", "32.144")][0] == RIGHT
    assert said[("3. Thu ngân sách nhà nước trên địa bàn", "135,6%")][0] == RIGHT
    assert said[("4. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "61.680")][0] == (
        RIGHT
    )
    assert said[("5. Lượt khách tham quan, lưu trú du lịch", "4,74")][0] == RIGHT
    # The table: plan, estimate and rate of each row. 11,2 against 7,5 – 8 is 149,33% of the
    # lower bound (the reader's rule: the bound the scheme rates against).
    assert said[("1. Tốc độ tăng trưởng GRDP", "7,5-8")][0] == RIGHT
    assert said[("1. Tốc độ tăng trưởng GRDP", "149,3%")][0] == RIGHT
    assert said[("5. Lượt khách tham quan, lưu trú du lịch", "118,5%")][0] == RIGHT
    # "15/15": the province's 15 targets; the plan built here carries 5 of them — not in
    # the data, and said so.
    assert said[("xếp loại: đạt và vượt", "15/15")] == (UNMATCHED, "")
    # The plan's own figure ("dự toán … là 23.700") is not taken for a result, "tăng 13 lần"
    # not for a figure, "tăng 40,1% so với cùng kỳ" not for the budget but for its change:
    # the plan built here has no 2021 figures, so the changes are not in the data.
    assert not any(c.claimed in ("23.700", "13", "40,1%") for c in result.claims if c.where == "3")
    budget = "3. Thu ngân sách nhà nước trên địa bàn"
    assert said[(budget, "40,1% so với cùng kỳ")] == (UNMATCHED, "")
    retail = "4. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
    assert said[(retail, "14,8% so với cùng kỳ")] == (UNMATCHED, "")
    assert result.counts == {RIGHT: 15, WRONG: 0, UNMATCHED: 3}


def test_a_figure_mistyped_in_the_published_report_comes_back_wrong(ev):
    doc = Document(io.BytesIO(_draft()))
    paragraph = doc.paragraphs[3]
    paragraph.runs[0].text = paragraph.text.replace("là 32.144 tỉ đồng", "là 31.244 tỉ đồng")
    out = io.BytesIO()
    doc.save(out)
    result = check_report(out.getvalue(), ev)
    wrong = [(c.target, c.claimed, c.actual) for c in result.claims if c.verdict == WRONG]
    assert wrong == [("3. Thu ngân sách nhà nước trên địa bàn", "31.244", "32.144")]
