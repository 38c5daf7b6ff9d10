"""The same workflow through /api/v1 (issue 14, item 6) on the ``land`` fixture's round: a
commune proposes a person, the district's council votes, the district decides; the person's
data exported and erased; a refused write leaves nothing."""

import pytest

from nghiquyet.accounts.services import api_token_create
from nghiquyet.audit.models import AuditEvent
from nghiquyet.emulation.choices import ERASED_NAME
from tests.api.conftest import ApiClient
from tests.dbstate import changed_tables, database_state

pytestmark = pytest.mark.django_db


def _client(user) -> ApiClient:
    return ApiClient(api_token_create(acting_user=user, name="kiểm thử")[1])


def test_propose_review_decide_export_erase(scene, land, office, reporter_a):
    rnd = scene["round"]
    commune, district = _client(reporter_a), _client(office)
    ranking = district.get(f"/emulation/rounds/{rnd.pk}").json()
    assert [r["unit_code"] for r in ranking["rankings"][0]["rows"]] == ["D1b", "D1a", "D1c"]
    trace = commune.get(f"/emulation/rounds/{rnd.pk}/units/D1a/score").json()
    assert {i["kind"] for r in trace["results"] for i in r["items"]} == {"target", "task"}
    assert commune.get(f"/emulation/rounds/{rnd.pk}/units/D1b/score").status_code == 404

    body = {
        "unit_code": "D1a",
        "award_kind": "lao-dong-tien-tien",
        "achievements": "Hoàn thành tốt nhiệm vụ.",
    }
    refused = commune.post(f"/emulation/rounds/{rnd.pk}/proposals", body)
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"] == "person_name"
    body |= {"person_name": "Võ Văn Tâm", "person_position": "Chuyên viên"}
    created = commune.post(f"/emulation/rounds/{rnd.pk}/proposals", body)
    assert created.status_code == 201, created.json()
    proposal = created.json()
    assert (proposal["recipient"], proposal["status"]) == ("Võ Văn Tâm", "proposed")

    # The commune may not vote; refused, nothing written.
    before, events = database_state(), AuditEvent.objects.count()
    vote = {"votes_for": 9, "votes_total": 9, "council_confirmed": True}
    assert commune.post(f"/emulation/proposals/{proposal['id']}/review", vote).status_code == 403
    assert changed_tables(before, database_state()) == [] and AuditEvent.objects.count() == events
    reviewed = district.post(f"/emulation/proposals/{proposal['id']}/review", vote).json()
    assert (reviewed["status"], reviewed["vote_share"]) == ("approved", 100.0)

    decision = district.post(
        f"/emulation/rounds/{rnd.pk}/decisions",
        {
            "proposal_ids": [proposal["id"]],
            "number": "3/QĐ-UBND",
            "signed_on": "2024-12-31",
            "issuer": "Ủy ban nhân dân huyện D1",
            "signer_position": "Chủ tịch",
        },
    )
    assert decision.status_code == 201
    assert [a["recipient"] for a in decision.json()["awards"]] == ["Võ Văn Tâm"]

    person_id = proposal["person_id"]
    assert commune.get(f"/emulation/people/{person_id}/export").status_code == 403
    exported = district.get(f"/emulation/people/{person_id}/export").json()
    assert exported["name"] == "Võ Văn Tâm" and exported["awards"][0]["decision"] == "3/QĐ-UBND"
    erased = district.post(
        f"/emulation/people/{person_id}/erase", {"reason": "Đơn yêu cầu ngày 02/12/2026"}
    ).json()
    assert (erased["name"], erased["erased"]) == (ERASED_NAME, True)
    got = district.get(f"/emulation/decisions/{decision.json()['id']}").json()
    assert [a["recipient"] for a in got["awards"]] == [ERASED_NAME]
