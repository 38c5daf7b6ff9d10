"""What the office writes into a review is versioned: an old version can be read again, and
two versions compared, the deleted and inserted words shown in the page."""

import pytest
from django.urls import reverse

from nghiquyet.documents.review_diff import ADDED, REMOVED, SAME, Piece, text_diff, word_diff
from nghiquyet.documents.services import review_draft_save
from nghiquyet.plans.models import Plan
from tests.documents.helpers import client_for


def test_a_changed_paragraph_is_compared_word_by_word():
    assert word_diff("Giá vật tư tăng cao.", "Giá vật tư tăng rất cao.") == [
        Piece(SAME, "Giá vật tư tăng "),
        Piece(ADDED, "rất"),
        Piece(SAME, " cao."),
    ]
    paragraphs = text_diff("Một.\nHai ba.\nBốn.", "Một.\nHai bảy.\nNăm.\nSáu.")
    assert paragraphs[0] == [Piece(SAME, "Một.")]
    assert paragraphs[1] == [
        Piece(SAME, "Hai "),
        Piece(REMOVED, "ba."),
        Piece(SAME, " "),
        Piece(ADDED, "bảy."),
    ]
    assert paragraphs[2] == [Piece(REMOVED, "Bốn."), Piece(SAME, " "), Piece(ADDED, "Năm.")]
    assert paragraphs[3] == [Piece(ADDED, "Sáu.")]


@pytest.mark.django_db
def test_the_office_reads_an_old_version_and_compares_two(users):
    office = users["vanphong.tinh"]
    plan = Plan.objects.get(code="tinh-2022")
    for number, cause in (("12", "Giá nguyên vật liệu tăng cao."), ("125", "Giá xăng dầu tăng.")):
        review_draft_save(
            acting_user=office,
            plan=plan,
            period_key="2022",
            number=number,
            sections={"causes_objective": cause, "opening": "Năm 2022, tình hình khó khăn."},
        )
    url = reverse("documents:review-draft", args=[plan.code, "2022"])
    client = client_for(office)

    old = client.get(url, {"phien-ban": 1}).content.decode()
    assert 'data-testid="revision"' in old
    assert "Phiên bản 1" in old and "Giá nguyên vật liệu tăng cao." in old
    assert "<ins>" not in old and "<del>" not in old  # alone: nothing to compare

    html = client.get(url, {"phien-ban": 2, "so-voi": 1}).content.decode()
    assert "Phiên bản 2 so với phiên bản 1" in html
    assert "Giá <del>nguyên vật liệu tăng cao.</del> <ins>xăng dầu tăng.</ins>" in html
    assert "<del>12</del> <ins>125</ins>" in html  # the number of the document, a fact
    assert "Năm 2022, tình hình khó khăn." in html  # unchanged, kept

    # a version that does not exist, or not a number: not found
    assert client.get(url, {"phien-ban": 9}).status_code == 404
    assert client.get(url, {"phien-ban": 2, "so-voi": "x"}).status_code == 404
    # another unit's office cannot read the versions
    assert client_for(users["vanphong.thanhpho"]).get(url, {"phien-ban": 1}).status_code == 404
