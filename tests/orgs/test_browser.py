"""The merged province in a real browser: its dashboard across the change, its map by date."""

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vinh_long_compares_with_its_predecessors_and_reads_its_map_by_date(new_page):
    page = new_page()
    sign_in(page, "vanphong.vinhlong")
    page.goto("/nghi-quyet/vinhlong-2026/")
    expect(page.get_by_test_id("summary")).to_have_text(
        "4/10 chỉ tiêu đạt và vượt; 4/10 chỉ tiêu xấp xỉ đạt; 2/10 chỉ tiêu đạt trên 80%."
    )
    exports = page.locator('tr[data-target="2"]')
    expect(exports).to_contain_text("2.016,4")  # 612,4 + 805,3 + 598,7, reported before 1/7/2025
    exports.get_by_test_id("baseline-ref").click()
    expect(page.get_by_test_id("baseline-notes")).to_contain_text(
        "tính từ số liệu của Tỉnh Bến Tre, Tỉnh Trà Vinh, Tỉnh Vĩnh Long trước sắp xếp ngày "
        "01/07/2025"
    )

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_label("Xem như vào ngày").fill("14/06/2025")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name="Tỉnh Vĩnh Long").first.click()
    expect(page.get_by_test_id("children")).not_to_contain_text("Phường An Hội")
    expect(page.get_by_test_id("lineage")).to_contain_text("Tỉnh Bến Tre")
    page.get_by_label("Xem như vào ngày").fill("21/11/2026")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("children")).to_contain_text("Phường An Hội")
