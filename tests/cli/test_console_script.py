"""The installed ``nghiquyet`` console script, run as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "nghiquyet"

CSV = (
    "ma;ten;don_vi_tinh;chieu;chi_tieu;chi_tieu_tren;thuc_hien\n"
    "GRDP;Tốc độ tăng trưởng GRDP;%;tang;6,5;;5,3\n"
    "TN;Tỷ lệ thất nghiệp;%;giam;4;;4,39\n"
    "LD;Tỷ lệ lao động qua đào tạo;%;tang;65;;64,5\n"
)


def clean_env() -> dict[str, str]:
    """No Django settings, no debug switch: what an office's shell looks like."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGHIQUYET_"))}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def nghiquyet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "chi_tieu.csv"
    path.write_bytes(CSV.encode())
    return path


def test_console_script_exists():
    assert SCRIPT.is_file()
    assert os.access(SCRIPT, os.X_OK)


def test_console_script_classifies(csv_file: Path):
    proc = nghiquyet("classify", csv_file.name, "--json", cwd=csv_file.parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    result = json.loads(proc.stdout)
    assert result["targets"] == [
        {"code": "GRDP", "rate": 81.54, "class": "above_80"},
        {"code": "TN", "rate": 91.12, "class": "near"},
        {"code": "LD", "rate": 99.23, "class": "near"},
    ]


def test_console_script_table(csv_file: Path):
    proc = nghiquyet("classify", csv_file.name, "--scheme", "binary", cwd=csv_file.parent)
    assert proc.returncode == 0, proc.stderr
    assert "Xếp loại" in proc.stdout
    assert proc.stdout.rstrip().endswith("3/3 chỉ tiêu không đạt.")


def test_console_script_bad_input_has_no_traceback(tmp_path: Path):
    path = tmp_path / "loi.csv"
    path.write_bytes(b"ma,ten,chieu,chi_tieu,thuc_hien\nA,a,tang,abc,1\n")
    proc = nghiquyet("classify", "loi.csv", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    # the plan column reads a resolution's wording, and says what it could not read
    assert proc.stderr.startswith(
        "loi.csv: Dòng 2, cột 'chi_tieu': “abc” chưa đọc được thành chỉ tiêu"
    )
    assert proc.stderr.count("\n") == 1


def test_console_script_missing_file_has_no_traceback(tmp_path: Path):
    proc = nghiquyet("classify", "khong_co.xlsx", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "khong_co.xlsx: Không tìm thấy tệp." in proc.stderr


def test_classify_does_not_import_django(csv_file: Path):
    code = (
        "import sys\n"
        "from nghiquyet.cli import main\n"
        f"status = main(['classify', {str(csv_file)!r}])\n"
        "assert status == 0, status\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "81,54%" in proc.stdout


def test_python_dash_m(csv_file: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "nghiquyet.cli", "classify", str(csv_file), "--json"],
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"]["near"] == 2
