"""The leader's dashboard on a phone (390 px) and on a laptop (1366 px): the header stays on
one line, the page fits in a few screens, the class tiles filter the targets, the groups
fold, and no table is cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def visible_targets(page) -> list[str]:
    return page.eval_on_selector_all(
        "#targets-table tr[data-target]",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.class)",
    )


def header_height(page) -> float:
    return page.locator(".topbar").bounding_box()["height"]


def test_the_leaders_dashboard_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    sign_in(page, "lanhdao.tinh")
    page.goto("/nghi-quyet/tinh-2022/")
    page.wait_for_load_state("networkidle")
    assert header_height(page) < 64  # one line: the mark, the menu button, the bell
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 4 * PHONE["height"], height  # was ~11.800 px
    assert visible_targets(page) == []  # the groups start folded
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # A tile shows only its targets: the 6 nearly achieved.
    page.locator("button.tile[data-class=near]").click()
    expect(page.get_by_test_id("filter-status")).to_contain_text("xấp xỉ đạt")
    assert visible_targets(page) == ["near"] * 6
    expect(page.locator("button.tile[data-class=near]")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Xem tất cả").click()
    expect(page.get_by_test_id("filter-status")).to_be_hidden()

    # A group opens and folds again.
    group = page.locator(".group-toggle").first
    group.click()
    expect(group).to_have_attribute("aria-expanded", "true")
    assert len(visible_targets(page)) == 11
    group.click()
    assert visible_targets(page) == []

    # The menu opens below the header.
    expect(page.get_by_role("link", name="Báo cáo", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Trình đơn").click()
    expect(page.get_by_role("link", name="Báo cáo", exact=True)).to_be_visible()


def assert_nothing_cut_off(page, url: str) -> None:
    assert header_height(page) < 64
    # nothing sticks out to the right: the office's header has every menu, its account
    # links fold under its name
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], url
    clipped = page.eval_on_selector_all(
        ".table-wrap",
        "ws => ws.filter(w => w.scrollWidth > w.clientWidth + 1)"
        ".map(w => w.querySelector('table').className)",
    )
    assert clipped == [], (url, clipped)


def test_the_term_forecast_table_fits_a_laptop(new_page):
    """The forecast's words (the rate needed, the best year, the trend) wrap; the target's
    name keeps a readable width."""
    page = new_page(viewport=LAPTOP)
    sign_in(page, "lanhdao.tinh")
    url = "/nghi-quyet/tinh-2020-2025/?ky=2023"
    page.goto(url)
    page.wait_for_load_state("networkidle")
    table = page.get_by_test_id("term-table")
    expect(table).to_be_visible()
    assert_nothing_cut_off(page, url)
    name_width = page.eval_on_selector(
        "[data-testid=term-table] tbody tr td:nth-child(2)", "td => td.clientWidth"
    )
    assert name_width >= 180, name_width  # was one word a line (~70 px)


def test_nothing_is_cut_off_on_a_laptop(new_page):
    page = new_page(viewport=LAPTOP)
    sign_in(page, "vanphong.thanhpho")
    for url in (
        "/nghi-quyet/thanhpho-2021/?ky=2021-H1",
        "/nghi-quyet/thanhpho-2021/cu-the-hoa/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert_nothing_cut_off(page, url)
    page.get_by_text("Phạm Thị Hoa").click()  # the account menu, under the name
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    expect(page.get_by_role("link", name="Khóa API")).to_be_visible()
    # On a laptop all targets show, and a tile filters them too.
    page.goto("/nghi-quyet/thanhpho-2021/?ky=2021-H1")
    assert len(visible_targets(page)) >= 45
    tile = page.locator("button.tile[data-class=not_achieved]")
    shown = int(tile.locator(".tile-n").inner_text().split("/")[0])
    tile.click()
    assert visible_targets(page) == ["not_achieved"] * shown and shown >= 1


def test_every_target_without_figures_says_why(new_page):
    page = new_page(viewport=LAPTOP)
    sign_in(page, "vanphong.thanhpho")
    page.goto("/nghi-quyet/thanhpho-2021/?ky=2021-H1")
    page.locator("button.tile[data-class=no_data]").click()
    rows = page.locator("#targets-table tr[data-class=no_data]:visible")
    assert rows.count() >= 20
    reasons = page.eval_on_selector_all(
        "#targets-table tr[data-class=no_data]",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => "
        "(r.querySelector('[data-testid=no-data-reason]') || {}).textContent || '')",
    )
    assert all(reasons), reasons  # none is left unexplained
    # the change target reported without last year's figure says so
    expect(
        page.locator("#targets-table tr[data-target='36'] [data-testid=no-data-reason]")
    ).to_have_text("Chưa có số liệu cùng kỳ năm trước để so sánh")
    # half-year: the column is the whole year's plan, the pace beside it
    expect(page.locator("#targets-table th[data-col=annual]")).to_have_text("% kế hoạch năm")
