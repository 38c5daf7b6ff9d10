"""The first pages in a real browser: Playwright driving Debian's chromium, headless."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_001 = (
    "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
    "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
)


def test_leader_signs_in_and_opens_the_provincial_dashboard(new_page):
    page = new_page()
    sign_in(page, "lanhdao.tinh")
    expect(page.get_by_role("heading", name="Nghị quyết, kế hoạch")).to_be_visible()
    page.get_by_role("link", name="Nghị quyết số 04-NQ/TU").click()
    expect(page).to_have_url(re.compile(r"/nghi-quyet/tinh-2022/$"))
    expect(page.get_by_test_id("summary")).to_have_text(SEED_001)
    expect(page.locator(".demo-banner")).to_contain_text("Dữ liệu minh họa")
    # The table is coloured by class: the one target not achieved has a red marker.
    row = page.locator('tr[data-target="20"]')
    expect(row.locator(".chip")).to_have_text("không đạt")
    border = row.locator("td").first.evaluate("td => getComputedStyle(td).borderLeftColor")
    assert border == "rgb(179, 38, 30)"
    expect(page.locator('tr[data-target="3"] td[data-label="Thực hiện"]')).to_contain_text(
        "1.612,3"
    )


def test_switching_the_classification_scheme(new_page):
    page = new_page()
    sign_in(page, "lanhdao.tinh")
    page.goto("/nghi-quyet/tinh-2022/")
    page.get_by_label("Cách phân loại", exact=True).select_option("binary")
    expect(page.get_by_test_id("summary")).to_have_text(
        "15/25 chỉ tiêu đạt; 10/25 chỉ tiêu không đạt."
    )
    expect(page).to_have_url(re.compile(r"phan_loai=binary"))


def test_commune_reporter_sees_only_its_commune_and_cannot_reach_another_by_url(new_page):
    page = new_page()
    sign_in(page, "baocao.anhoi")
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    page.get_by_role("link", name="Nghị quyết, kế hoạch").click()
    links = page.locator("a.plan-link")
    expect(links).to_have_count(1)
    expect(page.locator("table")).to_contain_text("Phường An Hội")
    response = page.goto("/nghi-quyet/phu-tan-2021/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Phú Tân")
    response = page.goto("/nghi-quyet/tinh-2022/")
    assert response.status == 404


def test_wrong_password_message_is_vietnamese(new_page):
    page = new_page()
    sign_in(page, "baocao.anhoi", password="sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))


def test_dashboard_on_a_phone(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    sign_in(page, "lanhdao.tinh")
    page.goto("/nghi-quyet/tinh-2022/")
    expect(page.get_by_test_id("summary")).to_be_visible()
    # Tables become cards: no header row, every cell labelled, nothing wider than the screen.
    assert page.locator("table.targets thead").evaluate("e => getComputedStyle(e).display") == (
        "none"
    )
    label = page.locator('tr[data-target="1"] td[data-label="Tỷ lệ đạt"]').evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert label == '"Tỷ lệ đạt"'
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path="test-artifacts/dashboard-phone.png")


def test_switching_to_english_and_back(new_page):
    page = new_page()
    sign_in(page, "lanhdao.tinh")
    page.goto("/nghi-quyet/tinh-2022/")
    page.get_by_label("Ngôn ngữ", exact=True).select_option("en")
    expect(page.get_by_test_id("summary")).to_contain_text("15/25 targets achieved or exceeded")
    expect(page.locator('tr[data-target="3"] td[data-label="Actual"]')).to_contain_text("1,612.3")
    page.get_by_label("Language", exact=True).select_option("vi")
    expect(page.get_by_test_id("summary")).to_have_text(SEED_001)
