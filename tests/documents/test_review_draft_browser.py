"""The done-when of signable reviews, in a real browser: the province's office clerk chooses
the number, date and signer of the 2022 review, writes the sections only people can write,
marks it final, comes back to it, and downloads a Word file that says all of it — with
nothing left to retype (no "DỰ THẢO", no placeholder, the date chosen, the signer named)."""

import io

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from nghiquyet.documents.review_text import TO_WRITE
from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENING = "Năm 2022, tình hình kinh tế - xã hội của tỉnh phục hồi mạnh sau dịch COVID-19."
CAUSE = "Hạn mặn, giá vật tư đầu vào tăng cao."
CAUSE_OWN = "Công tác phối hợp giữa các sở, ngành có lúc chưa chặt chẽ."
DIRECTION = "Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh."


def test_the_clerk_writes_the_review_in_the_web_and_downloads_a_signable_word_file(
    new_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = new_page()
    sign_in(page, "vanphong.tinh")
    page.goto("/tai-lieu/bao-cao/tinh-2022/soan/2022/")
    form = page.get_by_test_id("review-draft-form")
    form.get_by_label("Số văn bản").fill("125")
    form.get_by_label("Ngày văn bản").fill("2022-12-20")
    form.get_by_label("Chức vụ người ký").select_option(label="Bí thư")
    form.get_by_label("Họ tên người ký").fill("Nguyễn Văn Bình")
    form.get_by_label("Mở đầu", exact=False).fill(OPENING)
    form.get_by_label("Nguyên nhân khách quan").fill(CAUSE)
    form.get_by_label("Nguyên nhân chủ quan").fill(CAUSE_OWN)
    form.get_by_label("Phương hướng", exact=False).fill(DIRECTION)
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("revisions")).to_contain_text("1")

    # Back on the page, what was chosen is shown — the date too (a localised date in a date
    # input showed an empty field, and saving again erased it).
    page.reload()
    expect(form.get_by_label("Ngày văn bản")).to_have_value("2022-12-20")
    expect(form.get_by_label("Số văn bản")).to_have_value("125")
    # A second save (marking it final) keeps the date.
    form.get_by_label("Bản chính thức", exact=False).check()
    form.get_by_role("button", name="Lưu").click()
    # the save is a navigation: wait for its page (a second revision) before reloading, or the
    # reload races the form's post
    revisions = page.get_by_test_id("revisions")
    expect(revisions.get_by_role("link", name="Xem phiên bản 2")).to_be_visible()
    page.reload()
    expect(form.get_by_label("Ngày văn bản")).to_have_value("2022-12-20")
    expect(form.get_by_label("Bản chính thức", exact=False)).to_be_checked()

    # Word, made by the worker from the last revision.
    page.locator('button[data-format="docx"]').click()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    status = page.locator("#job-status")
    expect(status).to_have_attribute("data-status", "done", timeout=15_000)
    with page.expect_download() as info:
        page.get_by_test_id("download").click()
    doc = Document(io.BytesIO(info.value.path().read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)

    assert "Số 125-BC/TU" in cells
    assert "Bến Tre, ngày 20 tháng 12 năm 2022" in cells
    assert "Nguyễn Văn Bình" in cells and "T/M BAN THƯỜNG VỤ" in cells
    for written in (OPENING, CAUSE, CAUSE_OWN, DIRECTION):
        assert written in text
    assert "DỰ THẢO" not in text + cells
    # nothing left for the clerk to fill: no placeholder of an unwritten section, no blanks
    assert TO_WRITE not in text and "…" not in text
    assert "Năm 2022, trong 25 chỉ tiêu chủ yếu Nghị quyết số 04-NQ/TU đề ra, có 15/25" in text
