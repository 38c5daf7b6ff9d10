"""The reporting cycle in a real browser (Playwright driving Debian's chromium, headless).

A ward's reporter finishes and sends its report, its leader approves, the city
office returns another ward's report and accepts this one, a reporter of a
neighbouring ward cannot open it, and the dashboard shows the new figures.
"""

import re

import pytest
from playwright.sync_api import expect

from nghiquyet.reporting.models import Submission
from tests.browser import sign_in
from tests.reporting.helpers import plausible_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_submission(unit_code: str) -> Submission:
    return Submission.objects.get(
        round__plan__code="thanhpho-2021", round__period__key="2021-H1", unit__code=unit_code
    )


def test_report_submit_approve_return_accept_and_dashboard(new_page):
    anhoi = demo_submission("28777-cu")
    missing = {
        pk: row
        for pk, row in plausible_rows(anhoi).items()
        if anhoi.entries.get(pk=pk).value is None
    }
    assert missing, "the demo leaves part of An Hội's report for the newcomer"

    # 1. The ward's reporter finishes the grid; autosave keeps each figure.
    reporter = new_page()
    sign_in(reporter, "baocao.anhoi")
    reporter.get_by_role("link", name="Báo cáo", exact=True).click()
    reporter.locator(f'tr[data-submission="{anhoi.pk}"] a').click()
    expect(reporter.get_by_test_id("status")).to_have_text("đang nhập")
    for pk, row in missing.items():
        for field, text in row.items():
            if field == "status" or (field == "value" and "numerator" in row):
                continue
            box = reporter.locator(f'[name="e-{pk}-{field}"]')
            if box.evaluate("e => e.tagName") == "SELECT":
                box.select_option(text)
            else:
                box.fill(text)
    reporter.locator(f'[name="e-{next(iter(missing))}-note"]').fill("Số liệu ước tính")
    reporter.locator(f'[name="e-{next(iter(missing))}-note"]').blur()
    expect(reporter.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=15_000)
    reporter.get_by_role("button", name="Gửi lãnh đạo đơn vị duyệt").click()
    expect(reporter.get_by_test_id("status")).to_have_text("đã gửi, chờ lãnh đạo đơn vị duyệt")
    expect(reporter.locator(".messages")).to_contain_text("Đã gửi báo cáo")

    # 2. A reporter of another ward cannot open it by editing the URL.
    neighbour = new_page()
    sign_in(neighbour, "baocao.phutan")
    response = neighbour.goto(f"/bao-cao/{anhoi.pk}/")
    assert response.status == 404
    expect(neighbour.locator("body")).not_to_contain_text("An Hội")

    # 3. The ward's leader approves.
    leader = new_page()
    sign_in(leader, "lanhdao.anhoi")
    leader.goto(f"/bao-cao/{anhoi.pk}/")
    leader.get_by_role("button", name="Duyệt báo cáo").click()
    expect(leader.get_by_test_id("status")).to_have_text("lãnh đạo đơn vị đã duyệt, chờ tiếp nhận")

    # 4. The city office returns Phú Hưng's report and accepts An Hội's.
    office = new_page()
    sign_in(office, "vanphong.thanhpho")
    phu_hung = demo_submission("28786")
    office.goto(f"/bao-cao/{phu_hung.pk}/")
    office.get_by_label("Lý do trả lại").fill("Bổ sung giải trình chỉ tiêu tổ hợp tác")
    office.get_by_role("button", name="Trả lại báo cáo").click()
    expect(office.get_by_test_id("status")).to_have_text("bị trả lại, cần chỉnh sửa")
    expect(office.locator(".history")).to_contain_text("Bổ sung giải trình chỉ tiêu tổ hợp tác")
    office.goto(f"/bao-cao/{anhoi.pk}/")
    office.get_by_role("button", name="Tiếp nhận báo cáo").click()
    expect(office.get_by_test_id("status")).to_have_text("đã tiếp nhận")

    # 5. The dashboard shows it: the completeness table and the ward's figures.
    office.goto("/nghi-quyet/thanhpho-2021/?ky=2021-H1")
    table = office.get_by_test_id("completeness-table")
    expect(table.locator('tr[data-unit="28777-cu"]')).to_have_attribute("data-status", "accepted")
    expect(table.locator('tr[data-unit="28786"]')).to_have_attribute("data-status", "returned")
    ward_row = office.get_by_test_id("units-table").locator('tr[data-unit="28777-cu"]')
    expect(ward_row).not_to_contain_text("0/14")
    office.goto("/nghi-quyet/an-hoi-2021/?ky=2021-H1")
    summary = office.get_by_test_id("summary").inner_text()
    assert re.match(r"\d+/14 chỉ tiêu", summary)
    assert "1/14 chỉ tiêu chưa có số liệu" in summary  # only the change target lacks 2020-H1
