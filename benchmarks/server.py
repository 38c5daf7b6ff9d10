"""What the benchmarks that go through the web share: the PostgreSQL admin connection, and a
gunicorn started on a free loopback port, waited for and stopped with its whole process group."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
#: How long a server may take to answer its first request. On a loaded 2-core machine three
#: workers importing Django (and numba's cache) took over a minute, so this is generous.
START_SECONDS = 300


def admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], workers: int, timeout: int = 120
) -> tuple[subprocess.Popen, int]:
    """gunicorn on a free port with ``env``; returns once it answers (or exits the script)."""
    port = free_port()
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "nghiquyet.wsgi:application",
            f"--workers={workers}",
            f"--timeout={timeout}",
            f"--bind={HOST}:{port}",
            "--backlog=2048",
            "--log-level=warning",
        ],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        start_new_session=True,
    )
    if not wait_until_up(port):
        stop(proc)
        raise SystemExit("gunicorn did not start")
    return proc, port


def wait_until_up(port: int, seconds: float = START_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/api/v1/openapi.json")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.3)
    return False


def stop(proc: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
