"""Task tracking: statuses, who sees which task, progress updates with evidence."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from nghiquyet import engine
from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans import selectors, services
from nghiquyet.plans.models import Plan, Task, TaskEvidence, TaskUpdate
from tests.factories import make_plan, make_task, make_user
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
CITY_CUT_OFF = dt.date(2021, 12, 14)


@pytest.fixture
def media(settings, tmp_path):
    """Evidence goes to a throw-away folder; the test can look at what is on disk."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


def files_on_disk(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def task(title: str) -> Task:
    return Task.objects.get(title=title)


def titles(rows) -> set[str]:
    return {r.task.title for r in rows}


@pytest.fixture
def province_tasks(land):
    """A province's plan and a district's, with tasks owned across the tree, and users."""
    province = make_plan(land["T1"], "tinh-thu-2031")
    district = make_plan(land["D1"], "huyen-d1-2031")
    make_task(district, land["D1"], "Khảo sát đường huyện", deadline=dt.date(2031, 3, 31))
    make_task(district, land["D1"], "Kiểm tra trường học", deadline=dt.date(2031, 6, 30))
    make_task(
        district,
        land["D1a"],
        "Sửa nhà hộ nghèo",
        deadline=dt.date(2031, 5, 31),
        completed_on=dt.date(2031, 5, 20),
    )
    make_task(province, land["T1"], "Trồng cây", deadline=None, partners=[land["D2b"]])
    return {
        "province_plan": province,
        "district_plan": district,
        "office": make_user("vanphong.thu", ("office", land["T1"])),
        "district": make_user("huyen.d1", ("viewer", land["D1"])),
        "commune": make_user("xa.d1a", ("reporter", land["D1a"])),
        "partner": make_user("xa.d2b", ("viewer", land["D2b"])),
        "stranger": make_user("tinh.ben", ("viewer", land["T2"])),
    }


# --- statuses ---------------------------------------------------------------------

CITY_STATUSES = {
    "Triển khai Chương trình số 03 về xây dựng đội ngũ cán bộ": ("done_on_time", 0),
    "Kêu gọi đầu tư chợ đêm và bến tàu du lịch thành phố": ("done_late", 46),
    "Lập hồ sơ đề nghị công nhận đô thị loại I (giai đoạn 1)": ("open_on_time", 0),
    "Hoàn thành giải phóng mặt bằng dự án nâng cấp đô thị": ("open_overdue", 105),
    "Xây dựng xã Sơn Đông đạt chuẩn nông thôn mới nâng cao": ("done_on_time", 0),
    "Xây dựng xã Phú Nhuận đạt chuẩn nông thôn mới nâng cao": ("done_late", 10),
    AN_HOI_TASK: ("done_on_time", 0),
    PHU_TAN_TASK: ("open_overdue", 44),
    "Ban hành Nghị quyết số 04 về xây dựng đô thị thông minh": ("done_on_time", 0),
    "Triển khai Nghị quyết số 02 về chủ trương \u201c6 không\u201d": ("done_on_time", 0),
    "Xây dựng ấp, khu phố không có tội phạm ma túy": ("open_on_time", 0),
    "Số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa": ("open_on_time", 0),
}


def test_demo_city_tasks_have_the_four_statuses_at_the_years_cut_off(users):
    city = Plan.objects.get(code="thanhpho-2021")
    rows = selectors.task_list(user=users["vanphong.thanhpho"], plan=city, as_of=CITY_CUT_OFF)
    got = {r.task.title: (r.status, r.days_late) for r in rows}
    assert got == CITY_STATUSES
    assert selectors.task_status_counts(rows) == {
        "done_on_time": 5,
        "done_late": 2,
        "open_on_time": 3,
        "open_overdue": 2,
    }


def test_on_a_later_day_open_tasks_past_their_deadline_are_overdue(land, province_tasks):
    office = province_tasks["office"]
    rows = selectors.task_list(user=office, status="open_overdue", as_of=dt.date(2031, 7, 1))
    assert titles(rows) == {"Khảo sát đường huyện", "Kiểm tra trường học"}
    school = next(r for r in rows if r.task.title == "Kiểm tra trường học")
    assert school.days_late == 1  # deadline 30/06/2031
    before = selectors.task_list(user=office, status="open_overdue", as_of=dt.date(2031, 6, 30))
    assert titles(before) == {"Khảo sát đường huyện"}


def test_todays_statuses_are_the_engines(users):
    rows = selectors.task_list(user=users["quantri"])
    tasks = Task.objects.filter(pk__in=[r.task.pk for r in rows]).order_by("pk")
    codes = engine.task_status(
        [t.deadline for t in tasks], [t.completed_on for t in tasks], timezone.localdate()
    )
    want = {t.pk: engine.TASK_STATUSES[c] for t, c in zip(tasks, codes, strict=True)}
    assert {r.task.pk: r.status for r in rows} == want
    assert len(rows) == Task.objects.count()


# --- who sees which task ----------------------------------------------------------


def test_a_ward_sees_the_city_task_it_owns_but_not_the_city_plan(users):
    user = users["baocao.anhoi"]
    rows = selectors.task_list(user=user)
    assert titles(rows) == {AN_HOI_TASK}
    assert rows[0].plan_visible is False
    with pytest.raises(Http404):
        selectors.plan_get(user=user, code="thanhpho-2021")
    assert selectors.task_get(user=user, pk=task(AN_HOI_TASK).pk).title == AN_HOI_TASK


@pytest.mark.parametrize("username", ["baocao.anhoi", "lanhdao.anhoi", "baocao.skhdt"])
def test_another_units_task_is_404(users, username):
    with pytest.raises(Http404):
        selectors.task_get(user=users[username], pk=task(PHU_TAN_TASK).pk)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "office",
            {"Khảo sát đường huyện", "Kiểm tra trường học", "Sửa nhà hộ nghèo", "Trồng cây"},
        ),
        ("district", {"Khảo sát đường huyện", "Kiểm tra trường học", "Sửa nhà hộ nghèo"}),
        # a commune sees the district's task it owns without seeing the district's plan
        ("commune", {"Sửa nhà hộ nghèo"}),
        # a partner sees the task it helps with
        ("partner", {"Trồng cây"}),
        ("stranger", set()),
    ],
)
def test_task_list_matches_each_users_scope(province_tasks, who, expected):
    rows = selectors.task_list(user=province_tasks[who])
    assert titles(rows) == expected
    if who == "commune":
        assert rows[0].plan_visible is False


def test_a_partner_unit_sees_the_task_but_does_not_report_on_it(users, units):
    city = Plan.objects.get(code="thanhpho-2021")
    shared = services.task_create(
        acting_user=users["vanphong.thanhpho"],
        plan=city,
        title="Chỉnh trang vỉa hè tuyến đường Đồng Khởi",
        owner_unit=units["829-KT"],
        partner_units=[units["28777-cu"]],
        product="Tuyến vỉa hè được chỉnh trang",
        deadline=dt.date(2021, 9, 30),
    )
    anhoi = users["baocao.anhoi"]
    assert shared.title in titles(selectors.task_list(user=anhoi))
    assert shared.title not in titles(selectors.task_list(user=users["baocao.phutan"]))
    assert selectors.task_can_update(anhoi, shared) is False
    with pytest.raises(PermissionDenied):
        services.task_update_create(acting_user=anhoi, task=shared, progress=50, note="Đã làm")
    assert not TaskUpdate.objects.filter(task=shared).exists()


def test_filters_by_unit_subtree_plan_and_text(land, province_tasks):
    office = province_tasks["office"]
    assert titles(selectors.task_list(user=office, unit=land["D1"])) == {
        "Khảo sát đường huyện",
        "Kiểm tra trường học",
        "Sửa nhà hộ nghèo",
    }
    assert titles(selectors.task_list(user=office, unit=land["D1a"])) == {"Sửa nhà hộ nghèo"}
    assert titles(selectors.task_list(user=office, plan=province_tasks["province_plan"])) == {
        "Trồng cây"
    }
    assert titles(selectors.task_list(user=office, query="nhà hộ")) == {"Sửa nhà hộ nghèo"}
    assert titles(selectors.task_list(user=office, query="Xã D1a")) == {"Sửa nhà hộ nghèo"}


# --- progress updates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("baocao.anhoi", True),
        ("quantri", True),
        ("lanhdao.anhoi", False),  # approver
        ("vanphong.thanhpho", False),  # office: manages, does not report
        ("lanhdao.tinh", False),  # viewer
        ("baocao.phutan", False),  # another ward
    ],
)
def test_only_reporters_of_the_owner_unit_add_progress(users, media, username, allowed):
    user = users[username]
    target = task(AN_HOI_TASK)
    assert selectors.task_can_update(user, target) is allowed
    if allowed:
        services.task_update_create(acting_user=user, task=target, progress=90, note="Rà soát")
        assert TaskUpdate.objects.filter(task=target).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.task_update_create(
                acting_user=user,
                task=target,
                progress=90,
                note="Rà soát",
                files=[upload("a.pdf", pdf_bytes())],
            )
        assert not TaskUpdate.objects.filter(task=target).exists()
        assert files_on_disk(media) == []
        assert not AuditEvent.objects.filter(action="task.progress").exists()


def test_progress_update_with_evidence_is_stored_and_audited(users, media):
    reporter = users["baocao.phutan"]
    target = task(PHU_TAN_TASK)
    data = pdf_bytes()
    update = services.task_update_create(
        acting_user=reporter,
        task=target,
        progress=100,
        note="Đã bàn giao 12 căn nhà cho hộ nghèo.",
        completed_on=dt.date(2021, 10, 29),
        files=[upload("Biên bản bàn giao.pdf", data, content_type="text/html")],
    )
    target.refresh_from_db()
    assert (target.progress, target.completed_on) == (100, dt.date(2021, 10, 29))
    assert (update.progress_before, update.progress, update.created_by) == (40, 100, reporter)

    item = TaskEvidence.objects.get(update=update)
    assert item.original_name == "Biên bản bàn giao.pdf"
    assert item.content_type == "application/pdf"  # read from the content, not the browser's
    assert (item.size, item.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert item.uploaded_by == reporter
    # evidence/<yyyy>/<32 hex>: nothing the user typed is part of the path
    parts = item.file.name.split("/")
    assert parts[0] == "evidence" and len(parts[1]) == 4 and parts[1].isdigit()
    assert len(parts[2]) == 32 and int(parts[2], 16) >= 0
    assert files_on_disk(media) == [media / item.file.name]
    assert (media / item.file.name).read_bytes() == data

    event = AuditEvent.objects.get(action="task.progress", object_id=str(target.pk))
    assert event.actor == reporter
    assert event.unit == target.owner_unit
    assert event.changes["progress"] == [40, 100]
    assert event.changes["completed_on"] == [None, "2021-10-29"]
    assert event.changes["evidence"] == [None, ["Biên bản bàn giao.pdf"]]
    assert event.note == "Đã bàn giao 12 căn nhà cho hộ nghèo."

    row = selectors.task_row(user=reporter, task=target, as_of=dt.date(2021, 12, 14))
    assert row.status == "done_on_time"


def test_progress_below_100_reopens_a_completed_task(users, media):
    target = task(AN_HOI_TASK)
    assert target.completed_on == dt.date(2021, 6, 18)
    services.task_update_create(
        acting_user=users["baocao.anhoi"],
        task=target,
        progress=80,
        note="Quyết định công nhận bị trả lại để bổ sung hồ sơ.",
    )
    target.refresh_from_db()
    assert (target.progress, target.completed_on) == (80, None)
    event = AuditEvent.objects.get(action="task.progress", object_id=str(target.pk))
    assert event.changes["progress"] == [100, 80]
    assert event.changes["completed_on"] == ["2021-06-18", None]
    row = selectors.task_row(user=users["baocao.anhoi"], task=target, as_of=CITY_CUT_OFF)
    assert (row.status, row.days_late) == ("open_overdue", 167)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"progress": 101}, "progress", "Tiến độ phải là số nguyên từ 0 đến 100."),
        ({"progress": -1}, "progress", "Tiến độ phải là số nguyên từ 0 đến 100."),
        ({"progress": None}, "progress", "Tiến độ phải là số nguyên từ 0 đến 100."),
        (
            {"note": "   "},
            "note",
            "Hãy ghi nội dung cập nhật: đã làm được gì, sản phẩm đến đâu, vướng mắc gì.",
        ),
        (
            {"note": "x" * 4001},
            "note",
            "Nội dung cập nhật dài tối đa 4.000 ký tự (hiện có 4.001).",
        ),
        (
            {"progress": 100, "completed_on": None},
            "completed_on",
            "Tiến độ 100% thì phải ghi ngày hoàn thành.",
        ),
        (
            {"progress": 60, "completed_on": dt.date(2021, 5, 1)},
            "completed_on",
            "Chỉ ghi ngày hoàn thành khi tiến độ là 100%; hãy để trống hoặc sửa tiến độ.",
        ),
        (
            {"progress": 100, "completed_on": timezone.localdate() + dt.timedelta(days=1)},
            "completed_on",
            "Ngày hoàn thành không được sau hôm nay ({today}).",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(users, media, kwargs, field, message):
    target = task(PHU_TAN_TASK)
    args = {"progress": 50, "note": "Đang thi công", "completed_on": None, **kwargs}
    with pytest.raises(ValidationError) as err:
        services.task_update_create(
            acting_user=users["baocao.phutan"],
            task=target,
            files=[upload("bien-ban.pdf", pdf_bytes())],
            **args,
        )
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert err.value.message_dict == {field: [message.format(today=today)]}
    target.refresh_from_db()
    assert (target.progress, target.completed_on) == (40, None)
    assert not TaskUpdate.objects.exists()
    assert not TaskEvidence.objects.exists()
    assert files_on_disk(media) == []
    assert not AuditEvent.objects.filter(action="task.progress").exists()


def _eleven_mb_pdf() -> bytes:
    head = pdf_bytes()
    return head + b"0" * (11 * 1024 * 1024 - len(head))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bao-cao.pdf", exe_bytes(), REFUSED_TYPE.format(name="bao-cao.pdf")),
        (
            "ke-hoach.docm",
            docm_bytes(),
            "Tệp 'ke-hoach.docm' có chứa macro (vbaProject.bin) nên không được chấp nhận. "
            "Hãy lưu lại dưới dạng .docx hoặc .xlsx không có macro.",
        ),
        ("ho-so.pdf", _eleven_mb_pdf(), "Tệp 'ho-so.pdf' lớn 11 MB, vượt giới hạn 10 MB."),
        (
            "quyet-dinh.docx",
            pdf_bytes(),
            "Tệp 'quyet-dinh.docx' có nội dung là PDF nhưng phần mở rộng là '.docx'; "
            "hãy đặt đúng phần mở rộng (.pdf).",
        ),
    ],
)
def test_a_refused_file_refuses_the_whole_update(users, media, name, data, message):
    target = task(PHU_TAN_TASK)
    with pytest.raises(ValidationError) as err:
        services.task_update_create(
            acting_user=users["baocao.phutan"],
            task=target,
            progress=70,
            note="Đang thi công",
            # a good file goes first: it must not be stored either
            files=[upload("anh.png", png_bytes()), upload(name, data, "application/pdf")],
        )
    assert err.value.message_dict == {"files": [message]}
    target.refresh_from_db()
    assert target.progress == 40
    assert not TaskUpdate.objects.exists()
    assert files_on_disk(media) == []
    assert not AuditEvent.objects.filter(action="task.progress").exists()


def test_files_already_stored_are_removed_when_a_later_step_fails(users, media, monkeypatch):
    def broken_audit(**_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("nghiquyet.plans.services.progress.audit_log", broken_audit)
    with pytest.raises(RuntimeError):
        services.task_update_create(
            acting_user=users["baocao.phutan"],
            task=task(PHU_TAN_TASK),
            progress=70,
            note="Đang thi công",
            files=[upload("a.pdf", pdf_bytes()), upload("b.png", png_bytes())],
        )
    assert files_on_disk(media) == []
    assert not TaskUpdate.objects.exists()


# --- evidence downloads -----------------------------------------------------------


@pytest.fixture
def an_hoi_evidence(users, media) -> TaskEvidence:
    update = services.task_update_create(
        acting_user=users["baocao.anhoi"],
        task=task(AN_HOI_TASK),
        progress=100,
        note="Đã có quyết định công nhận.",
        completed_on=dt.date(2021, 6, 18),
        files=[upload("Quyết định công nhận.pdf", pdf_bytes())],
    )
    return update.evidence.get()


@pytest.mark.parametrize(
    ("username", "visible"),
    [
        ("baocao.anhoi", True),
        ("lanhdao.anhoi", True),
        ("vanphong.thanhpho", True),
        ("vanphong.tinh", True),
        ("lanhdao.tinh", True),
        ("quantri", True),
        ("baocao.phutan", False),
        ("baocao.skhdt", False),
    ],
)
def test_evidence_is_visible_exactly_to_those_who_see_the_task(
    users, an_hoi_evidence, username, visible
):
    user = users[username]
    if visible:
        assert selectors.evidence_get(user=user, pk=an_hoi_evidence.pk) == an_hoi_evidence
        history = selectors.task_updates(user=user, task=task(AN_HOI_TASK))
        assert [u.pk for u in history] == [an_hoi_evidence.update_id]
    else:
        with pytest.raises(Http404):
            selectors.evidence_get(user=user, pk=an_hoi_evidence.pk)
        assert list(selectors.task_updates(user=user, task=task(AN_HOI_TASK))) == []


# --- overdue list per unit --------------------------------------------------------


def test_overdue_per_unit_counts_are_the_engines(users):
    user = users["vanphong.tinh"]
    units = selectors.task_overdue_by_unit(user=user, as_of=CITY_CUT_OFF)
    tasks = list(selectors.tasks_visible(user=user))
    for entry in units:
        owned = [t for t in tasks if t.owner_unit_id == entry.unit.pk]
        codes = engine.task_status(
            [t.deadline for t in owned], [t.completed_on for t in owned], CITY_CUT_OFF
        )
        assert entry.counts == engine.count_statuses(codes), entry.unit.name
        assert {r.task.pk for r in entry.overdue} == {
            t.pk
            for t, c in zip(owned, codes, strict=True)
            if engine.TASK_STATUSES[c] == "open_overdue"
        }
    assert sum(e.total for e in units) == len(tasks) == Task.objects.count()
    # most overdue units first, and within a unit the most overdue task first
    overdue = [e.overdue_count for e in units]
    assert overdue == sorted(overdue, reverse=True)
    for entry in units:
        days = [r.days_late for r in entry.overdue]
        assert days == sorted(days, reverse=True)


def test_overdue_page_for_a_ward_has_only_its_unit(users):
    units = selectors.task_overdue_by_unit(user=users["baocao.phutan"], as_of=CITY_CUT_OFF)
    assert [e.unit.code for e in units] == ["28757"]
    assert units[0].counts["open_overdue"] == 1
    assert units[0].overdue[0].task.title == PHU_TAN_TASK


def test_overdue_units_can_be_listed_in_tree_order(users):
    units = selectors.task_overdue_by_unit(user=users["vanphong.thanhpho"], sort="unit")
    keys = [(e.unit.depth, e.unit.order, e.unit.name) for e in units]
    assert keys == sorted(keys)
