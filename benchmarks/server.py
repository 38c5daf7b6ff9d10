"""What the benchmarks that go through the web share: the PostgreSQL admin connection, a
gunicorn started on a free loopback port, waited for and stopped with its whole process group,
and the closed loop of concurrent clients that measures it (:func:`run_load`)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import threading
import time
from functools import partial
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
#: How long a server may take to answer its first request. On a loaded 2-core machine three
#: workers importing Django (and numba's cache) took over a minute, so this is generous.
START_SECONDS = 300
CONTENT_LENGTH = re.compile(rb"(?im)^content-length:\s*(\d+)")


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


def percentile(done: list[float], p: float) -> float:
    """The ``p``-th percentile of sorted seconds, in ms (nearest rank)."""
    return done[min(len(done) - 1, round(p / 100 * (len(done) - 1)))] * 1000


def summary(done: list[float], elapsed: float) -> dict:
    done = sorted(done)
    return {
        "requests": len(done),
        "rps": len(done) / elapsed,
        "p50": percentile(done, 50),
        "p95": percentile(done, 95),
        "p99": percentile(done, 99),
        "mean": statistics.fmean(done) * 1000,
    }


def request_bytes(path: str, headers: dict[str, str]) -> bytes:
    """A GET as the client sends it: HTTP/1.1, ``Connection: close``, the given headers."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def fetch(port: int, request: bytes, timeout: float) -> bool:
    """Send ``request`` on a new connection and read the answer to its end (the server
    closes the connection after it); True when the status is 200 and the body is whole
    (as long as its ``Content-Length`` says, when it says).

    A raw socket rather than ``http.client``: the load runs on the same two cores as the
    server, and ``http.client`` parses every header with the ``email`` package
    (docs/performance.md, "Evening", measures the difference: 0,53 against 0,25 ms a request).
    """
    chunks = []
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(request)
        while chunk := sock.recv(262144):
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    if head[9:12] != b"200":
        return False
    length = CONTENT_LENGTH.search(head)
    return length is None or int(length[1]) == len(body)


def fetch_http(port: int, path: str, headers: dict[str, str], timeout: float) -> bool:
    """:func:`fetch` through ``http.client``, the client's way before; kept to measure the
    difference (``benchmarks/api.py --http-client``)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={**headers, "Connection": "close"})
        response = conn.getresponse()
        response.read()
        return response.status == 200
    finally:
        conn.close()


def run_load(
    port: int,
    requests: list[tuple[str, dict[str, str]]],
    clients: int,
    seconds: float,
    timeout: float = 120,
    http_client: bool = False,
) -> dict:
    """``clients`` threads, each sending one GET after another for ``seconds`` (a closed loop:
    a client waits for its answer before the next request), every answer read to the end.

    ``requests`` are (path, headers) pairs — a token or a session cookie — that each client
    takes in turn, client ``i`` starting at the ``i``-th, so that the mix is spread over the
    clients. A new connection per request (gunicorn's sync workers close it anyway). An answer
    other than 200, or a failed connection, counts as an error. Returns the requests per second
    and p50/p95/p99/mean latency in ms of all the answers, the same per path (``"by_path"``),
    and the CPU the client itself used (``"client_cpu_ms"`` per request and
    ``"client_cores"``, its share of one core): the client competes with the server for the
    same cores, and this says how much. ``http_client``: send through ``http.client``
    (:func:`fetch_http`) instead of a raw socket.
    """
    latencies: list[list[tuple[int, float]]] = [[] for _ in range(clients)]
    errors = [0] * clients
    gate = threading.Barrier(clients + 1)
    stop_at = [0.0]
    if http_client:
        sends = [partial(fetch_http, port, p, h, timeout) for p, h in requests]
    else:
        sends = [
            partial(fetch, port, request_bytes(path, headers), timeout)
            for path, headers in requests
        ]

    def client(i: int) -> None:
        gate.wait()
        k = i
        while time.perf_counter() < stop_at[0]:
            which = k % len(requests)
            k += 1
            began = time.perf_counter()
            try:
                ok = sends[which]()
            except OSError:
                ok = False
            if ok:
                latencies[i].append((which, time.perf_counter() - began))
            else:
                errors[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    gate.wait()
    for t in threads:
        t.join(timeout=seconds + timeout + 60)
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu_before
    done = [x for per in latencies for _which, x in per]
    if not done:
        raise SystemExit(f"no successful request to {requests[0][0]}")
    by_path: dict[str, list[float]] = {}
    for per in latencies:
        for which, x in per:
            by_path.setdefault(requests[which][0], []).append(x)
    return {
        **summary(done, elapsed),
        "errors": sum(errors),
        "by_path": {path: summary(xs, elapsed) for path, xs in by_path.items()},
        "client_cpu_ms": 1000 * cpu / (len(done) + sum(errors)),
        "client_cores": cpu / elapsed,
    }
