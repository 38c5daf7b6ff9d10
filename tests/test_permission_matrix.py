"""The permission matrix: every page and action, for users of several units and roles.

Each case is one URL (and method) on demo objects that belong to Phường An Hội
or the city; each user is expected to be allowed (2xx/3xx, or 4xx for a
refused *input* such as 422) or refused (403 when they may see but not do,
404 when the object is outside their scope). A write that is refused — for the
user or for its input — changes no row and writes no audit event. A guard test
fails when a page is added without a row here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.models import OrgUnitChange
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan, QualityRule, Task, TaskEvidence
from nghiquyet.plans.services import quality_rule_create, task_update_create
from nghiquyet.reporting.models import ReportingRound, Submission
from tests.dbstate import changed_tables, database_state

pytestmark = pytest.mark.django_db

USERS = [
    "quantri",  # administrator
    "vanphong.tinh",  # office of the province
    "lanhdao.tinh",  # viewer of the province
    "vanphong.thanhpho",  # office of the city
    "baocao.anhoi",  # reporter of Phường An Hội
    "lanhdao.anhoi",  # approver of Phường An Hội
    "baocao.phutan",  # reporter of another ward
    "baocao.skhdt",  # reporter of a provincial department
]
CITY_READERS = {"quantri", "vanphong.tinh", "lanhdao.tinh", "vanphong.thanhpho"}
WARD_READERS = CITY_READERS | {"baocao.anhoi", "lanhdao.anhoi"}
CITY_OFFICES = {"quantri", "vanphong.tinh", "vanphong.thanhpho"}
WARD_REPORTERS = {"quantri", "baocao.anhoi"}
EVERYONE = set(USERS)
MANAGERS = {"quantri", "vanphong.tinh", "vanphong.thanhpho"}
#: A job belongs to whoever asked for it (administrators see every job).
OWNER = {"quantri", "lanhdao.tinh"}

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Case:
    name: str  # URL name
    method: str
    #: builds (url, data) from the demo objects
    build: object
    #: users allowed; everyone else gets ``refused`` (or 404 when outside their scope)
    allowed: set[str]
    #: status for a user who may see the object but not do this
    visible_to: set[str] = field(default_factory=set)
    ok: tuple[int, ...] = (200,)


def small_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Có 13/45 chỉ tiêu đạt và vượt.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def anhoi_report():
    return Submission.objects.get(round__period__key="2021-H1", unit__code="28777-cu")


def anhoi_task():
    return Task.objects.get(owner_unit__code="28777-cu")


def hoa_loc_split():
    return OrgUnitChange.objects.get(source_key="vn2025:s:28924")


def city_jobs():
    """A city target that adds up (new enterprises), to divide among the communes."""
    from nghiquyet.plans.models import Target

    return Target.objects.get(plan__code="thanhpho-2021", code="14")


def city_commune_ids():
    from nghiquyet.plans.share_selectors import plan_expected_units

    return [u.pk for u in plan_expected_units(user=SYSTEM, plan=city_jobs().plan)]


def city_round():
    return ReportingRound.objects.get(plan__code="thanhpho-2021", period__key="2021-H1")


CASES = [
    Case("plans:plan-list", "get", lambda: (reverse("plans:plan-list"), None), EVERYONE),
    Case(
        "reporting:plan-dashboard",
        "get",
        lambda: (reverse("reporting:plan-dashboard", args=["thanhpho-2021"]), None),
        CITY_READERS,
    ),
    Case(
        "reporting:plan-dashboard",
        "get",
        lambda: (reverse("reporting:plan-dashboard", args=["an-hoi-2021"]), None),
        WARD_READERS,
    ),
    Case(
        "reporting:plan-cascade",
        "get",
        lambda: (reverse("reporting:plan-cascade", args=["thanhpho-2021"]), None),
        CITY_READERS,
    ),
    Case(
        "reporting:target-detail",
        "get",
        lambda: (reverse("reporting:target-detail", args=["thanhpho-2021", "23"]), None),
        CITY_READERS,
    ),
    Case("reporting:todo", "get", lambda: (reverse("reporting:todo"), None), EVERYONE),
    Case(
        "reporting:landing",
        "get",
        lambda: (reverse("reporting:landing"), None),
        EVERYONE,
        ok=(302,),
    ),
    Case(
        "reporting:submission-list",
        "get",
        lambda: (reverse("reporting:submission-list"), None),
        EVERYONE,
    ),
    Case(
        "reporting:submission-detail",
        "get",
        lambda: (reverse("reporting:submission-detail", args=[anhoi_report().pk]), None),
        WARD_READERS,
    ),
    Case(
        "reporting:submission-save",
        "post",
        lambda: (
            reverse("reporting:submission-save", args=[anhoi_report().pk]),
            {"revision": anhoi_report().revision},
        ),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=(302,),
    ),
    Case(
        "reporting:submission-cells",
        "post",
        lambda: (
            reverse("reporting:submission-cells", args=[anhoi_report().pk]),
            {"revision": anhoi_report().revision},
        ),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=(200,),
    ),
    Case(
        "reporting:submission-transition",
        "post",
        lambda: (
            reverse("reporting:submission-transition", args=[anhoi_report().pk, "gui"]),
            {"revision": anhoi_report().revision},
        ),
        # allowed, but the half-filled demo report cannot be sent yet
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=(422,),
    ),
    Case(
        "reporting:round-detail",
        "get",
        lambda: (reverse("reporting:round-detail", args=[city_round().pk]), None),
        CITY_READERS,
    ),
    Case(
        "reporting:round-open",
        "get",
        lambda: (reverse("reporting:round-open", args=["thanhpho-2021"]), None),
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "reporting:round-open",
        "post",
        lambda: (
            reverse("reporting:round-open", args=["thanhpho-2021"]),
            {"period": "2021-9M", "deadline": _future()},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "reporting:reference-add",
        "get",
        lambda: (reverse("reporting:reference-add", args=["thanhpho-2021", "23"]), None),
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "reporting:reference-add",
        "post",
        lambda: (
            reverse("reporting:reference-add", args=["thanhpho-2021", "23"]),
            {"name": "Tỉnh", "kind": "other", "period": "2021", "value": "31.500"},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "reporting:quality-rule-add",
        "post",
        lambda: (
            reverse("reporting:quality-rule-add", args=["thanhpho-2021", "23"]),
            {"kind": "range", "low": "0", "high": "100"},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "reporting:quality-rule-remove",
        "post",
        lambda: (
            reverse("reporting:quality-rule-remove", args=["thanhpho-2021", "23", city_rule().pk]),
            {},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case("orgs:unit-index", "get", lambda: (reverse("orgs:unit-index"), None), EVERYONE),
    # Xã Hòa Lộc (Bến Tre) was divided between two communes of Vĩnh Long on 1/7/2025: those who
    # see Bến Tre's history see it; Vĩnh Long's office declares the shares.
    Case(
        "orgs:unit-split-shares",
        "get",
        lambda: (reverse("orgs:unit-split-shares", args=["28924", hoa_loc_split().pk]), None),
        {"quantri", "vanphong.vinhlong"},
        visible_to={"vanphong.tinh", "lanhdao.tinh", "lanhdao.vinhlong"},
    ),
    Case(
        "orgs:unit-split-shares",
        "post",
        lambda: (reverse("orgs:unit-split-shares", args=["28924", hoa_loc_split().pk]), {}),
        {"quantri", "vanphong.vinhlong"},
        visible_to={"vanphong.tinh", "lanhdao.tinh", "lanhdao.vinhlong"},
        ok=(422,),
    ),
    Case(
        "documents:map-load",
        "get",
        lambda: (reverse("documents:map-load"), None),
        {"quantri"},
        visible_to=EVERYONE - {"quantri"},
    ),
    Case(
        "documents:map-load",
        "post",
        lambda: (reverse("documents:map-load"), {}),
        {"quantri"},
        visible_to=EVERYONE - {"quantri"},
        ok=(422,),
    ),
    Case(
        "orgs:unit-detail",
        "get",
        lambda: (reverse("orgs:unit-detail", args=["28777-cu"]), None),
        WARD_READERS,
    ),
    Case(
        "orgs:unit-change",
        "get",
        lambda: (reverse("orgs:unit-change", args=["28777-cu", "rename"]), None),
        CITY_OFFICES,
        visible_to=WARD_READERS,
    ),
    Case(
        "orgs:unit-change",
        "post",
        # An Hội ended on 1/7/2025: the change is refused as input (422), after the scope check.
        lambda: (
            reverse("orgs:unit-change", args=["28777-cu", "rename"]),
            {"on": "01/01/2026", "name": "Phường Mới"},
        ),
        CITY_OFFICES,
        visible_to=WARD_READERS,
        ok=(422,),
    ),
    Case("plans:task-list", "get", lambda: (reverse("plans:task-list"), None), EVERYONE),
    Case("plans:task-overdue", "get", lambda: (reverse("plans:task-overdue"), None), EVERYONE),
    Case(
        "plans:task-detail",
        "get",
        lambda: (reverse("plans:task-detail", args=[anhoi_task().pk]), None),
        WARD_READERS,
    ),
    Case(
        "plans:task-detail",
        "post",
        lambda: (
            reverse("plans:task-detail", args=[anhoi_task().pk]),
            {"progress": "60", "note": "Đã họp dân 3 khu phố"},
        ),
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=(302,),
    ),
    Case(
        "plans:evidence-download",
        "get",
        lambda: (reverse("plans:evidence-download", args=[evidence().pk]), None),
        WARD_READERS,
    ),
    Case("documents:job-list", "get", lambda: (reverse("documents:job-list"), None), EVERYONE),
    Case(
        "documents:job-detail",
        "get",
        lambda: (reverse("documents:job-detail", args=[leaders_job().pk]), None),
        OWNER,
    ),
    Case(
        "documents:job-download",
        "get",
        lambda: (reverse("documents:job-download", args=[leaders_job().pk]), None),
        OWNER,
    ),
    Case(
        "documents:job-retry",
        "post",
        lambda: (reverse("documents:job-retry", args=[leaders_failed_job().pk]), {}),
        OWNER,
        ok=(302,),
    ),
    Case(
        "documents:report-start",
        "post",
        lambda: (
            reverse("documents:report-start", args=["thanhpho-2021"]),
            {"ky": "2021-H1", "dinh_dang": "docx"},
        ),
        CITY_READERS,
        ok=(302,),
    ),
    Case(
        "documents:review-draft",
        "get",
        lambda: (reverse("documents:review-draft", args=["thanhpho-2021", "2021-H1"]), None),
        MANAGERS,
        visible_to=CITY_READERS,
    ),
    Case(
        "documents:review-draft",
        "post",
        lambda: (
            reverse("documents:review-draft", args=["thanhpho-2021", "2021-H1"]),
            {"number": "12", "section_opening": "Mở đầu."},
        ),
        MANAGERS,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "documents:review-check",
        "post",
        lambda: (
            reverse("documents:review-check", args=["thanhpho-2021", "2021-H1"]),
            {"tep": SimpleUploadedFile("du-thao.docx", small_docx())},
        ),
        CITY_READERS,
    ),
    Case(
        "documents:submission-template",
        "get",
        lambda: (reverse("documents:submission-template", args=[anhoi_report().pk]), None),
        WARD_READERS,
    ),
    Case(
        "documents:submission-import",
        "post",
        lambda: (reverse("documents:submission-import", args=[anhoi_report().pk]), {}),
        # allowed, but no file was sent
        WARD_REPORTERS,
        visible_to=WARD_READERS,
        ok=(422,),
    ),
    Case(
        "documents:plan-template",
        "get",
        lambda: (reverse("documents:plan-template"), None),
        MANAGERS,
        visible_to=EVERYONE,
    ),
    Case(
        "documents:plan-import",
        "get",
        lambda: (reverse("documents:plan-import"), None),
        MANAGERS,
        visible_to=EVERYONE,
    ),
    Case(
        "documents:plan-import",
        "post",
        lambda: (reverse("documents:plan-import"), {}),
        MANAGERS,
        visible_to=EVERYONE,
        ok=(422,),
    ),
    Case(
        "documents:plan-extract",
        "get",
        lambda: (reverse("documents:plan-extract"), None),
        MANAGERS,
        visible_to=EVERYONE,
    ),
    Case(
        "documents:plan-extract",
        "post",
        # no file and no reviewed rows: the empty review page again
        lambda: (reverse("documents:plan-extract"), {}),
        MANAGERS,
        visible_to=EVERYONE,
    ),
    Case("accounts:token-list", "get", lambda: (reverse("accounts:token-list"), None), EVERYONE),
    Case(
        "accounts:token-list",
        "post",
        lambda: (reverse("accounts:token-list"), {"name": "Cổng thông tin", "expires_on": ""}),
        # allowed, but the expiry date is missing
        EVERYONE,
        ok=(422,),
    ),
    Case(
        "accounts:token-revoke",
        "post",
        lambda: (reverse("accounts:token-revoke", args=[leaders_token().pk]), {}),
        # a token is its owner's alone, administrators included
        {"lanhdao.tinh"},
        ok=(302,),
    ),
    Case("notifications:list", "get", lambda: (reverse("notifications:list"), None), EVERYONE),
    Case(
        "notifications:read",
        "post",
        lambda: (reverse("notifications:read"), {}),
        EVERYONE,
        ok=(302,),
    ),
    Case(
        "notifications:settings",
        "get",
        lambda: (reverse("notifications:settings"), None),
        EVERYONE,
    ),
    Case(
        "notifications:settings",
        "post",
        lambda: (reverse("notifications:settings"), {"email": ["task_assigned"]}),
        EVERYONE,
        ok=(302,),
    ),
]
#: Pages that need no permission (sign-in, language, the chart library) — tested elsewhere.


def city_cluster():
    from nghiquyet.emulation.models import Cluster

    return Cluster.objects.get(name="Cụm thi đua các phường")


def city_emulation_round():
    from nghiquyet.emulation.models import EmulationRound

    return EmulationRound.objects.get(movement__unit__code="829", year=2021)


def council_criterion():
    return city_emulation_round().criteria.get(kind="council")


def btv_meeting():
    from nghiquyet.meetings.models import Meeting

    return Meeting.objects.get(conclusion__number="145-TB/ThU")


def unit_pk(code: str) -> int:
    from nghiquyet.orgs.models import OrgUnit

    return OrgUnit.objects.get(code=code).pk


#: Who sees the city's ward cluster, its movement and round: the city's readers and the wards
#: in the cluster (An Hội, Phú Tân).
CLUSTER_READERS = WARD_READERS | {"baocao.phutan"}
ORGANISERS = {"quantri", "vanphong.tinh", "vanphong.thanhpho"}


def _round_url(name: str, *args) -> str:
    return reverse(name, args=[city_emulation_round().pk, *args])


EMULATION_CASES = [
    Case("emulation:index", "get", lambda: (reverse("emulation:index"), None), EVERYONE),
    Case(
        "emulation:cluster-create",
        "get",
        lambda: (reverse("emulation:cluster-create"), None),
        ORGANISERS,
        visible_to=EVERYONE,
    ),
    Case(
        "emulation:movement-create",
        "get",
        lambda: (reverse("emulation:movement-create"), None),
        ORGANISERS,
        visible_to=EVERYONE,
    ),
    Case(
        "emulation:cluster-detail",
        "get",
        lambda: (reverse("emulation:cluster-detail", args=[city_cluster().pk]), None),
        CLUSTER_READERS,
    ),
    Case(
        "emulation:cluster-detail",
        "post",
        lambda: (reverse("emulation:cluster-detail", args=[city_cluster().pk]), {"nam": "2022"}),
        ORGANISERS,
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:movement-detail",
        "get",
        lambda: (
            reverse("emulation:movement-detail", args=[city_emulation_round().movement_id]),
            None,
        ),
        CLUSTER_READERS,
    ),
    Case(
        "emulation:movement-detail",
        "post",
        lambda: (
            reverse("emulation:movement-detail", args=[city_emulation_round().movement_id]),
            {"year": "2022", "plan": str(city_emulation_round().plan_id)},
        ),
        ORGANISERS,
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:round-detail",
        "get",
        lambda: (_round_url("emulation:round-detail"), None),
        CLUSTER_READERS,
    ),
    Case(
        "emulation:criterion-add",
        "post",
        lambda: (
            _round_url("emulation:criterion-add"),
            {"code": "6", "name": "Dân vận", "kind": "council", "max_points": "5", "weight": "1"},
        ),
        ORGANISERS,
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:registration-add",
        "post",
        lambda: (
            _round_url("emulation:registration-add"),
            {
                "unit": str(unit_pk("28777-cu")),
                "title_sought": "Tập thể lao động xuất sắc",
                "commitment": "Hoàn thành vượt các chỉ tiêu.",
            },
        ),
        ORGANISERS | {"baocao.anhoi"},
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:round-close",
        "post",
        lambda: (_round_url("emulation:round-close"), None),
        ORGANISERS,
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:score-detail",
        "get",
        lambda: (_round_url("emulation:score-detail", unit_pk("28777-cu")), None),
        WARD_READERS,
    ),
    Case(
        "emulation:score-detail",
        "post",
        lambda: (
            _round_url("emulation:score-detail", unit_pk("28777-cu")),
            {
                "criterion": str(council_criterion().pk),
                "points": "20",
                "note": "Hội đồng chấm lại.",
            },
        ),
        ORGANISERS,
        visible_to=WARD_READERS,
        ok=(302,),
    ),
    Case(
        "meetings:meeting-list", "get", lambda: (reverse("meetings:meeting-list"), None), EVERYONE
    ),
    Case(
        "meetings:meeting-create",
        "get",
        lambda: (reverse("meetings:meeting-create"), None),
        ORGANISERS,
        visible_to=EVERYONE,
    ),
    Case(
        "meetings:meeting-detail",
        "get",
        lambda: (reverse("meetings:meeting-detail", args=[btv_meeting().pk]), None),
        CITY_READERS,
    ),
    Case(
        "meetings:conclusion-issue",
        "post",
        lambda: (
            reverse("meetings:conclusion-issue", args=[btv_meeting().pk]),
            {
                "number": "146-TB/ThU",
                "issued_on": "10/07/2021",
                "issuing_body": "Ban Thường vụ Thành ủy Bến Tre",
                "body_kind": "party",
            },
        ),
        ORGANISERS,
        visible_to=CITY_READERS,
        ok=(400,),  # the meeting already has its notice: refused, nothing written
    ),
    Case(
        "meetings:item-add",
        "post",
        lambda: (
            reverse("meetings:item-add", args=[btv_meeting().pk]),
            {"text": "Chuẩn bị tổng kết năm 2021."},
        ),
        ORGANISERS,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "meetings:task-assign",
        "post",
        lambda: (
            reverse("meetings:task-assign", args=[btv_meeting().pk]),
            {
                "item": str(btv_meeting().conclusion.groups.get(code="3").pk),
                "owner_unit": "829-VHTT",
                "title": "Tuyên truyền dịch vụ công trực tuyến",
                "product": "Kế hoạch tuyên truyền",
                "deadline": "30/11/2021",
            },
        ),
        ORGANISERS,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "documents:conclusion-notice",
        "get",
        lambda: (reverse("documents:conclusion-notice", args=[btv_meeting().pk]), None),
        CITY_READERS,
    ),
    Case(
        "documents:conclusion-progress",
        "get",
        lambda: (reverse("documents:conclusion-progress", args=[btv_meeting().pk]), None),
        CITY_READERS,
    ),
]


def pending_proposal():
    from nghiquyet.emulation.models import Proposal

    return Proposal.objects.get(round=city_emulation_round(), status="proposed")


def city_decision():
    from nghiquyet.emulation.models import Decision

    return Decision.objects.get(number="2150/QĐ-UBND")


EMULATION_CASES += [
    Case(
        "emulation:proposal-review",
        "post",
        lambda: (
            reverse("emulation:proposal-review", args=[pending_proposal().pk]),
            {"votes_for": "8", "votes_total": "11", "council_confirmed": "on"},
        ),
        ORGANISERS,
        visible_to=CITY_READERS,  # a commune's proposal: the wards do not see it
        ok=(302,),
    ),
    Case(
        "documents:award-decision",
        "get",
        lambda: (reverse("documents:award-decision", args=[city_decision().pk]), None),
        CITY_READERS,
    ),
]


def demo_person():
    """The demo's awarded person, of Phường An Hội."""
    from nghiquyet.emulation.models import Person

    return Person.objects.get(name="Nguyễn Thị Minh Thư")


def _person_url(name: str):
    return lambda: (reverse(name, args=[demo_person().pk]), None)


#: Who may propose in the city's round: the organisers and the wards' reporters.
PROPOSERS = ORGANISERS | {"baocao.anhoi", "baocao.phutan"}

EMULATION_CASES += [
    Case(
        "emulation:proposal-create",
        "get",
        lambda: (_round_url("emulation:proposal-create"), None),
        PROPOSERS,
        visible_to=CLUSTER_READERS,
    ),
    Case(
        "emulation:proposal-create",
        "post",
        lambda: (
            _round_url("emulation:proposal-create"),
            {
                "unit": str(unit_pk("28777-cu")),
                "award_kind": str(award_kind_pk("giay-khen-ca-nhan")),
                "person_name": "Lê Thị Thu",
                "person_position": "Chuyên viên",
                "achievements": "Hoàn thành tốt nhiệm vụ.",
            },
        ),
        # a reporter of Phú Tân may not propose for An Hội (403, nothing written)
        ORGANISERS | {"baocao.anhoi"},
        visible_to=CLUSTER_READERS,
        ok=(302,),
    ),
    Case(
        "emulation:proposal-detail",
        "get",
        lambda: (reverse("emulation:proposal-detail", args=[person_proposal().pk]), None),
        WARD_READERS,
    ),
    Case(
        "emulation:decision-create",
        "get",
        lambda: (_round_url("emulation:decision-create"), None),
        ORGANISERS,
        visible_to=CLUSTER_READERS,
    ),
    Case(
        "emulation:decision-create",
        "post",
        lambda: (
            _round_url("emulation:decision-create"),
            {
                "proposals": [str(pending_proposal().pk)],
                "number": "9/QĐ-UBND",
                "signed_on": "20/01/2022",
                "issuer": "Ủy ban nhân dân thành phố Bến Tre",
                "body_kind": "state",
                "signer_position": "Chủ tịch",
            },
        ),
        # allowed, but the council has not passed that proposal: refused, nothing written
        ORGANISERS,
        visible_to=CLUSTER_READERS,
        ok=(400,),
    ),
    Case(
        "emulation:decision-detail",
        "get",
        lambda: (reverse("emulation:decision-detail", args=[city_decision().pk]), None),
        CITY_READERS,
    ),
    Case(
        "emulation:unit-history",
        "get",
        lambda: (reverse("emulation:unit-history", args=[unit_pk("28777-cu")]), None),
        WARD_READERS,
    ),
    Case("emulation:person-detail", "get", _person_url("emulation:person-detail"), WARD_READERS),
    Case(
        "emulation:person-export",
        "get",
        _person_url("emulation:person-export"),
        MANAGERS,
        visible_to=WARD_READERS,
    ),
    Case(
        "documents:person-export-xlsx",
        "get",
        _person_url("documents:person-export-xlsx"),
        MANAGERS,
        visible_to=WARD_READERS,
    ),
    Case(
        "emulation:person-erase",
        "post",
        lambda: (
            reverse("emulation:person-erase", args=[demo_person().pk]),
            {"reason": "Đơn yêu cầu của người có dữ liệu"},
        ),
        MANAGERS,
        visible_to=WARD_READERS,
        ok=(302,),
    ),
    Case(
        "documents:award-certificate",
        "get",
        lambda: (
            reverse("documents:award-certificate", args=[demo_person().awards.get().pk]),
            None,
        ),
        WARD_READERS,
    ),
]
CASES += EMULATION_CASES


def person_proposal():
    from nghiquyet.emulation.models import Proposal

    return Proposal.objects.get(person=demo_person())


def award_kind_pk(code: str) -> int:
    from nghiquyet.emulation.models import AwardKind

    return AwardKind.objects.get(code=code).pk


def _future() -> str:
    """A deadline that has not passed (a round refuses one that has)."""
    import datetime as dt

    from django.utils import timezone

    return f"{timezone.localdate() + dt.timedelta(days=20):%d/%m/%Y}"


def phutan_task():
    """An open task of the city's resolution owned by Phường Phú Tân."""
    return Task.objects.get(owner_unit__code="28757", plan__code="thanhpho-2021")


def city_target():
    return Plan.objects.get(code="thanhpho-2021").targets.order_by("order", "pk").first()


def city_group():
    return Plan.objects.get(code="thanhpho-2021").groups.order_by("kind", "order", "pk").first()


def _plan_url(name, *args):
    return lambda: (reverse(name, args=["thanhpho-2021", *args]), None)


#: The office's editing pages of the city's resolution: its offices edit, its readers are
#: refused (403), everyone else does not see it (404).
EDITOR_CASES = [
    Case(name, "get", _plan_url(name), CITY_OFFICES, visible_to=CITY_READERS)
    for name in (
        "plans:plan-editor",
        "plans:plan-edit",
        "plans:target-add",
        "plans:task-add",
        "plans:task-bulk-assign",
    )
] + [
    Case(
        "plans:group-add",
        "get",
        _plan_url("plans:group-add", "targets"),
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "plans:group-add",
        "post",
        lambda: (
            reverse("plans:group-add", args=["thanhpho-2021", "tasks"]),
            {"code": "IX", "name": "Nhóm mới"},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "plans:group-edit",
        "get",
        lambda: (reverse("plans:group-edit", args=["thanhpho-2021", city_group().pk]), None),
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "plans:group-move",
        "post",
        lambda: (
            reverse("plans:group-move", args=["thanhpho-2021", city_group().pk, "xuong"]),
            {},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    *(
        Case(
            name,
            "get",
            lambda name=name: (reverse(name, args=["thanhpho-2021", city_target().pk]), None),
            CITY_OFFICES,
            visible_to=CITY_READERS,
        )
        for name in ("plans:target-edit", "plans:target-adjust", "plans:target-end")
    ),
    Case(
        "plans:target-adjust",
        "post",
        lambda: (
            reverse("plans:target-adjust", args=["thanhpho-2021", city_target().pk]),
            {
                "direction": "higher",
                "target_value": "1",
                "change": "0",
                "effective_on": "01/01/2022",
                "document": "Nghị quyết số 99/NQ-HĐND",
            },
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "plans:target-shares",
        "get",
        lambda: (reverse("plans:target-shares", args=["thanhpho-2021", city_jobs().pk]), None),
        CITY_READERS,
    ),
    Case(
        "plans:target-shares",
        "post",
        lambda: (
            reverse("plans:target-shares", args=["thanhpho-2021", city_jobs().pk]),
            {
                "method": "population",
                "population_source": "Niên giám thống kê",
                **{f"population-{pk}": "1.000" for pk in city_commune_ids()},
            },
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    *(
        Case(
            name,
            "get",
            lambda name=name: (reverse(name, args=[phutan_task().pk]), None),
            CITY_OFFICES,
            visible_to=CITY_READERS | {"baocao.phutan"},
        )
        for name in ("plans:task-edit", "plans:task-extend", "plans:task-close")
    ),
    Case(
        "plans:task-extend",
        "post",
        lambda: (
            reverse("plans:task-extend", args=[phutan_task().pk]),
            {"deadline": "31/12/2099", "reason": "Chờ kinh phí"},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS | {"baocao.phutan"},
        ok=(302,),
    ),
    Case(
        "plans:plan-create",
        "get",
        lambda: (reverse("plans:plan-create"), None),
        # The demo's offices are of Bến Tre's units, which ended on 1/7/2025.
        {"quantri"},
        visible_to=set(USERS) - {"quantri"},
    ),
    Case(
        "orgs:unit-create",
        "get",
        lambda: (reverse("orgs:unit-create"), None),
        # The demo's offices are of Bến Tre's units, which ended on 1/7/2025.
        {"quantri"},
        visible_to=set(USERS) - {"quantri"},
    ),
    Case(
        "reporting:round-extend",
        "get",
        lambda: (reverse("reporting:round-extend", args=[city_round().pk]), None),
        CITY_OFFICES,
        visible_to=CITY_READERS,
    ),
    Case(
        "reporting:round-extend",
        "post",
        lambda: (
            reverse("reporting:round-extend", args=[city_round().pk]),
            {"deadline": _future(), "reason": "Bão lũ"},
        ),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "reporting:round-close",
        "post",
        lambda: (reverse("reporting:round-close", args=[city_round().pk]), {}),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
    Case(
        "notifications:remind-round",
        "post",
        lambda: (reverse("notifications:remind-round", args=[city_round().pk]), {}),
        CITY_OFFICES,
        visible_to=CITY_READERS,
        ok=(302,),
    ),
]
CASES += EDITOR_CASES


def anhoi_reporter():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="baocao.anhoi")


#: People an office manages: the city's offices manage An Hội's reporter; the demo's offices
#: are of units that ended on 1/7/2025, so only the administrator may add people now.
CASES += [
    Case(
        "orgs:people",
        "get",
        lambda: (reverse("orgs:people"), None),
        {"quantri"},
        visible_to=set(USERS) - {"quantri"},
    ),
    Case(
        "orgs:person-add",
        "get",
        lambda: (reverse("orgs:person-add"), None),
        {"quantri"},
        visible_to=set(USERS) - {"quantri"},
    ),
    Case(
        "orgs:person-detail",
        "get",
        lambda: (reverse("orgs:person-detail", args=[anhoi_reporter().pk]), None),
        CITY_OFFICES,
    ),
    Case(
        "orgs:person-action",
        "post",
        lambda: (reverse("orgs:person-action", args=[anhoi_reporter().pk, "lien-ket"]), {}),
        CITY_OFFICES,
        ok=(302,),
    ),
    Case(
        "accounts:password-change",
        "get",
        lambda: (reverse("accounts:password-change"), None),
        EVERYONE,
    ),
    Case(
        "accounts:password-change-done",
        "get",
        lambda: (reverse("accounts:password-change-done"), None),
        EVERYONE,
        ok=(302,),
    ),
]

PUBLIC = {"login", "logout", "set_language", "web:vega-embed", "accounts:password-set"}


def city_rule():
    """A data-quality rule of the city on its new-jobs indicator."""
    plan = Plan.objects.get(code="thanhpho-2021")
    target = plan.targets.select_related("indicator").get(code="23")
    return QualityRule.objects.filter(unit=plan.unit).first() or quality_rule_create(
        acting_user=SYSTEM, indicator=target.indicator, unit=plan.unit, kind="whole"
    )


def leaders_job():
    """A finished report job of the province's leader."""
    from django.contrib.auth import get_user_model

    from nghiquyet.documents.choices import JobStatus
    from nghiquyet.documents.jobs import job_store_result
    from nghiquyet.documents.models import Job

    job = Job.objects.filter(created_by__username="lanhdao.tinh").first()
    if job is None:
        job = Job.objects.create(
            kind="report",
            title="Báo cáo tổng kết",
            status=JobStatus.DONE,
            progress=100,
            unit=Plan.objects.get(code="tinh-2022").unit,
            created_by=get_user_model().objects.get(username="lanhdao.tinh"),
        )
        job_store_result(job, b"%PDF-1.7 test", name="bao-cao.pdf", content_type="application/pdf")
    return job


def leaders_failed_job():
    """A failed report job of the province's leader (its worker died)."""
    from django.contrib.auth import get_user_model

    from nghiquyet.documents.choices import JobStatus
    from nghiquyet.documents.models import Job

    job = Job.objects.filter(created_by__username="lanhdao.tinh", status=JobStatus.FAILED).first()
    if job is None:
        plan = Plan.objects.get(code="tinh-2022")
        job = Job.objects.create(
            kind="report",
            title="Báo cáo tổng kết",
            status=JobStatus.FAILED,
            error="Máy chạy nền đã ngừng hoạt động.",
            params={"plan": plan.pk, "period": "2022", "format": "xlsx"},
            unit=plan.unit,
            created_by=get_user_model().objects.get(username="lanhdao.tinh"),
        )
    return job


def leaders_token():
    """A personal API token of the province's leader."""
    from django.contrib.auth import get_user_model

    from nghiquyet.accounts.models import ApiToken
    from nghiquyet.accounts.services import api_token_create

    token = ApiToken.objects.filter(user__username="lanhdao.tinh").first()
    if token is None:
        leader = get_user_model().objects.get(username="lanhdao.tinh")
        token, _secret = api_token_create(acting_user=leader, name="Tập lệnh")
    return token


def evidence() -> TaskEvidence:
    existing = TaskEvidence.objects.filter(update__task=anhoi_task()).first()
    if existing:
        return existing
    from django.contrib.auth import get_user_model

    reporter = get_user_model().objects.get(username="baocao.anhoi")
    task_update_create(
        acting_user=reporter,
        task=anhoi_task(),
        progress=40,
        note="Ảnh buổi họp dân",
        files=[SimpleUploadedFile("hop-dan.png", PNG, content_type="image/png")],
    )
    return TaskEvidence.objects.get(update__task=anhoi_task())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def case_id(case: Case) -> str:
    return f"{case.method.upper()} {case.name}"


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matrix(users, case: Case, username: str):
    url, data = case.build()
    client = Client()
    client.force_login(users[username])
    before, events = database_state(), AuditEvent.objects.count()
    response = client.get(url) if case.method == "get" else client.post(url, data or {})
    if case.method != "get" and response.status_code >= 400:
        # Refused, for the user or for the input: nothing was written, not even an event.
        assert AuditEvent.objects.count() == events, (username, url)
        assert changed_tables(before, database_state()) == [], (username, url)
    if username in case.allowed:
        assert response.status_code in case.ok, (username, url, response.status_code)
    elif username in case.visible_to:
        assert response.status_code == 403, (username, url, response.status_code)
    else:
        assert response.status_code == 404, (username, url, response.status_code)


def test_anonymous_users_are_sent_to_sign_in():
    for case in CASES:
        url, data = case.build()
        response = Client().get(url) if case.method == "get" else Client().post(url, data or {})
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_every_page_is_in_the_matrix():
    def names(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                # The admin is superusers' only; the API has its own matrix (tests/api/).
                if p.namespace in ("admin", "api-v1"):
                    continue
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                yield from names(p.url_patterns, ns)
            elif p.name:
                yield prefix + p.name

    covered = {c.name for c in CASES} | PUBLIC
    assert set(names(get_resolver().url_patterns)) - covered == set()


def test_the_evidence_file_is_a_real_png(users):
    response = Client()
    response.force_login(users["vanphong.thanhpho"])
    got = response.get(reverse("plans:evidence-download", args=[evidence().pk]))
    assert got.status_code == 200 and got["Content-Type"] == "image/png"
    assert b"".join(got.streaming_content) == PNG
    assert io.BytesIO(PNG).read(8) == b"\x89PNG\r\n\x1a\n"
