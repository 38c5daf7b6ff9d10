"""The plan-import sheet's column "Chỉ tiêu như nghị quyết ghi": a target typed as the
resolution prints it, read into its form; a wording it cannot read is refused with what it
understood and how to write it; the numeric columns still win where they are filled."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nghiquyet.documents.plan_excel.template import plan_template
from nghiquyet.documents.problems import ImportInvalid
from nghiquyet.documents.services import plan_import
from nghiquyet.plans.models import Target
from tests.documents.helpers import open_book, save_book

pytestmark = pytest.mark.django_db

WORDING = 16  # the last column of the targets' section


@pytest.fixture
def office(users):
    return users["vanphong.thanhpho"]


def sheet_with(office, wordings: dict[str, str], cells: dict | None = None):
    """The example workbook, with wordings put on its target rows (by STT) and the plan and
    upper-bound columns of those rows emptied."""
    wb = open_book(plan_template(user=office))
    ws = wb.active
    rows = {}
    section = False
    for r in range(1, ws.max_row + 1):
        a, b = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if a == "STT":
            section = b == "Tên chỉ tiêu"
            continue
        if section and a:
            rows[str(a)] = r
    for code, text in wordings.items():
        r = rows[code]
        ws.cell(row=r, column=WORDING).value = text
        for col in (6, 7, 8, 9, 10, 11):  # direction, plan, bound, tolerance, change, time
            ws.cell(row=r, column=col).value = None
    for (code, col), value in (cells or {}).items():
        ws.cell(row=rows[code], column=col).value = value
    return save_book(wb)


def test_header_of_the_wording_column(office):
    ws = open_book(plan_template(user=office)).active
    header = next(r for r in range(1, 30) if ws.cell(row=r, column=1).value == "STT")
    assert ws.cell(row=header, column=WORDING).value == "Chỉ tiêu như nghị quyết ghi"


def test_wordings_become_forms(office):
    data = sheet_with(
        office,
        {
            "1": "từ 150 đảng viên trở lên",
            "2": "trên 90%",
            "3": "bình quân 6,5-7%/năm",
            "4": "khoảng 30%",
            "6": "giảm 0,7% (còn 4,33%)",
        },
    )
    plan = plan_import(acting_user=office, data=data, filename="nq.xlsx")
    t = {x.code: x for x in Target.objects.filter(plan=plan)}
    assert (t["1"].target_value, t["1"].strict) == (Decimal("150"), False)
    assert (t["2"].target_value, t["2"].strict) == (Decimal("90"), True)
    assert (t["3"].target_value, t["3"].target_high, t["3"].temporal) == (
        Decimal("6.5"),
        Decimal("7"),
        "average",
    )
    assert t["4"].tolerance == Decimal("0.05")
    assert (t["6"].direction, t["6"].target_value) == ("lower", Decimal("4.33"))
    assert (t["6"].with_change, t["6"].with_change_low, t["6"].change_measure) == (
        2,
        Decimal("0.7"),
        "points",
    )
    # the statement keeps what the sheet's own column said; the wording is the form's source
    assert t["2"].statement.startswith("Trên 90%")


def test_trong_do_parts_become_targets_of_their_own(office):
    data = sheet_with(
        office, {"1": "từ 12.650 tỷ đồng trở lên (trong đó vốn tư nhân trên 8.250 tỷ đồng)"}
    )
    plan = plan_import(acting_user=office, data=data, filename="nq.xlsx")
    whole = Target.objects.get(plan=plan, code="1")
    (part,) = Target.objects.filter(part_of=whole)
    assert (part.code, part.name, part.target_value, part.strict) == (
        "1.1",
        "Vốn tư nhân",
        Decimal("8250"),
        True,
    )


def test_a_wording_it_cannot_read_is_refused_with_how_to_write_it(office):
    data = sheet_with(office, {"1": "6,5 và 7%"})
    with pytest.raises(ImportInvalid) as caught:
        plan_import(acting_user=office, data=data, filename="nq.xlsx")
    (problem,) = [m for m in caught.value.messages if "như nghị quyết ghi" in m]
    assert "cột P (Chỉ tiêu như nghị quyết ghi — 1." in problem
    assert "hai con số 6,5 và 7 không nối bằng “-” hay “đến”" in problem
    assert "viết như nghị quyết ghi, ví dụ: “từ 11% trở lên”" in problem


def test_the_numeric_columns_win_where_they_are_filled(office):
    data = sheet_with(office, {"1": "từ 150 đảng viên trở lên"}, {("1", 7): 200})
    plan = plan_import(acting_user=office, data=data, filename="nq.xlsx")
    assert Target.objects.get(plan=plan, code="1").target_value == Decimal("200")
