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

Then the same on the *real* map (:mod:`nghiquyet.orgs.vietnam`): loading it — Vĩnh Long with
its past through the services one call at a time (the baseline) and through the bulk path of
:mod:`nghiquyet.orgs.loading`, then the whole country with its past — and the two questions
above on 34 provinces and 3,321 communes after, 63 provinces, 696 districts and 10,035
communes before, linked by the real lineage.

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

import footprint  # noqa: E402 - benchmarks/footprint.py, next to this script

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

    from nghiquyet.demo.synthetic import build_country, build_real_country

    print(
        f"Máy: {platform.processor() or platform.machine()}, {os.cpu_count()} nhân "
        f"({footprint.load_average()}); "
        f"PostgreSQL {connection.cursor().connection.info.server_version}"
    )
    call_command("migrate", verbosity=0)
    print("\n== Nước tổng hợp ==")
    start = time.perf_counter()
    c = build_country(log=print)
    print(f"  tạo dữ liệu: {time.perf_counter() - start:.1f} s — {c.counts}")
    questions(c)
    print("\n== Bản đồ thật (gói dữ liệu) ==")
    loading()
    start = time.perf_counter()
    real = build_real_country(log=print)
    print(f"  tạo dữ liệu: {time.perf_counter() - start:.1f} s — {real.counts}")
    questions(real)


class _Rollback(Exception):
    pass


def loading() -> None:
    """Vĩnh Long with its past: the services one call at a time, then the bulk path."""
    from django.db import transaction

    from nghiquyet.orgs.loading import vietnam_load
    from nghiquyet.orgs.scopes import SYSTEM

    def rolled_back(func):
        start = time.perf_counter()
        try:
            with transaction.atomic():
                result = func()
                elapsed = time.perf_counter() - start
                raise _Rollback
        except _Rollback:
            pass
        return elapsed, result

    services_s, calls = rolled_back(lambda: services_load("86"))
    bulk_s, report = rolled_back(
        lambda: vietnam_load(acting_user=SYSTEM, provinces=["86"], before_2025=True)
    )
    print(
        f"  Nạp Vĩnh Long kèm bản đồ trước 01/07/2025 ({sum(report.created.values())} đơn vị, "
        f"{sum(report.changes.values())} thay đổi, {report.events} sự kiện nhật ký):"
    )
    print(f"    từng dịch vụ một ({calls} lời gọi, bỏ qua chia tách): {services_s:.1f} s")
    print(f"    đường ghi hàng loạt (orgs.loading):         {bulk_s:.2f} s")
    print(f"    nhanh gấp {services_s / bulk_s:.0f} lần")


def services_load(province: str) -> int:
    """The same province through orgs.services, one unit and one change per call — the
    baseline of the bulk path (splits left out: the services need declared shares)."""
    from nghiquyet.orgs.models import OrgUnit
    from nghiquyet.orgs.scopes import SYSTEM
    from nghiquyet.orgs.services import (
        NewUnit,
        orgunit_create,
        orgunit_dissolve,
        orgunit_merge,
    )
    from nghiquyet.orgs.vietnam import REORGANISED_ON, read_map

    m = read_map().select([province])
    on, calls = REORGANISED_ON, 0
    units = {}
    country = OrgUnit.objects.filter(code="VN").first() or orgunit_create(
        acting_user=SYSTEM, code="VN", name="Việt Nam", kind="country"
    )
    for p in m.old_provinces:
        units[p.code] = orgunit_create(
            acting_user=SYSTEM, code=p.code, name=p.name, kind=p.kind, parent=country
        )
    for group in (m.old_districts, m.old_communes):
        for u in group:
            units[u.code] = orgunit_create(
                acting_user=SYSTEM,
                code="o" + u.code,
                name=u.name,
                kind=u.kind,
                parent=units[u.parent],
            )
    calls += len(units)
    target = units[province]
    for n in m.communes:
        whole = [units[w] for w in m.commune_from[n.code].whole]
        if whole:
            orgunit_merge(
                acting_user=SYSTEM,
                units=whole,
                into=NewUnit("n" + n.code, n.name, n.kind, target),
                on=on,
            )
            calls += 1
    for d in m.old_districts:
        if not OrgUnit.objects.filter(parent=units[d.code], valid_to__isnull=True).exists():
            orgunit_dissolve(acting_user=SYSTEM, unit=units[d.code], on=on)
            calls += 1
    return calls


def questions(c) -> None:
    from django.db import connection

    from nghiquyet.orgs.models import OrgUnit, OrgUnitLineage
    from nghiquyet.reporting.figures import comparable_at, figures_at
    from nghiquyet.reporting.models import Value

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    jobs = c.indicators[0]
    ids = [c.country.pk] + [p.pk for p in c.provinces]
    n = len(c.provinces)

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
                        # the former units that reported (communes; districts of islands)
                        unit__valid_to__isnull=False,
                    ).values_list("value", flat=True)
                )
            out[p.pk] = total
        return out

    print()
    print(f"{'đo (ms, ' + str(RUNS) + ' lần)':<58}{'lần đầu':>9}{'trung vị':>10}{'p95':>9}")
    rows = {}
    for label, func in [
        (f"1. Tổng hợp cả nước + {n} tỉnh, 1 chỉ tiêu, 6 tháng 2026", rollup),
        ("   cơ sở so sánh: từng tỉnh một truy vấn, cộng bằng Python", rollup_baseline),
        (f"2. Cùng kỳ 6 tháng 2025 của {n + 1} đơn vị qua sắp xếp 2025", yoy),
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
        f"{country_before:,.0f} (từ {c.counts['old_communes']} đơn vị cấp xã cũ báo cáo)."
    )
    print(footprint.peak_line())


if __name__ == "__main__":
    main()
