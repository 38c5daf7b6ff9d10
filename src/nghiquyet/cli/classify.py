"""``nghiquyet classify FILE``: classify the targets of a CSV/XLSX file, with no database.

The file's cells become values here (directions, yes/no words, numbers the Vietnamese or
the English way), together; the text layer (nghiquyet.text) is to take them over.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nghiquyet import engine, tabular
from nghiquyet.tabular import Cell, Column, Problem

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
