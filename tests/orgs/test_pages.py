"""The unit pages: the map as of a date, lineage, and the office's dated changes."""

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.orgs.models import OrgUnit, OrgUnitChange

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def page(user, code, day=None) -> str:
    params = {"ngay": day} if day else {}
    response = client_for(user).get(reverse("orgs:unit-detail", args=[code]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_map_as_it_was_before_and_after_1_july_2025(users):
    office = users["vanphong.vinhlong"]
    before = page(office, "28777-cu", "14/06/2025")
    assert 'data-testid="parent-on-day">Thành phố Bến Tre<' in before
    after = page(office, "28777-cu", "21/11/2026")
    assert 'data-testid="not-existing"' in after
    assert "Phường An Hội</a> — sáp nhập, hợp nhất ngày 01/07/2025" in after  # went to 28777
    province = page(office, "86", "14/06/2025")
    assert "Tỉnh Bến Tre</a> — sáp nhập, hợp nhất ngày 01/07/2025" in province
    assert "Phường An Hội" not in province.split('data-testid="children"')[1].split("</ul>")[0]
    today = page(office, "86")
    assert "Phường An Hội" in today.split('data-testid="children"')[1].split("</ul>")[0]


def test_the_index_starts_from_the_units_the_user_may_see(users):
    html = client_for(users["baocao.anhoi"]).get(reverse("orgs:unit-index"), {"ngay": "01/01/2024"})
    text = html.content.decode()
    assert 'data-unit="28777-cu"' in text and 'data-unit="86"' not in text


def test_the_office_merges_two_wards_into_a_new_one(users):
    office = client_for(users["vanphong.vinhlong"])
    url = reverse("orgs:unit-change", args=["28783", "merge"])
    response = office.post(
        url,
        {
            "on": "01/01/2026",
            "decision": "Nghị quyết thử",
            "mode": "new",
            "codes": "28858",
            "new_code": "86009",
            "new_name": "Phường Sông Hàm Luông",
            "new_kind": "ward",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:unit-detail", args=["28783"]) + "?ngay=01/01/2026"
    new = OrgUnit.objects.get(code="86009")
    assert new.parent.code == "86" and new.valid_from.isoformat() == "2026-01-01"
    assert {
        u.code for u in OrgUnit.objects.filter(code__in=["28783", "28858"], valid_to__isnull=False)
    } == {
        "28783",
        "28858",
    }
    html = page(users["vanphong.vinhlong"], "86009")
    assert "Phường Sơn Đông</a> — sáp nhập, hợp nhất ngày 01/01/2026; Nghị quyết thử" in html


def test_a_bad_split_is_refused_line_by_line_and_nothing_written(users):
    office = client_for(users["vanphong.vinhlong"])
    changes = OrgUnitChange.objects.count()
    response = office.post(
        reverse("orgs:unit-change", args=["28789", "split"]),
        {"on": "01/01/2026", "parts": "86101; Xã Một; commune; 0,6\n86102; Xã Hai; xa; 0,4"},
    )
    assert response.status_code == 422
    assert "Dòng 2: loại “xa” không hợp lệ." in response.content.decode()
    response = office.post(
        reverse("orgs:unit-change", args=["28789", "split"]),
        {"on": "01/01/2026", "parts": "86101; Xã Một; commune; 70%\n86102; Xã Hai; commune; 40%"},
    )
    assert response.status_code == 422
    assert "Tổng tỷ lệ các phần là 1,1, vượt quá 1." in response.content.decode()
    assert OrgUnitChange.objects.count() == changes
    assert not OrgUnit.objects.filter(code__in=["86101", "86102"]).exists()


def test_a_rename_takes_effect_on_its_day(users):
    office = client_for(users["vanphong.vinhlong"])
    response = office.post(
        reverse("orgs:unit-change", args=["28756", "rename"]),
        {"on": "01/03/2026", "name": "Phường Phú Khương Mới"},
    )
    assert response.status_code == 302
    assert 'data-testid="name-on-day">Phường Phú Khương<' in page(
        users["vanphong.vinhlong"], "28756", "28/02/2026"
    )
    assert 'data-testid="name-on-day">Phường Phú Khương Mới<' in page(
        users["vanphong.vinhlong"], "28756", "01/03/2026"
    )


def test_who_may_record_changes(users):
    url = reverse("orgs:unit-change", args=["28756", "rename"])
    assert client_for(users["lanhdao.vinhlong"]).get(url).status_code == 403
    assert client_for(users["baocao.anhoi"]).get(url).status_code == 404
    assert client_for(users["vanphong.tinh"]).get(url).status_code == 404
    assert client_for(users["vanphong.vinhlong"]).get(url).status_code == 200
    unknown = reverse("orgs:unit-change", args=["28756", "teleport"])
    assert client_for(users["vanphong.vinhlong"]).get(unknown).status_code == 404
