"""The API reads a target as the resolution words it, the same way the plan-import sheet and
``nghiquyet plan extract`` do; and lists each target's form."""

from __future__ import annotations

import pytest

from nghiquyet.text.targets import read_target

pytestmark = pytest.mark.django_db


def test_a_wording_is_read_into_its_form(as_user):
    api = as_user("vanphong.thanhpho")
    response = api.post(
        "/targets/read", {"text": "giảm 0,7% (còn 4,33%)", "name": "Tỷ lệ hộ nghèo"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["canonical"] == "giảm 0,7 điểm %, còn 4,33%"
    assert body["form"] == read_target("giảm 0,7% (còn 4,33%)", name="Tỷ lệ hộ nghèo").to_dict()
    assert (body["form"]["comparison"], body["form"]["also"]["low"]) == ("change_points", 4.33)


def test_a_wording_it_cannot_read_says_how_to_write_it(as_user):
    response = as_user("vanphong.thanhpho").post("/targets/read", {"text": "6,5 và 7%"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert "hai con số 6,5 và 7 không nối bằng “-” hay “đến”" in body["message"]
    assert body["details"] == [{"field": "text", "message": body["message"]}]


def test_targets_list_their_form(as_user):
    api = as_user("vanphong.thanhpho")
    target = api.get("/targets?limit=1").json()["items"][0]
    assert {"strict", "change_measure", "with_change", "decided_by", "part_of_code"} <= set(target)
