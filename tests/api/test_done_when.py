"""The issue's "done when", as scripts would do it: real HTTP against a live server, a token.

A commune reporter's script pushes its figures and submits; the office's script reads the
province's evaluation and summary sentence; neither can do anything outside its scope.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request

import pytest

from nghiquyet.accounts.services import api_token_create
from nghiquyet.reporting.models import Submission
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db(transaction=True)


class Script:
    """What a province's integration script does: urllib, a token, JSON or CSV."""

    def __init__(self, base: str, token: str):
        self.base = base.rstrip("/") + "/api/v1"
        self.token = token

    def call(self, method: str, path: str, body=None, content_type="application/json"):
        data = None
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": content_type},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read().decode("utf-8")
                kind = response.headers.get("Content-Type", "")
                return response.status, json.loads(raw) if "json" in kind else raw
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode("utf-8"))


@pytest.fixture
def scripts(live_server, demo_loaded, users):
    def make(username: str) -> Script:
        _token, text = api_token_create(acting_user=users[username], name="Tập lệnh")
        return Script(live_server.url, text)

    return make


def test_a_ward_pushes_its_figures_and_submits_the_office_reads_the_province(scripts):
    reporter = scripts("baocao.anhoi")

    # 1. Find the ward's draft report, and download its figures as CSV.
    status, found = reporter.call("GET", "/submissions?status=draft")
    assert status == 200 and found["count"] == 1
    report = found["items"][0]
    assert (report["unit_code"], report["period"]) == ("28777-cu", "2021-H1")
    status, text = reporter.call(
        "GET", "/values/export?plan=an-hoi-2021&period=2021-H1&source=submissions&format=csv"
    )
    assert status == 200
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    missing = [r for r in table if not r["value"]]
    assert missing, "the demo leaves part of An Hội's report for the newcomer"

    # 2. Fill in what is missing (Vietnamese number format) and push: dry run, then for real.
    submission = Submission.objects.get(pk=report["id"])
    figures = {
        e.target.code: plausible_rows(submission)[e.pk]
        for e in submission.entries.select_related("target")
    }
    lines = ["plan_code;unit_code;target_code;period;value;numerator;denominator"]
    for r in table:
        fig = figures[r["target_code"]]
        keys = [r["plan_code"], r["unit_code"], r["target_code"], r["period"]]
        cells = [fig.get(f, "") for f in ("value", "numerator", "denominator")]
        lines.append(";".join([*keys, *cells]))
    csv_text = "\ufeff" + "\n".join(lines) + "\n"
    status, dry = reporter.call("POST", "/values/import.csv?dry_run=true", csv_text, "text/csv")
    assert status == 200, dry
    assert dry["dry_run"] and dry["changed"] >= len(missing)
    status, again = reporter.call("GET", f"/submissions/{report['id']}")
    assert again["revision"] == report["revision"], "a dry run writes nothing"
    status, pushed = reporter.call("POST", "/values/import.csv", csv_text, "text/csv")
    assert status == 200, pushed
    assert pushed["submissions"][0]["revision"] == report["revision"] + 1

    # 3. Submit with the revision just read.
    status, current = reporter.call("GET", f"/submissions/{report['id']}")
    assert all(e["value"] is not None for e in current["entries"])
    status, sent = reporter.call(
        "POST", f"/submissions/{report['id']}/submit", {"revision": current["revision"]}
    )
    assert status == 200, sent
    assert sent["status"] == "submitted"

    # 4. Nothing outside its scope.
    assert reporter.call("GET", "/plans/tinh-2022/evaluation")[0] == 404
    phutan = Submission.objects.get(round__period__key="2021-H1", unit__code="28757")
    assert reporter.call("GET", f"/submissions/{phutan.pk}")[0] == 404
    status, body = reporter.call(
        "POST",
        "/values/import",
        {
            "plan": "phu-tan-2021",
            "period": "2021-H1",
            "rows": [{"unit_code": "28757", "target_code": "1", "value": 1}],
        },
    )
    assert (status, body["code"]) == (404, "not_found")
    status, body = reporter.call(
        "POST", f"/submissions/{report['id']}/approve", {"revision": sent["revision"]}
    )
    assert (status, body["code"]) == (403, "forbidden")
    assert reporter.call("GET", "/units?code=83")[1]["count"] == 0

    # 5. The office reads the province's evaluation and its summary sentence.
    office = scripts("vanphong.tinh")
    status, evaluation = office.call("GET", "/plans/tinh-2022/evaluation?period=2022")
    assert status == 200
    assert evaluation["summary"] == (
        "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
        "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
    )
    assert {c["key"]: c["count"] for c in evaluation["counts"]}["achieved"] == 15
    # …and cannot push a ward's figures nor approve for its leader.
    status, body = office.call("POST", "/values/import.csv", csv_text, "text/csv")
    assert (status, body["code"]) == (403, "forbidden")
    status, body = office.call(
        "POST", f"/submissions/{report['id']}/approve", {"revision": sent["revision"]}
    )
    assert (status, body["code"]) == (403, "forbidden")
    assert Submission.objects.get(pk=report["id"]).status == "submitted"
