"""Loading a resolution from one Excel sheet: the template, the import, the refusals."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from nghiquyet.audit.models import AuditEvent
from nghiquyet.documents.models import Job
from nghiquyet.documents.plan_excel.template import plan_template
from nghiquyet.documents.problems import ImportInvalid
from nghiquyet.documents.services import plan_import
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans.models import Group, Indicator, Plan, Target, Task
from tests.documents.helpers import client_for, open_book, save_book

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR = timezone.localdate().year + 1


def counts() -> tuple[int, ...]:
    groups = Group.objects.values("kind").annotate(n=Count("pk"))
    by_kind = {g["kind"]: g["n"] for g in groups}
    return (
        Plan.objects.count(),
        by_kind.get("targets", 0),
        Target.objects.count(),
        Indicator.objects.count(),
        by_kind.get("tasks", 0),
        Task.objects.count(),
    )


def post(client, data: bytes, name: str = "nghi-quyet.xlsx"):
    return client.post(
        reverse("documents:plan-import"),
        {"tep": SimpleUploadedFile(name, data, content_type=XLSX)},
    )


def rows_by_code(ws) -> tuple[dict[str, int], dict[str, int]]:
    """STT → row, for the targets section and for the tasks section."""
    targets, tasks, section = {}, {}, None
    for r in range(1, ws.max_row + 1):
        a, b = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if a == "STT":
            section = targets if b == "Tên chỉ tiêu" else tasks
            continue
        if section is not None and a and b:
            section[str(a)] = r
    return targets, tasks


def meta_row(ws, label: str) -> int:
    return next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == label)


@pytest.fixture
def office(users):
    return users["vanphong.thanhpho"]


@pytest.fixture
def template(office) -> bytes:
    return plan_template(user=office)


# --- the template --------------------------------------------------------------------------


def test_the_template_is_laid_out_like_a_typed_resolution(users, office):
    response = client_for(office).get(reverse("documents:plan-template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="mau-nhap-nghi-quyet.xlsx"' in response["Content-Disposition"]
    wb = open_book(response.content)
    assert wb.sheetnames == ["Nghị quyết", "Hướng dẫn", "Đơn vị"]
    ws = wb["Nghị quyết"]

    meta = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=3).value for r in range(4, 13)}
    assert meta == {
        "Mã trong hệ thống": f"thanh-pho-ben-tre-{YEAR}",
        "Loại văn bản": "Nghị quyết năm",
        "Số, ký hiệu": "01-NQ",
        "Trích yếu": f"về nhiệm vụ năm {YEAR}",
        "Mã đơn vị ban hành": "829",
        "Cơ quan ban hành": "Ban Chấp hành Đảng bộ Thành phố Bến Tre",
        "Cơ quan cấp trên": "Đảng bộ Tỉnh Bến Tre",
        "Năm hoặc nhiệm kỳ": str(YEAR),
        "Ngày ban hành": f"20/12/{YEAR - 1}",
    }
    kind = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert str(kind.sqref) == "C5" and "Nghị quyết Đại hội (nhiệm kỳ)" in kind.formula1

    targets, tasks = rows_by_code(ws)
    header = targets_header = min(targets.values()) - 1
    assert [ws.cell(row=header, column=c).value for c in range(1, 16)] == [
        "STT",
        "Tên chỉ tiêu",
        "Nguyên văn",
        "Mã chỉ số",
        "ĐVT",
        "Chiều",
        "Kế hoạch",
        "Cận trên",
        "Dung sai",
        "So sánh",
        "Tính theo",
        "Cách tổng hợp",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thuộc chỉ tiêu tổng hợp",
    ]
    assert ws.cell(row=targets_header - 1, column=1).value == "CHỈ TIÊU CHỦ YẾU"
    assert list(targets) == ["I", "1", "2", "II", "3", "4", "5", "III", "6", "7", "7a", "7b", "7c"]
    assert list(tasks) == ["I", "1", "2", "II", "3", "4"]
    task_header = min(tasks.values()) - 1
    assert [ws.cell(row=task_header, column=c).value for c in range(1, 7)] == [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Sản phẩm",
        "Thời hạn",
    ]
    assert ws.cell(row=task_header - 1, column=1).value == "NHIỆM VỤ, GIẢI PHÁP"
    assert ws.cell(row=header, column=13).comment.text == "mã đơn vị"

    guide = " ".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    for words in (
        "số La Mã",
        "tăng",
        "cộng dồn",
        "tỷ lệ",
        "dấu chấm phẩy",
        "Thuộc chỉ tiêu tổng hợp",
        "có việc, có người, có sản phẩm",
        "STT trùng",
        "mã văn bản đã dùng",
        "không có công thức",
    ):
        assert words in guide, words
    codes = {c.value for c in wb["Đơn vị"]["A"]}
    assert {"829", "28777-cu", "829-KT"} <= codes
    assert "83" not in codes  # the province: outside the city office's scope


# --- importing -----------------------------------------------------------------------------


def test_the_template_imports_as_it_is(office, template):
    before_audit = AuditEvent.objects.count()
    client = client_for(office)
    response = post(client, template, "mau-nhap-nghi-quyet.xlsx")
    assert response.status_code == 302
    code = f"thanh-pho-ben-tre-{YEAR}"
    assert response["Location"] == reverse("reporting:plan-dashboard", args=[code])
    page = client.get(response["Location"]).content.decode()
    assert (
        f"Đã nhập Nghị quyết số 01-NQ về nhiệm vụ năm {YEAR} từ tệp “mau-nhap-nghi-quyet.xlsx”: "
        "7 chỉ tiêu, 4 nhiệm vụ." in page
    )

    plan = Plan.objects.get(code=code)
    assert (plan.kind, plan.number, plan.year, plan.term_start) == (
        "annual_resolution",
        "01-NQ",
        YEAR,
        None,
    )
    assert plan.unit.code == "829"
    assert plan.issuing_body == "Ban Chấp hành Đảng bộ Thành phố Bến Tre"
    assert plan.issued_on == dt.date(YEAR - 1, 12, 20)
    assert [(g.code, g.name) for g in plan.target_groups.order_by("order")] == [
        ("I", "Xây dựng Đảng, hệ thống chính trị"),
        ("II", "Phát triển kinh tế"),
        ("III", "Văn hóa - xã hội; quốc phòng, an ninh"),
    ]
    t = {x.code: x for x in plan.targets.select_related("indicator", "group", "lead_unit")}
    assert list(plan.targets.order_by("order").values_list("code", flat=True)) == [
        "1", "2", "3", "4", "5", "6", "7", "7a", "7b", "7c",
    ]  # fmt: skip
    # higher, with a sum indicator counted over the year
    assert (t["1"].direction, t["1"].target_value, t["1"].temporal) == (
        "higher",
        Decimal(150),
        "annual",
    )
    assert t["1"].indicator.aggregation == "sum" and t["1"].indicator.nature == "flow"
    assert t["1"].indicator.unit_of_measure == "đảng viên"
    assert t["1"].group.code == "I" and t["1"].lead_unit.code == "829-TCKH"
    # a ratio level
    assert t["2"].indicator.aggregation == "ratio" and t["2"].temporal == "level"
    # a range with partners
    assert (t["3"].target_value, t["3"].target_high) == (Decimal("6.5"), Decimal(7))
    assert {u.code for u in t["3"].partner_units.all()} == {"829-TCKH", "829-LDTBXH"}
    # "khoảng 30%"
    assert t["4"].tolerance == Decimal("0.05")
    # yes / no
    assert t["5"].direction == "yes_no" and t["5"].target_value is None
    # lower is better
    assert (t["6"].direction, t["6"].target_value) == ("lower", Decimal(1))
    # a composite and its parts, each a decrease against last year
    assert t["7"].is_composite and t["7"].indicator is None
    assert [p.code for p in t["7"].parts.order_by("order")] == ["7a", "7b", "7c"]
    assert all(t[c].change == 2 and t[c].direction == "higher" for c in ("7a", "7b", "7c"))

    tasks = {x.code: x for x in plan.tasks.select_related("owner_unit", "group")}
    assert set(tasks) == {"1", "2", "3", "4"}
    assert tasks["1"].owner_unit.code == "829" and tasks["1"].deadline == dt.date(YEAR, 1, 31)
    assert tasks["1"].product == "Kế hoạch của Ban Thường vụ"
    assert {u.code for u in tasks["2"].partner_units.all()} == {"829-KT", "829-LDTBXH"}
    assert tasks["3"].group.name == "Về phát triển kinh tế - xã hội"
    assert tasks["4"].deadline is None  # "thường xuyên"

    event = AuditEvent.objects.get(action="plan.import", object_id=str(plan.pk))
    assert event.changes == {
        "file": [None, "mau-nhap-nghi-quyet.xlsx"],
        "targets": [None, 10],
        "target_groups": [None, 3],
        "tasks": [None, 4],
        "task_groups": [None, 2],
    }
    new = AuditEvent.objects.filter(pk__gt=0).count() - before_audit
    # plan, 3 + 2 groups, 9 indicators, 10 targets, 4 tasks, the import itself
    assert new == 1 + 5 + 9 + 10 + 4 + 1
    # …all one operation: they share the import's correlation id, and nothing else does.
    assert event.correlation_id is not None
    tied = AuditEvent.objects.filter(correlation_id=event.correlation_id)
    assert tied.count() == new
    assert tied.filter(action="target.create").count() == 10


def test_the_same_indicators_are_reused_and_a_used_code_is_refused(office, template):
    plan_import(acting_user=office, data=template, filename="a.xlsx")
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    ws.cell(row=meta_row(ws, "Mã trong hệ thống"), column=3).value = "thanh-pho-ke-hoach-2"
    indicators = Indicator.objects.count()
    plan = plan_import(acting_user=office, data=save_book(wb), filename="b.xlsx")
    assert Indicator.objects.count() == indicators
    assert plan.targets.count() == 10

    before = counts()
    response = post(client_for(office), template)
    assert response.status_code == 422
    assert response.context["problems"] == [
        f"Trang 'Nghị quyết', dòng 4, cột C (Mã trong hệ thống): mã “thanh-pho-ben-tre-{YEAR}” "
        "đã được dùng cho một văn bản khác; hãy chọn mã khác"
    ]
    assert counts() == before


def test_a_term_resolution_with_a_range_typed_in_one_cell(office, template):
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    ws.cell(row=meta_row(ws, "Mã trong hệ thống"), column=3).value = "thanhpho-2025-2030"
    ws.cell(row=meta_row(ws, "Loại văn bản"), column=3).value = "Nghị quyết Đại hội (nhiệm kỳ)"
    ws.cell(row=meta_row(ws, "Năm hoặc nhiệm kỳ"), column=3).value = "2025–2030"
    targets, _tasks = rows_by_code(ws)
    ws.cell(row=targets["3"], column=7).value = "6,0 - 6,5"
    ws.cell(row=targets["3"], column=8).value = None
    ws.cell(row=targets["1"], column=7).value = "1.500"  # Vietnamese thousands
    ws.cell(row=targets["1"], column=11).value = "cộng dồn"
    plan = plan_import(acting_user=office, data=save_book(wb), filename="nhiem-ky.xlsx")
    assert (plan.kind, plan.year, plan.term_start, plan.term_end) == (
        "term_resolution",
        None,
        2025,
        2030,
    )
    three = plan.targets.get(code="3")
    assert (three.target_value, three.target_high) == (Decimal("6.0"), Decimal("6.5"))
    one = plan.targets.get(code="1")
    assert (one.target_value, one.temporal) == (Decimal(1500), "cumulative")


def test_a_broken_plan_sheet_lists_every_problem_and_writes_nothing(office, template):
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    targets, tasks = rows_by_code(ws)
    ws.cell(row=meta_row(ws, "Mã trong hệ thống"), column=3).value = "thanhpho-2021"
    ws.cell(row=meta_row(ws, "Ngày ban hành"), column=3).value = "31/02/2026"
    ws.cell(row=targets["1"], column=13).value = "XYZ-999"
    ws.cell(row=targets["3"], column=6).value = "tăng mạnh"
    ws.cell(row=targets["4"], column=7).value = "abc"
    ws.cell(row=targets["5"], column=12).value = "nhân"
    ws.cell(row=targets["6"], column=1).value = "2"
    ws.cell(row=targets["7b"], column=15).value = "9"
    ws.cell(row=targets["7c"], column=4).value = "poverty-rate"  # an indicator in %, not people
    ws.cell(row=tasks["3"], column=6).value = "32/13/2027"
    ws.cell(row=tasks["4"], column=5).value = None
    ws.cell(row=tasks["2"], column=3).value = "28777-cu; 829-KT"  # one lead unit only
    before = counts()

    response = post(client_for(office), save_book(wb), "hong.xlsx")
    assert response.status_code == 422
    problems = response.context["problems"]
    t, k = targets, tasks
    expected = [
        "Trang 'Nghị quyết', dòng 4, cột C (Mã trong hệ thống): mã “thanhpho-2021” đã được dùng "
        "cho một văn bản khác; hãy chọn mã khác",
        "Trang 'Nghị quyết', dòng 12, cột C (Ngày ban hành): “31/02/2026” không phải ngày theo "
        "dạng dd/mm/yyyy",
        f"Trang 'Nghị quyết', dòng {t['1']}, cột M (Đơn vị chủ trì — 1. Kết nạp đảng viên mới): "
        "không có đơn vị mã “XYZ-999” (xem trang “Đơn vị” của mẫu)",
        f"Trang 'Nghị quyết', dòng {t['3']}, cột F (Chiều — 3. Tốc độ tăng trưởng kinh tế): "
        "không hiểu “tăng mạnh”; ghi một trong: tăng, giảm, đạt",
        f"Trang 'Nghị quyết', dòng {t['4']}, cột G (Kế hoạch — 4. Tỷ lệ đô thị hóa): “abc” không "
        "phải là một số; viết số như 1.234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần "
        "thập phân)",
        f"Trang 'Nghị quyết', dòng {t['5']}, cột L (Cách tổng hợp — 5. Quy hoạch chung được phê "
        "duyệt): không hiểu “nhân”; ghi một trong: cộng, tỷ lệ, không",
        f"Trang 'Nghị quyết', dòng {k['2']}, cột C (Đơn vị chủ trì — 2. Sơ kết 6 tháng thực hiện "
        "nghị quyết): chỉ ghi một đơn vị chủ trì (“28777-cu; 829-KT”); các đơn vị khác ghi ở cột "
        "Đơn vị phối hợp",
        f"Trang 'Nghị quyết', dòng {k['3']}, cột F (Thời hạn — 3. Hoàn thành lập quy hoạch "
        "chung): “32/13/2027” không phải ngày theo dạng dd/mm/yyyy",
        f"Trang 'Nghị quyết', dòng {k['4']}, cột E (Sản phẩm — 4. Rà soát, cập nhật danh sách hộ "
        "nghèo, hộ cận nghèo): nhiệm vụ phải có sản phẩm (“có việc, có người, có sản phẩm”)",
        f"Trang 'Nghị quyết', dòng {t['6']}, cột A (STT): STT “2” trùng với chỉ tiêu ở dòng "
        f"{t['2']}",
        f"Trang 'Nghị quyết', dòng {t['7b']}, cột O (Thuộc chỉ tiêu tổng hợp — 7b. Số người chết "
        "do tai nạn giao thông): không có chỉ tiêu STT “9” trong phần chỉ tiêu",
        f"Trang 'Nghị quyết', dòng {t['7c']}, cột E (ĐVT — 7c. Số người bị thương do tai nạn giao "
        "thông): chỉ số “poverty-rate” có đơn vị tính “%”, khác “người”",
    ]
    assert sorted(problems) == sorted(expected)
    html = response.content.decode()
    assert "Chưa nhập tệp hong.xlsx: 12 lỗi. Không có gì được ghi" in html
    assert counts() == before


def test_a_unit_outside_the_offices_scope_is_unknown_to_it(office, template):
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    province = OrgUnit.objects.get(kind="province", name="Tỉnh Bến Tre")
    row = meta_row(ws, "Mã đơn vị ban hành")
    ws.cell(row=row, column=3).value = province.code
    before = counts()
    response = post(client_for(office), save_book(wb))
    assert response.status_code == 422
    assert response.context["problems"] == [
        f"Trang 'Nghị quyết', dòng {row}, cột C (Mã đơn vị ban hành): không có đơn vị mã "
        f"“{province.code}” (xem trang “Đơn vị” của mẫu)"
    ]
    assert counts() == before


def test_a_file_that_is_not_a_workbook_or_has_formulas(office, template):
    client = client_for(office)
    response = post(client, b"STT,Chi tieu\n1,abc\n", "nghi-quyet.xlsx")
    assert response.status_code == 422
    assert "tệp văn bản (CSV hoặc TXT)" in response.context["problems"][0]
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    targets, _tasks = rows_by_code(ws)
    ws.cell(row=targets["1"], column=7).value = "=100+50"
    response = post(client, save_book(wb))
    assert response.status_code == 422
    assert response.context["problems"][0].startswith(
        f"Trang 'Nghị quyết', ô G{targets['1']} chứa công thức"
    )


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status", "links"),
    [
        ("quantri", 200, True),
        ("vanphong.tinh", 200, True),
        ("vanphong.thanhpho", 200, True),
        ("lanhdao.tinh", 403, False),
        ("baocao.anhoi", 403, False),
        ("lanhdao.anhoi", 403, False),
        ("baocao.skhdt", 403, False),
    ],
)
def test_only_offices_import(users, template, username, status, links):
    client = client_for(users[username])
    assert client.get(reverse("documents:plan-import")).status_code == status
    assert client.get(reverse("documents:plan-template")).status_code == status
    before = counts()
    response = post(client, template)  # the city's example: the province manages the city too
    assert response.status_code == (302 if status == 200 else status)
    if status != 200:
        assert counts() == before
    html = client.get(reverse("plans:plan-list")).content.decode()
    assert ("Nhập nghị quyết từ Excel" in html) is links
    assert ("Tải mẫu nhập nghị quyết" in html) is links


def test_the_import_page(office):
    html = client_for(office).get(reverse("documents:plan-import")).content.decode()
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert reverse("documents:plan-template") in html
    assert "Tối đa 10 MB" in html


# --- large files in the background -------------------------------------------------------


def test_a_large_plan_import_runs_as_a_job(
    office, template, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.NGHIQUYET_IMPORT_INLINE_LIMIT = 5
    settings.MEDIA_ROOT = tmp_path
    client = client_for(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, template, "lon.xlsx")
    assert response.status_code == 302
    job = Job.objects.get(pk=int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1)))
    assert (job.kind, job.status) == ("plan_import", "done")
    plan = Plan.objects.get(code=f"thanh-pho-ben-tre-{YEAR}")
    assert job.outcome["url"] == reverse("reporting:plan-dashboard", args=[plan.code])
    assert plan.targets.count() == 10 and plan.tasks.count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "từ tệp “lon.xlsx”: 7 chỉ tiêu, 4 nhiệm vụ." in page

    # The same file again: the job fails with the problem, nothing more is written.
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, template, "lon.xlsx")
    job = Job.objects.get(pk=int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1)))
    assert job.status == "failed"
    assert "đã được dùng cho một văn bản khác" in job.error
    assert counts() == before


def test_a_full_disk_refuses_a_large_upload_with_a_message_and_keeps_nothing(
    office, template, settings, tmp_path, monkeypatch
):
    """The upload of a job cannot be stored: the office reads why on the import page, and
    no job, no audit event and no partial file are left."""
    import os

    from django.core.files.storage import FileSystemStorage

    from tests.documents.test_disk_full import _files, _full_disk_save

    settings.NGHIQUYET_IMPORT_INLINE_LIMIT = 5
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(FileSystemStorage, "_save", _full_disk_save)
    jobs, events, before = Job.objects.count(), AuditEvent.objects.count(), counts()
    response = post(client_for(office), template, "lon.xlsx")
    assert response.status_code == 422  # the import page, with the problem
    html = response.content.decode()
    assert "hết chỗ trống trên đĩa khi lưu tệp tải lên" in html
    assert "không có gì ghi dở" in html
    assert (Job.objects.count(), AuditEvent.objects.count(), counts()) == (jobs, events, before)
    assert _files(tmp_path) == [] and os.path.isdir(tmp_path)


def test_a_change_target_must_not_say_lower_is_better(office, template):
    wb = open_book(template)
    ws = wb["Nghị quyết"]
    targets, _tasks = rows_by_code(ws)
    ws.cell(row=targets["7a"], column=6).value = "giảm"
    with pytest.raises(ImportInvalid) as caught:
        plan_import(acting_user=office, data=save_book(wb), filename="a.xlsx")
    assert caught.value.problems == [
        f"Trang 'Nghị quyết', dòng {targets['7a']}, cột F (Chiều — 7a. Số vụ tai nạn giao "
        "thông): chỉ tiêu so sánh với cùng kỳ (giảm % so cùng kỳ) ghi chiều “tăng” (mức tăng, "
        "mức giảm càng nhiều càng tốt) hoặc để trống"
    ]


def test_the_template_is_vietnamese_and_imports_back_from_an_english_page(users):
    """Someone using the English interface still gets the Vietnamese template, which the
    import reads back."""
    c = client_for(users["vanphong.tinh"])
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    data = c.get(reverse("documents:plan-template")).content
    assert "Nghị quyết" in open_book(data).sheetnames
    response = c.post(
        reverse("documents:plan-import"),
        {"tep": SimpleUploadedFile("mau.xlsx", data, content_type=XLSX)},
    )
    assert response.status_code == 302
