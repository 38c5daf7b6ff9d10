"""The ``nghiquyet`` command line.

Each subcommand is one ``add_parser(...)`` in :func:`build_parser` plus one
handler ``cmd_<name>(args) -> int``. Handlers raise :class:`CommandError` for
bad input (exit status 2, Vietnamese message on stderr, nothing on stdout).

``classify`` is stateless: it must run with no database and no
``DJANGO_SETTINGS_MODULE``, so this module never imports Django at the top;
subcommands that need the database import it inside their handler.
"""

from __future__ import annotations

import argparse
import codecs
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from nghiquyet import engine, tabular
from nghiquyet.tabular import Cell, Column, Problem

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2

#: At most this many error lines are printed; the rest are counted.
MAX_ERRORS = 50

#: Set to re-raise unexpected exceptions instead of the short message (for debugging).
DEBUG_ENV = "NGHIQUYET_DEBUG"


class CommandError(Exception):
    """Bad input: the messages go to stderr, the command exits with ``status``."""

    def __init__(self, messages: str | Sequence[str], status: int = EXIT_BAD_INPUT) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.status = status
        super().__init__("\n".join(self.messages))


# --------------------------------------------------------------------------- argparse in Vietnamese

_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.*)$"), r"thiếu đối số bắt buộc: \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"không hiểu đối số: \1"),
    (
        re.compile(r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$"),
        r"đối số \1: \2 không hợp lệ (chọn một trong: \3)",
    ),
    (re.compile(r"^argument (.+?): expected one argument$"), r"đối số \1 cần một giá trị"),
    (re.compile(r"^argument (.+?): ignored explicit argument (.*)$"), r"đối số \1 không nhận \2"),
    (
        re.compile(r"^argument (.+?): invalid int value: (.*)$"),
        r"đối số \1: \2 không hợp lệ (cần một số nguyên)",
    ),
    (
        re.compile(r"^one of the arguments (.*) is required$"),
        r"cần một trong các đối số \1",
    ),
    (
        re.compile(r"^argument (.+?): not allowed with argument (.*)$"),
        r"đối số \1 không được dùng cùng đối số \2",
    ),
    (re.compile(r"^argument (.+?): (.*)$"), r"đối số \1: \2"),
)


def _translate_argparse(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="in hướng dẫn này rồi thoát",
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: lỗi: {_translate_argparse(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``nghiquyet`` parser with one subparser per command."""
    parser = _ArgumentParser(
        prog="nghiquyet",
        description=(
            "Đánh giá, xếp loại các chỉ tiêu của nghị quyết cấp ủy và chính quyền\n"
            "(đạt và vượt, xấp xỉ đạt, đạt trên 80%, …, không đạt)."
        ),
        epilog="Xem hướng dẫn của từng lệnh: nghiquyet LỆNH --help",
    )
    commands = parser.add_subparsers(
        title="các lệnh", metavar="LỆNH", dest="command", required=True
    )
    _add_classify(commands)
    _add_evaluate(commands)
    _add_demo(commands)
    _add_remind(commands)
    return parser


# --------------------------------------------------------------------------- classify

#: The columns of a ``classify`` file; the first two spellings of each are shown
#: when the column is missing.
CLASSIFY_COLUMNS: tuple[Column, ...] = (
    Column("code", ("code", "ma"), "mã chỉ tiêu"),
    Column("name", ("name", "ten"), "tên chỉ tiêu"),
    Column("unit", ("unit", "don_vi_tinh", "dvt"), "đơn vị tính", required=False),
    Column("direction", ("direction", "chieu"), "chiều đánh giá"),
    Column("target", ("target", "chi_tieu"), "kế hoạch"),
    Column("target_high", ("target_high", "chi_tieu_tren"), "cận trên kế hoạch", required=False),
    Column("actual", ("actual", "thuc_hien"), "thực hiện"),
)

_DIRECTIONS: dict[str, engine.Direction] = {
    "higher": engine.Direction.HIGHER,
    "tang": engine.Direction.HIGHER,
    "lower": engine.Direction.LOWER,
    "giam": engine.Direction.LOWER,
    "yes_no": engine.Direction.YES_NO,
    "dat": engine.Direction.YES_NO,
}
_DIRECTION_HINT = "dùng higher/tăng, lower/giảm hoặc yes_no/đạt"
# Compared after tabular.fold: "Không đạt" → "khong_dat", "có" → "co".
_YES = frozenset({"1", "yes", "co", "dat", "true"})
_NO = frozenset({"0", "no", "khong", "khong_dat", "false"})
_YES_NO_HINT = "dùng 1/0, có/không, đạt/không đạt, yes/no hoặc true/false"

YES_TEXT = "Đạt"
NO_TEXT = "Chưa đạt"


@dataclass(frozen=True)
class TargetRow:
    """One target read from a file; figures are NaN where absent."""

    row: int
    code: str
    name: str
    unit: str
    direction: engine.Direction
    target: float
    target_high: float
    actual: float


#: A row of a result table, the plain data that :func:`render_table` and
#: :func:`build_json` take (the ``evaluate`` command builds them from the database).
ResultRow = TypedDict(
    "ResultRow",
    {
        "code": str,
        "name": str,
        "unit": str,
        "target": str,
        "actual": str,
        "rate": float | None,
        "class": str,
    },
)


def _add_classify(commands: Any) -> None:
    parser = commands.add_parser(
        "classify",
        help="xếp loại các chỉ tiêu trong một tệp CSV/XLSX (không cần cơ sở dữ liệu)",
        description=(
            "Xếp loại các chỉ tiêu trong một tệp CSV (UTF-8) hoặc XLSX, không cần cơ sở dữ liệu.\n"
            "\n"
            "Dòng tiêu đề (phía trên có thể có vài dòng tên biểu) gồm các cột, tên tiếng Anh\n"
            "hoặc tiếng Việt, có dấu hoặc không dấu:\n"
            "  code / ma                    mã chỉ tiêu\n"
            "  name / ten                   tên chỉ tiêu\n"
            "  unit / don_vi_tinh           đơn vị tính (không bắt buộc)\n"
            "  direction / chieu            higher/tang, lower/giam hoặc yes_no/dat\n"
            "  target / chi_tieu            kế hoạch (cận dưới nếu là một khoảng)\n"
            "  target_high / chi_tieu_tren  cận trên của khoảng (không bắt buộc)\n"
            "  actual / thuc_hien           thực hiện (để trống nếu chưa có số liệu)\n"
            "\n"
            "Số viết kiểu Việt Nam (6,5; 1.234,5) hoặc kiểu Anh (6.5). Chỉ tiêu đạt/không đạt\n"
            "ghi 1/0, có/không, đạt/không đạt, yes/no hoặc true/false."
        ),
        epilog=(
            "Mã thoát: 0 thành công; 2 tệp hoặc tham số không hợp lệ (thông báo lỗi\n"
            "ghi rõ dòng và cột); 1 lỗi ngoài dự kiến.\n"
            "\n"
            "Ví dụ:\n"
            "  nghiquyet classify chi_tieu_2024.csv\n"
            "  nghiquyet classify chi_tieu_2024.xlsx --scheme binary --json"
        ),
    )
    parser.add_argument(
        "file", metavar="TỆP", help="tệp CSV (UTF-8, phân cách bằng , ; hoặc TAB) hoặc XLSX"
    )
    parser.add_argument(
        "--scheme",
        metavar="BẢNG",
        default=engine.BANDS.key,
        help=(
            "bảng phân loại: bands (sáu mức, mặc định), binary (đạt/không đạt) "
            "hoặc đường dẫn tới tệp .json của tỉnh"
        ),
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON thay cho bảng")
    parser.set_defaults(handler=cmd_classify)


def cmd_classify(args: argparse.Namespace) -> int:
    """Classify the targets of a CSV/XLSX file and print a table (or JSON)."""
    scheme = resolve_scheme(args.scheme)
    try:
        table = tabular.read_table(args.file, CLASSIFY_COLUMNS)
    except tabular.TabularError as exc:
        raise CommandError([f"{args.file}: {p}" for p in exc.problems]) from None
    targets, problems = read_targets(table)
    if problems:
        raise CommandError([f"{args.file}: {p}" for p in problems])
    rows, counts = classify_targets(targets, scheme)
    if args.json:
        print(json.dumps(build_json(rows, scheme, counts), ensure_ascii=False, indent=2))
    else:
        print(render_table(rows, scheme, counts))
    return EXIT_OK


def resolve_scheme(value: str) -> engine.Scheme:
    """A preset by key (``bands``, ``binary``) or a scheme read from a JSON file."""
    if value in engine.PRESETS:
        return engine.PRESETS[value]
    if not value.lower().endswith(".json") and not os.path.exists(value):
        presets = ", ".join(engine.PRESETS)
        raise CommandError(
            f"Không có bảng phân loại '{value}'; dùng một trong {presets} "
            "hoặc đường dẫn tới tệp .json."
        )
    try:
        return engine.load_scheme(value)
    except engine.SchemeError as exc:
        raise CommandError(str(exc)) from None


def read_targets(table: tabular.Table) -> tuple[list[TargetRow], list[Problem]]:
    """Check every row of a ``classify`` table; return the targets and every problem found.

    Numbers go through one :class:`engine.NumberReader` that has seen every
    number cell first, so an ambiguous ``1.234`` follows the file's convention.
    """
    headers = table.headers
    directions = [_direction(row.cells["direction"]) for row in table.rows]
    reader = engine.NumberReader()
    for row, direction in zip(table.rows, directions, strict=True):
        if direction is engine.Direction.YES_NO:
            continue
        for name in ("target", "target_high", "actual"):
            cell = row.cells[name]
            if isinstance(cell, str) and cell:
                reader.observe(cell)

    targets: list[TargetRow] = []
    problems: list[Problem] = []
    seen_codes: dict[str, int] = {}
    for row, direction in zip(table.rows, directions, strict=True):
        cells = row.cells
        before = len(problems)

        def problem(column: str, message: str, row: tabular.Row = row) -> None:
            problems.append(Problem(message, row=row.number, column=headers[column]))

        code = tabular.cell_text(cells["code"]).strip()
        if not code:
            problem("code", "thiếu mã chỉ tiêu")
        elif code in seen_codes:
            problem("code", f"mã '{code}' trùng với mã ở dòng {seen_codes[code]}")
        else:
            seen_codes[code] = row.number

        if direction is None:
            raw = tabular.cell_text(cells["direction"]).strip()
            if raw:
                problem("direction", f"chiều '{raw}' không hợp lệ; {_DIRECTION_HINT}")
            else:
                problem("direction", f"thiếu chiều đánh giá; {_DIRECTION_HINT}")
            # Still check the figures, so that one reading of the errors is enough to mend them.
            for name in ("target", "target_high", "actual"):
                cell = cells[name]
                if not tabular.is_blank(cell) and _yes_no(cell) is None:
                    _number(cell, reader, lambda m, name=name: problem(name, m))
            continue

        target = high = actual = math.nan
        if direction is engine.Direction.YES_NO:
            if not tabular.is_blank(cells["target"]) and _yes_no(cells["target"]) is not True:
                problem(
                    "target",
                    f"chỉ tiêu dạng đạt/không đạt (chiều '{cells['direction']}') chỉ nhận ô "
                    f"kế hoạch để trống hoặc ghi 'đạt', không nhận "
                    f"'{tabular.cell_text(cells['target'])}'",
                )
            if not tabular.is_blank(cells["target_high"]):
                problem(
                    "target_high", "chỉ tiêu đạt/không đạt không có cận trên; hãy để trống ô này"
                )
            if not tabular.is_blank(cells["actual"]):
                value = _yes_no(cells["actual"])
                if value is None:
                    problem(
                        "actual",
                        f"'{tabular.cell_text(cells['actual'])}' không phải là giá trị "
                        f"đạt/không đạt; {_YES_NO_HINT}",
                    )
                else:
                    actual = 1.0 if value else 0.0
        else:
            if tabular.is_blank(cells["target"]):
                problem("target", "thiếu kế hoạch (chỉ tiêu tăng/giảm phải có số kế hoạch)")
            else:
                target = _number(cells["target"], reader, lambda m: problem("target", m))
            if not tabular.is_blank(cells["target_high"]):
                high = _number(cells["target_high"], reader, lambda m: problem("target_high", m))
                if high < target:
                    problem(
                        "target_high",
                        f"cận trên {_figure(high)} nhỏ hơn kế hoạch {_figure(target)} "
                        f"ở cột '{headers['target']}'",
                    )
            if not tabular.is_blank(cells["actual"]):
                actual = _number(cells["actual"], reader, lambda m: problem("actual", m))

        if len(problems) == before:
            targets.append(
                TargetRow(
                    row=row.number,
                    code=code,
                    name=_one_line(tabular.cell_text(cells["name"])),
                    unit=_one_line(tabular.cell_text(cells["unit"])),
                    direction=direction,
                    target=target,
                    target_high=high,
                    actual=actual,
                )
            )
    return targets, problems


def classify_targets(
    targets: Sequence[TargetRow], scheme: engine.Scheme
) -> tuple[list[ResultRow], dict[str, int]]:
    """Rates and classes of the targets (all decided by :mod:`nghiquyet.engine`).

    Returns the result rows in the targets' order and the count of every class
    of the scheme, ``no_data`` included.
    """
    ach = engine.achievement(
        [t.direction.value for t in targets],
        [t.target for t in targets],
        [t.actual for t in targets],
        target_high=[t.target_high for t in targets],
    )
    codes = engine.classify(scheme, ach)
    keys = engine.class_keys(scheme, codes)
    counts = engine.count_classes(scheme, codes)
    rows: list[ResultRow] = []
    for t, rate, key in zip(targets, ach.rate.tolist(), keys, strict=True):
        rows.append(
            {
                "code": t.code,
                "name": t.name,
                "unit": t.unit,
                "target": _plan_text(t),
                "actual": _actual_text(t),
                "rate": None if math.isnan(rate) else rate,
                "class": key,
            }
        )
    return rows, counts


# --------------------------------------------------------------------------- database commands


def _setup_django() -> None:
    """Start Django for the commands that read or write the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    # The command line signs nothing, so it may run without DJANGO_SECRET_KEY.
    os.environ.setdefault("NGHIQUYET_CLI", "1")
    import django
    from django.utils import translation

    django.setup()
    translation.activate("vi")


def _database_problem(exc: Exception) -> CommandError:
    return CommandError(
        f"Không đọc được cơ sở dữ liệu ({exc}). Hãy khởi tạo bằng 'nghiquyet demo' "
        "hoặc 'python manage.py migrate'."
    )


def _add_evaluate(commands: Any) -> None:
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
    _setup_django()
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
        raise _database_problem(exc) from None
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


def _add_demo(commands: Any) -> None:
    parser = commands.add_parser(
        "demo",
        help="tạo cơ sở dữ liệu và nạp dữ liệu minh họa (chạy lại không thay đổi gì)",
        description=(
            "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu rồi nạp dữ liệu minh họa tỉnh Bến Tre\n"
            "(số liệu minh họa, không phải số liệu chính thức). Chạy lại không thay đổi gì."
        ),
    )
    parser.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Migrate the database and load the demo data set."""
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from nghiquyet.demo.loader import load_demo

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        os.makedirs(os.path.dirname(database["NAME"]) or ".", exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    load_demo(log=print)
    return EXIT_OK


def _add_remind(commands: Any) -> None:
    parser = commands.add_parser(
        "remind",
        help="gửi nhắc việc: báo cáo, nhiệm vụ sắp đến hạn và quá hạn (chạy định kỳ)",
        description=(
            "Gửi thông báo trong ứng dụng và thư điện tử cho các đơn vị có báo cáo hoặc nhiệm vụ\n"
            "sắp đến hạn hay đã quá hạn. Mỗi nhắc việc chỉ gửi một lần, nên có thể chạy\n"
            "định kỳ (ví dụ mỗi giờ bằng cron)."
        ),
    )
    parser.add_argument(
        "--date", metavar="NGÀY", help="ngày coi là hôm nay, dạng dd/mm/yyyy (mặc định: hôm nay)"
    )
    parser.set_defaults(handler=cmd_remind)


def cmd_remind(args: argparse.Namespace) -> int:
    """Send the reminders that are due."""
    import datetime as dt

    today = None
    if args.date:
        try:
            today = dt.datetime.strptime(args.date, "%d/%m/%Y").date()
        except ValueError:
            raise CommandError(f"Ngày '{args.date}' không hợp lệ; dùng dạng dd/mm/yyyy.") from None
    _setup_django()
    from nghiquyet.notifications.management.commands.send_reminders import reminder_summary
    from nghiquyet.notifications.services import send_reminders

    print(reminder_summary(send_reminders(today=today)))
    return EXIT_OK


# --------------------------------------------------------------------------- output

TABLE_HEADINGS = ("Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Xếp loại")
#: widest a column may grow before its text is cut with "…" (None: never cut)
_TABLE_WIDTHS = (16, 44, 12, 24, 24, None, None)
_RIGHT_ALIGNED = frozenset({3, 4, 5})


def render_table(
    rows: Sequence[Mapping[str, Any]], scheme: engine.Scheme, counts: Mapping[str, int]
) -> str:
    """The result as an aligned Vietnamese text table, a blank line and the summary sentence.

    ``rows`` are :data:`ResultRow` dicts (code, name, unit, target and actual as
    display text, rate in percent or None, class key).
    """
    labels = scheme.labels
    body = [
        (
            str(r["code"]),
            str(r["name"]),
            str(r.get("unit") or ""),
            str(r["target"]),
            str(r["actual"]),
            engine.format_percent(r["rate"]),
            labels.get(r["class"], r["class"]),
        )
        for r in rows
    ]
    body = [
        tuple(_truncate(cell, limit) for cell, limit in zip(line, _TABLE_WIDTHS, strict=True))
        for line in body
    ]
    widths = [
        max(len(TABLE_HEADINGS[i]), *(len(line[i]) for line in body)) if body else len(h)
        for i, h in enumerate(TABLE_HEADINGS)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in _RIGHT_ALIGNED else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(TABLE_HEADINGS), "  ".join("-" * w for w in widths)]
    lines.extend(line(cells) for cells in body)
    lines.append("")
    lines.append(engine.summary_sentence(scheme, counts))
    return "\n".join(lines)


def build_json(
    rows: Sequence[Mapping[str, Any]], scheme: engine.Scheme, counts: Mapping[str, int]
) -> dict[str, Any]:
    """The result as a JSON-ready dict.

    ``{"scheme": key, "targets": [{"code", "rate", "class"}, …], "counts": {class: n},
    "summary": "…"}``; ``rate`` is rounded to 2 decimals or None, ``counts`` holds every
    class of the scheme plus ``no_data``.
    """
    return {
        "scheme": scheme.key,
        "targets": [
            {
                "code": r["code"],
                "rate": None if r["rate"] is None else round(float(r["rate"]), 2),
                "class": r["class"],
            }
            for r in rows
        ],
        "counts": {k: int(counts.get(k, 0)) for k in scheme.keys},
        "summary": engine.summary_sentence(scheme, counts),
    }


# --------------------------------------------------------------------------- helpers


def _direction(cell: Cell) -> engine.Direction | None:
    return _DIRECTIONS.get(tabular.fold(tabular.cell_text(cell)))


def _yes_no(cell: Cell) -> bool | None:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float):
        return {0: False, 1: True}.get(cell)  # type: ignore[call-overload]
    if not isinstance(cell, str):
        return None
    key = tabular.fold(cell)
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def _number(cell: Cell, reader: engine.NumberReader, report: Callable[[str], None]) -> float:
    """Read a number cell; on failure report why and return NaN."""
    if isinstance(cell, bool):
        report(f"giá trị {tabular.cell_text(cell)} không phải là một số")
        return math.nan
    if isinstance(cell, int | float):
        if math.isfinite(cell):
            return float(cell)
        report(f"'{cell}' không phải là một số")
        return math.nan
    if not isinstance(cell, str):
        report(f"ô chứa ngày giờ ({tabular.cell_text(cell)}), không phải là một số")
        return math.nan
    try:
        return reader.read(cell)
    except engine.NumberError as exc:
        report(str(exc))
        return math.nan


def _figure(value: float) -> str:
    return engine.format_number(value, 6, trim=True)


def _plan_text(t: TargetRow) -> str:
    if t.direction is engine.Direction.YES_NO:
        return YES_TEXT
    if not math.isnan(t.target_high) and t.target_high != t.target:
        return f"{_figure(t.target)} – {_figure(t.target_high)}"
    return _figure(t.target)


def _actual_text(t: TargetRow) -> str:
    if math.isnan(t.actual):
        return ""
    if t.direction is engine.Direction.YES_NO:
        return YES_TEXT if t.actual else NO_TEXT
    return _figure(t.actual)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _truncate(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _print_errors(messages: Sequence[str]) -> None:
    for message in messages[:MAX_ERRORS]:
        print(message, file=sys.stderr)
    if len(messages) > MAX_ERRORS:
        print(f"… và {len(messages) - MAX_ERRORS} lỗi khác.", file=sys.stderr)


def _use_utf8_streams() -> None:
    """Write UTF-8 even where the console or pipe defaults to a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            is_utf8 = codecs.lookup(encoding).name == "utf-8"
        except LookupError:
            is_utf8 = False
        if not is_utf8 and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input, 1 unexpected)."""
    _use_utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed in Vietnamese
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return args.handler(args)
    except CommandError as exc:
        _print_errors(exc.messages)
        return exc.status
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of a pipe (e.g. `| head`) went away; nothing left to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_UNEXPECTED
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"Lỗi ngoài dự kiến ({type(exc).__name__}: {exc}). Hãy báo lỗi này cho người "
            f"quản trị; đặt biến môi trường {DEBUG_ENV}=1 để xem chi tiết.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
