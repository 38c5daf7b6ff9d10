"""A report's whole life through the API: fill in, submit, approve, return, accept; conflicts."""

from __future__ import annotations

import pytest

from nghiquyet.audit.models import AuditEvent
from nghiquyet.reporting.models import Submission, Value
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def anhoi():
    return Submission.objects.get(round__period__key="2021-H1", unit__code="28777-cu")


def fill(client, submission):
    rows = plausible_rows(submission)
    body = {
        "revision": submission.revision,
        "entries": [{"id": pk, **row} for pk, row in rows.items()],
    }
    return client.patch(f"/submissions/{submission.pk}/entries", body)


def test_push_submit_approve_accept(as_user, anhoi):
    reporter, leader, office = (
        as_user("baocao.anhoi"),
        as_user("lanhdao.anhoi"),
        as_user("vanphong.thanhpho"),
    )
    saved = fill(reporter, anhoi)
    assert saved.status_code == 200, saved.json()
    body = saved.json()
    assert body["revision"] == anhoi.revision + 1
    assert all(e["value"] is not None for e in body["entries"])
    assert body["rights"] == {
        "edit": True,
        "submit": True,
        "approve": False,
        "return": False,
        "accept": False,
        "reopen": False,
    }

    sent = reporter.post(f"/submissions/{anhoi.pk}/submit", {"revision": body["revision"]})
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "submitted"
    # The reporter cannot approve their own report: visible, not allowed.
    own = reporter.post(f"/submissions/{anhoi.pk}/approve", {"revision": sent.json()["revision"]})
    assert (own.status_code, own.json()["code"]) == (403, "forbidden")

    approved = leader.post(
        f"/submissions/{anhoi.pk}/approve",
        {"revision": sent.json()["revision"], "comment": "Đồng ý"},
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    before = Value.objects.filter(unit__code="28777-cu", period__key="2021-H1").count()
    accepted = office.post(
        f"/submissions/{anhoi.pk}/accept", {"revision": approved.json()["revision"]}
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Value.objects.filter(unit__code="28777-cu", period__key="2021-H1").count() > before
    actions = list(
        AuditEvent.objects.filter(object_type="reporting.submission", object_id=str(anhoi.pk))
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert actions[-4:] == [
        ("submission.save", "baocao.anhoi"),
        ("submission.submit", "baocao.anhoi"),
        ("submission.approve", "lanhdao.anhoi"),
        ("submission.accept", "vanphong.thanhpho"),
    ]
    events = [e["action"] for e in accepted.json()["events"]]
    assert events[-3:] == ["submit", "approve", "accept"]
    # Accepted figures are locked: pushing again is refused, nothing changes.
    again = fill(reporter, Submission.objects.get(pk=anhoi.pk))
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")


def test_return_needs_a_comment_and_sends_the_report_back(as_user, anhoi):
    reporter, leader = as_user("baocao.anhoi"), as_user("lanhdao.anhoi")
    revision = fill(reporter, anhoi).json()["revision"]
    revision = reporter.post(f"/submissions/{anhoi.pk}/submit", {"revision": revision}).json()[
        "revision"
    ]
    silent = leader.post(f"/submissions/{anhoi.pk}/return", {"revision": revision})
    assert silent.status_code == 422
    assert silent.json()["code"] == "validation_error"
    assert silent.json()["details"][0]["field"] == "comment"
    assert "lý do trả lại" in silent.json()["message"]
    returned = leader.post(
        f"/submissions/{anhoi.pk}/return",
        {"revision": revision, "comment": "Chỉ tiêu 3 cần giải trình"},
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert returned.json()["events"][-1]["comment"] == "Chỉ tiêu 3 cần giải trình"
    assert returned.json()["rights"]["edit"] is False  # the leader does not edit
    assert reporter.get(f"/submissions/{anhoi.pk}").json()["rights"]["edit"] is True


def test_a_stale_revision_is_a_conflict_and_nothing_is_saved(as_user, anhoi):
    reporter = as_user("baocao.anhoi")
    entry = anhoi.entries.filter(value__isnull=True).first()
    first = reporter.patch(
        f"/submissions/{anhoi.pk}/entries",
        {"revision": anhoi.revision, "entries": [{"id": entry.pk, "note": "Lần một"}]},
    )
    assert first.status_code == 200
    stale = reporter.patch(
        f"/submissions/{anhoi.pk}/entries",
        {"revision": anhoi.revision, "entries": [{"id": entry.pk, "note": "Lần hai"}]},
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "conflict"
    assert "vừa được" in body["message"] and "Thay đổi của bạn chưa được lưu" in body["message"]
    entry.refresh_from_db()
    assert entry.note == "Lần một"


def test_bad_figures_are_reported_by_entry_and_field(as_user, anhoi):
    reporter = as_user("baocao.anhoi")
    entries = list(anhoi.entries.select_related("target__indicator").order_by("order"))
    plain = next(e for e in entries if e.target.indicator.aggregation != "ratio")
    response = reporter.patch(
        f"/submissions/{anhoi.pk}/entries",
        {
            "revision": anhoi.revision,
            "entries": [
                {"id": plain.pk, "value": "mười hai"},
                {"id": entries[-1].pk, "status": "chắc chắn"},
            ],
        },
    )
    assert response.status_code == 422
    details = response.json()["details"]
    assert {d["field"] for d in details} == {"value", "status"}
    assert any("không phải là một số" in d["message"] for d in details)
    assert Submission.objects.get(pk=anhoi.pk).revision == anhoi.revision


def test_numbers_are_read_the_vietnamese_way_and_json_numbers_exactly(as_user, anhoi):
    reporter = as_user("baocao.anhoi")
    plain = [
        e
        for e in anhoi.entries.select_related("target__indicator").order_by("order")
        if e.target.indicator.aggregation != "ratio" and e.target.direction != "yes_no"
    ]
    response = reporter.patch(
        f"/submissions/{anhoi.pk}/entries",
        {
            "revision": anhoi.revision,
            "entries": [
                {"id": plain[0].pk, "value": "1.234,5"},
                {"id": plain[1].pk, "value": 1.234},
            ],
        },
    )
    assert response.status_code == 200, response.json()
    values = {e["id"]: e["value"] for e in response.json()["entries"]}
    assert values[plain[0].pk] == 1234.5
    assert values[plain[1].pk] == 1.234


def test_figures_too_large_for_the_database_are_refused_not_a_server_error(as_user, anhoi):
    """numeric(20, 6) holds 14 digits before the point; PostgreSQL would fail on more."""
    reporter = as_user("baocao.anhoi")
    plain = next(
        e
        for e in anhoi.entries.select_related("target__indicator").order_by("order")
        if e.target.indicator.aggregation != "ratio" and e.target.direction != "yes_no"
    )
    for value in ("123.456.789.012.345.678", 1e20):
        response = reporter.patch(
            f"/submissions/{anhoi.pk}/entries",
            {"revision": anhoi.revision, "entries": [{"id": plain.pk, "value": value}]},
        )
        assert response.status_code == 422, response.json()
        assert "quá lớn" in response.json()["details"][0]["message"]
