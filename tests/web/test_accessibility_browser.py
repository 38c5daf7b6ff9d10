"""Accessibility: axe-core (WCAG 2.1 A and AA rules: contrast of every button, badge and
chart colour, a label on every input, names of links and buttons, landmarks, language) over
the main pages of each role, failing on any violation; and the main actions by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nghiquyet.plans.models import Target, Task
from nghiquyet.reporting.models import Submission
from tests.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def anhoi_report() -> Submission:
    return Submission.objects.get(
        round__plan__code="thanhpho-2021", round__period__key="2021-H1", unit__code="28777-cu"
    )


def check(page, urls: list[str]) -> None:
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        problems += [f"{url}: {line}" for line in axe_violations(page)]
    assert problems == [], "\n".join(problems)


def test_sign_in_page(new_page):
    check(new_page(), ["/dang-nhap/"])


def test_the_leaders_pages(new_page):
    page = new_page()
    sign_in(page, "lanhdao.tinh")
    check(
        page,
        [
            "/",
            "/nghi-quyet/tinh-2022/",
            "/nghi-quyet/tinh-2022/chi-tieu/3/",
            "/nghi-quyet/tinh-2020-2025/?ky=2023",
            "/?q=dai+hoi",
            "/thong-bao/",
            "/tai-khoan/khoa-api/",
        ],
    )


def test_the_city_offices_pages(new_page):
    report = anhoi_report()
    task = Task.objects.filter(plan__code="thanhpho-2021").order_by("pk").first()
    jobs = Target.objects.get(plan__code="thanhpho-2021", code="14")
    page = new_page()
    sign_in(page, "vanphong.thanhpho")
    check(
        page,
        [
            "/nghi-quyet/thanhpho-2021/?ky=2021-H1",
            "/nghi-quyet/thanhpho-2021/cu-the-hoa/",
            f"/nghi-quyet/thanhpho-2021/cu-the-hoa/{jobs.pk}/phan-giao/",
            "/bao-cao/",
            f"/bao-cao/dot/{report.round_id}/",
            f"/bao-cao/{report.pk}/",
            "/nhiem-vu/",
            f"/nhiem-vu/{task.pk}/",
            "/nhiem-vu/qua-han/",
            "/don-vi/",
            "/don-vi/?q=an+hoi",
            "/don-vi/28777-cu/",
            "/tai-lieu/cong-viec/",
            "/tai-lieu/excel/nghi-quyet/nhap/",
        ],
    )


def test_the_reporters_grid_and_the_english_pages(new_page):
    page = new_page()
    sign_in(page, "baocao.anhoi")
    check(page, [f"/bao-cao/{anhoi_report().pk}/", "/nhiem-vu/"])
    english = new_page()
    sign_in(english, "lanhdao.tinh")
    english.get_by_label("Ngôn ngữ").select_option("en")
    english.wait_for_load_state("domcontentloaded")
    expect(english.locator("html")).to_have_attribute("lang", "en")
    check(english, ["/nghi-quyet/tinh-2022/", "/nghi-quyet/tinh-2022/chi-tieu/3/"])


def test_the_main_actions_by_keyboard(new_page):
    page = new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type("vanphong.thanhpho")
    page.keyboard.press("Tab")
    page.keyboard.type("nghiquyet-demo")
    page.keyboard.press("Enter")
    # The office has work waiting, so sign-in lands on "Việc cần làm"; the plan list is next.
    page.wait_for_url("**/viec-can-lam/**")
    page.goto("/")
    expect(page.get_by_role("heading", name="Nghị quyết, kế hoạch")).to_be_visible()
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.locator(".skip-link")).to_be_focused()

    # Tab from the top of the plan list reaches the city's resolution; Enter opens it.
    link = page.locator('a.plan-link[href="/nghi-quyet/thanhpho-2021/"]')
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/nghi-quyet/thanhpho-2021/"))

    # A column of the units table sorts by keyboard, and the focus is visible.
    page.goto("/nghi-quyet/thanhpho-2021/?ky=2021-H1")
    heading = page.get_by_test_id("units-table").locator("th[data-sort]").first
    heading.focus()
    assert heading.evaluate("th => getComputedStyle(th).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(heading).to_have_attribute("aria-sort", "ascending")
