"""Tokens and the API documentation in a real browser (Playwright driving Debian's chromium)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def call_me(base: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_user_creates_a_token_sees_it_once_and_revokes_it(new_page, live_server):
    page = new_page()
    sign_in(page, "baocao.anhoi")
    page.locator("summary.whoami").click()  # the account menu, under the user's name
    page.get_by_role("link", name="Khóa API").click()
    expect(page.get_by_role("heading", name="Khóa API của bạn")).to_be_visible()
    expect(page.get_by_label("Hết hạn sau ngày")).not_to_have_value("")
    page.get_by_label("Tên gợi nhớ").fill("Tập lệnh gửi số liệu")
    page.get_by_role("button", name="Tạo khóa").click()

    shown = page.get_by_test_id("new-token")
    expect(shown).to_contain_text("chỉ hiện một lần")
    token = page.locator("#token-secret").inner_text()
    assert token.startswith("nq_")
    status, me = call_me(live_server.url, token)
    assert status == 200 and me["username"] == "baocao.anhoi"

    # Shown once: after a reload only its prefix is left.
    page.reload()
    expect(page.get_by_test_id("new-token")).to_have_count(0)
    prefix = token.split("_")[1]
    row = page.locator(f'tr[data-token="{prefix}"]')
    expect(row).to_contain_text("Tập lệnh gửi số liệu")
    expect(row.locator(".token-state")).to_have_text("còn hiệu lực")
    assert token not in page.content()

    row.get_by_role("button", name="Thu hồi").click()
    expect(page.locator(".messages")).to_contain_text("Đã thu hồi khóa")
    expect(page.locator(f'tr[data-token="{prefix}"] .token-state')).to_have_text("đã thu hồi")
    status, refused = call_me(live_server.url, token)
    assert (status, refused["code"]) == (401, "token_revoked")


def test_swagger_ui_works_offline(new_page, live_server):
    page = new_page()
    outside: list[str] = []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    sign_in(page, "vanphong.tinh")
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("nghiquyet API")
    path = page.locator('.opblock-summary-path[data-path="/api/v1/plans/{code}/evaluation"]')
    expect(path).to_be_visible()
    # Try it out, signed in through the web session.
    block = page.locator(".opblock", has=path)
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.locator('input[placeholder="code"]').fill("tinh-2022")
    block.locator('input[placeholder="period"]').fill("2022")
    block.get_by_role("button", name="Execute").click()
    live = block.locator(".live-responses-table")
    expect(live.locator("tbody .response-col_status")).to_contain_text("200")
    expect(live.locator("tbody .response-col_description")).to_contain_text(
        "15/25 chỉ tiêu đạt và vượt"
    )
    assert outside == []
