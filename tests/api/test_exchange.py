"""Bulk exchange of figures keyed by plan, unit, target and period (JSON and CSV)."""

from __future__ import annotations

import csv
import io

import pytest

from nghiquyet.audit.models import AuditEvent
from nghiquyet.reporting.models import Submission, SubmissionEntry, Value

pytestmark = pytest.mark.django_db

PLAN = "an-hoi-2021"


@pytest.fixture
def anhoi():
    return Submission.objects.get(round__period__key="2021-H1", unit__code="28777-cu")


def entries(submission):
    return {
        e.target.code: e
        for e in submission.entries.select_related("target__indicator").order_by("order")
    }


def plain_codes(submission, n=3):
    return [
        code
        for code, e in entries(submission).items()
        if e.target.indicator.aggregation != "ratio" and e.target.direction != "yes_no"
    ][:n]


def ratio_code(submission):
    return next(
        c for c, e in entries(submission).items() if e.target.indicator.aggregation == "ratio"
    )


def snapshot(submission):
    fresh = Submission.objects.get(pk=submission.pk)
    rows = list(
        SubmissionEntry.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("value", "numerator", "denominator", "status", "note")
    )
    return fresh.revision, rows, AuditEvent.objects.count(), Value.objects.count()


def payload(*rows, **top):
    return {"plan": PLAN, "period": "2021-H1", **top, "rows": list(rows)}


def test_dry_run_says_what_would_change_and_writes_nothing(as_user, anhoi):
    a, b, _c = plain_codes(anhoi)
    before = snapshot(anhoi)
    response = as_user("baocao.anhoi").post(
        "/values/import?dry_run=true",
        payload(
            {"unit_code": "28777-cu", "target_code": a, "value": 12.5, "status": "preliminary"},
            {"unit_code": "28777-cu", "target_code": b, "value": "1.234,5"},
        ),
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["dry_run"] is True and body["changed"] == 2 and body["rows"] == 2
    assert "Chạy thử" in body["message"]
    changes = {(c["target_code"], c["field"]): c["new"] for c in body["changes"]}
    assert changes[(a, "value")] == 12.5 and changes[(a, "status")] == "preliminary"
    assert changes[(b, "value")] == 1234.5
    assert snapshot(anhoi) == before


def test_import_is_an_idempotent_upsert_into_the_draft(as_user, anhoi):
    a, b, _c = plain_codes(anhoi)
    body = payload(
        {"unit_code": "28777-cu", "target_code": a, "value": 12.5, "note": "Ước tính"},
        {"unit_code": "28777-cu", "target_code": b, "value": 9},
    )
    client = as_user("baocao.anhoi")
    first = client.post("/values/import", body)
    assert first.status_code == 200, first.json()
    assert first.json()["changed"] == 2
    assert first.json()["submissions"][0]["revision"] == anhoi.revision + 1
    got = entries(Submission.objects.get(pk=anhoi.pk))
    assert (got[a].value, got[a].note, got[b].value) == (12.5, "Ước tính", 9)
    events = AuditEvent.objects.filter(object_id=str(anhoi.pk), object_type="reporting.submission")
    assert [e.action for e in events.order_by("-pk")[:2]] == [
        "submission.api_import",
        "submission.save",
    ]
    # The same payload again changes nothing and writes nothing.
    before = snapshot(anhoi)
    second = client.post("/values/import", body)
    assert second.status_code == 200
    assert second.json()["changed"] == 0 and second.json()["unchanged"] == 2
    assert "không có gì thay đổi" in second.json()["message"]
    assert snapshot(anhoi) == before
    # Accepted figures are untouched: the import only fills the draft.
    assert not Value.objects.filter(submission=anhoi).exists()


def test_one_bad_row_and_nothing_is_written_every_bad_row_reported(as_user, anhoi):
    a, b, c, d = plain_codes(anhoi, 4)
    before = snapshot(anhoi)
    response = as_user("baocao.anhoi").post(
        "/values/import",
        payload(
            {"unit_code": "28777-cu", "target_code": a, "value": 10},  # fine
            {"unit_code": "28777-cu", "target_code": b, "value": "mười"},
            {"unit_code": "28777-cu", "target_code": "999", "value": 1},
            {"unit_code": "28777-cu", "target_code": c, "value": 1, "status": "đoán"},
            {"unit_code": "28777-cu", "target_code": a, "value": 11},  # duplicate key
            {"unit_code": "28777-cu", "target_code": c, "value": 1e20, "period": "2021-X"},
            {"unit_code": "28777-cu", "target_code": d, "numerator": 1, "denominator": 2},
        ),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert "không có số liệu nào được ghi" in body["message"]
    by_row = {(d["row"], d["field"]) for d in body["details"]}
    assert by_row == {
        (2, "value"),
        (3, None),
        (4, "status"),
        (5, None),
        (6, "period"),
        (7, "numerator"),
        (7, "denominator"),
    }
    messages = " | ".join(d["message"] for d in body["details"])
    assert "Dòng 2, trường “value”: “mười” không phải là một số" in messages
    assert "không có chỉ tiêu “999”" in messages
    assert "trùng khóa với dòng 1" in messages
    assert "không phải tình trạng số liệu" in messages
    assert snapshot(anhoi) == before


def test_ratio_figures_and_the_services_own_checks(as_user, anhoi):
    code = ratio_code(anhoi)
    client = as_user("baocao.anhoi")
    computed = client.post(
        "/values/import",
        payload({"unit_code": "28777-cu", "target_code": code, "numerator": 45, "denominator": 50}),
    )
    assert computed.status_code == 200, computed.json()
    entry = entries(Submission.objects.get(pk=anhoi.pk))[code]
    assert (entry.numerator, entry.denominator) == (45, 50)
    assert entry.value == 45 / 50 * float(entry.target.indicator.ratio_factor)
    mismatch = client.post(
        "/values/import",
        payload(
            {
                "unit_code": "28777-cu",
                "target_code": code,
                "value": 10,
                "numerator": 45,
                "denominator": 50,
            }
        ),
    )
    assert mismatch.status_code == 422
    detail = mismatch.json()["details"][0]
    assert detail["row"] == 1 and detail["field"] == "value"
    assert "không khớp tử số / mẫu số" in detail["message"]
    # An empty value cell next to the parts: the value is computed from them.
    text = (
        "plan_code,unit_code,target_code,period,value,numerator,denominator\n"
        f"{PLAN},28777-cu,{code},2021-H1,,7,10\n"
    )
    dry = client.post("/values/import.csv?dry_run=true", text, content_type="text/csv").json()
    new = {c["field"]: c["new"] for c in dry["changes"]}
    assert new == {
        "value": 7 / 10 * float(entry.target.indicator.ratio_factor),
        "numerator": 7,
        "denominator": 10,
    }
    zero = client.post(
        "/values/import",
        payload({"unit_code": "28777-cu", "target_code": code, "numerator": 1, "denominator": 0}),
    )
    assert zero.json()["details"][0]["message"].endswith("mẫu số phải khác 0.")


def test_csv_with_bom_semicolons_and_vietnamese_numbers(as_user, anhoi):
    a, b, _c = plain_codes(anhoi)
    text = (
        "\ufeffMã đơn vị;Mã chỉ tiêu;Kỳ;Giá trị;Tình trạng;Ghi chú;Cột lạ\n"
        f"28777-cu;{a};2021-H1;1.234,5;sơ bộ;Số liệu của phường;x\n"
        f"28777-cu;{b};2021-H1;6,25;;;y\n"
    )
    response = as_user("baocao.anhoi").post(
        f"/values/import.csv?plan={PLAN}", text.encode("utf-8"), content_type="text/csv"
    )
    assert response.status_code == 200, response.json()
    got = entries(Submission.objects.get(pk=anhoi.pk))
    assert got[a].value == 1234.5 and got[a].status == "preliminary"
    assert got[a].note == "Số liệu của phường"
    assert got[b].value == 6.25 and got[b].status == "estimate"


def test_csv_problems_name_the_row_as_a_spreadsheet_counts(as_user, anhoi):
    a, _b, _c = plain_codes(anhoi)
    text = (
        "plan_code,unit_code,target_code,period,value\n"
        f"{PLAN},28777-cu,{a},2021-H1,12\n"
        "\n"
        f"{PLAN},28777-cu,{a},2021-H1,abc\n"
    )
    response = as_user("baocao.anhoi").post("/values/import.csv", text, content_type="text/csv")
    assert response.status_code == 422
    assert [(d["row"], d["field"]) for d in response.json()["details"]] == [(4, None)]
    missing = as_user("baocao.anhoi").post(
        "/values/import.csv", "unit_code,value\n28777-cu,1\n", content_type="text/csv"
    )
    assert missing.status_code == 422
    assert "thiếu cột “target_code”" in " ".join(d["message"] for d in missing.json()["details"])
    latin = as_user("baocao.anhoi").post(
        "/values/import.csv", "unit_code;ghi_chú\n".encode("cp1258"), content_type="text/csv"
    )
    assert latin.status_code == 422 and "UTF-8" in latin.json()["message"]
    wrong_type = as_user("baocao.anhoi").post(
        "/values/import.csv", {"rows": []}, content_type="application/json"
    )
    assert (wrong_type.status_code, wrong_type.json()["code"]) == (415, "unsupported_media_type")


def test_submitted_and_accepted_reports_refuse_figures(as_user):
    accepted = Submission.objects.filter(
        round__period__key="2021-H1", status="accepted", unit__kind__in=["ward", "commune"]
    ).first()
    plan = accepted.entries.first().target.plan.code
    code = accepted.entries.first().target.code
    before = snapshot(accepted)
    response = as_user("quantri").post(
        "/values/import",
        {
            "plan": plan,
            "period": "2021-H1",
            "rows": [{"unit_code": accepted.unit.code, "target_code": code, "value": 1}],
        },
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_state")
    assert "đã tiếp nhận" in response.json()["message"]
    assert snapshot(accepted) == before


def test_export_json_and_csv_round_trip(as_user, anhoi):
    client = as_user("baocao.anhoi")
    accepted = client.get(f"/values/export?plan={PLAN}&period=2020")
    assert accepted.status_code == 200
    rows = accepted.json()
    assert rows and {r["source"] for r in rows} == {"accepted"}
    assert {r["unit_code"] for r in rows} == {"28777-cu"}
    assert {r["period"] for r in rows} == {"2020"}
    indicator = anhoi.entries.get(target__code=rows[0]["target_code"]).target.indicator
    first = Value.objects.get(
        unit__code="28777-cu", period__key="2020", indicator=indicator, is_current=True
    )
    assert rows[0]["value"] == float(first.value)

    drafted = client.get(f"/values/export?plan={PLAN}&period=2021-H1&source=submissions&format=csv")
    assert drafted.status_code == 200
    assert drafted["Content-Type"].startswith("text/csv")
    text = drafted.content.decode("utf-8")
    assert text.startswith("\ufeffplan_code,unit_code,target_code,period,value")
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(table) == anhoi.entries.count()
    assert {r["submission_id"] for r in table} == {str(anhoi.pk)}
    # Sending the export back changes nothing: the same keys, the same figures.
    before = snapshot(anhoi)
    back = client.post("/values/import.csv", text.encode(), content_type="text/csv")
    assert back.status_code == 200, back.json()
    assert back.json()["changed"] == 0
    assert snapshot(anhoi) == before


def test_export_is_scoped(as_user):
    response = as_user("baocao.phutan").get(f"/values/export?plan={PLAN}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    city = as_user("vanphong.thanhpho").get(
        "/values/export?plan=thanhpho-2021&period=2020&under=829"
    )
    units = {r["unit_code"] for r in city.json()}
    assert "829" in units and "28777-cu" in units
    ward = as_user("baocao.anhoi").get(f"/values/export?plan={PLAN}&under=829")
    assert ward.json() == []


def test_the_csv_example_of_the_docs(as_user, anhoi):
    """docs/api.md §5: Vietnamese headers, semicolons, Vietnamese numbers, plan as a parameter."""
    text = (
        "Mã đơn vị;Mã chỉ tiêu;Kỳ;Giá trị;Tử số;Mẫu số;Ghi chú\n"
        "28777-cu;23;2021-H1;118;;;\n"
        "28777-cu;25;2021-H1;;13.120;14.410;\n"
        "28777-cu;26;2021-H1;4,78;;;Ước tính\n"
    )
    response = as_user("baocao.anhoi").post(
        f"/values/import.csv?plan={PLAN}&dry_run=true", text, content_type="text/csv"
    )
    assert response.status_code == 200, response.json()
    new = {(c["target_code"], c["field"]): c["new"] for c in response.json()["changes"]}
    assert new[("23", "value")] == 118
    assert (new[("25", "numerator")], new[("25", "denominator")]) == (13120, 14410)
    assert new[("26", "value")] == 4.78 and new[("26", "note")] == "Ước tính"


def test_a_unit_is_found_by_the_code_it_had_in_the_period(as_user, anhoi):
    """Phường An Hội of Bến Tre city had the statistics office's code 28777 until 1/7/2025;
    the ward of Vĩnh Long formed then carries it now. A 2021 report keyed 28777 is the old
    ward's (found through orgs.selectors.orgunit_codes_resolve)."""
    a, _b, _c = plain_codes(anhoi)
    response = as_user("baocao.anhoi").post(
        "/values/import?dry_run=true",
        payload({"unit_code": "28777", "target_code": a, "value": 12.5}),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["changed"] == 1
    assert {c["unit_code"] for c in response.json()["changes"]} == {"28777-cu"}
