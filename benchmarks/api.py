"""Benchmark: the evaluation endpoint of the API at province scale, 50 concurrent clients.

1. Creates a throw-away PostgreSQL database and fills it with a province-scale data set
   (DESIGN.md §7): 1 province, 124 communes and 30 departments; a provincial resolution
   with 60 targets in 4 groups and 40 tasks; five years (2021–2025) of yearly and
   half-yearly figures for every unit and indicator (155 × 60 × 10 = 93,000 figures).
2. Starts gunicorn (sync workers) on 127.0.0.1 with the production settings.
3. Runs, each for ``--seconds``, with a personal API token of the province's office — first
   on a server with the evaluation cache off (``NGHIQUYET_EVALUATION_CACHE=0``: every request
   computes the evaluation; the baseline), then on one with it on:
   - ``GET /api/v1/plans/tinh-thu/evaluation?period=2024`` with 50 concurrent clients;
   - the same with 1 client (latency without queueing);
   - ``GET /api/v1/me`` with 50 clients (the cost of the stack: auth, scope, JSON);
   and prints requests per second, p50/p95/p99 latency and the ratios.
4. Stops gunicorn and drops the database.

Run from the repository root (``make bench`` runs it)::

    .venv/bin/python benchmarks/api.py [--seconds 20] [--clients 50] [--workers 3]

Needs PostgreSQL on 127.0.0.1:5432 with trust auth (``PG_ADMIN_URL`` to change). Only
loopback traffic; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

import footprint  # benchmarks/footprint.py, next to this script
import server  # benchmarks/server.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB", f"nghiquyet_bench_api_{os.getpid()}")
DB_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"
HOST = "127.0.0.1"

COMMUNES = 124
DEPARTMENTS = 30
TARGETS = 60
TASKS = 40
YEARS = range(2021, 2026)
PLAN = "tinh-thu"
EVALUATION = f"/api/v1/plans/{PLAN}/evaluation?period=2024"
TRIVIAL = "/api/v1/me"

SERVER_ENV = {
    "DATABASE_URL": DB_URL,
    "DJANGO_SETTINGS_MODULE": "nghiquyet.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_LOG_LEVEL": "ERROR",
}


admin = server.admin


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def setup_django() -> None:
    os.environ.update(SERVER_ENV)
    import django

    django.setup()


def build() -> str:
    """The data set, written in bulk (set-up, not measured); returns the office's token."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from nghiquyet.accounts.models import Grant
    from nghiquyet.accounts.services import api_token_create
    from nghiquyet.orgs.models import OrgUnit
    from nghiquyet.plans.models import (
        ClassificationScheme,
        Group,
        Indicator,
        Plan,
        Target,
        Task,
    )
    from nghiquyet.reporting.choices import PeriodKind
    from nghiquyet.reporting.models import Value
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create

    call_command("migrate", verbosity=0)
    # as deployed (and as dashboards.py does): the served static files exist, so that
    # WhiteNoise does not warn at each worker's start about a missing folder
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(20261121)
    with transaction.atomic():
        province = OrgUnit.objects.create(code="P", name="Tỉnh Thử nghiệm", kind="province")
        province.path = f"/{province.pk}/"
        province.save()
        children = [
            OrgUnit(
                code=f"X{i:03d}",
                name=f"Xã Thử nghiệm {i}",
                kind="commune",
                parent=province,
                depth=1,
                order=i,
            )
            for i in range(COMMUNES)
        ] + [
            OrgUnit(
                code=f"S{i:02d}",
                name=f"Sở Thử nghiệm {i}",
                kind="department",
                parent=province,
                depth=1,
                order=1000 + i,
            )
            for i in range(DEPARTMENTS)
        ]
        children = OrgUnit.objects.bulk_create(children)
        for c in children:
            c.path = f"{province.path}{c.pk}/"
        OrgUnit.objects.bulk_update(children, ["path"])
        units = [province, *children]
        indicators = Indicator.objects.bulk_create(
            Indicator(
                code=f"ind-{i}",
                name=f"Chỉ số thử nghiệm số {i}",
                unit_of_measure="%" if i % 3 == 0 else "tỷ đồng",
                aggregation="sum",
                nature="flow" if i % 2 else "stock",
            )
            for i in range(TARGETS)
        )
        plan = Plan.objects.create(
            code=PLAN,
            kind="term_resolution",
            number="01-NQ/ĐH",
            title="nhiệm kỳ 2020–2025 (thử nghiệm)",
            unit=province,
            issuing_body="Đại hội Đảng bộ tỉnh Thử nghiệm",
            term_start=2020,
            term_end=2025,
            scheme=ClassificationScheme.objects.get(key="bands"),
        )
        groups = Group.objects.bulk_create(
            Group(plan=plan, kind="targets", code=r, name=f"Nhóm chỉ tiêu {r}", order=i)
            for i, r in enumerate(("I", "II", "III", "IV"))
        )
        targets = []
        for i, ind in enumerate(indicators):
            value = rng.uniform(50, 5000)
            targets.append(
                Target(
                    plan=plan,
                    group=groups[i % 4],
                    code=str(i + 1),
                    order=i,
                    indicator=ind,
                    name=f"Chỉ tiêu thử nghiệm số {i + 1}",
                    direction="lower" if i % 7 == 0 else "higher",
                    target_value=round(value, 2),
                    target_high=round(value * 1.05, 2) if i % 5 == 0 else None,
                    temporal=("cumulative" if i % 11 == 0 else "annual"),
                    lead_unit=children[COMMUNES + i % DEPARTMENTS],
                )
            )
        targets = Target.objects.bulk_create(targets)
        Task.objects.bulk_create(
            Task(
                plan=plan,
                code=str(i + 1),
                title=f"Nhiệm vụ thử nghiệm {i + 1}",
                owner_unit=children[COMMUNES + i % DEPARTMENTS],
                product="Báo cáo",
                deadline=f"{2021 + i % 5}-06-30",
                completed_on=f"{2021 + i % 5}-06-20" if i % 3 else None,
                progress=100 if i % 3 else 50,
            )
            for i in range(TASKS)
        )
        periods = []
        for year in YEARS:
            periods.append(period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, year)))
            periods.append(period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, year)))
        values = []
        for unit in units:
            scale = 1.0 if unit is province else 1 / COMMUNES
            for t in targets:
                for period in periods:
                    share = 0.5 if period.kind == "half_year" else 1.0
                    values.append(
                        Value(
                            indicator_id=t.indicator_id,
                            unit=unit,
                            period=period,
                            value=round(
                                float(t.target_value) * scale * share * rng.uniform(0.4, 1.3), 4
                            ),
                            status="official",
                            source="import",
                        )
                    )
        Value.objects.bulk_create(values, batch_size=5000)
        user = get_user_model().objects.create_user(username="vanphong.thu", password=None)
        Grant.objects.create(user=user, role="office", unit=province)
    _token, text = api_token_create(acting_user=user, name="benchmark")
    print(
        f"  data: {len(units)} units, {TARGETS} targets, {TASKS} tasks, "
        f"{len(periods)} periods, {len(values):,} figures"
    )
    return text


def start_server(workers: int, cache: bool = True) -> tuple[subprocess.Popen, int]:
    return server.start_gunicorn(
        {**SERVER_ENV, "NGHIQUYET_EVALUATION_CACHE": "1" if cache else "0"}, workers
    )


stop_server = server.stop


def run_load(
    port: int, path: str, token: str, clients: int, seconds: float, http_client: bool = False
) -> dict:
    """``clients`` clients asking ``path`` with the token, one request after another."""
    return server.run_load(
        port,
        [(path, {"Authorization": f"Bearer {token}"})],
        clients,
        seconds,
        timeout=60,
        http_client=http_client,
    )


def client_cpu(r: dict) -> str:
    """The load client's own CPU: ms a request, and the share of a core it took."""
    return f"{r['client_cpu_ms']:.2f} ms {100 * r['client_cores']:.0f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--http-client",
        action="store_true",
        help="send through http.client, as the load client did before (to compare its cost)",
    )
    args = parser.parse_args()

    print("Benchmark: API evaluation endpoint at province scale (PostgreSQL, gunicorn)")
    print(
        f"  machine: {os.cpu_count()} CPU, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {footprint.load_average()}"
    )
    admin(f'CREATE DATABASE "{DB_NAME}"')
    proc = None
    try:
        setup_django()
        from django.db import connection

        started = time.perf_counter()
        token = build()
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
        connection.close()
        print(f"  set-up: {time.perf_counter() - started:.1f} s; PostgreSQL {pg_version}")
        print(f"  load average at the start: {load_average()} (a machine shared with others)")
        results = []
        print(
            f"\n  {'endpoint':<22}{'clients':>8}{'requests':>10}{'errors':>8}{'req/s':>9}"
            f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}"
            f"{'client':>15}  load"
        )
        # The baseline first: the same server with the evaluation cache off (every request
        # computes the evaluation, the old path); then with it on.
        for cache in (False, True):
            proc, port = start_server(args.workers, cache=cache)
            try:
                # Warm every worker (imports, database connection, translations).
                run_load(port, EVALUATION, token, args.workers * 2, 2)
                run_load(port, TRIVIAL, token, args.workers * 2, 1)
                scenarios = [
                    ("evaluation" + ("" if cache else " (no cache)"), EVALUATION, args.clients)
                ]
                if cache:
                    scenarios += [
                        ("evaluation", EVALUATION, 1),
                        ("/me (trivial)", TRIVIAL, args.clients),
                    ]
                for label, path, clients in scenarios:
                    r = run_load(port, path, token, clients, args.seconds, args.http_client)
                    results.append(r)
                    print(
                        f"  {label:<22}{clients:>8}{r['requests']:>10}{r['errors']:>8}"
                        f"{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
                        f"{r['mean']:>9.1f}{client_cpu(r):>15}  {load_average()}"
                    )
            finally:
                stop_server(proc)
                proc = None
        uncached, many, one, trivial = results
        print(
            f"\n  evaluation, {args.clients} clients, cache on vs off (baseline): throughput "
            f"×{many['rps'] / uncached['rps']:.1f}, "
            f"p95 {uncached['p95']:.0f} → {many['p95']:.0f} ms "
            f"(×{uncached['p95'] / many['p95']:.1f}); goal p95 < 100 ms: "
            f"{'met' if many['p95'] < 100 else 'not met'}"
        )
        print(
            f"  evaluation, {args.clients} clients vs 1 client: "
            f"throughput ×{many['rps'] / one['rps']:.2f}, p95 ×{many['p95'] / one['p95']:.1f}"
        )
        print(
            f"  evaluation vs /me, {args.clients} clients: throughput "
            f"{many['rps'] / trivial['rps']:.2f} of the trivial endpoint's"
        )
        print(
            f"  a request's service time ≈ {1000 * args.workers / many['rps']:.1f} ms of a "
            f"worker (1 client alone: p50 {one['p50']:.1f} ms); without the cache "
            f"≈ {1000 * args.workers / uncached['rps']:.1f} ms"
        )
    finally:
        if proc is not None:
            stop_server(proc)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django never started
            pass
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    # The largest child is the largest gunicorn process (its master waits for its
    # workers); PostgreSQL's memory is the server's, not counted here.
    print(
        "  client: the load client's own CPU a request and its share of one core (it runs "
        "on the same cores as the server and PostgreSQL)"
    )
    print(f"  {footprint.peak_line()}")


if __name__ == "__main__":
    main()
