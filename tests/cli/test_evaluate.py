"""`nghiquyet evaluate` and `nghiquyet demo`: the commands that use the database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import Plan, Target
from nghiquyet.reporting.models import Value

SEED_001 = (
    "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
    "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
)
NGHIQUYET = Path(sys.executable).with_name("nghiquyet")


@pytest.mark.django_db
def test_evaluate_prints_the_table_and_the_seed_sentence(run):
    code, out, err = run("evaluate", "--plan", "tinh-2022", "--year", "2022")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Nghị quyết số 04-NQ/TU về nhiệm vụ năm 2022 — Tỉnh Bến Tre")
    assert lines[-1] == SEED_001
    row = next(line for line in lines if line.startswith("1 "))
    assert "7 – 7,5" in row and "7,35" in row and "105,00%" in row and "đạt và vượt" in row


@pytest.mark.django_db
def test_evaluate_json_matches_the_classify_format(run):
    code, out, _err = run("evaluate", "--plan", "tinh-2022", "--year", "2022", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["plan"] == "tinh-2022" and data["year"] == 2022 and data["scheme"] == "bands"
    assert data["counts"] == {
        "achieved": 15,
        "near": 6,
        "above_80": 1,
        "above_70": 1,
        "above_50": 1,
        "not_achieved": 1,
        "no_data": 0,
    }
    assert data["summary"] == SEED_001
    assert len(data["targets"]) == 25
    first = data["targets"][0]
    assert set(first) == {"code", "rate", "class"} and first["code"] == "1"
    by_code = {t["code"]: t for t in data["targets"]}
    assert by_code["9"] == {"code": "9", "rate": 90.0, "class": "near"}
    assert by_code["20"]["class"] == "not_achieved"


@pytest.mark.django_db
def test_evaluate_with_another_scheme(run):
    code, out, _err = run(
        "evaluate", "--plan", "tinh-2022", "--year", "2022", "--json", "--scheme", "binary"
    )
    data = json.loads(out)
    assert code == 0 and data["scheme"] == "binary"
    assert data["counts"] == {"achieved": 15, "not_achieved": 10, "no_data": 0}


@pytest.mark.django_db
def test_evaluate_a_year_without_figures_is_no_data(run):
    code, out, _err = run("evaluate", "--plan", "tinh-2020-2025", "--year", "2025", "--json")
    data = json.loads(out)
    assert code == 0
    # 2025 has no yearly figures; cumulative and average targets still sum what exists.
    assert data["counts"]["no_data"] > 0
    assert data["counts"]["not_achieved"] < 9


@pytest.mark.django_db
def test_evaluate_a_period_of_the_year(run):
    """Vĩnh Long's first half of 2026 against its predecessors' first half of 2025."""
    code, out, _err = run("evaluate", "--plan", "vinhlong-2026", "--period", "2026-H1", "--json")
    data = json.loads(out)
    assert code == 0 and data["period"] == "2026-H1" and data["year"] == 2026
    assert data["counts"]["achieved"] == 4 and data["counts"]["near"] == 4
    growth = next(t for t in data["targets"] if t["code"] == "1")
    # GRDP 93.180,4 against 86.471,5 (three provinces before 1/7/2025): +7,76 % of 8 %.
    assert growth["class"] == "near" and growth["rate"] == pytest.approx(96.98, abs=0.01)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "khong-co", "--year", "2022"], "Không có nghị quyết, kế hoạch nào có mã"),
        (["--plan", "tinh-2022", "--year", "2019"], "Năm 2019 không thuộc"),
        (["--plan", "tinh-2022", "--year", "hai"], "không hợp lệ"),
        (["--plan", "tinh-2022"], "cần một trong các đối số --year --period"),
        (["--plan", "tinh-2022", "--period", "2022-X9"], "không hợp lệ"),
        (["--plan", "tinh-2022", "--period", "2022-Q3"], "Chưa có số liệu nào cho kỳ Quý III/2022"),
        (["--plan", "tinh-2022", "--year", "2022", "--period", "2022"], "không được dùng cùng"),
        (["--plan", "tinh-2022", "--year", "2022", "--scheme", "none"], "Không có bảng phân loại"),
    ],
)
def test_evaluate_bad_input_exits_2_without_output(run, args, message):
    code, out, err = run("evaluate", *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


@pytest.mark.django_db
def test_demo_is_idempotent(run):
    counts = (
        Plan.objects.count(),
        Target.objects.count(),
        Value.objects.count(),
        AuditEvent.objects.count(),
    )
    code, out, _err = run("demo")
    assert code == 0 and "đã có sẵn" in out
    assert (
        Plan.objects.count(),
        Target.objects.count(),
        Value.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_demo_then_evaluate_on_a_fresh_database(tmp_path):
    """The console script end to end: a new SQLite file, the demo, the evaluation."""
    env = {
        **os.environ,
        "NGHIQUYET_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "nghiquyet.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SECRET_KEY", None)
    env.pop("NGHIQUYET_TESTING", None)
    first = subprocess.run(
        [NGHIQUYET, "demo"], env=env, capture_output=True, text=True, timeout=300
    )
    assert first.returncode == 0, first.stderr
    assert "Đã nạp dữ liệu minh họa" in first.stdout
    assert (tmp_path / "db.sqlite3").exists()
    again = subprocess.run(
        [NGHIQUYET, "demo"], env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0 and "đã có sẵn" in again.stdout
    result = subprocess.run(
        [NGHIQUYET, "evaluate", "--plan", "tinh-2022", "--year", "2022", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"] == SEED_001
