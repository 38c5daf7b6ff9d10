"""A report in a real browser: asked for on the dashboard, made by the worker, downloaded."""

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_001 = (
    "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
    "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
)


def test_word_review_from_the_dashboard(new_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # As in production: the job waits in the database for the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = new_page()
    sign_in(page, "vanphong.tinh")
    page.goto("/nghi-quyet/tinh-2022/?ky=2022")
    page.locator('button[data-format="docx"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Tổng kết năm — Nghị quyết số 04-NQ/TU — Năm 2022 (Word)"
    )
    status = page.locator("#job-status")
    expect(status).to_have_attribute("data-status", "queued")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")

    # The worker runs while the page is open; the page notices by itself (htmx polling).
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    expect(status).to_have_attribute("data-status", "done", timeout=15_000)
    with page.expect_download() as info:
        page.get_by_test_id("download").click()
    download = info.value
    assert download.suggested_filename == "bao-cao-tong-ket-tinh-2022-2022.docx"
    doc = Document(str(download.path()))
    assert any(SEED_001 in p.text for p in doc.paragraphs)

    # The user can leave and come back: the job is in "Công việc của tôi".
    page.goto("/tai-lieu/cong-viec/")
    expect(page.locator("table")).to_contain_text("Tổng kết năm — Nghị quyết số 04-NQ/TU")
