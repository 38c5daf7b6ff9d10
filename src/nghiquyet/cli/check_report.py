"""``nghiquyet check-report FILE.docx --plan … --period …``: check a draft review's figures
against the data (:mod:`nghiquyet.documents.check`).

Django is imported inside the handler, so that ``classify`` never loads it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .base import EXIT_OK, CommandError, database_problem, setup_django


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check-report",
        help="kiểm tra số liệu trong một dự thảo báo cáo (.docx) so với số liệu đã tiếp nhận",
        description=(
            "Tìm mọi số liệu trong dự thảo báo cáo (câu tổng hợp, số thực hiện, % kế hoạch),\n"
            "gắn với chỉ tiêu và so với số liệu đã tiếp nhận của kỳ: đúng, sai (kèm số đúng)\n"
            "hoặc không có trong số liệu."
        ),
        epilog="Ví dụ:\n  nghiquyet check-report du-thao.docx --plan tinh-2022 --period 2022\n"
        "  nghiquyet check-report bc-6-thang.docx --plan thanhpho-2021 --period 2021-H1 --json\n"
        "  nghiquyet check-report du-thao.docx --plan tinh-2022 --period 2022 "
        "--out da-kiem-tra.docx",
    )
    parser.add_argument("file", metavar="TỆP.docx", help="dự thảo báo cáo (Word .docx)")
    parser.add_argument(
        "--plan", metavar="MÃ", required=True, help="mã nghị quyết, ví dụ tinh-2022"
    )
    parser.add_argument(
        "--period",
        metavar="KỲ",
        required=True,
        help="kỳ: 2026-H1 (6 tháng), 2026-9M, 2026-Q3, 2026-M07, 2026",
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument(
        "--out", metavar="TỆP.docx", help="ghi văn bản kèm nhận xét (comment) vào tệp này"
    )
    parser.set_defaults(handler=cmd_check_report)


def cmd_check_report(args: argparse.Namespace) -> int:
    """Check a .docx against a plan's evaluation for a period; print the claims."""
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"Không có tệp '{args.file}'.")
    data = path.read_bytes()
    setup_django()
    from django.db import DatabaseError

    from nghiquyet.documents.check import (
        VERDICT_WORDS,
        annotate_docx,
        check_report,
        outlook_counts,
        unit_evaluations,
    )
    from nghiquyet.orgs.scopes import SYSTEM
    from nghiquyet.plans.models import Plan
    from nghiquyet.reporting.models import Period
    from nghiquyet.reporting.periods import parse_period_key
    from nghiquyet.reporting.selectors.evaluation import plan_evaluation

    try:
        plan = Plan.objects.select_related("unit", "scheme").filter(code=args.plan).first()
    except DatabaseError as exc:
        raise database_problem(exc) from None
    if plan is None:
        raise CommandError(f"Không có nghị quyết, kế hoạch nào có mã '{args.plan}'.")
    try:
        spec = parse_period_key(args.period)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    period = Period.objects.filter(key=spec.key).first()
    if period is None or spec.year not in plan.years:
        raise CommandError(f"{plan.heading} không có số liệu kỳ {spec.label}.")
    ev = plan_evaluation(user=SYSTEM, plan=plan, period=period)
    units = unit_evaluations(user=SYSTEM, plan=plan, period=period)
    outlook = outlook_counts(user=SYSTEM, plan=plan, period=period)
    try:
        result = check_report(data, ev, units, outlook)
    except Exception as exc:  # python-docx raises several kinds on a file that is not .docx
        raise CommandError(f"Không đọc được tệp Word '{args.file}': {exc}") from None
    if args.out:
        Path(args.out).write_bytes(annotate_docx(data, ev, result, units, outlook))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    counts = result.counts
    print(f"{plan.heading} — {period.label}: {len(result.claims)} số liệu")
    for c in result.claims:
        line = f"[{VERDICT_WORDS[c.verdict]}] {c.target}: {c.claimed}"
        if c.verdict == "wrong":
            line += f" → {c.actual}"
        print(line)
    print(
        f"Đúng {counts['right']}; sai {counts['wrong']}; "
        f"không có trong số liệu {counts['unmatched']}."
    )
    return EXIT_OK
