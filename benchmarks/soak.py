"""Soak: a scripted mixed workload against gunicorn + PostgreSQL + the task worker.

1. Creates a throw-away PostgreSQL database and, through the services (set-up, not measured),
   a province with ``--communes`` communes; the province's resolution for 2031 (8 targets) and
   each commune's own (8 targets each) under it; one reporting round, so every commune has a
   draft report; per commune a reporter (with an API token) and a leader who approves; offices
   of the province. Sessions are made directly in the database (no password hashing).
2. Starts gunicorn (sync workers, ``--timeout 120``, no ``--max-requests``: a leak must show)
   and ``manage.py db_worker`` with the production settings, on 127.0.0.1.
3. Runs ``--users`` concurrent users for ``--minutes`` (after a short warm-up), each pausing
   ``--think`` seconds on average between requests:
   - one per commune (the rest are offices): the grid page; the grid's per-row autosave
     (``POST /bao-cao/<id>/o/``); a save through the API (``PATCH /api/v1/submissions/<id>/
     entries``); reads its report back; submits; its leader approves; an office returns it —
     and again;
   - the offices: the plan's dashboard, the API's evaluation, the round's page, and every
     fourth time a report (Excel or Word) made by the worker, followed until done.
4. Prints requests and errors, p50/p95 per request kind, the RSS of gunicorn's workers and of
   the worker each minute, the load average, memory growth first vs last minute, and checks
   that every figure last written is the figure stored (lost updates).

Run from the repository root::

    .venv/bin/python benchmarks/soak.py [--minutes 10] [--users 50] [--workers 5]

Needs PostgreSQL on 127.0.0.1:5432 with trust auth (``PG_ADMIN_URL`` to change). Only
loopback traffic; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import server  # benchmarks/server.py, next to this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = f"nghiquyet_soak_{os.getpid()}"
DB_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"
HOST = "127.0.0.1"
YEAR = 2031
PLAN = "ben-bi-2031"
TARGETS = 8
CSRF = secrets.token_hex(16)  # 32 characters: the csrftoken cookie and the header alike
MEDIA = Path(tempfile.mkdtemp(prefix="nghiquyet-soak-media-"))
STATIC = Path(tempfile.mkdtemp(prefix="nghiquyet-soak-static-"))

SERVER_ENV = {
    "DATABASE_URL": DB_URL,
    "DJANGO_SETTINGS_MODULE": "nghiquyet.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_LOG_LEVEL": "ERROR",
    "NGHIQUYET_MEDIA_ROOT": str(MEDIA),
    "NGHIQUYET_STATIC_ROOT": str(STATIC),
}


admin = server.admin


def setup_django() -> None:
    os.environ.update(SERVER_ENV)
    import django

    django.setup()


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return s.session_key


def build(communes: int, offices: int) -> dict:
    """The data set, through the services; returns what the users need."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from nghiquyet.accounts.services import api_token_create, grant_create
    from nghiquyet.orgs.scopes import SYSTEM
    from nghiquyet.orgs.services import orgunit_create
    from nghiquyet.plans import services as plan_services
    from nghiquyet.reporting.models import Submission
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.rounds import round_open

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as deployed (DEBUG off)
    User = get_user_model()

    def user(name: str, role: str, unit):
        u = User.objects.create_user(name, password=None)
        grant_create(acting_user=SYSTEM, user=u, role=role, unit=unit)
        return u

    country = orgunit_create(acting_user=SYSTEM, code="VN", name="Việt Nam", kind="country")
    province = orgunit_create(
        acting_user=SYSTEM, code="BB", name="Tỉnh Bền Bỉ", kind="province", parent=country
    )
    indicators = [
        plan_services.indicator_get_or_create(
            acting_user=SYSTEM,
            code=f"bb-{i}",
            name=f"Chỉ tiêu bền bỉ số {i}",
            unit_of_measure="người",
            aggregation="sum",
        )
        for i in range(1, TARGETS + 1)
    ]

    def plan_with_targets(unit, code: str, parent=None):
        plan = plan_services.plan_create(
            acting_user=SYSTEM,
            code=code,
            kind="annual_resolution",
            title=f"về nhiệm vụ năm {YEAR}",
            unit=unit,
            issuing_body=f"Đảng ủy {unit.name}",
            year=YEAR,
            parent=parent,
        )
        for i, indicator in enumerate(indicators, start=1):
            plan_services.target_create(
                acting_user=SYSTEM,
                plan=plan,
                code=str(i),
                name=indicator.name,
                indicator=indicator,
                order=i,
                direction="higher",
                target_value=100 * i,
            )
        return plan

    top = plan_with_targets(province, PLAN)
    units = []
    for i in range(communes):
        unit = orgunit_create(
            acting_user=SYSTEM,
            code=f"BB-{i:02d}",
            name=f"Xã Bền Bỉ {i}",
            kind="commune",
            parent=province,
        )
        plan_with_targets(unit, f"{PLAN}-xa-{i:02d}", parent=top)
        units.append(unit)
    office_users = [user(f"vanphong.{i}", "office", province) for i in range(offices)]
    rnd = round_open(acting_user=office_users[0], plan=top, spec=PeriodSpec("year", YEAR))
    people = []
    for i, unit in enumerate(units):
        reporter = user(f"baocao.{i:02d}", "reporter", unit)
        leader = user(f"lanhdao.{i:02d}", "approver", unit)
        submission = Submission.objects.get(round=rnd, unit=unit)
        _t, token = api_token_create(acting_user=reporter, name="soak")
        people.append(
            {
                "submission": submission.pk,
                "entries": list(submission.entries.order_by("pk").values_list("pk", flat=True)),
                "reporter": session_for(reporter),
                "leader": session_for(leader),
                "token": token,
            }
        )
    office_tokens = [api_token_create(acting_user=u, name="soak")[1] for u in office_users]
    return {
        "round": rnd.pk,
        "communes": people,
        "offices": [
            {"session": session_for(u), "token": t}
            for u, t in zip(office_users, office_tokens, strict=True)
        ],
    }


# --- processes -------------------------------------------------------------------------


def start_processes(workers: int) -> tuple[subprocess.Popen, subprocess.Popen, int]:
    gunicorn, port = server.start_gunicorn(SERVER_ENV, workers)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "1", "-v0"],
        env={**os.environ, **SERVER_ENV, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        start_new_session=True,
    )
    return gunicorn, worker, port


stop = server.stop


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


# --- the load --------------------------------------------------------------------------


class Load:
    def __init__(self, port: int, think: float):
        self.port = port
        self.think = think
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[tuple[str, object, str]] = []
        self.written: dict[int, Decimal] = {}  # entry → the figure last saved
        self.lock = threading.Lock()
        self.stop_at = 0.0
        self.reports = 0

    def running(self) -> bool:
        return time.monotonic() < self.stop_at

    def pause(self) -> None:
        time.sleep(random.uniform(0, 2 * self.think))

    def call(self, kind, method, path, *, session=None, token=None, form=None, body=None,
             accept=None, expect=(200,)):  # fmt: skip
        headers = {"Connection": "close", "X-CSRFToken": CSRF}
        cookies = [f"csrftoken={CSRF}"]
        if session:
            cookies.append(f"sessionid={session}")
        headers["Cookie"] = "; ".join(cookies)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if accept:
            headers["Accept"] = accept
        began = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=180)
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            content = response.read()
            location = response.getheader("Location", "")
            conn.close()
            status = response.status
        except OSError as exc:
            status, content, location = type(exc).__name__, b"", ""
        took = time.perf_counter() - began
        with self.lock:
            if status in expect:
                self.latency[kind].append(took)
            else:
                self.errors.append((kind, status, content[:300].decode(errors="replace")))
        return status, content, location

    def revision(self, c: dict) -> tuple[int, str]:
        _s, content, _l = self.call(
            "api: read report", "GET", f"/api/v1/submissions/{c['submission']}", token=c["token"]
        )
        data = json.loads(content or b"{}")
        return data.get("revision", 0), data.get("status", "")

    def commune(self, c: dict, office: dict) -> None:
        sub = c["submission"]
        first = True
        while self.running():
            rev, status = self.revision(c)
            if status not in ("draft", "returned"):
                self.errors.append(("commune state", status, f"report {sub}"))
                return
            self.pause()
            self.call("grid page", "GET", f"/bao-cao/{sub}/", session=c["reporter"])
            for i in range(3):
                if not self.running() and i:
                    break
                self.pause()
                # The first save fills every row (a report is sent complete), then a few.
                rows = c["entries"] if first else random.sample(c["entries"], 3)
                first = False
                figures = {e: Decimal(random.randint(1, 99999)) for e in rows}
                form = {"revision": rev, **{f"e-{e}-value": str(v) for e, v in figures.items()}}
                status, content, _l = self.call(
                    "grid autosave (POST /bao-cao/<id>/o/)",
                    "POST",
                    f"/bao-cao/{sub}/o/",
                    session=c["reporter"],
                    form=form,
                    accept="application/json",
                )
                if status != 200:
                    return
                answer = json.loads(content)
                rev = answer["revision"]
                with self.lock:
                    for e, v in figures.items():
                        if str(e) not in answer["problems"]:
                            self.written[e] = v
            self.pause()
            figures = {e: Decimal(random.randint(1, 99999)) for e in random.sample(c["entries"], 2)}
            entries = [{"id": e, "value": int(v)} for e, v in figures.items()]
            status, content, _l = self.call(
                "api: save figures (PATCH)",
                "PATCH",
                f"/api/v1/submissions/{sub}/entries",
                token=c["token"],
                body={"revision": rev, "entries": entries},
            )
            if status != 200:
                return
            rev = json.loads(content)["revision"]
            with self.lock:
                self.written.update(figures)
            self.pause()
            for kind, who, action, comment in (
                ("submit", c["reporter"], "gui", ""),
                ("approve", c["leader"], "duyet", ""),
                ("return (office)", office["session"], "tra-lai", "Đề nghị rà soát lại số liệu."),
            ):
                status, _c, _l = self.call(
                    kind,
                    "POST",
                    f"/bao-cao/{sub}/{action}/",
                    session=who,
                    form={"revision": rev, "comment": comment},
                    expect=(302,),
                )
                if status != 302:
                    return
                rev, _status = self.revision(c)
                self.pause()

    def office(self, o: dict, round_id: int) -> None:
        n = 0
        while self.running():
            n += 1
            self.call("dashboard", "GET", f"/nghi-quyet/{PLAN}/", session=o["session"])
            self.pause()
            self.call(
                "api: evaluation",
                "GET",
                f"/api/v1/plans/{PLAN}/evaluation?period={YEAR}",
                token=o["token"],
            )
            self.pause()
            self.call("round page", "GET", f"/bao-cao/dot/{round_id}/", session=o["session"])
            self.pause()
            if n % 4 == 0 and self.running():
                self.report(o, random.choice(("xlsx", "docx")))

    def report(self, o: dict, fmt: str) -> None:
        """Ask the worker for a report, follow its page until it is done."""
        from nghiquyet.documents.models import Job

        status, _c, location = self.call(
            "report: start",
            "POST",
            f"/tai-lieu/bao-cao/{PLAN}/",
            session=o["session"],
            form={"ky": str(YEAR), "dinh_dang": fmt},
            expect=(302,),
        )
        if status != 302:
            return
        job_id = int(location.rstrip("/").rsplit("/", 1)[1])
        began = time.perf_counter()
        deadline = time.monotonic() + 300
        job = {"status": "queued", "error": ""}
        while time.monotonic() < deadline:
            time.sleep(1)
            self.call("job page", "GET", location, session=o["session"])
            job = Job.objects.filter(pk=job_id).values("status", "error").first()
            if job["status"] in ("done", "failed"):
                break
        with self.lock:
            if job["status"] == "done":
                self.latency["report: queued → done"].append(time.perf_counter() - began)
                self.reports += 1
            else:
                self.errors.append(("report", job["status"], job["error"] or "timeout"))


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--offices", type=int, default=10, help="of the users, offices")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause, seconds")
    args = parser.parse_args()
    communes = args.users - args.offices

    print("Soak: mixed workload on gunicorn + PostgreSQL + db_worker")
    print(
        f"  machine: {os.cpu_count()} CPU (shared with other work: see the load average), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    admin(f'CREATE DATABASE "{DB_NAME}"')
    gunicorn = worker = None
    try:
        setup_django()
        from django.db import connection

        t0 = time.perf_counter()
        data = build(communes, args.offices)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
        print(
            f"  set-up: {time.perf_counter() - t0:.0f} s; PostgreSQL {pg_version}; "
            f"{communes} communes × {TARGETS} targets, {args.offices} offices"
        )
        gunicorn, worker, port = start_processes(args.workers)
        print(f"  gunicorn: {args.workers} sync workers, timeout 120 s, on {HOST}:{port}")
        print(
            f"  users: {args.users} ({communes} communes' reporter+leader, {args.offices} "
            f"offices), think time 0–{2 * args.think:.1f} s, {args.minutes:g} minutes"
        )

        def run(load: Load, seconds: float) -> None:
            load.stop_at = time.monotonic() + seconds
            offices = data["offices"]
            threads = [
                threading.Thread(target=load.commune, args=(c, offices[i % len(offices)]))
                for i, c in enumerate(data["communes"])
            ] + [threading.Thread(target=load.office, args=(o, data["round"])) for o in offices]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=seconds + 600)

        warm = Load(port, 0)
        run(warm, 20)  # warm-up: every path once, every worker connected
        # …and one report of each format, so that the worker has loaded what renders them
        # (python-docx, openpyxl: ~110 MB the first time) before the first minute is measured.
        warm.stop_at = time.monotonic() + 600
        for fmt in ("xlsx", "docx"):
            warm.report(data["offices"][0], fmt)
        load = Load(port, args.think)
        samples: list[tuple[float, list[float], float, float]] = []
        sampling = threading.Event()

        def sample() -> None:
            began = time.monotonic()
            while not sampling.wait(5):
                workers = [rss_mb(p) for p in children(gunicorn.pid)]
                samples.append((time.monotonic() - began, workers, rss_mb(worker.pid),
                                os.getloadavg()[0]))  # fmt: skip

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        began = time.perf_counter()
        run(load, args.minutes * 60)
        elapsed = time.perf_counter() - began
        sampling.set()
        sampler.join()

        # Lost updates: every figure last saved is the figure stored.
        from nghiquyet.reporting.models import SubmissionEntry

        stored = dict(
            SubmissionEntry.objects.filter(pk__in=load.written).values_list("pk", "value")
        )
        lost = [e for e, v in load.written.items() if stored.get(e) != v]

        total = sum(len(v) for v in load.latency.values())
        print(
            f"\n  {total:,} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), "
            f"{len(load.errors)} errors, {load.reports} reports made by the worker"
        )
        print(f"  lost updates: {len(lost)} of {len(load.written)} figures written and read back")
        for kind, status, text in load.errors[:10]:
            print(f"    error: {kind}: {status}: {text[:160]!r}")
        print(f"\n  {'request kind':<40}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for kind in sorted(load.latency):
            v = load.latency[kind]
            print(
                f"  {kind:<40}{len(v):>7}{pct(v, 50):>9.0f}{pct(v, 95):>9.0f}{max(v) * 1000:>9.0f}"
            )
        print(
            f"\n  {'minute':>6}{'gunicorn workers MB (sum)':>27}{'largest worker MB':>19}"
            f"{'db_worker MB':>14}{'load avg':>10}"
        )
        minutes = int(args.minutes + 0.999)
        per_minute = []
        for m in range(minutes):
            rows = [s for s in samples if m * 60 <= s[0] < (m + 1) * 60]
            if not rows:
                continue
            total_mb = statistics.fmean(sum(s[1]) for s in rows)
            largest = max(max(s[1], default=0) for s in rows)
            job_mb = statistics.fmean(s[2] for s in rows)
            loadavg = statistics.fmean(s[3] for s in rows)
            per_minute.append((total_mb, job_mb))
            print(f"  {m + 1:>6}{total_mb:>27.1f}{largest:>19.1f}{job_mb:>14.1f}{loadavg:>10.2f}")
        if len(per_minute) >= 2:
            (g0, w0), (g1, w1) = per_minute[0], per_minute[-1]
            print(
                f"\n  memory, last minute vs first: gunicorn workers {g1 - g0:+.1f} MB "
                f"({100 * (g1 - g0) / g0:+.1f} %), db_worker {w1 - w0:+.1f} MB "
                f"({100 * (w1 - w0) / w0:+.1f} %)"
            )
        print(f"  load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        for proc in (gunicorn, worker):
            if proc is not None:
                stop(proc)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django never started
            pass
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        shutil.rmtree(MEDIA, ignore_errors=True)
        shutil.rmtree(STATIC, ignore_errors=True)


if __name__ == "__main__":
    main()
