"""Benchmark: the country across the 2025 reorganisation, on PostgreSQL.

A synthetic country (:mod:`nghiquyet.demo.synthetic`): 63 provinces, 693 districts
and 10,000 communes before 1/7/2025; 34 provinces and 3,321 communes after,
linked by lineage; a sum and a ratio reported by every commune for the first
half of 2025 (old map) and of 2026 (new map). Measured, with nothing precomputed:

1. the national roll-up of one target for one period — the country and its 34
   provinces, from the 3,321 communes (``figures_at``);
2. the year-over-year view across the change — the same 35 units for the first
   half of 2025, computed from 10,000 old communes through 700 districts and 63
   old provinces and carried to today's provinces by lineage (``comparable_at``);

each next to a row-by-row baseline in the same run (one query per province, or per
old province, summed in Python), with median, p95 and the ratio.

Run from the repository root (``make bench``): ``.venv/bin/python benchmarks/hierarchy.py``.
It creates a throw-away database on PostgreSQL (127.0.0.1:5432, trust auth, user
postgres; ``PG_ADMIN_URL`` to change) and drops it at the end.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import psycopg  # noqa: E402

ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB = f"nghiquyet_bench_hierarchy_{os.getpid()}"
RUNS = 25


def admin(sql: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)


def measure(func, runs: int = RUNS) -> tuple[float, float, float, object]:
    """(first run, median, p95) in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    ordered = sorted(times[1:]) or times
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return times[0], statistics.median(ordered), p95, result


def main() -> None:
    try:
        admin(f'CREATE DATABASE "{DB}"')
    except psycopg.OperationalError as exc:
        sys.exit(f"PostgreSQL không trả lời ({exc}); benchmark này cần PostgreSQL.")
    base = ADMIN_URL.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base.replace('postgresql://', 'postgres://')}/{DB}"
    os.environ.setdefault("NGHIQUYET_CLI", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    os.environ["DJANGO_DEBUG"] = "1"
    try:
        run()
    finally:
        from django.db import connections

        connections.close_all()
        admin(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


def run() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from nghiquyet.demo.synthetic import build_country
    from nghiquyet.orgs.models import OrgUnit, OrgUnitLineage
    from nghiquyet.reporting.figures import comparable_at, figures_at
    from nghiquyet.reporting.models import Value

    print(
        f"Máy: {platform.processor() or platform.machine()}, {os.cpu_count()} nhân; "
        f"PostgreSQL {connection.cursor().connection.info.server_version}"
    )
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    c = build_country(log=print)
    print(f"  tạo dữ liệu: {time.perf_counter() - start:.1f} s — {c.counts}")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    jobs = c.indicators[0]
    ids = [c.country.pk] + [p.pk for p in c.provinces]

    def rollup():
        return figures_at(indicators=[jobs], unit_ids=ids, period=c.after)

    def yoy():
        return comparable_at(indicators=[jobs], unit_ids=ids, period=c.before, ref=c.after.end_date)

    def rollup_baseline():
        """One query per province over its subtree today, summed in Python."""
        out = {}
        for p in [c.country, *c.provinces]:
            out[p.pk] = sum(
                float(v)
                for v in Value.objects.filter(
                    indicator=jobs, period=c.after, is_current=True, unit__path__startswith=p.path
                ).values_list("value", flat=True)
            )
        return out

    def yoy_baseline():
        """Per province: its predecessors (a query), then one query per old province."""
        out = {}
        for p in c.provinces:
            olds = [
                p.pk,
                *OrgUnitLineage.objects.filter(successor=p).values_list(
                    "predecessor_id", flat=True
                ),
            ]
            total = 0.0
            for old in OrgUnit.objects.filter(pk__in=olds):
                total += sum(
                    float(v)
                    for v in Value.objects.filter(
                        indicator=jobs,
                        period=c.before,
                        is_current=True,
                        unit__path__startswith=old.path,
                        unit__kind="commune",
                        unit__valid_to__isnull=False,
                    ).values_list("value", flat=True)
                )
            out[p.pk] = total
        return out

    print()
    print(f"{'đo (ms, ' + str(RUNS) + ' lần)':<58}{'lần đầu':>9}{'trung vị':>10}{'p95':>9}")
    rows = {}
    for label, func in [
        ("1. Tổng hợp cả nước + 34 tỉnh, 1 chỉ tiêu, 6 tháng 2026", rollup),
        ("   cơ sở so sánh: từng tỉnh một truy vấn, cộng bằng Python", rollup_baseline),
        ("2. Cùng kỳ 6 tháng 2025 của 35 đơn vị qua sắp xếp 2025", yoy),
        ("   cơ sở so sánh: từng tỉnh cũ một truy vấn, cộng bằng Python", yoy_baseline),
    ]:
        first, median, p95, result = measure(func)
        rows[label] = (median, result)
        print(f"{label:<58}{first:>9.1f}{median:>10.1f}{p95:>9.1f}")

    (r_med, r_res), (rb_med, rb_res), (y_med, y_res), (yb_med, yb_res) = rows.values()
    # The answers must agree with the baselines, or the speed means nothing.
    for pk in ids:
        assert abs(r_res[(jobs.pk, pk)].value - rb_res[pk]) < 1e-6, "roll-up differs"
    for p in c.provinces:
        assert abs(y_res[(jobs.pk, p.pk)].value - yb_res[p.pk]) < 1e-6, "year-over-year differs"
    print()
    print(
        f"Tổng hợp: nhanh gấp {rb_med / r_med:.1f} lần cách từng tỉnh; "
        f"cùng kỳ qua sắp xếp: nhanh gấp {yb_med / y_med:.1f} lần."
    )
    print(
        f"Mục tiêu < 200 ms mỗi câu trả lời: tổng hợp {r_med:.0f} ms, cùng kỳ {y_med:.0f} ms "
        f"({'đạt' if max(r_med, y_med) < 200 else 'CHƯA ĐẠT'})."
    )
    country_now = r_res[(jobs.pk, c.country.pk)].value
    country_before = y_res[(jobs.pk, c.country.pk)].value
    print(
        f"Kiểm tra: cả nước 6 tháng 2026 = {country_now:,.0f}; cùng kỳ 2025 = "
        f"{country_before:,.0f} (từ {c.counts['old_communes']} xã cũ)."
    )


if __name__ == "__main__":
    main()
