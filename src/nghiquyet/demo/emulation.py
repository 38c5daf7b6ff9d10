"""The demo's emulation and meetings: the city's 2021 emulation round, scored from the city's
own 2021 figures, reports and tasks, with the council's scores; and a meeting of the City
Standing Committee whose conclusion assigned tasks, some of them now overdue.

Written through the same services a user goes through (as the rest of the demo), and called
from :mod:`.loader` with one line.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from nghiquyet.emulation import services as emulation
from nghiquyet.emulation.choices import ClusterKind, CriterionKind
from nghiquyet.emulation.models import AwardKind
from nghiquyet.emulation.selectors import round_ranking
from nghiquyet.meetings import services as meetings
from nghiquyet.meetings.choices import MeetingKind
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import BodyKind
from nghiquyet.plans.models import Plan

from . import data

YEAR = 2021
MOVEMENT = (
    "Phong trào thi đua “Đồng khởi mới” thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ "
    "thành phố lần thứ XII"
)
CRITERIA = [
    ("1", "Kết quả thực hiện các chỉ tiêu Nghị quyết năm 2021", CriterionKind.TARGETS_ACHIEVED, 40),
    ("2", "Báo cáo định kỳ gửi đúng hạn", CriterionKind.REPORTS_ON_TIME, 10),
    ("3", "Số liệu được tiếp nhận, không bị trả lại", CriterionKind.FIGURES_ACCEPTED, 10),
    ("4", "Nhiệm vụ được giao hoàn thành đúng hạn", CriterionKind.TASKS_ON_TIME, 15),
    ("5", "Xây dựng Đảng và hệ thống chính trị; đổi mới, sáng tạo", CriterionKind.COUNCIL, 25),
]
COUNCIL_NOTES = [
    "Tổ chức tốt đợt sinh hoạt chính trị; có mô hình “dân vận khéo” được nhân rộng.",
    "Hoàn thành công tác kiểm tra, giám sát theo kế hoạch; nội bộ đoàn kết.",
    "Triển khai kịp thời các nghị quyết; còn chậm trong cải cách hành chính.",
]


def _people():
    return {u.username: u for u in get_user_model().objects.all()}


def load_emulation_and_meetings(rng: random.Random) -> None:
    """The 2021 emulation round of the city and a Standing Committee meeting's conclusion."""
    users = _people()
    office = users["vanphong.thanhpho"]
    city = OrgUnit.objects.get(code=data.CITY_CODE)
    by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=[c[0] for c in data.COMMUNES])}
    wards = [by_code[c[0]] for c in data.COMMUNES if c[2] == "ward"]
    communes = [by_code[c[0]] for c in data.COMMUNES if c[2] != "ward"]
    clusters = [
        emulation.cluster_create(
            acting_user=office, unit=city, name="Cụm thi đua các phường", members=wards, order=1
        ),
        emulation.cluster_create(
            acting_user=office,
            unit=city,
            name="Cụm thi đua các xã",
            members=communes,
            kind=ClusterKind.CLUSTER,
            order=2,
        ),
    ]
    for cluster in clusters:
        for year in (2020, YEAR):
            emulation.cluster_lead_rotate(acting_user=office, cluster=cluster, year=year)
    movement = emulation.movement_create(
        acting_user=office,
        unit=city,
        name=MOVEMENT,
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        description="Thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ năm 2021 "
        "(dữ liệu minh họa).",
        clusters=clusters,
    )
    rnd = emulation.round_create(
        acting_user=office,
        movement=movement,
        year=YEAR,
        plan=Plan.objects.get(code="thanhpho-2021"),
    )
    criteria = {
        code: emulation.criterion_create(
            acting_user=office, rnd=rnd, code=code, name=name, kind=kind, max_points=points, order=i
        )
        for i, (code, name, kind, points) in enumerate(CRITERIA)
    }
    for i, unit in enumerate(wards + communes):
        emulation.registration_save(
            acting_user=office,
            rnd=rnd,
            unit=unit,
            title_sought="Cờ thi đua của Ủy ban nhân dân tỉnh"
            if i in (0, 6)
            else "Tập thể lao động xuất sắc",
            commitment="Hoàn thành và hoàn thành vượt các chỉ tiêu Nghị quyết năm 2021; "
            "100% nhiệm vụ được giao hoàn thành đúng hạn; báo cáo đúng hạn, đúng số liệu.",
        )
        emulation.score_council_set(
            acting_user=office,
            rnd=rnd,
            criterion=criteria["5"],
            unit=unit,
            points=rng.choice([17, 18, 19, 20, 21, 22, 23]),
            note=COUNCIL_NOTES[i % len(COUNCIL_NOTES)],
        )
    _proposals(office, rnd)
    _meeting(office)


def _proposals(office, rnd) -> None:
    """Proposals in different states — a collective and a person decided, a collective waiting
    for the council — and the decision."""
    kinds = {k.code: k for k in AwardKind.objects.all()}
    leaders = [ranking.rows[0].unit for ranking in round_ranking(user=SYSTEM, rnd=rnd)]
    decided = emulation.proposal_create(
        acting_user=office,
        rnd=rnd,
        unit=leaders[0],
        award_kind=kinds["tap-the-lao-dong-xuat-sac"],
        achievements="Dẫn đầu cụm thi đua các phường năm 2021; hoàn thành vượt các chỉ tiêu "
        "Nghị quyết; báo cáo đúng hạn.",
    )
    decided = emulation.proposal_review(
        acting_user=office,
        proposal=decided,
        votes_for=9,
        votes_total=11,
        note="Hội đồng Thi đua - Khen thưởng thành phố thống nhất đề nghị.",
        council_confirmed=True,
    )
    # An individual of Phường An Hội: a person record holds name, position and unit only.
    person = emulation.proposal_create(
        acting_user=office,
        rnd=rnd,
        unit=OrgUnit.objects.get(code="28777-cu"),
        award_kind=kinds["lao-dong-tien-tien"],
        person_name="Nguyễn Thị Minh Thư",
        person_position="Công chức Văn phòng - Thống kê (dữ liệu minh họa)",
        achievements="Hoàn thành tốt nhiệm vụ tổng hợp, báo cáo số liệu đúng hạn năm 2021.",
    )
    person = emulation.proposal_review(
        acting_user=office,
        proposal=person,
        votes_for=10,
        votes_total=11,
        note="Hội đồng thống nhất đề nghị.",
        council_confirmed=True,
    )
    emulation.decision_issue(
        acting_user=office,
        unit=rnd.movement.unit,
        issuer="Ủy ban nhân dân thành phố Bến Tre",
        number="2150/QĐ-UBND",
        signed_on=dt.date(2022, 1, 20),
        signer_position="Chủ tịch",
        signer_name="(dữ liệu minh họa)",
        proposals=[decided, person],
    )
    emulation.proposal_create(
        acting_user=office,
        rnd=rnd,
        unit=leaders[1],
        award_kind=kinds["co-thi-dua-ubnd-tinh"],
        achievements="Dẫn đầu cụm thi đua các xã năm 2021.",
    )


def _meeting(office) -> None:
    """Hội nghị Ban Thường vụ Thành ủy sơ kết 6 tháng đầu năm 2021, and its conclusion."""
    city = OrgUnit.objects.get(code=data.CITY_CODE)
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in=["28756-cu", "28762", f"{data.CITY_CODE}-TCKH", f"{data.CITY_CODE}-KT"]
        )
    }
    meeting = meetings.meeting_create(
        acting_user=office,
        unit=city,
        kind=MeetingKind.STANDING_COMMITTEE,
        title="Sơ kết tình hình thực hiện Nghị quyết 6 tháng đầu năm 2021, "
        "nhiệm vụ 6 tháng cuối năm",
        held_on=dt.date(2021, 7, 5),
        place="Hội trường Thành ủy",
        chair="đồng chí Bí thư Thành ủy",
        participants="Các đồng chí Ủy viên Ban Thường vụ Thành ủy; lãnh đạo các ban xây dựng "
        "Đảng, Văn phòng Thành ủy",
        agenda="Nghe báo cáo sơ kết 6 tháng đầu năm 2021; cho ý kiến phương hướng, nhiệm vụ "
        "6 tháng cuối năm.",
        reviewed_plans=[Plan.objects.get(code="thanhpho-2021")],
        signer_position="Phó Bí thư Thường trực",
        signer_name="(dữ liệu minh họa)",
    )
    notice = meetings.conclusion_issue(
        acting_user=office,
        meeting=meeting,
        number="145-TB/ThU",
        issued_on=dt.date(2021, 7, 8),
        issuing_body="Ban Thường vụ Thành ủy Bến Tre",
        superior_body="Đảng bộ tỉnh Bến Tre",
        body_kind=BodyKind.PARTY,
        summary="Ban Thường vụ Thành ủy thống nhất đánh giá: 6 tháng đầu năm 2021, các chỉ tiêu "
        "chủ yếu cơ bản đạt tiến độ; tuy nhiên giải ngân vốn đầu tư công và thu ngân sách "
        "còn chậm.",
        items=[
            "Tập trung chỉ đạo đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu đến cuối năm "
            "giải ngân trên 95% kế hoạch vốn.",
            "Tăng cường các biện pháp chống thất thu ngân sách; rà soát, khai thác các nguồn thu "
            "mới trên địa bàn.",
            "Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chỉ số hài lòng của người dân.",
        ],
        is_demo=True,
    )
    one, two, three = notice.groups.order_by("order")
    # Overdue: two tasks never completed.
    meetings.conclusion_task_assign(
        acting_user=office,
        meeting=meeting,
        item=one,
        owner_unit=units[f"{data.CITY_CODE}-TCKH"],
        title="Rà soát, điều chuyển vốn các công trình chậm giải ngân",
        product="Báo cáo đề xuất điều chuyển vốn trình Ban Thường vụ",
        deadline=dt.date(2021, 9, 30),
    )
    meetings.conclusion_task_assign(
        acting_user=office,
        meeting=meeting,
        item=two,
        owner_unit=units["28756-cu"],
        title="Rà soát nguồn thu từ đất trên địa bàn phường",
        product="Danh mục nguồn thu mới và kế hoạch khai thác",
        deadline=dt.date(2021, 10, 31),
    )
    # Done: one on time, one late (as recorded by the units).
    for item, unit, title, product, deadline, done in (
        (
            one,
            units[f"{data.CITY_CODE}-KT"],
            "Hoàn thành hồ sơ quyết toán các công trình đã bàn giao",
            "Hồ sơ quyết toán",
            dt.date(2021, 8, 31),
            dt.date(2021, 8, 25),
        ),
        (
            three,
            units["28762"],
            "Triển khai bộ phận một cửa số tại phường",
            "Bộ phận một cửa số vận hành",
            dt.date(2021, 9, 30),
            dt.date(2021, 10, 12),
        ),
    ):
        plan_services.task_create(
            acting_user=SYSTEM,
            plan=notice,
            group=item,
            code=f"{item.code}.{item.tasks.count() + 1}",
            title=title,
            owner_unit=unit,
            product=product,
            deadline=deadline,
            progress=100,
            completed_on=done,
        )
