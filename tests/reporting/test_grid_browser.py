"""The data-entry grid never loses a figure (issue 12, item 1), typed in a real browser.

The sequences are the ones a commune reporter tried: "8,5,3" in row 1, "1.234,5" in row 23,
then two ratio rows, numerator first — and after a reload every valid figure is there.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from nghiquyet.reporting.models import Submission, SubmissionEntry
from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def anhoi_report() -> Submission:
    return Submission.objects.get(
        round__plan__code="thanhpho-2021", round__period__key="2021-H1", unit__code="28777-cu"
    )


def open_grid(new_page, submission):
    page = new_page()
    sign_in(page, "baocao.anhoi")
    page.goto(f"/bao-cao/{submission.pk}/")
    return page


def cell(page, entry, field="value"):
    return page.locator(f'[name="e-{entry.pk}-{field}"]')


def ratio_entries(submission):
    """Two ratio rows, emptied as a newcomer finds them."""
    entries = list(
        submission.entries.filter(target__indicator__aggregation="ratio")
        .select_related("target")
        .order_by("order", "pk")[:2]
    )
    assert len(entries) == 2
    SubmissionEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        value=None, numerator=None, denominator=None
    )
    return entries


def test_a_bad_cell_blocks_nothing_and_every_valid_figure_survives_a_reload(new_page):
    report = anhoi_report()
    first = report.entries.get(target__code="1")
    jobs = report.entries.get(target__code="23")
    poor, insured = ratio_entries(report)
    page = open_grid(new_page, report)

    # Row 1: a typing slip. It stays as typed, marked at the cell, and blocks nothing.
    stored = cell(page, first).input_value()
    cell(page, first).fill("8,5,3")
    cell(page, first).press("Tab")
    expect(cell(page, first)).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#msg-e-{first.pk}-value")).to_contain_text("không phải là một số")
    expect(cell(page, first)).to_have_value("8,5,3")

    # Row 23, typed while row 1 is still wrong; Enter moves down to the next row.
    cell(page, jobs).fill("1.234,5")
    cell(page, jobs).press("Enter")
    next_row = page.locator(f'tr[data-entry="{jobs.pk}"] + tr [name$="-value"]').first
    expect(next_row).to_be_focused()

    # Two ratio rows, numerator first: no complaint before the denominator is typed.
    for entry, (num, den) in ((poor, ("30", "4.000")), (insured, ("13.000", "13.500"))):
        cell(page, entry, "numerator").fill(num)
        cell(page, entry, "numerator").press("Tab")
        expect(cell(page, entry, "numerator")).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#msg-e-{entry.pk}-denominator")).to_contain_text("mẫu số")
        cell(page, entry, "denominator").fill(den)
        cell(page, entry, "denominator").press("Tab")
    # The rate appears as soon as the row is saved.
    expect(page.locator(f"#rate-{poor.pk}")).to_have_text("= 0,75 %")
    expect(page.locator(f"#rate-{insured.pk}")).to_contain_text("96,2963")
    expect(page.get_by_test_id("save-status")).to_contain_text("1 ô có lỗi")

    page.reload()
    expect(cell(page, jobs)).to_have_value("1.234,5")
    expect(cell(page, poor, "numerator")).to_have_value("30")
    expect(cell(page, poor, "denominator")).to_have_value("4.000")
    expect(cell(page, insured, "denominator")).to_have_value("13.500")
    expect(cell(page, first)).to_have_value(stored)  # the slip was never saved
    jobs.refresh_from_db()
    insured.refresh_from_db()
    assert jobs.value == Decimal("1234.5")
    assert (insured.numerator, insured.denominator) == (Decimal(13000), Decimal(13500))


def test_a_numerator_alone_is_named_once_the_denominator_is_left_empty(new_page):
    report = anhoi_report()
    poor = ratio_entries(report)[0]
    page = open_grid(new_page, report)
    cell(page, poor, "numerator").fill("30")
    cell(page, poor, "numerator").press("Tab")
    cell(page, poor, "denominator").press("Tab")  # left empty
    expect(cell(page, poor, "denominator")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#msg-e-{poor.pk}-denominator")).to_contain_text(
        "phải nhập cả tử số và mẫu số"
    )


def test_a_save_lost_to_the_network_keeps_the_text_and_is_sent_again(new_page):
    report = anhoi_report()
    jobs = report.entries.get(target__code="23")
    page = open_grid(new_page, report)
    failing = {"on": True}

    def route(r):
        if failing["on"]:
            r.abort("internetdisconnected")
        else:
            r.continue_()

    page.route("**/o/", route)
    cell(page, jobs).fill("240")
    cell(page, jobs).press("Tab")
    expect(page.get_by_test_id("save-status")).to_contain_text("mất kết nối")
    expect(cell(page, jobs)).to_have_value("240")
    failing["on"] = False
    expect(page.get_by_test_id("save-status")).to_contain_text("Đã lưu lúc", timeout=20_000)
    jobs.refresh_from_db()
    assert jobs.value == Decimal(240)


LEAVE = """() => {
    const event = new Event("beforeunload", {cancelable: true});
    window.dispatchEvent(event);
    return event.defaultPrevented;
}"""


def test_leaving_with_an_unsaved_cell_asks_first(new_page):
    report = anhoi_report()
    first = report.entries.get(target__code="1")
    page = open_grid(new_page, report)
    assert page.evaluate(LEAVE) is False  # nothing typed: leave freely
    cell(page, first).fill("8,5,3")
    cell(page, first).press("Tab")
    expect(cell(page, first)).to_have_attribute("aria-invalid", "true")
    assert page.evaluate(LEAVE) is True  # the browser asks before leaving
    cell(page, first).fill("12")
    cell(page, first).press("Tab")
    expect(page.get_by_test_id("save-status")).to_contain_text("Đã lưu lúc")
    assert page.evaluate(LEAVE) is False
