"""The conclusion notice and its progress report as Word."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    doc = Document(io.BytesIO(response.content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_notice_in_the_party_format(client, office, meeting, tasks):
    client.force_login(office)
    response = client.get(reverse("documents:conclusion-notice", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(response)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN THƯỜNG VỤ HUYỆN ỦY D1",
        "Số 12-TB/HU",
        "ngày 18 tháng 3 năm 2024",
        "THÔNG BÁO",
        "1. Tập trung chỉ đạo giải ngân vốn đầu tư công",
        "- Giao Xã D1a chủ trì: Rà soát, điều chuyển vốn",
        "hoàn thành trước ngày 30/04/2024",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Trần Thị B",
    ):
        assert expected in text, expected


def test_progress_report_lists_the_overdue(client, office, meeting, tasks):
    client.force_login(office)
    response = client.get(reverse("documents:conclusion-progress", args=[meeting.pk]))
    text = _text(response)
    assert "BÁO CÁO" in text
    assert "giao 3 nhiệm vụ: 1 hoàn thành đúng hạn" in text
    assert "Số       -BC/HU" in text
    assert "Xã D1a: Rà soát, điều chuyển vốn các công trình chậm giải ngân (quá hạn" in text


def test_another_unit_gets_no_document(client, meeting, land):
    client.force_login(make_user("vanphong.t2", ("office", land["T2"])))
    assert client.get(reverse("documents:conclusion-notice", args=[meeting.pk])).status_code == 404
