"""An office reads three published resolutions' target sections in a real browser: upload,
review each target beside its line, fix what is flagged, import (headless chromium)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from nghiquyet.plans.models import Plan, Target
from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESOLUTIONS = Path(__file__).parents[1] / "text" / "resolutions"


def read_file(page, path: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="Đọc chỉ tiêu từ văn bản").click()
    page.get_by_label("Văn bản nghị quyết (.docx, .txt, .md)").set_input_files(str(path))
    page.get_by_role("button", name="Đọc các chỉ tiêu").click()


def import_as(page, code: str) -> None:
    page.get_by_label("Mã trong hệ thống").fill(code)
    page.get_by_role("button", name="Nhập nghị quyết", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập")


@pytest.fixture
def office_page(new_page):
    page = new_page()
    sign_in(page, "vanphong.thanhpho")
    return page


def test_a_word_document_is_read_and_imported(office_page, tmp_path):
    page = office_page
    # Như Xuân's resolution as a Word document, one paragraph a line, as it is typed
    document = docx.Document()
    for line in (RESOLUTIONS / "nhu-xuan-2020-2025.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "nghi-quyet-nhu-xuan.docx"
    document.save(path)
    read_file(page, path)
    table = page.get_by_test_id("extracted")
    expect(table.locator("input[name=number]")).to_have_count(14)
    expect(page.get_by_test_id("flagged")).to_have_count(0)
    row = table.locator("tr", has=page.locator("input[name=number][value='12']"))
    expect(row).to_contain_text("dưới 1%")
    expect(page.get_by_test_id("review").get_by_test_id("unread")).to_contain_text(
        "CÁC CHỈ TIÊU CHỦ YẾU"
    )
    import_as(page, "nhu-xuan-2020-2025")
    plan = Plan.objects.get(code="nhu-xuan-2020-2025")
    assert Target.objects.filter(plan=plan, part_of__isnull=True).count() == 14
    assert Target.objects.get(plan=plan, code="12").strict


def test_items_inside_paragraphs_are_read_and_imported(office_page):
    page = office_page
    read_file(page, RESOLUTIONS / "ha-noi-2020-2025.md")
    expect(page.get_by_test_id("extracted").locator("input[name=number]")).to_have_count(18)
    expect(page.get_by_test_id("flagged")).to_have_count(0)
    expect(page.get_by_test_id("extracted")).to_contain_text("trong khoảng 65 - 65,5%")
    import_as(page, "ha-noi-2020-2025")
    plan = Plan.objects.get(code="ha-noi-2020-2025")
    assert Target.objects.get(plan=plan, code="2.1").direction == "band"


def test_flagged_targets_are_fixed_then_imported(office_page):
    page = office_page
    read_file(page, RESOLUTIONS / "phu-tho-2023.txt")
    flagged = page.get_by_test_id("flagged")
    expect(flagged).to_have_count(3)
    page.get_by_role("button", name="Nhập nghị quyết", exact=True).click()
    expect(page.get_by_test_id("problems")).to_contain_text("Chỉ tiêu 10:")
    fixes = {
        "10": ("Số bác sỹ/1 vạn dân", "14,3 bác sỹ"),
        "12": ("Số xã đạt chuẩn nông thôn mới", "tăng thêm 7 xã trở lên"),
        "13": ("Tỷ lệ dân cư đô thị được dùng nước sạch", "đạt 93,7%"),
    }
    for number, (name, wording) in fixes.items():
        row = page.get_by_test_id("extracted").locator(
            "tr", has=page.locator(f"input[name=number][value='{number}']")
        )
        row.locator("input[name=name]").fill(name)
        row.locator("input[name=wording]").fill(wording)
    page.get_by_role("button", name="Đọc lại").click()
    expect(page.get_by_test_id("flagged")).to_have_count(0)
    page.screenshot(path="/tmp/plan-extract-review.png", full_page=True)
    import_as(page, "phu-tho-2023")
    plan = Plan.objects.get(code="phu-tho-2023")
    assert Target.objects.get(plan=plan, code="9").change_measure == "points"
