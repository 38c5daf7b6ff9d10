"""Individuals (issue 14, items 3–4): a unit proposes a person; the conditions of individual
titles checked against the person's history, with messages naming what failed; the decision,
the certificates, the person's history; the person's data exported and erased on request."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from nghiquyet.audit.models import AuditEvent
from nghiquyet.emulation import selectors, services
from nghiquyet.emulation.choices import ERASED_NAME
from nghiquyet.emulation.models import Award, AwardKind, Person
from tests.dbstate import database_state
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Hồng Nhung"


@pytest.fixture
def kinds():
    return {k.code: k for k in AwardKind.objects.all()}


@pytest.fixture
def reporter_b(land):
    return make_user("baocao.d1b", ("reporter", land["D1b"]))


def _propose(user, scene, land, kind, **person):
    return services.proposal_create(
        acting_user=user,
        rnd=scene["round"],
        unit=land["D1a"],
        award_kind=kind,
        achievements="Hoàn thành xuất sắc nhiệm vụ tổng hợp số liệu.",
        **person,
    )


def _decided(scene, land, office, reporter_a, kinds):
    """A person of D1a proposed by the commune for "Lao động tiên tiến" and "Chiến sĩ thi đua
    cơ sở", both passed by the council and decided by the district."""
    ldtt = _propose(
        reporter_a,
        scene,
        land,
        kinds["lao-dong-tien-tien"],
        person_name=NAME,
        person_position="Công chức Văn phòng - Thống kê",
    )
    person = ldtt.person
    services.proposal_review(
        acting_user=office, proposal=ldtt, votes_for=9, votes_total=9, council_confirmed=True
    )
    cstd = _propose(reporter_a, scene, land, kinds["chien-si-thi-dua-co-so"], person=person)
    cstd = services.proposal_review(
        acting_user=office, proposal=cstd, votes_for=8, votes_total=9, council_confirmed=True
    )
    decision = services.decision_issue(
        acting_user=office,
        unit=land["D1"],
        issuer="Ủy ban nhân dân huyện D1",
        number="20/QĐ-UBND",
        signed_on=scene["round"].movement.ends_on,
        signer_position="Chủ tịch",
        signer_name="Lê Văn C",
        proposals=[ldtt, cstd],
    )
    return person, cstd, decision


def test_individual_titles_are_data_citing_the_law(kinds):
    cstd = kinds["chien-si-thi-dua-co-so"]
    assert cstd.recipient == "individual"
    assert "Điều 23" in cstd.legal_basis and "06/2022/QH15" in cstd.legal_basis
    assert "98/2023/NĐ-CP" in cstd.legal_basis
    assert cstd.conditions[0]["check"] == "with_title"
    assert "Điều 24" in kinds["lao-dong-tien-tien"].legal_basis
    assert kinds["chien-si-thi-dua-cap-tinh"].conditions[0]["years"] == 3


def test_a_person_goes_from_proposal_to_decision_history_and_certificate(
    client, scene, land, office, reporter_a, kinds
):
    person, cstd, decision = _decided(scene, land, office, reporter_a, kinds)
    # Chiến sĩ thi đua cơ sở needs "Lao động tiên tiến" the same year: checked by the system.
    assert cstd.checks[0] == {
        "check": "with_title",
        "text": "Đạt danh hiệu “Lao động tiên tiến” trong năm.",
        "ok": True,
        "detail": "đã đạt trong năm 2024",
    }
    assert [(a.award_kind.code, a.year, a.unit.code) for a in selectors.person_awards(person)] == [
        ("lao-dong-tien-tien", 2024, "D1a"),
        ("chien-si-thi-dua-co-so", 2024, "D1a"),
    ]
    # The commune's own collective history holds none of them.
    assert list(selectors.award_history(user=office, unit=land["D1a"])) == []
    client.force_login(office)
    doc = Document(
        io.BytesIO(client.get(reverse("documents:award-decision", args=[decision.pk])).content)
    )
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    assert "cho 2 cá nhân" in text
    assert f"{NAME}, Công chức Văn phòng - Thống kê, Xã D1a" in text
    # One certificate per award, opened back.
    page = client.get(reverse("emulation:decision-detail", args=[decision.pk]))
    awards = list(decision.awards.order_by("pk"))
    for award in awards:
        assert reverse("documents:award-certificate", args=[award.pk]) in page.content.decode()
    response = client.get(reverse("documents:award-certificate", args=[awards[1].pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    words = " ".join(pdf.pages[0].extract_text().split())
    assert len(pdf.pages) == 1
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "Chiến sĩ thi đua cơ sở",
        NAME,
        "Xã D1a",
        "Theo Quyết định số 20/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ):
        assert expected in words, (expected, words)
    history = client.get(reverse("emulation:person-detail", args=[person.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in history and "20/QĐ-UBND" in history


def test_a_failed_condition_is_named(scene, land, office, reporter_a, kinds):
    person = services.person_create(acting_user=reporter_a, unit=land["D1a"], name=NAME)
    Award.objects.create(
        award_kind=kinds["chien-si-thi-dua-co-so"], unit=land["D1a"], person=person, year=2022
    )
    p = _propose(reporter_a, scene, land, kinds["chien-si-thi-dua-cap-tinh"], person=person)
    p = services.proposal_review(
        acting_user=office, proposal=p, votes_for=9, votes_total=9, council_confirmed=True
    )
    assert p.status == "rejected"
    assert services.review_reasons(p) == [
        "chưa đạt điều kiện “03 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”. "
        "(thiếu các năm 2021, 2023)”"
    ]
    short = _propose(reporter_a, scene, land, kinds["giay-khen-ca-nhan"], person=person)
    short = services.proposal_review(
        acting_user=office, proposal=short, votes_for=4, votes_total=9, council_confirmed=True
    )
    assert services.review_reasons(short) == ["tỷ lệ phiếu đồng ý 44,4% dưới mức 50%"]


def test_the_recipient_must_fit_the_title(scene, land, office, kinds):
    with pytest.raises(ValidationError) as exc:
        _propose(office, scene, land, kinds["lao-dong-tien-tien"])
    assert exc.value.message_dict == {
        "person_name": [
            "“Lao động tiên tiến” tặng cho cá nhân: hãy ghi họ và tên người được đề nghị."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        _propose(office, scene, land, kinds["tap-the-lao-dong-xuat-sac"], person_name=NAME)
    assert "tặng cho tập thể" in exc.value.message_dict["award_kind"][0]


def test_the_proposal_form_for_a_person(client, scene, land, reporter_a, kinds):
    client.force_login(reporter_a)
    url = reverse("emulation:proposal-create", args=[scene["round"].pk])
    form = {
        "unit": str(land["D1a"].pk),
        "award_kind": str(kinds["lao-dong-tien-tien"].pk),
        "achievements": "Hoàn thành tốt nhiệm vụ.",
    }
    before = database_state()
    response = client.post(url, form)
    assert response.status_code == 400
    assert "hãy ghi họ và tên người được đề nghị" in response.content.decode()
    assert database_state() == before
    response = client.post(url, {**form, "person_name": NAME, "person_position": "Chuyên viên"})
    assert response.status_code == 302
    person = Person.objects.get(name=NAME)
    assert (person.unit, person.position) == (land["D1a"], "Chuyên viên")
    detail = client.get(response["Location"]).content.decode()
    assert NAME in detail and "chờ hội đồng" in detail
    # A unit may not propose for another unit's people.
    assert client.post(url, {**form, "unit": str(land["D1b"].pk)}).status_code == 403


def test_a_person_is_seen_only_within_scope(client, scene, land, reporter_a, reporter_b):
    person = services.person_create(acting_user=reporter_a, unit=land["D1a"], name=NAME)
    assert list(selectors.person_list(user=reporter_b)) == []
    client.force_login(reporter_b)
    for name in ("emulation:person-detail", "emulation:person-export", "emulation:unit-history"):
        pk = land["D1a"].pk if name == "emulation:unit-history" else person.pk
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert client.get(reverse("documents:person-export-xlsx", args=[person.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.person_create(acting_user=reporter_b, unit=land["D1a"], name="X")


def test_export_of_a_persons_data(client, scene, land, office, reporter_a, kinds):
    person, _cstd, _decision = _decided(scene, land, office, reporter_a, kinds)
    client.force_login(reporter_a)  # a reporter sees the person but may not export
    before = database_state()
    assert client.get(reverse("emulation:person-export", args=[person.pk])).status_code == 403
    assert database_state() == before
    client.force_login(office)
    data = json.loads(client.get(reverse("emulation:person-export", args=[person.pk])).content)
    assert (data["name"], data["unit"]["code"]) == (NAME, "D1a")
    assert [a["award"] for a in data["awards"]] == ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]
    assert len(data["proposals"]) == 2
    response = client.get(reverse("documents:person-export-xlsx", args=[person.pk]))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb["Cá nhân"]["B1"].value == NAME
    assert [r[1] for r in wb["Khen thưởng"].iter_rows(min_row=2, values_only=True)] == [
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
    ]
    assert AuditEvent.objects.filter(action="person.export", object_id=str(person.pk)).count() == 2


def test_erasure_keeps_the_decisions_whole_and_the_trail_clean(
    client, scene, land, office, reporter_a, kinds
):
    person, _cstd, decision = _decided(scene, land, office, reporter_a, kinds)
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.person_erase(acting_user=reporter_a, person=person, reason="Đơn yêu cầu")
    with pytest.raises(ValidationError, match="căn cứ xoá"):
        services.person_erase(acting_user=office, person=person, reason=" ")
    assert database_state() == before
    client.force_login(office)
    response = client.post(
        reverse("emulation:person-erase", args=[person.pk]),
        {"reason": "Đơn yêu cầu ngày 01/12/2026 của người có dữ liệu"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.position) == (ERASED_NAME, "")
    assert person.erased_at is not None
    # The decision keeps its two awards; its list names the person as erased.
    assert decision.awards.count() == 2
    doc = Document(
        io.BytesIO(client.get(reverse("documents:award-decision", args=[decision.pk])).content)
    )
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert [r[1] for r in rows[-2:]] == [f"{ERASED_NAME}, Xã D1a"] * 2
    # Nothing of the person is left in the data or the trail.
    for event in AuditEvent.objects.all():
        assert NAME not in event.object_repr and NAME not in json.dumps(
            event.changes, ensure_ascii=False
        )
    erased = AuditEvent.objects.get(action="person.erase")
    assert erased.note.startswith("Đơn yêu cầu") and erased.changes["erased"] == [False, True]
    with pytest.raises(ValidationError, match="đã được xoá"):
        services.person_erase(acting_user=office, person=person, reason="lần hai")
