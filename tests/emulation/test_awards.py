"""Proposals → the council's vote and the conditions checked → the decision and the history."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from nghiquyet.emulation import selectors, services
from nghiquyet.emulation.models import Award, AwardKind, Proposal
from tests.dbstate import database_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    return {k.code: k for k in AwardKind.objects.all()}


def test_the_titles_are_data_and_cite_their_source(kinds):
    ttld = kinds["tap-the-lao-dong-xuat-sac"]
    assert "Điều 27" in ttld.legal_basis and "06/2022/QH15" in ttld.legal_basis
    assert kinds["bang-khen-btv-5-nam"].conditions[0] == {
        "check": "prior_years",
        "award": "htxs-to-chuc-dang",
        "years": 5,
        "text": "Đạt “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu 5 năm liền.",
    }


def test_the_leader_of_the_cluster_gets_the_flag_the_second_does_not(scene, office, land, kinds):
    rnd = scene["round"]
    flag = kinds["co-thi-dua-ubnd-tinh"]
    first = services.proposal_create(
        acting_user=office, rnd=rnd, unit=land["D1b"], award_kind=flag, achievements="Dẫn đầu cụm."
    )
    second = services.proposal_create(
        acting_user=office, rnd=rnd, unit=land["D1a"], award_kind=flag, achievements="Thứ hai."
    )
    first = services.proposal_review(
        acting_user=office, proposal=first, votes_for=7, votes_total=9, council_confirmed=True
    )
    assert first.status == "approved"
    assert [c["ok"] for c in first.checks] == [True, True]
    second = services.proposal_review(
        acting_user=office, proposal=second, votes_for=9, votes_total=9, council_confirmed=True
    )
    assert second.status == "rejected"
    assert second.checks[0]["detail"] == "hạng 2 trong cụm"
    with pytest.raises(ValidationError, match="đã được xét"):
        services.proposal_review(acting_user=office, proposal=first, votes_for=1, votes_total=9)


def test_a_short_vote_is_rejected(scene, office, land, kinds):
    p = services.proposal_create(
        acting_user=office,
        rnd=scene["round"],
        unit=land["D1a"],
        award_kind=kinds["tap-the-lao-dong-xuat-sac"],
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
    )
    p = services.proposal_review(
        acting_user=office, proposal=p, votes_for=4, votes_total=9, council_confirmed=True
    )
    assert p.status == "rejected" and p.vote_share < 50


def test_five_years_in_the_history_are_checked(scene, office, land, kinds):
    htxs = kinds["htxs-to-chuc-dang"]
    for year in (2019, 2020, 2021, 2023):
        Award.objects.create(award_kind=htxs, unit=land["D1a"], year=year, reference="giấy")
    p = services.proposal_create(
        acting_user=office,
        rnd=scene["round"],
        unit=land["D1a"],
        award_kind=kinds["bang-khen-btv-5-nam"],
        achievements="5 năm liền hoàn thành xuất sắc nhiệm vụ.",
    )
    (check,) = [c for c in selectors.proposal_checks(p) if c["check"] == "prior_years"]
    assert check["ok"] is False and check["detail"] == "thiếu các năm 2022"


def test_decision_makes_the_history_and_the_word_document(client, scene, office, land, kinds):
    rnd = scene["round"]
    p = services.proposal_create(
        acting_user=office,
        rnd=rnd,
        unit=land["D1b"],
        award_kind=kinds["tap-the-lao-dong-xuat-sac"],
        achievements="Hoàn thành vượt 100% chỉ tiêu.",
    )
    services.proposal_review(
        acting_user=office, proposal=p, votes_for=8, votes_total=9, council_confirmed=True
    )
    decision = services.decision_issue(
        acting_user=office,
        unit=land["D1"],
        issuer="Ủy ban nhân dân huyện D1",
        number="15/QĐ-UBND",
        signed_on=scene["round"].movement.ends_on,
        signer_position="Chủ tịch",
        signer_name="Lê Văn C",
        proposals=[Proposal.objects.get(pk=p.pk)],
    )
    assert [
        (a.award_kind.code, a.year) for a in selectors.award_history(user=office, unit=land["D1b"])
    ] == [("tap-the-lao-dong-xuat-sac", 2024)]
    client.force_login(office)
    response = client.get(reverse("documents:award-decision", args=[decision.pk]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/QĐ-UBND",
        "Về việc tặng Tập thể lao động xuất sắc",
        "Căn cứ Nghị định số 98/2023/NĐ-CP",
        "Xã D1b",
        "Lê Văn C",
    ):
        assert expected in text, expected


def test_a_member_may_not_review_and_nothing_is_written(scene, reporter_a, office, land, kinds):
    p = services.proposal_create(
        acting_user=reporter_a,
        rnd=scene["round"],
        unit=land["D1a"],
        award_kind=kinds["tap-the-lao-dong-xuat-sac"],
        achievements="Tự đề nghị.",
    )
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.proposal_review(acting_user=reporter_a, proposal=p, votes_for=9, votes_total=9)
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            acting_user=reporter_a,
            rnd=scene["round"],
            unit=land["D1b"],
            award_kind=kinds["tap-the-lao-dong-xuat-sac"],
            achievements="Đề nghị hộ.",
        )
    assert database_state() == before


def test_a_decision_only_takes_proposals_of_its_own_movements(scene, land, kinds):
    from tests.factories import make_user

    p = services.proposal_create(
        acting_user=make_user("vanphong.d1x", ("office", land["D1"])),
        rnd=scene["round"],
        unit=land["D1a"],
        award_kind=kinds["tap-the-lao-dong-xuat-sac"],
        achievements="x",
    )
    other = make_user("vanphong.d2", ("office", land["D2"]))
    with pytest.raises(ValidationError, match="Không thuộc các phong trào của Huyện D2"):
        services.decision_issue(
            acting_user=other,
            unit=land["D2"],
            issuer="UBND huyện D2",
            number="1/QĐ-UBND",
            signed_on=scene["round"].movement.ends_on,
            signer_position="Chủ tịch",
            proposals=[p],
        )
