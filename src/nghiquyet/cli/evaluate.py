"""``nghiquyet evaluate --plan … --year …``: evaluate a plan of the database.

Django is imported inside the handler, so that ``classify`` never loads it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .base import EXIT_OK, CommandError, database_problem, resolve_scheme, setup_django
from .output import ResultRow, build_json, render_table


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="đánh giá, xếp loại các chỉ tiêu của một nghị quyết trong cơ sở dữ liệu",
        description=(
            "Đánh giá các chỉ tiêu của một nghị quyết, kế hoạch trong cơ sở dữ liệu cho một\n"
            "năm, in bảng kết quả và câu tổng hợp (hoặc JSON như lệnh classify)."
        ),
        epilog="Ví dụ:\n  nghiquyet evaluate --plan tinh-2022 --year 2022\n"
        "  nghiquyet evaluate --plan tinh-2020-2025 --year 2024 --json\n"
        "  nghiquyet evaluate --plan vinhlong-2026 --period 2026-H1",
    )
    parser.add_argument(
        "--plan", metavar="MÃ", required=True, help="mã nghị quyết, ví dụ tinh-2022"
    )
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", metavar="NĂM", type=int, help="năm đánh giá")
    when.add_argument(
        "--period",
        metavar="KỲ",
        help="kỳ đánh giá: 2026-H1 (6 tháng), 2026-9M, 2026-Q3, 2026-M07, 2026",
    )
    parser.add_argument(
        "--scheme",
        metavar="BẢNG",
        default=None,
        help="bảng phân loại (mặc định: bảng của nghị quyết); bands, binary hoặc tệp .json",
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON thay cho bảng")
    parser.set_defaults(handler=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Evaluate a plan of the database for a year and print a table (or JSON)."""
    scheme = resolve_scheme(args.scheme) if args.scheme else None
    setup_django()
    from django.db import DatabaseError

    from nghiquyet.orgs.scopes import SYSTEM
    from nghiquyet.plans import display
    from nghiquyet.plans.models import Plan
    from nghiquyet.reporting.models import Period
    from nghiquyet.reporting.periods import parse_period_key
    from nghiquyet.reporting.selectors.evaluation import plan_evaluation
    from nghiquyet.reporting.selectors.periods import period_for_year

    try:
        plan = Plan.objects.select_related("unit", "scheme").filter(code=args.plan).first()
    except DatabaseError as exc:
        raise database_problem(exc) from None
    if plan is None:
        raise CommandError(f"Không có nghị quyết, kế hoạch nào có mã '{args.plan}'.")
    if args.period:
        try:
            spec = parse_period_key(args.period)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        period = Period.objects.filter(key=spec.key).first() or period_for_year(spec.year)
        if period.key != spec.key:
            raise CommandError(f"Chưa có số liệu nào cho kỳ {spec.label}.")
        year = spec.year
    else:
        year = args.year
        period = period_for_year(year)
    if year not in plan.years:
        years = ", ".join(str(y) for y in plan.years) or "không có"
        raise CommandError(f"Năm {year} không thuộc {plan.heading} (các năm của văn bản: {years}).")
    ev = plan_evaluation(user=SYSTEM, plan=plan, period=period, scheme=scheme)
    rows: list[ResultRow] = [
        {
            "code": r.target.code,
            "name": r.target.name,
            "unit": r.target.unit_of_measure,
            "target": display.target_text(r.target),
            "actual": display.actual_text(r),
            "rate": r.rate,
            "class": r.class_key,
        }
        for r in ev.rows
    ]
    if args.json:
        result = build_json(rows, ev.scheme, ev.counts)
        result = {"plan": plan.code, "year": year, "period": period.key, **result}
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{plan.heading} {plan.title} — {plan.unit.name} — {ev.period.label}")
        print()
        print(render_table(rows, ev.scheme, ev.counts))
    return EXIT_OK
