"""The same text gives the same answer — the same value, or the same Vietnamese problem — through
every entry path: the grid's save, the report's Excel template, the plan's Excel template (its
plan figures), the API's CSV and JSON exchange, and ``nghiquyet classify``.

Each path reads its cells with the text layer (:mod:`nghiquyet.text`); this test is what holds
them together. "Không đạt" used to be 0 through the API and a refusal in the grid.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest

from nghiquyet.accounts.services import api_token_create
from nghiquyet.cli.classify import CLASSIFY_COLUMNS, read_targets
from nghiquyet.documents.plan_excel.template import plan_template
from nghiquyet.documents.problems import ImportInvalid
from nghiquyet.documents.services import plan_import, submission_import
from nghiquyet.documents.submission_excel.spec import COL_VALUE
from nghiquyet.documents.submission_excel.template import submission_template
from nghiquyet.reporting.workflow import SubmissionInvalid, submission_save
from nghiquyet.text.tables import read_table
from tests.api.conftest import ApiClient
from tests.documents.helpers import entry_rows, open_book, save_book
from tests.factories import make_report

pytestmark = pytest.mark.django_db

NUMBER_HINT = "viết số như 1.234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)"
YES_NO_HINT = "ghi Đạt (hoặc có, x, 1) hoặc Chưa đạt (hoặc không đạt, không, 0)"
FIGURE_HINT = (
    f"{NUMBER_HINT}, có thể kèm chữ như trong báo cáo: khoảng 22.710, ước 7,35, 61-62, trên 4, "
    "giảm 1,72%, 10.994 người"
)

#: (what is typed, target "1" (a count) or "2" (yes/no), the value or the problem's text)
CASES = [
    ("1.234,5", "1", Decimal("1234.5")),
    ("1.234", "1", Decimal(1234)),  # Vietnamese unless the place shows English
    ("1,750", "1", Decimal("1.75")),  # "1,750 tỷ USD": one point seven five
    ("6.5", "1", Decimal("6.5")),  # unambiguous English
    ("12 345", "1", Decimal(12345)),
    ("mười", "1", f"“mười” không phải là một số; {FIGURE_HINT}"),
    ("6,5 - 7 - 8", "1", f"“6,5 - 7 - 8” không phải là một số; {FIGURE_HINT}"),
    ("Không đạt", "2", Decimal(0)),
    ("Chưa đạt", "2", Decimal(0)),
    ("Đạt", "2", Decimal(1)),
    ("x", "2", Decimal(1)),
    ("có", "2", Decimal(1)),
    ("có lẽ", "2", f"“có lẽ” không phải là đạt/không đạt; {YES_NO_HINT}"),
    # Figures as reports print them (item 4); the text is kept beside the number. From
    # https://www.qdnd.vn/kinh-te/tin-tuc/ket-qua-thuc-hien-12-chi-tieu-kinh-te-xa-hoi-chu-yeu-nam-2019-608493
    # ("Khoảng 24", "Trên 4", "61-62", "Xuất siêu") and issue 10 ("khoảng 22.710", "ước 7,35",
    # "giảm 1,72%", "10.994 người").
    ("khoảng 22.710", "1", Decimal(22710)),
    ("Khoảng 24", "1", Decimal(24)),
    ("ước 7,35", "1", Decimal("7.35")),
    ("Trên 4", "1", Decimal(4)),
    ("10.994 người", "1", Decimal(10994)),
    ("61-62", "1", Decimal(61)),  # higher is better: the lower bound
    ("61-62", "4", Decimal(62)),  # lower is better: the upper bound
    ("giảm 1,72%", "4", Decimal("-1.72")),
    ("Xuất siêu", "4", Decimal(0)),
    ("khoảng 22.710 tỷ đồng, đạt 102,3% KH", "1", Decimal(22710)),
    ("99,8% kế hoạch", "1", f"“99,8% kế hoạch” không phải là một số; {FIGURE_HINT}"),
]

PATHS = ["grid", "report_xlsx", "api_json", "api_csv", "classify", "plan_xlsx"]

#: A plan's figures are numbers (a yes/no target has none), and a plan cell that is not a
#: number is read as a target's wording: the plan template takes the number cases.
PLAN_FIGURES = {"1.234,5", "1.234", "1,750", "6.5", "12 345"}
COMBINATIONS = [
    pytest.param(path, *case, id=f"{path}-{case[0]}")
    for case in CASES
    for path in PATHS
    if path != "plan_xlsx" or case[0] in PLAN_FIGURES
]


def _grid(submission, reporter, entry, written):
    try:
        submission_save(
            acting_user=reporter,
            submission=submission,
            revision=submission.revision,
            rows={entry.pk: {"value": written, "status": "estimate"}},
        )
    except SubmissionInvalid as exc:
        return [p.message for p in exc.problems]
    entry.refresh_from_db()
    return entry.value, entry.value_text


def _report_xlsx(submission, reporter, entry, written):
    wb = open_book(submission_template(user=reporter, submission=submission)[0])
    ws = wb.worksheets[0]
    ws.cell(row=entry_rows(ws)[entry.pk], column=COL_VALUE).value = written
    try:
        submission_import(
            acting_user=reporter, submission=submission, data=save_book(wb), filename="bc.xlsx"
        )
    except ImportInvalid as exc:
        return exc.problems
    entry.refresh_from_db()
    return entry.value, entry.value_text


def _api(submission, reporter, entry, written, *, as_csv: bool):
    token = api_token_create(acting_user=reporter, name="kiểm thử")[1]
    client = ApiClient(token)
    key = {
        "plan_code": submission.round.plan.code,
        "unit_code": submission.unit.code,
        "target_code": entry.target.code,
        "period": submission.round.period.key,
    }
    if as_csv:
        buffer = io.StringIO()
        buffer.write(",".join([*key, "value"]) + "\n")
        buffer.write(",".join([*key.values(), json.dumps(written, ensure_ascii=False)]) + "\n")
        response = client.post(
            "/values/import.csv", buffer.getvalue().encode(), content_type="text/csv"
        )
    else:
        response = client.post("/values/import", {"rows": [{**key, "value": written}]})
    if response.status_code != 200:
        return [d["message"] for d in response.json()["details"]]
    entry.refresh_from_db()
    shown = client.get(f"/submissions/{submission.pk}").json()["entries"]
    assert next(e for e in shown if e["id"] == entry.pk)["value_text"] == entry.value_text
    return entry.value, entry.value_text


def _classify(tmp_path, target_code, written):
    direction, plan = {"2": ("yes_no", ""), "4": ("lower", "4")}.get(target_code, ("higher", "10"))
    path = tmp_path / "chi_tieu.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("code,name,direction,target,actual\n")
        f.write(f'1,Chỉ tiêu,{direction},{plan},"{written}"\n')
    targets, problems = read_targets(read_table(path, CLASSIFY_COLUMNS))
    if problems:
        return [str(p) for p in problems]
    return Decimal(repr(targets[0].actual))


def _plan_xlsx(users, written):
    office = users["vanphong.thanhpho"]
    wb = open_book(plan_template(user=office))
    ws = wb["Nghị quyết"]
    row = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(row=r, column=1).value == "1" and ws.cell(row=r, column=2).value
    )
    ws.cell(row=row, column=7).value = written
    try:
        plan = plan_import(acting_user=office, data=save_book(wb), filename="nq.xlsx")
    except ImportInvalid as exc:
        return exc.problems
    return plan.targets.get(code="1").target_value


@pytest.mark.parametrize(("path", "written", "target_code", "expected"), COMBINATIONS)
def test_the_same_text_gives_the_same_answer_on_every_path(
    path, written, target_code, expected, land, users, tmp_path
):
    if path == "classify":
        got = _classify(tmp_path, target_code, written)
    elif path == "plan_xlsx":
        got = _plan_xlsx(users, written)
    else:
        submission, reporter = make_report(land)
        entry = submission.entries.get(target__code=target_code)
        if path == "grid":
            got = _grid(submission, reporter, entry, written)
        elif path == "report_xlsx":
            got = _report_xlsx(submission, reporter, entry, written)
        else:
            got = _api(submission, reporter, entry, written, as_csv=path == "api_csv")
    if isinstance(expected, Decimal) and isinstance(got, tuple):
        # kept beside the number: what was written, when it said more than a number
        plain = written in PLAN_FIGURES or target_code == "2"
        assert got == (expected, "" if plain else written)
    elif isinstance(expected, Decimal):
        assert got == expected
    else:
        assert isinstance(got, list) and len(got) == 1, got
        assert expected in got[0]
