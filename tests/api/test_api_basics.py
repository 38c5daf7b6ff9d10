"""Errors, languages, session auth with CSRF, pagination, filters and ordering, the schema
file and the offline Swagger UI."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from nghiquyet.api.management.commands.api_schema import SCHEMA_FILE, schema_text
from nghiquyet.demo import data
from nghiquyet.plans.models import Plan
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_committed_schema_file_is_the_generated_schema():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "docs/openapi.json differs from the code: run `make api-schema` and commit it"
    )
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_swagger_ui_is_served_offline():
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle.js" in html and "/api/v1/openapi.json" in html
    # Every script and stylesheet is the app's own; no CDN anywhere.
    assert re.findall(r"https?://", html) == []
    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert asset.startswith(settings.STATIC_URL) or asset.startswith("/static/"), asset
        assert Client().get(asset if asset.startswith("/") else "/" + asset).status_code == 200
    assert '"validatorUrl": null' in html
    assert Client().get("/api/v1/openapi.json").json()["info"]["title"] == "nghiquyet API"


def test_not_found_forbidden_and_validation_errors_have_stable_codes(as_user):
    reporter = as_user("baocao.phutan")
    missing = reporter.get("/plans/khong-co")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "not_found",
        "message": "Không tìm thấy, hoặc bạn không có quyền xem đối tượng này.",
        "details": [],
    }
    bad = reporter.get("/units?limit=0&ordering=ngau-nhien")
    assert bad.status_code == 422
    body = bad.json()
    assert body["code"] == "validation_error"
    fields = {d["field"]: d["message"] for d in body["details"]}
    assert fields["limit"] == "Trường “limit”: phải lớn hơn hoặc bằng 1."
    assert fields["ordering"].startswith("Trường “ordering”: phải là một trong:")
    period = reporter.get("/periods?year=abc")
    assert period.json()["details"][0]["message"] == "Trường “year”: phải là số nguyên."
    broken = reporter.post("/values/import", "{not json", content_type="application/json")
    assert (broken.status_code, broken.json()["code"]) == (400, "bad_request")
    wrong_shape = reporter.post("/values/import", {"rows": [{"unit_code": 1}]})
    assert wrong_shape.status_code == 422
    rows = {(d["row"], d["field"]) for d in wrong_shape.json()["details"]}
    assert (1, "target_code") in rows and (1, "unit_code") in rows


def test_english_on_request(tokens):
    client = ApiClient(tokens["baocao.phutan"], **{"Accept-Language": "en-US,en;q=0.9"})
    missing = client.get("/plans/khong-co")
    assert missing.json()["code"] == "not_found"
    assert missing.json()["message"] == "Not found, or you may not see this object."
    assert missing["Content-Language"] == "en"
    vi = ApiClient(tokens["baocao.phutan"]).get("/plans/khong-co")
    assert vi["Content-Language"] == "vi" and vi.json()["message"].startswith("Không tìm thấy")
    evaluation = ApiClient(tokens["vanphong.tinh"], **{"Accept-Language": "en"}).get(
        "/plans/tinh-2022/evaluation?period=2022"
    )
    assert evaluation.json()["summary"].startswith("15/25 targets achieved or exceeded")


def test_session_calls_need_the_csrf_token_for_writes(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["baocao.anhoi"])
    me = client.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "baocao.anhoi"
    assert me.json()["token"] is None
    body = json.dumps({"plan": "an-hoi-2021", "period": "2021-H1", "rows": []})
    refused = client.post("/api/v1/values/import", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    client.get("/tai-khoan/khoa-api/")  # any page sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    allowed = client.post(
        "/api/v1/values/import",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    # past authentication and CSRF: refused only for having no rows
    assert allowed.status_code == 422 and allowed.json()["message"] == "Không có dòng số liệu nào."
    # A token needs no CSRF token, even with a session cookie alongside.
    from nghiquyet.accounts.services import api_token_create

    _t, secret = api_token_create(acting_user=users["baocao.anhoi"], name="Kèm phiên")
    with_token = client.post(
        "/api/v1/values/import",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert with_token.status_code == 422


def test_pagination_filters_and_ordering(as_user):
    office = as_user("vanphong.tinh")
    everything = office.get("/units?limit=500").json()
    assert everything["count"] == len(everything["items"]) > 30
    first = office.get("/units?limit=5&offset=0&ordering=code").json()
    second = office.get("/units?limit=5&offset=5&ordering=code").json()
    codes = [u["code"] for u in first["items"] + second["items"]]
    assert codes == sorted(codes) and len(set(codes)) == 10
    assert (first["count"], first["limit"], first["offset"]) == (everything["count"], 5, 0)
    descending = office.get("/units?limit=3&ordering=-code").json()["items"]
    assert [u["code"] for u in descending] == sorted(
        (u["code"] for u in everything["items"]), reverse=True
    )[:3]
    wards = office.get("/units?parent=829&kind=ward&limit=500").json()
    city_wards = sum(1 for c in data.COMMUNES if c[2] == "ward")
    assert wards["count"] == city_wards and {u["kind"] for u in wards["items"]} == {"ward"}
    assert office.get("/units?under=829&limit=1").json()["count"] > wards["count"]
    targets = office.get("/targets?plan=tinh-2022&limit=500").json()
    assert targets["count"] == 25 + sum(1 for t in targets["items"] if t["composite_code"])
    groups = office.get("/plans/tinh-2022/target-groups").json()
    in_group = office.get(f"/targets?plan=tinh-2022&group={groups[0]['id']}&limit=500").json()
    assert 0 < in_group["count"] < targets["count"]
    assert {t["group_id"] for t in in_group["items"]} == {groups[0]["id"]}
    values = office.get("/values?unit=83&period=2022&status=official&limit=500").json()
    assert values["count"] > 0
    assert {(v["unit_code"], v["period"], v["status"]) for v in values["items"]} == {
        ("83", "2022", "official")
    }
    accepted = office.get("/submissions?status=accepted&plan=thanhpho-2021").json()
    assert accepted["count"] > 0 and {s["status"] for s in accepted["items"]} == {"accepted"}
    events = office.get("/audit-events?action=submission.accept&limit=500").json()
    assert events["count"] > 0 and {e["action"] for e in events["items"]} == {"submission.accept"}
    days = [e["at"] for e in events["items"]]
    assert days == sorted(days, reverse=True)
    since = office.get("/audit-events?since=2100-01-01").json()
    assert since["count"] == 0
    assert office.get("/audit-events?since=0001-01-01").status_code == 422
    assert office.get("/periods?year=2021&kind=half_year").json()["items"][0]["key"] == "2021-H1"


def test_the_evaluation_of_a_plan(as_user):
    body = as_user("lanhdao.tinh").get("/plans/tinh-2022/evaluation").json()
    assert body["period"] == "2022" and body["total"] == 25
    assert body["summary"] == (
        "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
        "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
    )
    counts = {c["key"]: c["count"] for c in body["counts"]}
    assert counts == {
        "achieved": 15,
        "near": 6,
        "above_80": 1,
        "above_70": 1,
        "above_50": 1,
        "not_achieved": 1,
        "no_data": 0,
    }
    assert sum(g["total"] for g in body["groups"]) == 25
    assert all(t["rate"] is not None and t["class_key"] != "no_data" for t in body["targets"])
    units = as_user("vanphong.thanhpho").get("/plans/thanhpho-2021/evaluation/units?period=2021")
    rows = units.json()
    concretising = Plan.objects.filter(parent__code="thanhpho-2021")
    assert {r["plan_code"] for r in rows} == set(concretising.values_list("code", flat=True))
    ranked = [r["has_figures"] for r in rows]
    assert ranked == sorted(ranked, reverse=True)  # units without figures last, unranked
    shares = [r["achieved_percent"] for r in rows if r["has_figures"]]
    assert shares == sorted(shares)
    assert all(r["achieved_percent"] is None for r in rows if not r["has_figures"])
    target = as_user("vanphong.thanhpho").get(
        "/plans/thanhpho-2021/evaluation/targets/23?period=2021"
    )
    assert target.status_code == 200
    detail = target.json()
    assert detail["result"]["code"] == "23" and detail["series"] and detail["breakdown"]
    empty = as_user("lanhdao.tinh").get("/plans/tinh-2022/evaluation?period=2030")
    assert {c["key"]: c["count"] for c in empty.json()["counts"]}["no_data"] == 25
    bad = as_user("lanhdao.tinh").get("/plans/tinh-2022/evaluation?period=2022-Q5")
    assert bad.status_code == 422 and "Mã kỳ “2022-Q5” không hợp lệ" in bad.json()["message"]
    far = as_user("lanhdao.tinh").get("/plans/tinh-2022/evaluation?period=99999")
    assert far.status_code == 422


def test_rounds_and_tasks(as_user):
    office = as_user("vanphong.thanhpho")
    opened = office.post("/rounds", {"plan": "thanhpho-2021", "period": "2021-9M"})
    assert opened.status_code == 201
    rnd = opened.json()
    assert rnd["period"] == "2021-9M" and rnd["units"] > 14
    detail = office.get(f"/rounds/{rnd['id']}").json()
    assert len(detail["completeness"]) == rnd["units"]
    clash = office.post("/rounds", {"plan": "thanhpho-2021", "period": "2021-9M"})
    assert clash.status_code == 422 and "đã được mở" in clash.json()["message"]
    reporter = as_user("baocao.anhoi")
    tasks = reporter.get("/tasks").json()
    task = tasks["items"][0]
    done = reporter.post(
        f"/tasks/{task['id']}/updates",
        {"progress": 100, "note": "Đã hoàn thành", "completed_on": "2021-05-02"},
    )
    assert done.status_code == 201, done.json()
    assert done.json()["progress"] == 100 and done.json()["updates"][0]["note"] == "Đã hoàn thành"
    missing_date = reporter.post(f"/tasks/{task['id']}/updates", {"progress": 100, "note": "x"})
    assert missing_date.status_code == 422
    assert missing_date.json()["details"][0]["field"] == "completed_on"


def test_the_webs_own_calls_speak_the_webs_language(users):
    client = Client()
    client.force_login(users["lanhdao.tinh"])
    browser_says_english = client.get(
        "/api/v1/plans/khong-co", headers={"Accept-Language": "en-US,en"}
    )
    assert browser_says_english.json()["message"].startswith("Không tìm thấy")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chosen = client.get("/api/v1/plans/khong-co")
    assert chosen.json()["message"] == "Not found, or you may not see this object."


def test_too_large_bodies_are_refused_with_413(as_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    reporter = as_user("baocao.anhoi")
    big_csv = "unit_code,target_code,period,value\n" + "28777-cu,1,2021-H1,1\n" * 200
    refused = reporter.post("/values/import.csv?plan=an-hoi-2021", big_csv, content_type="text/csv")
    assert (refused.status_code, refused.json()["code"]) == (413, "payload_too_large")
    rows = [{"unit_code": "28777-cu", "target_code": "1", "value": 1}] * 100
    refused = reporter.post("/values/import", {"plan": "an-hoi-2021", "rows": rows})
    assert (refused.status_code, refused.json()["code"]) == (413, "payload_too_large")
    assert "quá lớn" in refused.json()["message"]


def test_nul_characters_are_refused_everywhere(as_user):
    """PostgreSQL cannot store or compare NUL: every way of sending one answers 422."""
    reporter = as_user("baocao.anhoi")
    for response in (
        reporter.get("/units?code=28%00756"),
        reporter.get("/units/28%00756"),
        reporter.post("/values/import", {"plan": "an-hoi\x002021", "rows": []}),
        reporter.post(
            "/values/import.csv?plan=an-hoi-2021",
            "unit_code,target_code,period,value\n28777-cu,1,2021-H1,1\x00\n",
            content_type="text/csv",
        ),
    ):
        assert (response.status_code, response.json()["code"]) == (422, "validation_error")
    refused = ApiClient("nq_ab\x00defgh_secret").get("/me")
    assert (refused.status_code, refused.json()["code"]) == (401, "invalid_token")
