"""A ward's reporter round-trips the Excel template in a real browser (headless chromium)."""

import pytest
from playwright.sync_api import expect

from nghiquyet.reporting.models import SubmissionEntry
from tests.browser import sign_in
from tests.documents.helpers import demo_submission, fill, open_book
from tests.reporting.helpers import plausible_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reporter_downloads_fills_and_uploads_the_template(new_page, tmp_path):
    page = new_page()
    anhoi = demo_submission("28777-cu")
    sign_in(page, "baocao.anhoi")
    page.goto(f"/bao-cao/{anhoi.pk}/")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải mẫu Excel của báo cáo này").click()
    download = info.value
    assert download.suggested_filename == "bao-cao-phuong-an-hoi-2021-H1.xlsx"
    template = tmp_path / download.suggested_filename
    download.save_as(template)
    data = template.read_bytes()
    assert open_book(data).sheetnames[0] == "Số liệu"

    rows = plausible_rows(anhoi)
    filled = tmp_path / "an-hoi-da-dien.xlsx"
    filled.write_bytes(fill(data, rows))
    page.get_by_label("Tệp Excel đã điền (.xlsx)").set_input_files(str(filled))
    page.get_by_role("button", name="Nhập số liệu từ tệp").click()

    # 12, not the 13 rows filled: one count already held the whole number the helper
    # rounds to, so it is not a change (as in test_excel_submission's round trip).
    expect(page.locator(".messages")).to_contain_text(
        "Đã nhập 12 số liệu từ tệp “an-hoi-da-dien.xlsx”."
    )
    jobs = SubmissionEntry.objects.get(submission=anhoi, target__code="23")
    crime = SubmissionEntry.objects.get(submission=anhoi, target__code="36")
    insurance = SubmissionEntry.objects.get(submission=anhoi, target__code="25")
    expect(page.locator(f'[name="e-{jobs.pk}-value"]')).to_have_value(
        rows[jobs.pk]["value"].removesuffix(",00")
    )
    expect(page.locator(f'[name="e-{crime.pk}-value"]')).to_have_value(
        rows[crime.pk]["value"].rstrip("0").rstrip(",")
    )
    numerator = int(rows[insurance.pk]["numerator"])
    expect(page.locator(f'[name="e-{insurance.pk}-numerator"]')).to_have_value(
        f"{numerator:,}".replace(",", ".")
    )
    expect(page.locator(f'[name="e-{insurance.pk}-denominator"]')).to_have_value("10.000")
