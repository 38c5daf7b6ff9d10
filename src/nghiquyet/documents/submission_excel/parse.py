"""Reading a filled template back: the signed hidden sheet, and every row's cells as values.

The rows are mapped back to entries by the ids in the sheet (not by position); every cell
is checked and every problem reported by sheet, row and column. Cells become values through
the text layer (:mod:`nghiquyet.text`), as in the grid, the API and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nghiquyet import text
from nghiquyet.engine import ratios
from nghiquyet.plans.display import number
from nghiquyet.reporting import workflow
from nghiquyet.reporting.choices import ValueStatus
from nghiquyet.reporting.models import Submission, SubmissionEntry
from nghiquyet.text import cell_text

from ..problems import ImportInvalid, problem_text
from .spec import (
    COL_DENOMINATOR,
    COL_ID,
    COL_NOTE,
    COL_NUMERATOR,
    COL_STATUS,
    COL_VALUE,
    FORMAT_VERSION,
    INPUT_COLUMNS,
    KIND,
    META_SHEET,
    NOTE_MAX,
    RATIO,
    YES_NO,
    canon,
    clean_text,
    entry_label,
    field_labels,
    note_key,
    sign,
)


@dataclass
class ParsedRow:
    entry: SubmissionEntry
    kind: str
    row: int
    fields: dict[str, str]  # canonical texts, as :func:`shown_fields`
    note: str  # the note's text (``fields["note"]`` is its key)
    template: dict[str, str]  # what the template showed (signed hidden sheet)
    value_text: str = ""  # the value as written, when it said more than a number


def _cell(rows: list[list], row: int, column: int):
    if row - 1 < len(rows) and column - 1 < len(rows[row - 1]):
        value = rows[row - 1][column - 1]
        return value.strip() if isinstance(value, str) else value
    return ""


def read_meta(book, filename: str) -> dict:
    """The template's signed identity, or a refusal."""
    not_ours = _(
        "Tệp “%(name)s” không phải mẫu báo cáo do hệ thống tạo ra (hoặc đã được sao chép sang "
        "tệp khác). Hãy tải mẫu Excel tại trang báo cáo, điền vào đó rồi tải lên."
    ) % {"name": filename}
    if META_SHEET not in book.rows:
        raise ImportInvalid([not_ours])
    lines = [
        [cell_text(c).strip() for c in line]
        for line in book.rows[META_SHEET]
        if any(cell_text(c).strip() for c in line)
    ]
    if not lines or lines[0][:1] != ["signature"] or len(lines[0]) < 2:
        raise ImportInvalid([not_ours])
    signature = lines[0][1]
    signed = []
    for line in lines[1:]:
        width = {"header": 3, "entry": 9}.get(line[0], 2)
        signed.append((line + [""] * width)[:width])
    if not constant_time_compare(signature, sign(signed)):
        raise ImportInvalid(
            [
                _(
                    "Phần thông tin ẩn của tệp “%(name)s” đã bị sửa hoặc tệp không do hệ thống "
                    "tạo ra, nên không thể biết các dòng thuộc chỉ tiêu nào. Hãy tải mẫu mới tại "
                    "trang báo cáo, điền lại rồi tải lên."
                )
                % {"name": filename}
            ]
        )
    meta = {"headers": {}, "entries": []}
    for line in signed:
        if line[0] == "header":
            meta["headers"][int(line[1])] = line[2]
        elif line[0] == "entry":
            meta["entries"].append(line[1:])
        else:
            meta[line[0]] = line[1]
    if meta.get("kind") != KIND or meta.get("version") != FORMAT_VERSION:
        raise ImportInvalid([not_ours])
    return meta


def read_rows(book, meta: dict, submission: Submission) -> list[ParsedRow]:
    sheet = meta["data_sheet"]
    header_row = int(meta["header_row"])
    problems: list[str] = []
    if sheet not in book.rows:
        raise ImportInvalid(
            [
                _(
                    "Tệp không còn trang “%(sheet)s”; hãy tải mẫu mới tại trang báo cáo rồi điền "
                    "lại."
                )
                % {"sheet": sheet}
            ]
        )
    grid = book.rows[sheet]
    for col, header in meta["headers"].items():
        found = cell_text(_cell(grid, header_row, col)).strip()
        if found != header:
            problems.append(
                problem_text(
                    sheet,
                    header_row,
                    col,
                    header,
                    _(
                        "tiêu đề cột đã bị đổi thành “%(found)s” (có thể do thêm, xóa hoặc đổi "
                        "chỗ cột); hãy tải mẫu mới rồi điền lại"
                    )
                    % {"found": found},
                )
            )
    if problems:
        raise ImportInvalid(problems)

    entries = {
        e.pk: e
        for e in SubmissionEntry.objects.filter(submission=submission).select_related(
            "target__indicator", "unit"
        )
    }
    expected = {int(m[0]): m for m in meta["entries"]}
    labels = {pk: entry_label(e, submission) for pk, e in entries.items()}
    fields = field_labels()

    # The file's own number convention settles "1.234" (Vietnamese unless it shows English).
    english = (get_language() or "vi").startswith("en")
    reader = text.NumberReader.english_page() if english else text.NumberReader()
    for line in grid[header_row:]:
        for col in (COL_VALUE, COL_NUMERATOR, COL_DENOMINATOR):
            if col - 1 < len(line):
                reader.observe(line[col - 1])

    parsed: list[ParsedRow] = []
    seen: dict[int, int] = {}
    for r in range(header_row + 1, len(grid) + 1):
        raw_id = _cell(grid, r, COL_ID)
        inputs = [_cell(grid, r, c) for c in INPUT_COLUMNS.values()]
        if raw_id == "":
            if any(v != "" for v in inputs):
                problems.append(
                    problem_text(
                        sheet,
                        r,
                        None,
                        "",
                        _(
                            "dòng này không thuộc mẫu (không có mã dòng) nên không biết là chỉ "
                            "tiêu nào; hãy chuyển số liệu vào đúng dòng của chỉ tiêu rồi xóa dòng "
                            "này"
                        ),
                    )
                )
            continue
        text_id = cell_text(raw_id).strip()
        entry_id = int(text_id) if text_id.isdigit() else None
        if entry_id is None or entry_id not in expected or entry_id not in entries:
            problems.append(
                problem_text(
                    sheet,
                    r,
                    COL_ID,
                    _("Mã dòng"),
                    _("mã dòng “%(id)s” không thuộc báo cáo này; hãy tải mẫu mới")
                    % {"id": text_id},
                )
            )
            continue
        if entry_id in seen:
            problems.append(
                problem_text(
                    sheet,
                    r,
                    None,
                    "",
                    _("dòng của chỉ tiêu %(target)s bị lặp lại (đã có ở dòng %(first)s)")
                    % {"target": labels[entry_id], "first": seen[entry_id]},
                )
            )
            continue
        seen[entry_id] = r
        entry = entries[entry_id]
        kind = expected[entry_id][2]
        template = dict(
            zip(
                ("value", "numerator", "denominator", "status", "note"),
                expected[entry_id][3:8],
                strict=True,
            )
        )
        parsed_row = _parse_row(grid, r, entry, kind, labels[entry_id], sheet, fields, reader)
        if isinstance(parsed_row, ParsedRow):
            parsed_row.template = template
        if isinstance(parsed_row, list):
            problems.extend(parsed_row)
        else:
            parsed.append(parsed_row)
    for entry_id, m in expected.items():
        if entry_id not in seen:
            label = labels.get(entry_id, f"#{entry_id}")
            problems.append(
                _(
                    "Trang '%(sheet)s': không thấy dòng của chỉ tiêu %(target)s (dòng %(row)s "
                    "trong mẫu) — có thể đã bị xóa; hãy khôi phục dòng đó hoặc tải mẫu mới."
                )
                % {"sheet": sheet, "target": label, "row": m[1]}
            )
    if problems:
        raise ImportInvalid(problems)
    return parsed


def _parse_row(grid, r, entry, kind, label, sheet, fields, reader):
    """One data row as canonical texts, or the list of its problems."""
    problems: list[str] = []

    def bad(field: str, message: str) -> None:
        col = INPUT_COLUMNS[field]
        problems.append(problem_text(sheet, r, col, f"{fields[field]} — {label}", message))

    out = {"value": "", "numerator": "", "denominator": ""}
    written = ""
    raw_value = _cell(grid, r, COL_VALUE)
    if kind == YES_NO:
        try:
            met = text.read_yes_no(raw_value)
            out["value"] = "" if met is None else str(int(met))
        except text.TextError as exc:
            bad("value", exc.problem.text)
    else:
        fields_to_read = ("value", "numerator", "denominator") if kind == RATIO else ("value",)
        for field in fields_to_read:
            try:
                cell = _cell(grid, r, INPUT_COLUMNS[field])
                if field == "value":
                    value, written = workflow.figure_value(entry.target, cell, reader)
                else:
                    value = text.read_cell_number(cell, reader)
                out[field] = canon(value)
            except text.TextError as exc:
                bad(field, exc.problem.text)
        if kind == RATIO and not problems:
            _check_ratio(entry, out, bad)
    if kind != RATIO:
        for field in ("numerator", "denominator"):
            if _cell(grid, r, INPUT_COLUMNS[field]) != "":
                bad(
                    field,
                    _("chỉ tiêu này không nhập tử số, mẫu số; hãy để trống ô này"),
                )
    status = ValueStatus.ESTIMATE
    try:
        status = text.read_status(_cell(grid, r, COL_STATUS)) or ValueStatus.ESTIMATE
    except text.TextError as exc:
        bad("status", exc.problem.text)
    note = clean_text(cell_text(_cell(grid, r, COL_NOTE)))
    if len(note) > NOTE_MAX:
        bad(
            "note",
            _("ghi chú dài %(n)s ký tự, tối đa %(max)s")
            % {"n": number(len(note), 0), "max": number(NOTE_MAX, 0)},
        )
    if problems:
        return problems
    out["status"] = status
    out["note"] = note_key(note)
    return ParsedRow(entry, kind, r, out, note, {}, written)


def _check_ratio(entry: SubmissionEntry, out: dict[str, str], bad) -> None:
    """The rules submission_save applies to a ratio, checked here to list every problem at once."""
    num, den, value = (
        Decimal(out[f]) if out[f] else None for f in ("numerator", "denominator", "value")
    )
    check = ratios.ratio_check(num, den, value, entry.target.indicator.ratio_factor)
    if check.ok:
        return
    messages = {
        ratios.MISSING_PART: _("phải nhập cả tử số và mẫu số, hoặc bỏ trống cả hai"),
        ratios.ZERO_DENOMINATOR: _("mẫu số phải khác 0"),
        ratios.NEGATIVE: _("tử số và mẫu số không được âm"),
        ratios.MISMATCH: _(
            "tỷ lệ %(value)s không khớp tử số / mẫu số (%(computed)s); để trống ô "
            "Giá trị để hệ thống tự tính"
        )
        % {"value": number(value, 4), "computed": number(check.computed, 4)},
    }
    bad(check.field, messages[check.problem])
