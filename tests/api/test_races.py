"""Races and bad inputs answer 4xx with a clear message, never 500.

- two offices (or one double click) opening the same round at once: one 201, the other 409
  or 422 naming the round that exists — with threads over HTTP, each request in its own
  connection and transaction (on PostgreSQL the plan's row lock decides);
- a write that loses a race at the database (an IntegrityError) is a 409, whatever the route.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db import IntegrityError

from nghiquyet.accounts.services import api_token_create
from nghiquyet.reporting.models import ReportingRound

RACERS = 4


@pytest.mark.django_db(transaction=True)
def test_simultaneous_round_openings_give_one_round_and_clear_refusals(live_server, demo_loaded):
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(username="vanphong.thanhpho")
    _token, secret = api_token_create(acting_user=office, name="đua")
    barrier = threading.Barrier(RACERS)
    results: list[tuple[int, dict]] = []

    def open_round() -> None:
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/rounds",
            data=json.dumps({"plan": "thanhpho-2021", "period": "2021-9M"}).encode(),
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                results.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as exc:
            results.append((exc.code, json.loads(exc.read())))

    threads = [threading.Thread(target=open_round) for _ in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(code for code, _body in results)
    assert statuses[0] == 201 and statuses.count(201) == 1, results
    for code, body in results:
        if code != 201:
            assert code in (409, 422), results
            assert "đã được mở" in body["message"] or "yêu cầu khác" in body["message"], body
    assert ReportingRound.objects.filter(plan__code="thanhpho-2021", period__key="2021-9M").count()


@pytest.mark.django_db
def test_a_database_conflict_is_a_409_not_a_500(users, monkeypatch):
    from nghiquyet.reporting import rounds
    from tests.api.conftest import ApiClient

    def lose_the_race(**_kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(rounds, "round_open", lose_the_race)
    client = ApiClient(api_token_create(acting_user=users["vanphong.thanhpho"], name="x")[1])
    response = client.post("/rounds", {"plan": "thanhpho-2021", "period": "2021-9M"})
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "Hãy tải lại" in response.json()["message"]
