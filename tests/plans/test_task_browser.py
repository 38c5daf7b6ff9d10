"""Task tracking in a real browser: a ward reporter completes its task with evidence."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from nghiquyet.plans import selectors, services
from nghiquyet.plans.models import Task, TaskEvidence
from tests.browser import sign_in
from tests.plans.test_evidence import exe_bytes, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AN_HOI_TASK = "Ra mắt mô hình \u201cKhu phố văn minh đô thị\u201d"


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def reopened_task(demo_loaded, django_user_model, media) -> Task:
    """The An Hội task, reopened at 80 % so that completing it changes its status."""
    task = Task.objects.get(title=AN_HOI_TASK)
    services.task_update_create(
        acting_user=django_user_model.objects.get(username="baocao.anhoi"),
        task=task,
        progress=80,
        note="Chờ quyết định công nhận của UBND thành phố.",
    )
    return task


def test_ward_reporter_completes_its_task_with_a_photo(new_page, reopened_task, media, tmp_path):
    bad = tmp_path / "bao-cao.pdf"
    bad.write_bytes(exe_bytes())
    photo = tmp_path / "Ảnh lễ ra mắt.png"
    photo.write_bytes(png_bytes())

    page = new_page()
    sign_in(page, "baocao.anhoi")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Nhiệm vụ"
    ).click()
    expect(page.get_by_role("heading", name="Nhiệm vụ", exact=True)).to_be_visible()
    expect(page.locator("a.task-link")).to_have_count(1)
    page.get_by_role("link", name=AN_HOI_TASK).click()
    expect(page).to_have_url(re.compile(rf"/nhiem-vu/{reopened_task.pk}/$"))
    status = page.get_by_test_id("task-status")
    expect(status).to_contain_text("chưa hoàn thành quá hạn")
    expect(page.get_by_test_id("owner")).to_have_text("Phường An Hội")

    # A program renamed to .pdf is refused, next to the field, and nothing changes.
    page.get_by_label("Tiến độ (%)", exact=True).fill("100")
    page.get_by_label("Ngày hoàn thành", exact=True).fill("25/06/2021")
    page.get_by_label("Nội dung cập nhật").fill("Đã tổ chức lễ ra mắt; có quyết định công nhận.")
    page.get_by_label("Tệp minh chứng").set_input_files(str(bad))
    page.get_by_role("button", name="Ghi cập nhật").click()
    expect(page.locator("#err-files")).to_contain_text(
        "Tệp 'bao-cao.pdf' không được chấp nhận: chỉ nhận PDF, Word (.docx), Excel (.xlsx), "
        "ảnh PNG hoặc JPEG."
    )
    expect(status).to_contain_text("chưa hoàn thành quá hạn")
    assert not TaskEvidence.objects.exists()

    # What was typed is kept; the photo is chosen again and the update goes through.
    expect(page.get_by_label("Ngày hoàn thành", exact=True)).to_have_value("25/06/2021")
    page.get_by_label("Tệp minh chứng").set_input_files(str(photo))
    page.get_by_role("button", name="Ghi cập nhật").click()

    expect(page.get_by_text("Đã ghi cập nhật tiến độ.")).to_be_visible()
    expect(status).to_contain_text("hoàn thành đúng hạn")
    expect(page.get_by_test_id("completed-on")).to_have_text("25/06/2021")
    history = page.locator("#lich-su .history-item").first
    expect(history).to_contain_text("80% → 100%")
    expect(history).to_contain_text("hoàn thành ngày 25/06/2021")
    link = history.get_by_role("link", name="Ảnh lễ ra mắt.png")
    expect(link).to_be_visible()

    # The download keeps the Vietnamese name and the bytes.
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "Ảnh lễ ra mắt.png"
    assert Path(download.path()).read_bytes() == png_bytes()

    reopened_task.refresh_from_db()
    assert (reopened_task.progress, reopened_task.completed_on) == (100, dt.date(2021, 6, 25))


def test_another_ward_cannot_open_the_task_or_its_evidence(new_page, reopened_task, media):
    page = new_page()
    sign_in(page, "baocao.phutan")
    response = page.goto(f"/nhiem-vu/{reopened_task.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Khu phố văn minh")
    page.goto("/nhiem-vu/")
    expect(page.locator("body")).not_to_contain_text("Khu phố văn minh")


def test_task_list_on_a_phone(new_page, reopened_task, django_user_model):
    page = new_page(viewport={"width": 390, "height": 844})
    sign_in(page, "vanphong.thanhpho")
    page.goto("/nhiem-vu/")
    # The page lists what the selector lets the city's office see, not a number of the demo's.
    office = django_user_model.objects.get(username="vanphong.thanhpho")
    shown = selectors.task_list(user=office)
    assert shown
    expect(page.locator("a.task-link")).to_have_count(len(shown))
    assert (
        page.locator("table.task-table thead").evaluate("e => getComputedStyle(e).display")
        == "none"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
