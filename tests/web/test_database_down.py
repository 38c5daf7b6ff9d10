"""The database refusing connections, or losing one in the middle of a save: a clear
Vietnamese 503 (a page, or JSON for the API and the grid's autosave), never a 500 traceback,
and nothing half written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.dbstate import database_state
from tests.factories import make_report
from tests.programs import ROOT, program_env

MESSAGE = "Hệ thống tạm thời không kết nối được cơ sở dữ liệu"


def test_a_database_that_refuses_connections_answers_503_in_vietnamese(tmp_path):
    """The real thing: the production settings with a PostgreSQL port where nothing listens."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("database_down_probe.py"))],
        env=program_env(database_url="postgres://nghiquyet@127.0.0.1:1/nghiquyet", media=tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert set(answers) == {"page", "tasks", "autosave", "sign-in", "api-read", "api-write"}
    for name, answer in answers.items():
        assert answer["status"] == 503, (name, answer)
        assert answer["retry_after"] == "30", name
        assert MESSAGE in answer["body"] and "chưa được ghi" in answer["body"], name
        assert "Traceback" not in answer["body"] and "OperationalError" not in answer["body"]
    for name in ("page", "tasks", "sign-in"):
        assert answers[name]["type"].startswith("text/html")
        assert "<h1>Hệ thống tạm thời gián đoạn</h1>" in answers[name]["body"]
    for name in ("api-read", "api-write"):
        body = json.loads(answers[name]["body"])
        assert body["code"] == "unavailable" and body["message"].startswith(MESSAGE)
    assert json.loads(answers["autosave"]["body"])["refused"].startswith(MESSAGE)
    # The operator's log has the cause.
    assert "Connection refused" in done.stderr or "connection failed" in done.stderr


class _LostAfterFirstWrite:
    """An execute wrapper: the first write goes through, the next one finds the connection
    gone (as when PostgreSQL is restarted mid-request)."""

    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
            if self.writes > 1:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def report(land):
    submission, reporter = make_report(land, "mat-ket-noi")
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    entries = {e.target.code: e.pk for e in submission.entries.select_related("target")}
    return submission, client, entries


def test_the_grid_losing_the_database_mid_save_writes_nothing(report):
    submission, client, entries = report
    before = database_state()
    lost = _LostAfterFirstWrite()
    with connection.execute_wrapper(lost):
        response = client.post(
            reverse("reporting:submission-cells", args=[submission.pk]),
            {
                "revision": submission.revision,
                f"e-{entries['1']}-value": "7",
                f"e-{entries['4']}-value": "3,5",
            },
            HTTP_ACCEPT="application/json",
        )
    assert lost.writes >= 2  # it failed half way, after a write
    assert response.status_code == 503
    assert response.json()["refused"].startswith(MESSAGE)
    assert database_state() == before


def test_the_api_losing_the_database_mid_save_writes_nothing(report):
    from nghiquyet.accounts.services import api_token_create

    submission, _client, entries = report
    _token, text = api_token_create(acting_user=submission_reporter(submission), name="thử")
    program = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {text}")
    assert program.get("/api/v1/me").status_code == 200  # the token's use is recorded now
    before = database_state()
    lost = _LostAfterFirstWrite()
    with connection.execute_wrapper(lost):
        response = program.patch(
            f"/api/v1/submissions/{submission.pk}/entries",
            {
                "revision": submission.revision,
                "entries": [{"id": entries["1"], "value": 7}, {"id": entries["4"], "value": 3.5}],
            },
            content_type="application/json",
        )
    assert lost.writes >= 2
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "unavailable" and body["message"].startswith(MESSAGE)
    assert database_state() == before


def submission_reporter(submission):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="baocao.mat-ket-noi")
