"""Task pages through Django's test client: scope, the update form, downloads, overdue list."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet import engine
from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans import selectors
from nghiquyet.plans.models import Task, TaskEvidence, TaskUpdate
from tests.plans.test_evidence import (
    REFUSED_TYPE,
    docm_bytes,
    exe_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

AN_HOI_TASK = "Ra mắt mô hình \u201cKhu phố văn minh đô thị\u201d"
PHU_TAN_TASK = "Hỗ trợ sửa chữa nhà ở cho hộ nghèo"


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


def files_on_disk(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def client_for(user, **kwargs) -> Client:
    c = Client(**kwargs)
    c.force_login(user)
    return c


def task(title: str) -> Task:
    return Task.objects.get(title=title)


def detail(t: Task) -> str:
    return reverse("plans:task-detail", args=[t.pk])


def listed_tasks(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-task="(\d+)"', response.content.decode())}


def form_data(**overrides):
    data = {"progress": "100", "completed_on": "28/10/2021", "note": "Đã bàn giao nhà."}
    data.update(overrides)
    return data


# --- access -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["task-list", "task-overdue"])
def test_anonymous_users_are_sent_to_sign_in(name):
    response = Client().get(reverse(f"plans:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_anonymous_users_cannot_post_or_download(media):
    t = task(PHU_TAN_TASK)
    response = Client().post(detail(t), form_data())
    assert response.status_code == 302
    assert not TaskUpdate.objects.exists()
    response = Client().get(reverse("plans:evidence-download", args=[1]))
    assert response.status_code == 302


def test_nav_links_to_the_task_list(users):
    html = client_for(users["baocao.anhoi"]).get("/").content.decode()
    assert '<a href="/nhiem-vu/">Nhiệm vụ</a>' in html


# --- list -------------------------------------------------------------------------


def test_a_ward_lists_the_city_task_it_owns_and_nothing_of_another_ward(users):
    response = client_for(users["baocao.anhoi"]).get("/nhiem-vu/")
    html = response.content.decode()
    assert response.status_code == 200
    assert listed_tasks(response) == {task(AN_HOI_TASK).pk}
    assert "Ra mắt mô hình “Khu phố văn minh đô thị”" in html
    assert "Quyết định công nhận khu phố văn minh đô thị" in html  # product
    assert "30/06/2021" in html  # deadline, dd/mm/yyyy
    assert 'data-status="done_on_time">hoàn thành đúng hạn</span>' in html
    assert PHU_TAN_TASK not in html and "Phường Phú Tân" not in html
    # the ward does not see the city plan: its heading is not a link to the dashboard
    assert "/nghi-quyet/thanhpho-2021/" not in html


def test_list_row_has_progress_status_and_days_overdue(users):
    response = client_for(users["vanphong.thanhpho"]).get("/nhiem-vu/?trang_thai=open_overdue")
    html = response.content.decode()
    t = task(PHU_TAN_TASK)
    assert t.pk in listed_tasks(response)
    days = (timezone.localdate() - t.deadline).days
    row = re.search(rf'<tr class="row-open_overdue" data-task="{t.pk}">(.*?)</tr>', html, re.S)
    assert row, "the Phú Tân task is listed as overdue"
    cells = row.group(1)
    assert 'aria-valuenow="40"' in cells and "40%" in cells
    assert "chưa hoàn thành quá hạn" in cells
    assert f"{days:,}".replace(",", ".") in cells  # 1.847 — Vietnamese grouping
    assert "31/10/2021" in cells


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "trang_thai=done_late",
            {
                "Kêu gọi đầu tư chợ đêm và bến tàu du lịch thành phố",
                "Xây dựng xã Phú Nhuận đạt chuẩn nông thôn mới nâng cao",
                # from the conclusion notice of the city's Ban Thường vụ meeting (demo)
                "Triển khai bộ phận một cửa số tại phường",
            },
        ),
        ("q=văn+minh", {AN_HOI_TASK}),
        ("don_vi={unit}", {PHU_TAN_TASK}),
        ("nghi_quyet=tinh-2022&q=quy+hoạch", set()),  # the city office cannot see that plan
    ],
)
def test_list_filters(users, units, query, expected):
    url = "/nhiem-vu/?" + query.format(unit=units["28757"].pk)
    response = client_for(users["vanphong.thanhpho"]).get(url)
    want = {t.pk for t in Task.objects.filter(title__in=expected)}
    assert listed_tasks(response) == want
    if not want:
        assert "Không có nhiệm vụ nào trong phạm vi của bạn" in response.content.decode()


def test_status_tiles_count_the_list(users):
    response = client_for(users["vanphong.thanhpho"]).get("/nhiem-vu/")
    html = response.content.decode()
    counts = selectors.task_status_counts(selectors.task_list(user=users["vanphong.thanhpho"]))
    for key, n in counts.items():
        assert re.search(rf'data-status="{key}">\s*<a [^>]*>\s*<span class="tile-n">{n}<', html)


def test_bad_filter_values_are_ignored(users):
    response = client_for(users["baocao.anhoi"]).get(
        "/nhiem-vu/?don_vi=abc&trang_thai=xoa&nghi_quyet=../&trang=-1"
    )
    assert response.status_code == 200
    assert listed_tasks(response) == {task(AN_HOI_TASK).pk}


# --- detail -----------------------------------------------------------------------


def test_detail_shows_the_job_the_people_the_product_and_the_deadline(users, units):
    t = task(AN_HOI_TASK)
    t.partner_units.add(units["829-VHTT"])
    response = client_for(users["lanhdao.anhoi"]).get(detail(t))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong data-testid="owner">Phường An Hội</strong>' in html
    assert units["829-VHTT"].name in html
    assert "Quyết định công nhận khu phố văn minh đô thị" in html
    assert "30/06/2021" in html and "18/06/2021" in html
    assert "hoàn thành đúng hạn" in html
    # the approver reads but has no form
    assert 'name="progress"' not in html
    assert "Cán bộ báo cáo của đơn vị chủ trì cập nhật tiến độ" in html


def test_reporter_of_the_owner_unit_gets_the_form(users):
    html = client_for(users["baocao.anhoi"]).get(detail(task(AN_HOI_TASK))).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'type="file" name="files" id="id_files" multiple' in html


@pytest.mark.parametrize("username", ["baocao.anhoi", "lanhdao.anhoi", "baocao.skhdt"])
def test_another_units_task_is_404_by_url_and_leaks_nothing(users, username):
    t = task(PHU_TAN_TASK)
    response = client_for(users[username]).get(detail(t))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert PHU_TAN_TASK not in html and t.product not in html


def test_posting_to_another_units_task_is_404_and_writes_nothing(users, media):
    t = task(PHU_TAN_TASK)
    response = client_for(users["baocao.anhoi"]).post(
        detail(t), {**form_data(), "files": upload("a.pdf", pdf_bytes())}
    )
    assert response.status_code == 404
    t.refresh_from_db()
    assert (t.progress, t.completed_on) == (40, None)
    assert not TaskUpdate.objects.exists() and files_on_disk(media) == []


@pytest.mark.parametrize("username", ["lanhdao.anhoi", "vanphong.thanhpho", "lanhdao.tinh"])
def test_those_who_only_read_cannot_post(users, media, username):
    t = task(AN_HOI_TASK)
    response = client_for(users[username]).post(
        detail(t), {**form_data(progress="50", completed_on=""), "files": upload("a.pdf", b"%PDF-")}
    )
    assert response.status_code == 403
    t.refresh_from_db()
    assert t.progress == 100
    assert not TaskUpdate.objects.exists() and files_on_disk(media) == []


# --- posting an update --------------------------------------------------------------


def test_owner_reporter_posts_an_update_and_everyone_in_scope_downloads_the_pdf(users, media):
    t = task(PHU_TAN_TASK)
    data = pdf_bytes()
    reporter = client_for(users["baocao.phutan"])
    response = reporter.post(
        detail(t),
        {
            **form_data(),
            "files": upload("Biên bản bàn giao nhà.pdf", data, content_type="text/html"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail(t) + "#lich-su"
    t.refresh_from_db()
    assert (t.progress, t.completed_on) == (100, dt.date(2021, 10, 28))
    item = TaskEvidence.objects.get(update__task=t)
    event = AuditEvent.objects.get(action="task.progress", object_id=str(t.pk))
    assert event.changes["progress"] == [40, 100]

    page = reporter.get(detail(t))
    html = page.content.decode()
    assert "Đã ghi cập nhật tiến độ." in html
    assert "40% → 100%" in html and "Đã bàn giao nhà." in html
    assert "hoàn thành đúng hạn" in html  # 28/10/2021, deadline 31/10/2021
    url = reverse("plans:evidence-download", args=[item.pk])
    assert f'href="{url}"' in html and "Biên bản bàn giao nhà.pdf" in html

    for username in ["baocao.phutan", "vanphong.thanhpho", "vanphong.tinh", "lanhdao.tinh"]:
        response = client_for(users[username]).get(url)
        assert response.status_code == 200, username
        assert b"".join(response.streaming_content) == data
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''" + quote("Biên bản bàn giao nhà.pdf")
        )
        assert "sandbox" in response["Content-Security-Policy"]

    for username in ["baocao.anhoi", "lanhdao.anhoi", "baocao.skhdt"]:
        response = client_for(users[username]).get(url)
        assert response.status_code == 404, username
        assert b"%PDF" not in response.content


def test_an_ascii_name_is_sent_as_a_plain_filename(users, media):
    t = task(AN_HOI_TASK)
    client = client_for(users["baocao.anhoi"])
    client.post(
        detail(t), {**form_data(completed_on="18/06/2021"), "files": upload("anh.png", png_bytes())}
    )
    item = TaskEvidence.objects.get()
    response = client.get(reverse("plans:evidence-download", args=[item.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="anh.png"'
    assert response["Content-Type"] == "image/png"


def test_a_missing_file_on_disk_is_404_not_500(users, media):
    t = task(AN_HOI_TASK)
    client = client_for(users["baocao.anhoi"])
    client.post(
        detail(t),
        {**form_data(completed_on="18/06/2021"), "files": upload("a.pdf", pdf_bytes())},
    )
    for path in files_on_disk(media):
        path.unlink()
    item = TaskEvidence.objects.get()
    assert client.get(reverse("plans:evidence-download", args=[item.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bao-cao.pdf", exe_bytes(), REFUSED_TYPE.format(name="bao-cao.pdf")),
        (
            "ke-hoach.docm",
            docm_bytes(),
            "Tệp &#x27;ke-hoach.docm&#x27; có chứa macro (vbaProject.bin)",
        ),
        (
            "quyet-dinh.docx",
            pdf_bytes(),
            "Tệp &#x27;quyet-dinh.docx&#x27; có nội dung là PDF nhưng phần mở rộng là",
        ),
    ],
)
def test_a_refused_file_is_shown_next_to_the_field_and_nothing_is_saved(
    users, media, name, data, message
):
    t = task(PHU_TAN_TASK)
    response = client_for(users["baocao.phutan"]).post(
        detail(t), {**form_data(), "files": [upload("anh.png", png_bytes()), upload(name, data)]}
    )
    html = response.content.decode()
    assert response.status_code == 400
    errors = re.search(r'<div id="err-files">(.*?)</div>', html, re.S).group(1)
    assert message.replace("'", "&#x27;") in errors
    assert "Các tệp đã chọn chưa được lưu; hãy chọn lại sau khi sửa lỗi." in html
    # what was typed is kept
    assert "Đã bàn giao nhà.</textarea>" in html and 'value="28/10/2021"' in html
    t.refresh_from_db()
    assert t.progress == 40
    assert not TaskUpdate.objects.exists() and files_on_disk(media) == []
    assert not AuditEvent.objects.filter(action="task.progress").exists()


@pytest.mark.parametrize(
    ("data", "error_id", "message"),
    [
        ({"progress": "abc"}, "err-progress", "Tiến độ phải là số nguyên từ 0 đến 100."),
        ({"progress": "150"}, "err-progress", "Tiến độ phải là số nguyên từ 0 đến 100."),
        ({"progress": ""}, "err-progress", "Hãy nhập tiến độ (%), từ 0 đến 100."),
        (
            {"completed_on": "31/02/2021"},
            "err-completed",
            "Ngày hoàn thành phải viết theo dạng ngày/tháng/năm, ví dụ 18/06/2021.",
        ),
        ({"completed_on": ""}, "err-completed", "Tiến độ 100% thì phải ghi ngày hoàn thành."),
        ({"note": ""}, "err-note", "Hãy ghi nội dung cập nhật: đã làm được gì"),
    ],
)
def test_bad_input_is_explained_in_vietnamese_next_to_the_field(
    users, media, data, error_id, message
):
    t = task(PHU_TAN_TASK)
    response = client_for(users["baocao.phutan"]).post(detail(t), form_data(**data))
    html = response.content.decode()
    assert response.status_code == 400
    errors = re.search(rf'<div id="{error_id}">(.*?)</div>', html, re.S).group(1)
    assert message in errors
    assert 'aria-invalid="true"' in html
    assert not TaskUpdate.objects.exists()


def test_csrf_is_enforced_on_the_update_form(users, media):
    t = task(PHU_TAN_TASK)
    client = client_for(users["baocao.phutan"], enforce_csrf_checks=True)
    response = client.post(detail(t), {**form_data(), "files": upload("a.pdf", pdf_bytes())})
    assert response.status_code == 403
    assert not TaskUpdate.objects.exists() and files_on_disk(media) == []


def test_an_oversized_request_is_refused_before_it_is_read(users, media, settings):
    settings.NGHIQUYET_EVIDENCE_MAX_BYTES = 1000
    t = task(PHU_TAN_TASK)
    big = pdf_bytes(extra=1024 * 1024 + 10_000)  # over 5 × 1000 bytes + 1 MB of room
    response = client_for(users["baocao.phutan"]).post(
        detail(t), {**form_data(), "files": upload("lon.pdf", big)}
    )
    html = response.content.decode()
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in html and "Chưa có gì được lưu." in html
    assert not TaskUpdate.objects.exists() and files_on_disk(media) == []


def test_an_oversized_request_to_another_units_task_is_still_404(users, settings):
    settings.NGHIQUYET_EVIDENCE_MAX_BYTES = 1000
    t = task(PHU_TAN_TASK)
    response = client_for(users["baocao.anhoi"]).post(
        detail(t), {**form_data(), "files": upload("lon.pdf", pdf_bytes(extra=1024 * 1024 + 10))}
    )
    assert response.status_code == 404


# --- overdue page -----------------------------------------------------------------


def overdue_table(html: str) -> dict[str, dict[str, int]]:
    """Unit code → status → count, read from the page's table."""
    table = {}
    for code, row in re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r'data-status="(\w+)" class="num">(?:<span class="muted">)?(\d+)', row)
        table[code] = {key: int(n) for key, n in cells}
    return table


def test_overdue_page_counts_per_unit_match_the_engine(users):
    user = users["vanphong.tinh"]
    response = client_for(user).get("/nhiem-vu/qua-han/")
    html = response.content.decode()
    assert response.status_code == 200
    table = overdue_table(html)
    today = timezone.localdate()
    tasks = list(Task.objects.select_related("owner_unit"))
    want: dict[str, dict[str, int]] = {}
    for code in {t.owner_unit.code for t in tasks}:
        owned = [t for t in tasks if t.owner_unit.code == code]
        statuses = engine.task_status(
            [t.deadline for t in owned], [t.completed_on for t in owned], today
        )
        want[code] = engine.count_statuses(statuses)
    assert table == want
    # sorted by overdue count, most first
    overdue = [table[code]["open_overdue"] for code in table]
    assert overdue == sorted(overdue, reverse=True)
    # the overdue tasks are grouped by unit below the table
    t = task(PHU_TAN_TASK)
    section = re.search(
        r'<div class="card overdue-unit"[^>]*data-unit="28757">(.*?)</table>', html, re.S
    )
    assert section and f'data-task="{t.pk}"' in section.group(1)


def test_overdue_page_can_be_sorted_by_unit(users):
    response = client_for(users["vanphong.thanhpho"]).get("/nhiem-vu/qua-han/?sap_xep=don-vi")
    codes = list(overdue_table(response.content.decode()))
    want = [
        e.unit.code
        for e in selectors.task_overdue_by_unit(user=users["vanphong.thanhpho"], sort="unit")
    ]
    assert codes == want
    assert "Sắp xếp theo thứ tự đơn vị." in response.content.decode()


def test_overdue_page_of_a_ward_shows_only_that_ward(users):
    html = client_for(users["baocao.anhoi"]).get("/nhiem-vu/qua-han/").content.decode()
    assert list(overdue_table(html)) == ["28777-cu"]
    assert PHU_TAN_TASK not in html
    assert "Không có nhiệm vụ nào quá hạn." in html


@pytest.mark.parametrize(
    "url",
    [
        "/nhiem-vu/99999999999999999999999/",
        "/nhiem-vu/0/",
        "/nhiem-vu/minh-chung/99999999999999999999999/",
        "/nhiem-vu/minh-chung/0/",
    ],
)
def test_unknown_ids_are_404_not_500(users, url):
    assert client_for(users["quantri"]).get(url).status_code == 404


def test_a_nul_character_in_the_note_is_refused_in_vietnamese(users, media):
    t = task(PHU_TAN_TASK)
    response = client_for(users["baocao.phutan"]).post(detail(t), form_data(note="Đã bàn giao\x00"))
    assert response.status_code == 400
    assert "Nội dung cập nhật có ký tự không hợp lệ (NUL); hãy gõ lại." in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_methods_other_than_get_and_post_are_refused(users):
    t = task(AN_HOI_TASK)
    client = client_for(users["baocao.anhoi"])
    assert client.put(detail(t)).status_code == 405
    assert client.post("/nhiem-vu/qua-han/").status_code == 405


def test_admin_shows_updates_read_only_and_links_evidence_through_the_checked_view(users, media):
    t = task(AN_HOI_TASK)
    client_for(users["baocao.anhoi"]).post(
        detail(t),
        {**form_data(completed_on="18/06/2021"), "files": upload("qd.pdf", pdf_bytes())},
    )
    update, item = TaskUpdate.objects.get(), TaskEvidence.objects.get()
    admin = client_for(users["quantri"])
    download = reverse("plans:evidence-download", args=[item.pk])
    for url in [
        reverse("admin:plans_taskupdate_change", args=[update.pk]),
        reverse("admin:plans_taskevidence_change", args=[item.pk]),
    ]:
        html = admin.get(url).content.decode()
        assert f'href="{download}"' in html, url
        assert item.file.name not in html, url  # the stored path is never shown or linked
    assert admin.get(reverse("admin:plans_taskupdate_add")).status_code == 403
    delete = reverse("admin:plans_taskevidence_delete", args=[item.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 403
    assert TaskEvidence.objects.filter(pk=item.pk).exists()
