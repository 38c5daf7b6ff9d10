"""Benchmark: dashboards and target pages at province and national scale, on PostgreSQL.

Data (written in bulk; set-up, not measured):

- **province**: 1 province and 125 communes; the province's plan for 2025 with 60 targets,
  concretised by every commune (125 plans × 60 targets = 7.500 targets); the figures of
  2024 and 2025 of every unit (15.120 figures);
- **nation**: the country, 34 provinces and 3.321 communes (units with their versions); the
  country's plan for 2026 with 60 targets, concretised by every province (34 × 60); the
  figures of 2025 and 2026 of every commune (~398.500 figures): the country's figures and the
  provinces' are rolled up from the communes when asked.

Measured, each next to its baseline in the same run (the answers are checked equal before the
times are printed):

1. in-process (Django's test client, production settings): the province dashboard page,
   its units table (``plan_units_comparison``), a target page, the national dashboard page —
   computed afresh (the cache off: the old path, the baseline) and from the evaluation cache
   (warm); the national roll-up of all 60 indicators for one period (``figures_at``, not
   cached) — the old path (``figures_at_reference``: every commune's figures fetched and
   summed in Python, the baseline) and the leaves summed in SQL;
2. on the web: gunicorn (3 sync workers) and 50 concurrent users loading the two dashboards
   and target pages (signed-in sessions), the cache off then on: requests per second and
   p50/p95/p99.

Run from the repository root (``make bench``): ``.venv/bin/python benchmarks/dashboards.py``
(``--quick`` for fewer runs and shorter loads; ``BENCH_DB`` names the throw-away database).
Needs PostgreSQL on 127.0.0.1:5432 with trust auth (``PG_ADMIN_URL`` to change).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import server  # benchmarks/server.py, next to this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB", f"nghiquyet_bench_dashboards_{os.getpid()}")
DB_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"
HOST = "127.0.0.1"
TARGETS = 60
COMMUNES = 125
PROVINCES = 34
NATION_COMMUNES = 3_321

SERVER_ENV = {
    "DATABASE_URL": DB_URL.replace("postgresql://", "postgres://"),
    "DJANGO_SETTINGS_MODULE": "nghiquyet.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": f"{HOST},testserver",
    "DJANGO_LOG_LEVEL": "ERROR",
    # Production's static files (a manifest of hashed names), collected once for the run.
    "NGHIQUYET_STATIC_ROOT": tempfile.mkdtemp(prefix="nghiquyet-bench-static-"),
}


admin = server.admin


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data --------------------------------------------------------------------------------


def _units(parent, n: int, prefix: str, word: str, kind: str, depth: int):
    from nghiquyet.orgs.models import OrgUnit

    rows = OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"{prefix}{i:04d}",
            name=f"{word} {i:04d}",
            kind=kind,
            parent=p,
            path="",
            depth=depth,
            order=i,
        )
        for i, p in enumerate(parent(i) for i in range(n))
    )
    return rows


def _paths_and_versions(root, units) -> None:
    from nghiquyet.orgs.models import OrgUnit, OrgUnitVersion

    paths = {root.pk: root.path}
    for u in units:  # parents first
        u.path = f"{paths[u.parent_id]}{u.pk}/"
        paths[u.pk] = u.path
    OrgUnit.objects.bulk_update(units, ["path"], batch_size=2000)
    OrgUnitVersion.objects.bulk_create(
        (
            OrgUnitVersion(unit=u, code=u.code, name=u.name, kind=u.kind, parent_id=u.parent_id)
            for u in [root, *units]
        ),
        batch_size=2000,
    )


def _plan_with_targets(code, unit, year, indicators, scheme, rng, parent=None, parents=None):
    from nghiquyet.plans.models import Group, Plan, Target

    plan = Plan.objects.create(
        code=code,
        kind="annual_resolution",
        number="01-NQ",
        title=f"về nhiệm vụ năm {year}",
        unit=unit,
        issuing_body=f"Cấp ủy {unit.name}",
        year=year,
        scheme=scheme,
        parent=parent,
    )
    groups = Group.objects.bulk_create(
        Group(plan=plan, kind="targets", code=r, name=f"Nhóm chỉ tiêu {r}", order=i)
        for i, r in enumerate(("I", "II", "III", "IV"))
    )
    targets = [
        Target(
            plan=plan,
            group=groups[i % 4],
            code=str(i + 1),
            order=i,
            indicator=ind,
            name=f"Chỉ tiêu thử nghiệm số {i + 1}",
            direction="lower" if i % 7 == 0 else "higher",
            target_value=round(rng.uniform(50, 5000), 2),
            parent=parents[i] if parents else None,
        )
        for i, ind in enumerate(indicators)
    ]
    return plan, targets


def build(rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from nghiquyet.accounts.models import Grant
    from nghiquyet.orgs.models import OrgUnit
    from nghiquyet.plans.models import ClassificationScheme, Indicator, Target
    from nghiquyet.reporting.choices import PeriodKind
    from nghiquyet.reporting.models import Value
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create

    scheme = ClassificationScheme.objects.get(key="bands")
    user_model = get_user_model()
    with transaction.atomic():
        indicators = Indicator.objects.bulk_create(
            Indicator(
                code=f"ind-{i}",
                name=f"Chỉ số thử nghiệm số {i}",
                unit_of_measure="%" if i % 3 == 0 else "tỷ đồng",
                aggregation="sum",
                nature="flow",
            )
            for i in range(TARGETS)
        )
        years = {
            y: period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, y)) for y in range(2024, 2027)
        }

        # The province.
        province = OrgUnit.objects.create(code="P", name="Tỉnh Thử nghiệm", kind="province")
        province.path = f"/{province.pk}/"
        province.save()
        communes = _units(lambda i: province, COMMUNES, "X", "Xã Thử nghiệm", "commune", 1)
        _paths_and_versions(province, communes)
        plan, targets = _plan_with_targets("tinh-thu", province, 2025, indicators, scheme, rng)
        targets = Target.objects.bulk_create(targets)
        children = []
        for c in communes:
            _child, child_targets = _plan_with_targets(
                f"xa-{c.code.lower()}", c, 2025, indicators, scheme, rng, plan, targets
            )
            children += child_targets
        Target.objects.bulk_create(children, batch_size=5000)
        values = []
        for year in (2024, 2025):
            for t in targets:
                for unit, share in [(province, 1.0), *((c, 1 / COMMUNES) for c in communes)]:
                    values.append(
                        Value(
                            indicator_id=t.indicator_id,
                            unit=unit,
                            period=years[year],
                            value=round(float(t.target_value) * share * rng.uniform(0.4, 1.3), 2),
                            status="official",
                        )
                    )
        Value.objects.bulk_create(values, batch_size=5000)
        province_values = len(values)

        # The nation.
        country = OrgUnit.objects.create(code="VNX", name="Cả nước (thử nghiệm)", kind="country")
        country.path = f"/{country.pk}/"
        country.save()
        provinces = _units(lambda i: country, PROVINCES, "T", "Tỉnh", "province", 1)
        nation_communes = _units(
            lambda i: provinces[i % PROVINCES], NATION_COMMUNES, "C", "Xã", "commune", 2
        )
        _paths_and_versions(country, [*provinces, *nation_communes])
        national, n_targets = _plan_with_targets("ca-nuoc", country, 2026, indicators, scheme, rng)
        n_targets = Target.objects.bulk_create(n_targets)
        children = []
        for p in provinces:
            _child, child_targets = _plan_with_targets(
                f"tinh-{p.code.lower()}", p, 2026, indicators, scheme, rng, national, n_targets
            )
            children += child_targets
        Target.objects.bulk_create(children, batch_size=5000)
        rows = 0
        for year in (2025, 2026):
            values = [
                Value(
                    indicator_id=t.indicator_id,
                    unit=c,
                    period=years[year],
                    value=round(float(t.target_value) / 100 * rng.uniform(0.4, 1.3), 2),
                    status="official",
                )
                for t in n_targets
                for c in nation_communes
            ]
            Value.objects.bulk_create(values, batch_size=10000)
            rows += len(values)
        office = user_model.objects.create_user(username="vanphong.tinh", password=None)
        Grant.objects.create(user=office, role="office", unit=province)
        national_office = user_model.objects.create_user(
            username="vanphong.trunguong", password=None
        )
        Grant.objects.create(user=national_office, role="office", unit=country)
    print(
        f"  dữ liệu: tỉnh {1 + COMMUNES} đơn vị, {len(targets) * (1 + COMMUNES):,} chỉ tiêu, "
        f"{province_values:,} số liệu; cả nước {1 + PROVINCES + NATION_COMMUNES:,} đơn vị, "
        f"{TARGETS * (1 + PROVINCES):,} chỉ tiêu, {rows:,} số liệu"
    )
    return {
        "plan": plan,
        "national": national,
        "office": office,
        "national_office": national_office,
        "indicators": indicators,
        "country": country,
        "years": years,
    }


def kept() -> dict:
    """The data of a kept database (``--reuse``)."""
    from django.contrib.auth import get_user_model

    from nghiquyet.orgs.models import OrgUnit
    from nghiquyet.plans.models import Indicator, Plan
    from nghiquyet.reporting.models import Period

    users = get_user_model().objects
    return {
        "plan": Plan.objects.get(code="tinh-thu"),
        "national": Plan.objects.get(code="ca-nuoc"),
        "office": users.get(username="vanphong.tinh"),
        "national_office": users.get(username="vanphong.trunguong"),
        "indicators": list(Indicator.objects.filter(code__startswith="ind-").order_by("pk")),
        "country": OrgUnit.objects.get(code="VNX"),
        "years": {p.year: p for p in Period.objects.filter(kind="year")},
    }


# --- in-process --------------------------------------------------------------------------


def measure(func, runs: int) -> tuple[float, float, float]:
    """(first, median of the rest, p95 of the rest) in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    rest = sorted(times[1:]) or times
    return (
        times[0],
        statistics.median(rest),
        rest[min(len(rest) - 1, round(0.95 * (len(rest) - 1)))],
    )


def in_process(d: dict, runs: int) -> list[tuple]:
    from django.test import Client, override_settings
    from django.urls import reverse

    from nghiquyet.reporting.cache import cache_clear
    from nghiquyet.reporting.figures import figures_at, figures_at_reference
    from nghiquyet.reporting.selectors.comparisons import (
        plan_units_comparison,
        units_comparison_uncached,
    )

    client = Client()
    client.force_login(d["office"])
    national_client = Client()
    national_client.force_login(d["national_office"])
    province_page = reverse("reporting:plan-dashboard", args=[d["plan"].code]) + "?ky=2025"
    target_page = reverse("reporting:target-detail", args=[d["plan"].code, "2"]) + "?ky=2025"
    national_page = reverse("reporting:plan-dashboard", args=[d["national"].code]) + "?ky=2026"
    period_2025, period_2026 = d["years"][2025], d["years"][2026]

    def page(c, url):
        def get():
            response = c.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    def units_table():
        return plan_units_comparison(user=d["office"], plan=d["plan"], period=period_2025)

    def rollup(fetch=figures_at):
        return fetch(
            indicators=d["indicators"],
            unit_ids=[d["country"].pk],
            period=period_2026,
            from_children={i.pk: {d["country"].pk} for i in d["indicators"]},
        )

    def rollup_reference():
        return rollup(figures_at_reference)

    def same_figures(new, old) -> bool:
        """Equal, the sums to rounding (SQL adds the leaves in another order)."""

        def close(x, y):
            return x is y or (x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9))

        return new.keys() == old.keys() and all(
            (f.source, f.reported, f.expected, f.fallback)
            == (o.source, o.reported, o.expected, o.fallback)
            and all(
                close(getattr(f, n), getattr(o, n)) for n in ("value", "numerator", "denominator")
            )
            for f, o in ((new[k], old[k]) for k in new)
        )

    def picture(rows):
        return [
            (
                r.plan.pk,
                r.evaluation.summary,
                r.evaluation.counts,
                [x.rate for x in r.evaluation.rows],
            )
            for r in rows
        ]

    # The answers first: the cache gives what a fresh computation gives.
    cache_clear()
    fresh = picture(units_comparison_uncached(user=d["office"], plan=d["plan"], period=period_2025))
    assert picture(units_table()) == fresh and picture(units_table()) == fresh
    print("  bảng đơn vị: câu trả lời từ bộ nhớ đệm trùng với câu trả lời tính lại")
    assert same_figures(rollup(), rollup_reference())
    print("  tổng hợp cả nước: tổng trong SQL trùng với tổng trong Python (cách cũ)")

    cases = [
        ("trang bảng điều khiển tỉnh (125 xã × 60 chỉ tiêu)", page(client, province_page), 150),
        ("  trong đó bảng đơn vị (plan_units_comparison)", units_table, None),
        ("trang chỉ tiêu (tỉnh)", page(client, target_page), None),
        (
            "trang bảng điều khiển cả nước (34 tỉnh, 3.321 xã)",
            page(national_client, national_page),
            300,
        ),
        # Not cached: the old path (every commune's figures summed in Python) against the
        # leaves summed in SQL, in the columns of the cache off and on.
        ("tổng hợp cả nước 60 chỉ số một kỳ (cũ | tổng SQL)", rollup, 200),
    ]
    out = []
    for label, func, goal in cases:
        with override_settings(NGHIQUYET_EVALUATION_CACHE=False):
            base = measure(rollup_reference if func is rollup else func, max(3, runs // 3))
        cache_clear()
        cached = measure(func, runs)
        out.append((label, base, cached, goal))
    return out


# --- on the web --------------------------------------------------------------------------


def start_server(workers: int, cache: bool) -> tuple[subprocess.Popen, int]:
    return server.start_gunicorn(
        {**SERVER_ENV, "NGHIQUYET_EVALUATION_CACHE": "1" if cache else "0"}, workers
    )


stop_server = server.stop


def run_load(port: int, requests: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    """``clients`` users, each loading the (path, session cookie) pages in turn."""
    return server.run_load(
        port, [(path, {"Cookie": cookie}) for path, cookie in requests], clients, seconds
    )


def on_the_web(d: dict, clients: int, seconds: float, workers: int) -> list[tuple]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    def cookie(user) -> str:
        c = Client()
        c.force_login(user)
        return f"{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}"

    office, national = cookie(d["office"]), cookie(d["national_office"])
    plan, nation = d["plan"].code, d["national"].code
    mix = [
        (reverse("reporting:plan-dashboard", args=[plan]) + "?ky=2025", office),
        *(
            (reverse("reporting:target-detail", args=[plan, str(t)]) + "?ky=2025", office)
            for t in (2, 3, 5)
        ),
        (reverse("reporting:plan-dashboard", args=[nation]) + "?ky=2026", national),
        (reverse("reporting:target-detail", args=[nation, "2"]) + "?ky=2026", national),
    ]
    out = []
    for cache in (False, True):
        proc, port = start_server(workers, cache)
        try:
            # Every worker warm (imports, connections; with the cache, its first answers).
            run_load(port, mix, workers * 2, max(3.0, seconds / 4))
            out.append((cache, load_average(), run_load(port, mix, clients, seconds)))
        finally:
            stop_server(proc)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-web", action="store_true", help="only the in-process figures")
    parser.add_argument("--keep", action="store_true", help="keep the database (to profile)")
    parser.add_argument("--build-only", action="store_true", help="build, keep, stop")
    parser.add_argument("--reuse", action="store_true", help="use a kept database (BENCH_DB)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.seconds = 6, 8.0

    print("Benchmark: bảng điều khiển và trang chỉ tiêu (PostgreSQL)")
    print(
        f"  máy: {platform.processor() or platform.machine()}, {os.cpu_count()} nhân, "
        f"Python {platform.python_version()}; tải trung bình lúc bắt đầu {load_average()} "
        "(máy dùng chung với các phiên khác)"
    )
    if not args.reuse:
        admin(f'CREATE DATABASE "{DB_NAME}"')
    try:
        os.environ.update(SERVER_ENV)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        if args.reuse:
            args.keep = True
            call_command("collectstatic", interactive=False, verbosity=0)
            data = kept()
        else:
            call_command("migrate", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            started = time.perf_counter()
            data = build(random.Random(20261207))
            with connection.cursor() as cursor:
                # Statistics for the planner, and the state autovacuum leaves a table in (hint
                # bits and the visibility map set, so that the covering index answers alone):
                # measured on the rows as just bulk-written, the roll-up took 173 ms against
                # 89–110 ms once vacuumed (docs/performance.md).
                cursor.execute("VACUUM ANALYZE")
            print(f"  tạo dữ liệu: {time.perf_counter() - started:.0f} s")
        if args.build_only:
            args.keep = True
            return

        print(
            f"\n1. Trong tiến trình (ms; lần đầu, trung vị, p95; {args.runs} lần đo có bộ nhớ đệm)"
        )
        print(f"  {'':<52}{'tính lại (cũ)':>24}{'bộ nhớ đệm':>24}{'nhanh':>8}{'mục tiêu':>10}")
        for label, base, cached, goal in in_process(data, args.runs):
            ratio = base[1] / cached[1] if cached[1] else float("inf")
            met = "" if goal is None else f"< {goal}: {'đạt' if cached[2] < goal else 'chưa'}"
            print(
                f"  {label:<52}{base[0]:>8.0f}{base[1]:>8.0f}{base[2]:>8.0f}"
                f"{cached[0]:>8.0f}{cached[1]:>8.1f}{cached[2]:>8.1f}{ratio:>7.0f}×  {met}"
            )
        print(f"  tải trung bình sau phần 1: {load_average()}; bộ nhớ đỉnh {peak_mb():.0f} MB")

        if not args.no_web:
            print(
                f"\n2. Trên web: gunicorn {args.workers} worker, {args.clients} người dùng "
                f"cùng lúc tải 2 bảng điều khiển và 4 trang chỉ tiêu, {args.seconds:.0f} s mỗi lượt"
            )
            print(
                f"  {'bộ nhớ đệm':<14}{'yêu cầu':>9}{'lỗi':>6}{'req/s':>8}"
                f"{'p50':>8}{'p95':>8}{'p99':>8}{'máy khách':>17}  tải"
            )
            results = on_the_web(data, args.clients, args.seconds, args.workers)
            for cache, load, r in results:
                print(
                    f"  {'bật' if cache else 'tắt (cũ)':<14}{r['requests']:>9}{r['errors']:>6}"
                    f"{r['rps']:>8.1f}{r['p50']:>8.0f}{r['p95']:>8.0f}{r['p99']:>8.0f}"
                    f"{r['client_cpu_ms']:>8.2f} ms {100 * r['client_cores']:>3.0f} %  {load}"
                )
                for path, p in r["by_path"].items():  # which page dominates
                    print(
                        f"    {path:<44}{p['requests']:>5}{p['p50']:>8.0f}{p['p95']:>8.0f}"
                        f"{p['p99']:>8.0f}"
                    )
            (_c, _l, off), (_c2, _l2, on) = results
            print(
                f"  bộ nhớ đệm bật so với tắt: thông lượng ×{on['rps'] / off['rps']:.1f}, "
                f"p95 ×{off['p95'] / on['p95']:.1f} nhanh hơn"
            )
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django never started
            pass
        if not args.keep:
            admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        shutil.rmtree(SERVER_ENV["NGHIQUYET_STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    main()
