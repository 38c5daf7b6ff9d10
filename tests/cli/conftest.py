"""Fixtures for the command-line tests."""

from collections.abc import Callable
from pathlib import Path

import pytest

from nghiquyet import cli
from nghiquyet.cli.base import DEBUG_ENV


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug in the command must fail the test with its traceback, not turn
    # into the short "lỗi ngoài dự kiến" message meant for users.
    monkeypatch.setenv(DEBUG_ENV, "1")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``nghiquyet ARGS…`` in-process; return (exit status, stdout, stderr)."""

    def _run(*argv: str | Path) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text as bytes: UTF-8 by default, optionally with a BOM or another encoding."""

    def _write(text: str, name: str = "chi_tieu.csv", *, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write
