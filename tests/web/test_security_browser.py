"""The pages work under the Content-Security-Policy: no script is refused, charts draw
(Vega's interpreter, no eval), the auto-submitting selects and the copy button work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text)
            if "Content Security Policy" in msg.text or "unsafe-eval" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: refused.append(str(exc)))
    return refused


def test_dashboard_and_charts_run_under_the_policy(new_page):
    page = new_page()
    refused = _watch(page)
    sign_in(page, "lanhdao.tinh")
    response = page.goto("/nghi-quyet/thanhpho-2021/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator('[data-chart="units-chart-spec"][data-chart-ready]')).to_have_count(1)
    expect(page.locator('[data-chart="units-chart-spec"] svg').first).to_be_visible()
    page.goto("/nghi-quyet/tinh-2022/chi-tieu/3/")
    expect(page.locator('[data-chart="series-spec"][data-chart-ready]')).to_have_count(1)
    # The select that submits its form (no inline handler).
    page.goto("/nghi-quyet/tinh-2022/")
    page.get_by_label("Cách phân loại", exact=True).select_option("binary")
    expect(page).to_have_url(re.compile(r"phan_loai=binary"))
    assert refused == []


def test_token_page_copy_button_runs_under_the_policy(new_page):
    page = new_page()
    refused = _watch(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "baocao.anhoi")
    page.goto("/tai-khoan/khoa-api/")
    page.get_by_label("Tên gợi nhớ").fill("Cổng thông tin")
    page.get_by_role("button", name="Tạo khóa").click()
    secret = page.locator("#token-secret").inner_text()
    page.get_by_role("button", name="Sao chép").click()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    assert refused == []
