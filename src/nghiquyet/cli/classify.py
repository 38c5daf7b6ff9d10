"""``nghiquyet classify FILE``: classify the targets of a CSV/XLSX file, with no database.

The file is read, and its cells become values (directions, yes/no words, numbers the
Vietnamese or the English way), through the text layer (:mod:`nghiquyet.text`), as in the
grid, the Excel templates and the API.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from nghiquyet import engine, text
from nghiquyet.text import Cell, Problem, TextError, cell_text, is_blank
from nghiquyet.text.directions import DIRECTION_HINT, read_direction
from nghiquyet.text.figures import (
    ABOVE,
    DECREASE,
    measures_reduction,
    read_figure,
    read_figure_value,
)
from nghiquyet.text.tables import Column, Row, Table, read_table
from nghiquyet.text.targets import LOWER, YES_NO, TargetForm, read_target

from .base import EXIT_OK, CommandError, resolve_scheme
from .output import ResultRow, build_json, render_table

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


def add_parser(commands: Any) -> None:
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
            "  direction / chieu            higher/tang, lower/giam hoặc yes_no/dat; để trống\n"
            '                               khi kế hoạch đã nói ("trên 90", "dưới 4%")\n'
            '  target / chi_tieu            kế hoạch, số hoặc như nghị quyết in ("60-62",\n'
            '                               "khoảng 4", "dưới 4%")\n'
            "  target_high / chi_tieu_tren  cận trên của khoảng (không bắt buộc)\n"
            '  actual / thuc_hien           thực hiện, số hoặc như báo cáo in ("khoảng 22.710",\n'
            '                               "61-62", "Xuất siêu"); trống: chưa có số liệu\n'
            "\n"
            "Số viết kiểu Việt Nam (6,5; 1.234,5) hoặc kiểu Anh (6.5); 1.234 là một nghìn hai\n"
            "trăm ba mươi tư trừ khi tệp viết số kiểu Anh. Chỉ tiêu đạt/không đạt ghi Đạt\n"
            "(hoặc có, x, 1) hoặc Chưa đạt (hoặc không đạt, không, 0)."
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
        table = read_table(args.file, CLASSIFY_COLUMNS)
    except TextError as exc:
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


def read_targets(table: Table) -> tuple[list[TargetRow], list[Problem]]:
    """Check every row of a ``classify`` table; return the targets and every problem found.

    Numbers go through one :class:`nghiquyet.text.NumberReader` that has seen every
    number cell first, so an ambiguous ``1.234`` follows the file's convention.
    """
    headers = table.headers
    directions = [
        _direction(row.cells["direction"]) or _direction_of_wording(row.cells) for row in table.rows
    ]
    reader = text.NumberReader()
    for row, direction in zip(table.rows, directions, strict=True):
        if direction is engine.Direction.YES_NO:
            continue
        for name in ("target", "target_high", "actual"):
            reader.observe(row.cells[name])

    targets: list[TargetRow] = []
    problems: list[Problem] = []
    seen_codes: dict[str, int] = {}
    for row, direction in zip(table.rows, directions, strict=True):
        cells = row.cells
        before = len(problems)

        def problem(column: str, message: str, row: Row = row) -> None:
            problems.append(Problem(message, row=row.number, column=headers[column]))

        def report(exc: TextError, column: str, row: Row = row) -> None:
            problems.append(exc.problem.at(row=row.number, column=headers[column]))

        code = cell_text(cells["code"]).strip()
        if not code:
            problem("code", "thiếu mã chỉ tiêu")
        elif code in seen_codes:
            problem("code", f"mã '{code}' trùng với mã ở dòng {seen_codes[code]}")
        else:
            seen_codes[code] = row.number

        if direction is None:
            try:
                read_direction(cells["direction"])
                problem(
                    "direction",
                    f"thiếu chiều đánh giá; {DIRECTION_HINT}, hoặc ghi kế hoạch như nghị quyết "
                    "(“trên 90”, “dưới 4%”, “từ 11% trở lên”)",
                )
            except TextError as exc:
                report(exc, "direction")
            # Still check the figures, so that one reading of the errors is enough to mend them.
            for name in ("target", "target_high", "actual"):
                cell = cells[name]
                if is_blank(cell) or _yes_no(cell) is not None:
                    continue
                if name == "actual":
                    try:
                        read_figure_value(cell, reader)
                    except TextError as exc:
                        report(exc, name)
                else:
                    _number(cell, reader, lambda exc, name=name: report(exc, name))
            continue

        target = high = actual = math.nan
        if direction is engine.Direction.YES_NO:
            form = _plan_form(cells)
            standard = form is not None and form.direction == YES_NO  # "đạt chuẩn … loại I"
            if (
                not is_blank(cells["target"])
                and _yes_no(cells["target"]) is not True
                and not standard
            ):
                problem(
                    "target",
                    f"chỉ tiêu dạng đạt/không đạt (chiều '{cells['direction']}') chỉ nhận ô "
                    f"kế hoạch để trống hoặc ghi 'đạt', không nhận "
                    f"'{cell_text(cells['target'])}'",
                )
            if not is_blank(cells["target_high"]):
                problem(
                    "target_high", "chỉ tiêu đạt/không đạt không có cận trên; hãy để trống ô này"
                )
            try:
                met = text.read_yes_no(cells["actual"])
                actual = math.nan if met is None else float(met)
            except TextError as exc:
                report(exc, "actual")
        else:
            if is_blank(cells["target"]):
                problem("target", "thiếu kế hoạch (chỉ tiêu tăng/giảm phải có số kế hoạch)")
            else:
                try:
                    low, plan_high = _plan(cells, reader)
                    target = float(low)
                    if plan_high is not None and not is_blank(cells["target_high"]):
                        problem(
                            "target_high",
                            "kế hoạch đã ghi một khoảng ở cột "
                            f"'{headers['target']}'; hãy để trống ô cận trên",
                        )
                    elif plan_high is not None:
                        high = float(plan_high)
                except TextError as exc:
                    report(exc, "target")
            if not is_blank(cells["target_high"]) and math.isnan(high):
                high = _number(cells["target_high"], reader, lambda exc: report(exc, "target_high"))
                if high < target:
                    problem(
                        "target_high",
                        f"cận trên {_figure(high)} nhỏ hơn kế hoạch {_figure(target)} "
                        f"ở cột '{headers['target']}'",
                    )
            if not is_blank(cells["actual"]):
                try:
                    value, _written = read_figure_value(
                        cells["actual"],
                        reader,
                        direction=direction.value,
                        reduction=_reduction(cells),
                    )
                    actual = float(value)
                except TextError as exc:
                    report(exc, "actual")

        if len(problems) == before:
            targets.append(
                TargetRow(
                    row=row.number,
                    code=code,
                    name=_one_line(cell_text(cells["name"])),
                    unit=_one_line(cell_text(cells["unit"])),
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


def _direction(cell: Cell) -> engine.Direction | None:
    try:
        key = read_direction(cell)
    except TextError:
        return None
    return None if key is None else engine.Direction(key)


def _plan_form(cells: dict[str, Cell]) -> TargetForm | None:
    """The plan cell as a resolution words it (:func:`nghiquyet.text.targets.read_target`),
    when it is more than a number; None for a number, an empty cell or an unreadable one."""
    plan = cells["target"]
    if not isinstance(plan, str) or is_blank(plan):
        return None
    try:
        text.read_number(plan)
        return None
    except TextError:
        pass
    try:
        return read_target(plan, name=cell_text(cells["name"]))
    except TextError:
        return None


def _plan(cells: dict[str, Cell], reader: text.NumberReader) -> tuple[Decimal, Decimal | None]:
    """The plan's figure and upper bound: a number, or a resolution's wording ("60-62",
    "dưới 4%", "giảm 1,5-2%": a change's amount); raises ``TextError``."""
    form = _plan_form(cells)
    if form is None:
        if isinstance(cells["target"], str) and not _is_number(cells["target"]):
            read_target(cells["target"], name=cell_text(cells["name"]))  # says what it read
        return text.read_cell_number(cells["target"], reader), None
    if form.low is None:
        raise TextError(
            Problem(
                "“%(text)s” không có con số kế hoạch; ghi kế hoạch bằng số, ví dụ 6,5 hoặc "
                "dưới 4%%",
                {"text": cell_text(cells["target"])},
            )
        )
    return form.low, form.high if form.is_range else None


def _is_number(written: str) -> bool:
    try:
        text.read_number(written)
    except TextError:
        return False
    return True


def _reduction(cells: dict[str, Cell]) -> bool:
    """Whether the figures are amounts of a reduction: the target's name ("Mức giảm tỷ lệ hộ
    nghèo") or its plan ("giảm 1,5-2%") says so."""
    form = _plan_form(cells)
    return measures_reduction(cell_text(cells["name"])) or bool(form and form.change == DECREASE)


def _direction_of_wording(cells: dict[str, Cell]) -> engine.Direction | None:
    """The direction a plan's wording decides when the direction column is empty: "trên 90",
    "từ 11% trở lên", "tăng 6,5%", "giảm 1,5-2%" (an amount of reduction: the more the
    better) are higher; "dưới 4%", "< 7,6", "không quá 3" lower; "đạt" yes/no."""
    if not is_blank(cells["direction"]):
        return None
    plan = cells["target"]
    if isinstance(plan, str) and not any(c.isdigit() for c in plan) and _yes_no(plan) is True:
        return engine.Direction.YES_NO  # "đạt", not "1": a number plans a figure
    form = _plan_form(cells)
    if form is None:
        return None
    if form.direction == YES_NO:
        return engine.Direction.YES_NO
    if form.direction == LOWER:
        return engine.Direction.LOWER
    if form.change or form.strict:
        return engine.Direction.HIGHER
    try:
        printed = read_figure(plan)
    except TextError:
        return None
    if printed is not None and (printed.qualifier == ABOVE or printed.change):
        return engine.Direction.HIGHER
    return None


def _yes_no(cell: Cell) -> bool | None:
    try:
        return text.read_yes_no(cell)
    except TextError:
        return None


def _number(cell: Cell, reader: text.NumberReader, report: Callable[[TextError], None]) -> float:
    """Read a number cell; on failure report why and return NaN."""
    try:
        value = text.read_cell_number(cell, reader)
    except TextError as exc:
        report(exc)
        return math.nan
    return math.nan if value is None else float(value)


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
