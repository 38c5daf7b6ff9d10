"""The page that reads a plan from the resolution's text: upload, review beside the original
lines, fix what is flagged, import — and the refusals (scope, flagged targets)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import Plan, Target
from tests.documents.helpers import client_for

pytestmark = pytest.mark.django_db

RESOLUTIONS = Path(__file__).parents[1] / "text" / "resolutions"
URL = reverse("documents:plan-extract")


def upload(client, name: str):
    data = (RESOLUTIONS / name).read_bytes()
    return client.post(URL, {"tep": SimpleUploadedFile(name, data, content_type="text/plain")})


def review_rows(response) -> dict:
    """The review form as the browser would send it back."""
    ex = response.context["extraction"]
    rows = {"group": [], "number": [], "name": [], "wording": [], "line": []}
    for g in ex.groups:
        for t in g.targets:
            rows["group"].append(g.title)
            rows["number"].append(t.number)
            rows["name"].append(t.name)
            rows["wording"].append(t.target_text)
            rows["line"].append(str(t.line))
    return rows


def meta(response) -> dict:
    return {f"meta_{k}": v for k, v in response.context["meta"].items()}


def test_upload_shows_every_target_beside_its_line_and_flags_what_it_cannot_read(users):
    client = client_for(users["vanphong.thanhpho"])
    response = upload(client, "phu-tho-2023.txt")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="flagged"') == 3
    assert "phấn đấu từ 7,5% trở lên" in html and "giảm 0,5 điểm %" in html
    assert "Chi tiết tài liệu đính kèm" in html  # the unread line is shown, not dropped


def test_the_office_fixes_the_flagged_targets_and_imports(users):
    office = users["vanphong.thanhpho"]
    client = client_for(office)
    first = upload(client, "phu-tho-2023.txt")
    rows = review_rows(first)
    fixes = {
        # "Tỷ lệ bác sỹ, giường bệnh/1 vạn dân: 14,3 bác sỹ/1 vạn dân và 48,5 giường …"
        "10": ("Số bác sỹ/1 vạn dân", "14,3 bác sỹ"),
        "12": ("Số xã đạt chuẩn nông thôn mới", "tăng thêm 7 xã trở lên"),
        "13": ("Tỷ lệ dân cư đô thị được dùng nước sạch", "đạt 93,7%"),
    }
    for i, number in enumerate(rows["number"]):
        if number in fixes:
            rows["name"][i], rows["wording"][i] = fixes[number]
    before = Plan.objects.count()
    refused = client.post(URL, {**rows, **meta(first), "action": "import", "meta_code": "mã sai!"})
    assert refused.status_code == 422 and Plan.objects.count() == before  # bad code: nothing
    response = client.post(
        URL, {**rows, **meta(first), "meta_code": "phu-tho-2023", "action": "import"}
    )
    assert response.status_code == 302, response.context and response.context["problems"]
    plan = Plan.objects.get(code="phu-tho-2023")
    targets = {t.code: t for t in Target.objects.filter(plan=plan)}
    assert len([t for t in targets.values() if t.part_of_id is None]) == 17
    assert (
        targets["10"].target_value == Decimal("14.3") and targets["10"].statement == "14,3 bác sỹ"
    )
    assert targets["1"].statement == "phấn đấu từ 7,5% trở lên"
    assert targets["7"].direction == "lower" and targets["7"].strict  # "dưới 35%"
    assert AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk)).exists()


def test_flagged_targets_are_not_imported(users):
    client = client_for(users["vanphong.thanhpho"])
    first = upload(client, "phu-tho-2023.txt")
    before = (Plan.objects.count(), AuditEvent.objects.count())
    response = client.post(URL, {**review_rows(first), **meta(first), "action": "import"})
    assert response.status_code == 422
    assert "Chỉ tiêu 10:" in response.content.decode()
    assert (Plan.objects.count(), AuditEvent.objects.count()) == before


def test_the_filled_workbook_can_be_downloaded(users):
    client = client_for(users["vanphong.thanhpho"])
    first = upload(client, "lao-cai-2024.txt")
    response = client.post(URL, {**review_rows(first), **meta(first), "action": "download"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_user_who_manages_no_unit_cannot_use_it(users):
    client = client_for(users["baocao.anhoi"])
    assert client.get(URL).status_code == 403
    assert upload(client, "phu-tho-2023.txt").status_code == 403
