"""A district standing committee's meeting on the ``land`` fixture, with a conclusion notice
whose tasks are partly overdue."""

import datetime as dt

import pytest

from nghiquyet.meetings import services
from nghiquyet.plans import services as plan_services
from tests.factories import make_plan, make_user

HELD = dt.date(2024, 3, 15)


@pytest.fixture
def office(land):
    return make_user("vanphong.d1", ("office", land["D1"]))


@pytest.fixture
def meeting(land, office):
    plan = make_plan(land["D1"], "d1-2024", year=2024)
    meeting = services.meeting_create(
        acting_user=office,
        unit=land["D1"],
        title="Cho ý kiến về tình hình thực hiện nhiệm vụ quý I năm 2024",
        held_on=HELD,
        chair="Nguyễn Văn A, Bí thư Huyện ủy",
        participants="Các đồng chí Ủy viên Ban Thường vụ Huyện ủy",
        agenda="Nghe báo cáo kết quả quý I; cho ý kiến nhiệm vụ quý II.",
        reviewed_plans=[plan],
        signer_position="Phó Bí thư",
        signer_name="Trần Thị B",
    )
    services.conclusion_issue(
        acting_user=office,
        meeting=meeting,
        number="12-TB/HU",
        issued_on=dt.date(2024, 3, 18),
        issuing_body="Ban Thường vụ Huyện ủy D1",
        superior_body="Đảng bộ tỉnh Thử",
        items=[
            "Tập trung chỉ đạo giải ngân vốn đầu tư công, phấn đấu đạt trên 95% kế hoạch.",
            "Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan đảng.",
        ],
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def items(meeting):
    return list(meeting.conclusion.groups.order_by("order"))


@pytest.fixture
def tasks(meeting, items, office, land, system):
    one, two = items
    overdue = services.conclusion_task_assign(
        acting_user=office,
        meeting=meeting,
        item=one,
        owner_unit=land["D1a"],
        title="Rà soát, điều chuyển vốn các công trình chậm giải ngân",
        product="Báo cáo rà soát gửi Ban Thường vụ",
        deadline=dt.date(2024, 4, 30),
    )
    done = services.conclusion_task_assign(
        acting_user=office,
        meeting=meeting,
        item=one,
        owner_unit=land["D1b"],
        title="Đẩy nhanh giải phóng mặt bằng đường tỉnh",
        product="Biên bản bàn giao mặt bằng",
        deadline=dt.date(2024, 5, 31),
    )
    plan_services.task_update_create(
        acting_user=make_user("baocao.d1b", ("reporter", land["D1b"])),
        task=done,
        progress=100,
        note="Đã bàn giao.",
        completed_on=dt.date(2024, 5, 20),
    )
    later = services.conclusion_task_assign(
        acting_user=office,
        meeting=meeting,
        item=two,
        owner_unit=land["D1"],
        title="Xây dựng kho dữ liệu văn bản số",
        product="Kho dữ liệu vận hành",
        deadline=dt.date(2099, 12, 31),
    )
    return {"overdue": overdue, "done": done, "later": later}
