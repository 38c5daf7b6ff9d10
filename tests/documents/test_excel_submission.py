"""A unit's report as an Excel template: what the file holds, and importing it back."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.documents.models import Job
from nghiquyet.documents.problems import ImportInvalid
from nghiquyet.documents.services import submission_import
from nghiquyet.documents.submission_excel.spec import COL_ID, META_SHEET
from nghiquyet.documents.submission_excel.template import submission_template
from nghiquyet.plans.display import target_text
from nghiquyet.reporting.models import Submission, SubmissionEntry, SubmissionEvent
from nghiquyet.reporting.selectors.submissions import submission_grid
from nghiquyet.reporting.workflow import submission_save
from tests.documents.helpers import (
    client_for,
    demo_submission,
    entry_rows,
    fill,
    open_book,
    save_book,
    zip_bytes,
)
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def anhoi() -> Submission:
    return demo_submission("28777-cu")


def entry(submission: Submission, code: str) -> SubmissionEntry:
    return submission.entries.select_related("target").get(target__code=code)


def download(client, submission: Submission) -> bytes:
    response = client.get(reverse("documents:submission-template", args=[submission.pk]))
    assert response.status_code == 200
    return response.content


def upload(client, submission: Submission, data: bytes, name: str = "bao-cao-an-hoi.xlsx"):
    return client.post(
        reverse("documents:submission-import", args=[submission.pk]),
        {"tep": SimpleUploadedFile(name, data, content_type=XLSX)},
    )


def snapshot(submission: Submission) -> list[tuple]:
    return list(
        SubmissionEntry.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("value", "numerator", "denominator", "status", "note")
    )


def state(submission: Submission) -> tuple:
    submission.refresh_from_db()
    return (
        submission.revision,
        snapshot(submission),
        SubmissionEvent.objects.filter(submission=submission).count(),
        AuditEvent.objects.count(),
    )


# --- the template --------------------------------------------------------------------------


def test_the_template_holds_the_grid_locked_except_the_inputs(users, anhoi):
    response = client_for(users["baocao.anhoi"]).get(
        reverse("documents:submission-template", args=[anhoi.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="bao-cao-phuong-an-hoi-2021-H1.xlsx"' in response["Content-Disposition"]

    wb = open_book(response.content)
    assert wb.sheetnames == ["Số liệu", "Hướng dẫn", META_SHEET]
    ws, guide, meta = wb["Số liệu"], wb["Hướng dẫn"], wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert ws.sheet_state == guide.sheet_state == "visible"
    assert wb.security.lockStructure

    # Title rows, a frozen header.
    titles = " ".join(str(ws.cell(row=r, column=1).value) for r in range(1, 6))
    assert "Phường An Hội" in titles and "6 tháng đầu năm 2021" in titles
    assert "Hạn gửi: 20/06/2021" in titles and "15/12/2020 đến 14/06/2021" in titles
    header = [ws.cell(row=6, column=c).value for c in range(1, 13)]
    assert header == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch",
        "Kỳ trước",
        "Kỳ của số liệu trước",
        "Cùng kỳ năm trước",
        "Giá trị",
        "Tử số",
        "Mẫu số",
        "Tình trạng",
        "Ghi chú, giải trình",
    ]
    assert ws.freeze_panes == "C7"
    assert ws.column_dimensions["M"].hidden

    # Sheet protection on, without a password; only the input cells unlocked.
    assert ws.protection.sheet is True
    assert ws.protection.password is None
    grid = submission_grid(submission=anhoi)
    assert len(grid) == anhoi.entries.count() > 0
    for i, row in enumerate(grid):
        r = 7 + i
        e, t = row.entry, row.entry.target
        assert ws.cell(row=r, column=1).value == t.code
        assert ws.cell(row=r, column=2).value == t.name
        assert ws.cell(row=r, column=3).value == t.unit_of_measure
        assert ws.cell(row=r, column=4).value == target_text(t)
        assert ws.cell(row=r, column=COL_ID).value == str(e.pk)
        if row.previous is not None:
            assert ws.cell(row=r, column=5).value == pytest.approx(float(row.previous.value))
            assert ws.cell(row=r, column=6).value == row.previous.period.label
        inputs = {8, 11, 12} | ({9, 10} if row.is_ratio else set())
        for col in range(1, 14):
            locked = ws.cell(row=r, column=col).protection.locked
            assert locked is (col not in inputs), (t.code, col)
    for col in range(1, 14):
        assert ws.cell(row=6, column=col).protection.locked
        assert ws.cell(row=3, column=1).protection.locked

    # The draft is prefilled: a plain figure, a ratio by numerator and denominator.
    first, second = entry(anhoi, "1"), entry(anhoi, "2")
    assert first.value is not None and second.numerator is not None
    assert ws["H7"].value == float(first.value) and ws["K7"].value == "ước thực hiện"
    assert (ws["I8"].value, ws["J8"].value, ws["H8"].value) == (
        float(second.numerator),
        float(second.denominator),
        None,
    )
    assert ws["H14"].value is None  # 23. Giải quyết việc làm, still to fill
    assert ws["H7"].number_format.startswith("#,##0")
    assert ws["I13"].number_format == "#,##0"

    # Data validation on every input range.
    validations = {(dv.type, str(dv.sqref)): dv for dv in ws.data_validations.dataValidation}
    # The value takes a figure as reports print it ("khoảng 22.710"): a prompt, no refusal.
    figure = next(dv for (kind, _r), dv in validations.items() if kind is None and "H" in _r)
    assert "H7:H20" in str(figure.sqref)
    assert not figure.showErrorMessage and "khoảng 22.710" in figure.prompt
    ratio = next(dv for (kind, _r), dv in validations.items() if kind == "decimal" and "I" in _r)
    assert "I8:I9" in str(ratio.sqref) and "J8:J9" in str(ratio.sqref)
    assert "H8" not in str(ratio.sqref)
    status = next(dv for (kind, _r), dv in validations.items() if kind == "list")
    assert str(status.sqref) == "K7:K20"
    assert status.formula1 == '"ước thực hiện,sơ bộ,chính thức"'
    notes = next(dv for (kind, _r), dv in validations.items() if kind == "textLength")
    assert str(notes.sqref) == "L7:L20" and notes.formula1 == "4000"

    # Instructions in Vietnamese.
    text = " ".join(str(c.value) for c in guide["A"] if c.value)
    for words in (
        "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO SỐ LIỆU",
        "ô nền vàng",
        "1.234,5",
        "Paste Special → Values",
        "tử số và mẫu số",
        "“Đạt” hoặc “Chưa đạt”",
        "ước thực hiện, sơ bộ, chính thức",
        "Nhập số liệu từ tệp",
        "Phường An Hội",
    ):
        assert words in text, words
    assert guide.protection.sheet


def test_a_yes_no_target_gets_a_list(users):
    militia = Submission.objects.get(round__period__key="2021-H1", unit__code="829-BCHQS")
    data, _name = submission_template(user=users["quantri"], submission=militia)
    ws = open_book(data)["Số liệu"]
    where = entry_rows(ws)
    yes_no = militia.entries.get(target__direction="yes_no")
    r = where[yes_no.pk]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    choice = next(dv for dv in lists if f"H{r}" in dv.sqref)
    assert choice.formula1 == '"Đạt,Chưa đạt"'

    ws.cell(row=r, column=8).value = "Chưa đạt"
    result = submission_import(
        acting_user=users["quantri"],
        submission=militia,
        data=save_book(ws.parent),
        filename="quan-su.xlsx",
    )
    assert result.changed == 1
    yes_no.refresh_from_db()
    assert yes_no.value == 0

    ws.cell(row=r, column=8).value = "có lẽ"
    militia.refresh_from_db()
    with pytest.raises(ImportInvalid) as caught:
        submission_import(
            acting_user=users["quantri"],
            submission=militia,
            data=save_book(ws.parent),
            filename="quan-su.xlsx",
        )
    assert f"dòng {r}, cột H" in " ".join(caught.value.messages)
    assert "“có lẽ” không phải là đạt/không đạt; ghi Đạt" in " ".join(caught.value.messages)


# --- the round trip ------------------------------------------------------------------------


def test_round_trip_fills_the_draft_and_reimporting_changes_nothing(users, anhoi):
    client = client_for(users["baocao.anhoi"])
    rows = plausible_rows(anhoi)
    filled = fill(download(client, anhoi), rows)
    before = snapshot(anhoi)
    audits = AuditEvent.objects.filter(action="submission.import").count()

    response = upload(client, anhoi, filled, "an-hoi-6-thang.xlsx")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/bao-cao/{anhoi.pk}/#excel")
    after = snapshot(anhoi)
    changed = sum(1 for a, b in zip(before, after, strict=True) if a != b)
    # 14 rows; two already hold the figure the helper picks (row 1, and a count the demo
    # reported as the whole number the helper rounds to).
    assert changed == 12

    page = client.get(response["Location"]).content.decode()
    assert f"Đã nhập {changed} số liệu từ tệp “an-hoi-6-thang.xlsx”." in page
    for entry_id, row in rows.items():
        e = SubmissionEntry.objects.get(pk=entry_id)
        if "numerator" in row:
            assert e.numerator == Decimal(row["numerator"])
            assert e.denominator == Decimal(row["denominator"])
            assert e.value == (e.numerator / e.denominator * 100).quantize(Decimal("0.000001"))
        else:
            assert e.value == Decimal(row["value"].replace(",", "."))
    event = AuditEvent.objects.filter(action="submission.import").latest("pk")
    assert AuditEvent.objects.filter(action="submission.import").count() == audits + 1
    assert event.object_id == str(anhoi.pk)
    assert event.changes == {"file": [None, "an-hoi-6-thang.xlsx"], "figures": [None, 12]}
    assert event.actor == users["baocao.anhoi"]

    # The same file again: no save, no new revision, no history line, no audit event.
    unchanged = state(anhoi)
    again = upload(client, anhoi, filled, "an-hoi-6-thang.xlsx")
    assert again.status_code == 302
    assert "không có gì thay đổi" in client.get(again["Location"]).content.decode()
    assert state(anhoi) == unchanged


def test_numbers_typed_as_text_either_way(users, anhoi):
    client = client_for(users["baocao.anhoi"])
    wb = open_book(download(client, anhoi))
    ws = wb["Số liệu"]
    ws["H14"] = "1.234,5"  # 23. Giải quyết việc làm
    ws["H10"] = "2,5"  # 14.
    assert upload(client, anhoi, save_book(wb)).status_code == 302
    assert entry(anhoi, "23").value == Decimal("1234.5")
    assert entry(anhoi, "14").value == Decimal("2.5")

    wb = open_book(download(client, anhoi))
    ws = wb["Số liệu"]
    ws["H14"] = "1,250.75"
    ws["H11"] = "0.5"
    assert upload(client, anhoi, save_book(wb)).status_code == 302
    assert entry(anhoi, "23").value == Decimal("1250.75")
    assert entry(anhoi, "15").value == Decimal("0.5")


# --- broken copies: every problem listed, nothing written ----------------------------------


def test_a_broken_copy_is_rejected_cell_by_cell(users, anhoi):
    client = client_for(users["baocao.anhoi"])
    wb = open_book(download(client, anhoi))
    ws = wb["Số liệu"]
    ws["H14"] = "abc"  # 23. Giải quyết việc làm
    ws["K10"] = "xong rồi"  # 14. Doanh nghiệp thành lập mới
    ws["I8"], ws["J8"] = 5, None  # 2. a numerator only
    ws["H12"] = 50  # 20. a rate that does not match its numerator / denominator
    ws["I10"] = 7  # 14. is not a ratio
    ws.delete_rows(19)  # 36. Kéo giảm phạm pháp hình sự; 42 moves up to row 19
    ws["H19"] = 60  # 42. still found by its id
    before = state(anhoi)

    response = upload(client, anhoi, save_book(wb))
    assert response.status_code == 422
    problems = response.context["excel_problems"]
    assert problems == [
        "Trang 'Số liệu', dòng 8, cột J (Mẫu số — 2. Tổ chức cơ sở đảng hoàn thành tốt nhiệm "
        "vụ): phải nhập cả tử số và mẫu số, hoặc bỏ trống cả hai",
        "Trang 'Số liệu', dòng 10, cột I (Tử số — 14. Doanh nghiệp thành lập mới): chỉ tiêu này "
        "không nhập tử số, mẫu số; hãy để trống ô này",
        "Trang 'Số liệu', dòng 10, cột K (Tình trạng — 14. Doanh nghiệp thành lập mới): “xong "
        "rồi” không phải tình trạng số liệu; ghi ước thực hiện (hoặc ước), sơ bộ hoặc chính thức",
        "Trang 'Số liệu', dòng 12, cột H (Giá trị — 20. Hộ dân sử dụng nước sạch): tỷ lệ 50 "
        "không khớp tử số / mẫu số (96,06); để trống ô Giá trị để hệ thống tự tính",
        "Trang 'Số liệu', dòng 14, cột H (Giá trị — 23. Giải quyết việc làm): “abc” không phải "
        "là một số; viết số như 1.234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần "
        "thập phân), có thể kèm chữ như trong báo cáo: khoảng 22.710, ước 7,35, 61-62, trên 4, "
        "giảm 1,72%, 10.994 người",
        "Trang 'Số liệu': không thấy dòng của chỉ tiêu 36. Kéo giảm phạm pháp hình sự (dòng 19 "
        "trong mẫu) — có thể đã bị xóa; hãy khôi phục dòng đó hoặc tải mẫu mới.",
    ]
    html = response.content.decode()
    assert "Chưa nhập tệp bao-cao-an-hoi.xlsx: 6 lỗi. Không có số liệu nào được ghi." in html
    assert 'data-testid="excel-problems"' in html
    assert state(anhoi) == before


def test_a_formula_is_refused_and_nothing_written(users, anhoi):
    client = client_for(users["baocao.anhoi"])
    wb = open_book(download(client, anhoi))
    wb["Số liệu"]["H14"] = "=H10*2"
    before = state(anhoi)
    response = upload(client, anhoi, save_book(wb))
    assert response.status_code == 422
    assert response.context["excel_problems"][0] == (
        "Trang 'Số liệu', ô H14 chứa công thức; hãy dán giá trị (Paste Special → Values) rồi tải "
        "lên lại."
    )
    assert state(anhoi) == before


def test_an_altered_or_missing_hidden_sheet_is_refused(users, anhoi):
    client = client_for(users["baocao.anhoi"])
    data = download(client, anhoi)
    wb = open_book(data)
    meta = wb[META_SHEET]
    row = next(r for r in range(1, 60) if meta.cell(row=r, column=1).value == "entry")
    other = SubmissionEntry.objects.exclude(submission=anhoi).first()
    meta.cell(row=row, column=2).value = str(other.pk)
    wb["Số liệu"]["H14"] = 300
    before = state(anhoi)
    response = upload(client, anhoi, save_book(wb))
    assert response.status_code == 422
    assert (
        "Phần thông tin ẩn của tệp “bao-cao-an-hoi.xlsx” đã bị sửa"
        in (response.context["excel_problems"][0])
    )

    wb = open_book(data)
    del wb[META_SHEET]
    wb["Số liệu"]["H14"] = 300
    response = upload(client, anhoi, save_book(wb))
    assert response.status_code == 422
    assert "không phải mẫu báo cáo do hệ thống tạo ra" in response.context["excel_problems"][0]
    assert state(anhoi) == before


def test_another_wards_template_is_refused(users, anhoi):
    phu_tan = demo_submission("28757")
    data, name = submission_template(user=users["vanphong.thanhpho"], submission=phu_tan)
    assert name == "bao-cao-phuong-phu-tan-2021-H1.xlsx"
    before = state(anhoi)
    response = upload(client_for(users["baocao.anhoi"]), anhoi, data, name)
    assert response.status_code == 422
    assert response.context["excel_problems"] == [
        "Tệp này là mẫu báo cáo của Phường Phú Tân, kỳ 6 tháng đầu năm 2021; hãy tải mẫu của "
        "báo cáo này (Phường An Hội, kỳ 6 tháng đầu năm 2021) rồi điền vào đó."
    ]
    assert state(anhoi) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("van-ban.xlsx", zip_bytes({"word/document.xml": b"<w/>"}), "văn bản Word (.docx)"),
        ("bang.xlsx", "STT;Giá trị\n23;245\n".encode(), "tệp văn bản (CSV hoặc TXT)"),
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97–2003 (.xls)"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_on_the_page(users, anhoi, name, content, words):
    before = state(anhoi)
    response = upload(client_for(users["baocao.anhoi"]), anhoi, content, name)
    assert response.status_code == 422
    assert words in response.context["excel_problems"][0]
    assert state(anhoi) == before


def test_no_file_and_a_file_too_large(users, anhoi, settings):
    client = client_for(users["baocao.anhoi"])
    response = client.post(reverse("documents:submission-import", args=[anhoi.pk]), {})
    assert response.status_code == 422
    assert response.context["excel_problems"] == ["Hãy chọn tệp Excel (.xlsx) để tải lên."]
    settings.NGHIQUYET_XLSX_MAX_BYTES = 1000
    response = upload(client, anhoi, bytes(5000))
    assert response.status_code == 422
    assert "vượt giới hạn" in response.context["excel_problems"][0]


def test_a_report_already_sent_takes_no_import(users):
    sent = demo_submission("28762")  # Phường 6, submitted
    data, name = submission_template(user=users["quantri"], submission=sent)
    response = upload(client_for(users["quantri"]), sent, data, name)
    assert response.status_code == 422
    assert "không sửa, không nhập số liệu được nữa" in response.context["excel_problems"][0]


# --- working alongside the web grid --------------------------------------------------------


def test_cells_left_alone_never_overwrite_figures_changed_meanwhile(users, anhoi):
    reporter = users["baocao.anhoi"]
    client = client_for(reporter)
    data = download(client, anhoi)
    e14, e23 = entry(anhoi, "14"), entry(anhoi, "23")
    anhoi.refresh_from_db()
    submission_save(
        acting_user=reporter,
        submission=anhoi,
        revision=anhoi.revision,
        rows={e14.pk: {"value": "7"}, e23.pk: {"value": "300"}},
    )

    # Both changed 23, differently: a conflict, nothing written.
    wb = open_book(data)
    wb["Số liệu"]["H14"] = 245
    before = state(anhoi)
    response = upload(client, anhoi, save_book(wb))
    assert response.status_code == 422
    assert response.context["excel_problems"] == [
        "Trang 'Số liệu', dòng 14, cột H (Giá trị — 23. Giải quyết việc làm): số liệu này đã "
        "được sửa trên hệ thống sau khi bạn tải mẫu (hiện là “300”); hãy tải mẫu mới rồi điền lại"
    ]
    assert state(anhoi) == before

    # Only 1 changed in the file: 14 keeps the figure typed on the web since.
    wb = open_book(data)
    wb["Số liệu"]["H7"] = 11
    assert upload(client, anhoi, save_book(wb)).status_code == 302
    assert entry(anhoi, "1").value == 11
    assert entry(anhoi, "14").value == 7
    assert entry(anhoi, "23").value == 300


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "get", "post"),
    [
        ("baocao.anhoi", 200, 302),
        ("lanhdao.anhoi", 200, 403),
        ("vanphong.thanhpho", 200, 403),
        ("lanhdao.tinh", 200, 403),
        ("baocao.phutan", 404, 404),
        ("baocao.skhdt", 404, 404),
    ],
)
def test_only_the_wards_people_see_and_only_its_reporter_imports(users, anhoi, username, get, post):
    data, name = submission_template(user=users["baocao.anhoi"], submission=anhoi)
    client = client_for(users[username])
    response = client.get(reverse("documents:submission-template", args=[anhoi.pk]))
    assert response.status_code == get
    before = state(anhoi)
    wb = open_book(data)
    wb["Số liệu"]["H14"] = 245
    assert upload(client, anhoi, save_book(wb), name).status_code == post
    if post != 302:
        assert state(anhoi) == before


def test_the_submission_page_offers_the_template_and_the_upload_to_the_reporter(users, anhoi):
    url = reverse("reporting:submission-detail", args=[anhoi.pk])
    html = client_for(users["baocao.anhoi"]).get(url).content.decode()
    assert reverse("documents:submission-template", args=[anhoi.pk]) in html
    assert 'data-testid="excel-import-form"' in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    leader = client_for(users["lanhdao.anhoi"]).get(url).content.decode()
    assert reverse("documents:submission-template", args=[anhoi.pk]) in leader
    assert 'data-testid="excel-import-form"' not in leader


# --- large files in the background -------------------------------------------------------


def test_a_large_import_runs_as_a_job(
    users, anhoi, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.NGHIQUYET_IMPORT_INLINE_LIMIT = 5
    settings.MEDIA_ROOT = tmp_path
    client = client_for(users["baocao.anhoi"])
    rows = plausible_rows(anhoi)
    filled = fill(download(client, anhoi), rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, anhoi, filled, "an-hoi-lon.xlsx")
    assert response.status_code == 302
    job_id = int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1))
    job = Job.objects.get(pk=job_id)
    assert (job.kind, job.status, job.progress) == ("submission_import", "done", 100)
    assert job.created_by == users["baocao.anhoi"]
    assert job.outcome["message"] == "Đã nhập 12 số liệu từ tệp “an-hoi-lon.xlsx”."
    typed = rows[entry(anhoi, "23").pk]["value"]
    assert entry(anhoi, "23").value == Decimal(typed.replace(",", "."))
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 12 số liệu từ tệp “an-hoi-lon.xlsx”." in page

    # A broken file fails the job with every problem, and writes nothing.
    wb = open_book(filled)
    wb["Số liệu"]["H14"] = "abc"
    wb["Số liệu"]["H7"] = 99
    before = state(anhoi)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, anhoi, save_book(wb), "hong.xlsx")
    job = Job.objects.get(pk=int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1)))
    assert job.status == "failed"
    assert "Trang 'Số liệu', dòng 14, cột H (Giá trị — 23. Giải quyết việc làm)" in job.error
    revision, entries, events, _audits = state(anhoi)
    assert (revision, entries, events) == before[:3]


def test_the_upload_is_refused_before_reading_it_to_who_may_not_import(users, anhoi):
    url = reverse("documents:submission-import", args=[anhoi.pk])
    assert client_for(users["lanhdao.anhoi"]).post(url, {}).status_code == 403
    assert client_for(users["baocao.phutan"]).post(url, {}).status_code == 404
    assert client_for(users["baocao.anhoi"]).post(url, {}).status_code == 422


def test_the_template_round_trips_for_someone_using_the_english_interface(users, anhoi):
    """The template is a document, so it is Vietnamese; the import reads it back whatever
    the page's language."""
    client = client_for(users["baocao.anhoi"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    data = download(client, anhoi)
    assert "Số liệu" in open_book(data).sheetnames
    filled = fill(data, plausible_rows(anhoi))
    response = upload(client, anhoi, filled)
    assert response.status_code == 302
    assert entry(anhoi, "23").value is not None
