"""`nghiquyet plan extract`: a resolution's targets from its text, as JSON or as the
plan-import workbook — which imports as the plan, every target in its form."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from nghiquyet.documents.selectors import plan_import_units
from nghiquyet.documents.services import plan_import
from nghiquyet.plans.models import Target
from tests.documents.helpers import open_book, save_book

RESOLUTIONS = Path(__file__).parents[1] / "text" / "resolutions"


def as_docx(text_file: Path, out: Path) -> Path:
    """The same lines as paragraphs of a Word document."""
    document = docx.Document()
    for line in text_file.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(out)
    return out


def test_json_has_groups_targets_and_unread(run):
    code, out, err = run("plan", "extract", RESOLUTIONS / "phu-tho-2023.txt", "--json")
    assert code == 0
    data = json.loads(out)
    assert [g["title"] for g in data["groups"]] == ["Về kinh tế", "Về xã hội", "Về môi trường"]
    first = data["groups"][0]["targets"][0]
    assert {k: first[k] for k in ("number", "name", "target_text", "direction", "low")} == {
        "number": "1",
        "name": "Tốc độ tăng trưởng kinh tế (GRDP)",
        "target_text": "phấn đấu từ 7,5% trở lên",
        "direction": "higher",
        "low": 7.5,
    }
    assert (first["high"], first["unit"], first["comparison"]) == (None, "%", "level")
    assert first["approximate"] is False and first["parts"] == []
    assert data["unread"][-1] == {
        "line": 20,
        "text": "Chi tiết tài liệu đính kèm: Nghị quyết số 11/NQ-HĐND",
    }
    # what needs fixing is said on stderr, with the line
    assert "Dòng 13, chỉ tiêu 10 — cần sửa" in err


def test_a_docx_reads_like_its_text(run, tmp_path):
    path = as_docx(RESOLUTIONS / "nhu-xuan-2020-2025.txt", tmp_path / "nhu-xuan.docx")
    code, out, _err = run("plan", "extract", path, "--json")
    assert code == 0
    code, text_out, _err = run("plan", "extract", RESOLUTIONS / "nhu-xuan-2020-2025.txt", "--json")
    assert json.loads(out) == json.loads(text_out)


def test_an_old_word_file_is_refused_with_what_to_do(run, tmp_path):
    path = tmp_path / "nghi-quyet.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    code, out, err = run("plan", "extract", path, "--json")
    assert code == 2 and out == ""
    assert "hãy lưu văn bản thành .docx" in err


@pytest.mark.django_db
def test_the_workbook_imports_as_the_plan(run, tmp_path, users):
    office = users["vanphong.thanhpho"]
    out = tmp_path / "nhu-xuan.xlsx"
    code, stdout, _err = run(
        "plan", "extract", as_docx(RESOLUTIONS / "nhu-xuan-2020-2025.txt", tmp_path / "nx.docx"),
        "-o", out,
    )  # fmt: skip
    assert code == 0 and "Đọc được 14 chỉ tiêu trong 2 nhóm." in stdout
    wb = open_book(out.read_bytes())
    ws = wb.active

    def meta(label: str) -> int:
        return next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == label)

    # the office gives the particulars; every target comes from the text as printed
    ws.cell(row=meta("Mã đơn vị ban hành"), column=3).value = (
        plan_import_units(user=office).first().code
    )
    ws.cell(row=meta("Cơ quan ban hành"), column=3).value = "Huyện ủy Như Xuân"
    plan = plan_import(acting_user=office, data=save_book(wb), filename="nhu-xuan.xlsx")
    targets = {t.code: t for t in Target.objects.filter(plan=plan)}
    assert len([t for t in targets.values() if t.part_of_id is None]) == 14
    assert targets["10"].statement == "16% trở lên" and targets["10"].target_value == 16
    assert targets["12"].direction == "lower" and targets["12"].strict
    # "đạt 16%, trong đó: Nông, lâm, thủy sản tăng 6%; …": three parts of their own
    parts = Target.objects.filter(part_of=targets["1"]).order_by("code")
    assert [(p.code, p.name, p.target_value) for p in parts] == [
        ("1.1", "Nông, lâm, thủy sản", Decimal("6")),
        ("1.2", "Công nghiệp - xây dựng", Decimal("18.4")),
        ("1.3", "Dịch vụ", Decimal("18.2")),
    ]
