"""Reading a resolution sheet: where its parts are, each row as a target, task or group, and
the checks across rows (duplicate numbers, composites, indicators, the user's scope).

Nothing is written: :func:`read_plan` returns the rows and every problem found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans.choices import (
    Aggregation,
    TargetChange,
    TargetDirection,
    Temporal,
)
from nghiquyet.plans.models import Indicator
from nghiquyet.text import cell_text, label_key, word_map
from nghiquyet.text.problems import TextError
from nghiquyet.text.targets import read_target, render_target
from nghiquyet.text.targets import target_fields as target_fields_of

from ..problems import ImportInvalid
from ..xlsx_safety import inspect_xlsx
from .check import cross_check
from .parse import (
    AGGREGATION_WORDS,
    CHANGE_WORDS,
    DIRECTION_WORDS,
    TEMPORAL_WORDS,
    Cells,
    code_kind,
    meta_value,
    observe_figures,
    target_figures,
)
from .spec import Field, field_labels, meta_fields, target_fields, task_fields


@dataclass
class TargetRow:
    row: int
    code: str
    name: str
    group: str | None
    statement: str = ""
    indicator_code: str = ""
    indicator: Indicator | None = None
    uom: str = ""
    direction: str = TargetDirection.HIGHER
    value: Decimal | None = None
    high: Decimal | None = None
    tolerance: Decimal | None = None
    change: int = TargetChange.NONE
    temporal: str = Temporal.ANNUAL
    aggregation: str = Aggregation.NONE
    lead: OrgUnit | None = None
    partners: list[OrgUnit] = field(default_factory=list)
    composite: str = ""
    figures_given: set[str] = field(default_factory=set)
    #: the target as the resolution words it ("từ 11% trở lên"), and what it sets beyond
    #: the columns (strict bound, a change beside the level, how a change is measured)
    wording: str = ""
    form: dict = field(default_factory=dict)
    #: the STT of the target this is a "trong đó" part of
    part_of: str = ""


@dataclass
class TaskRow:
    row: int
    code: str
    title: str
    group: str | None
    owner: OrgUnit | None = None
    partners: list[OrgUnit] = field(default_factory=list)
    product: str = ""
    deadline: dt.date | None = None


@dataclass
class ParsedPlan:
    meta: dict
    groups: list[tuple[str, str]]
    targets: list[TargetRow]
    task_groups: list[tuple[str, str]]
    tasks: list[TaskRow]


def _find_sheet(book) -> str:
    wanted = {label_key("Nghị quyết"), label_key(_("Nghị quyết")), "nghi_quyet", "plan"}
    visible = [n for n in book.names if n not in book.hidden]
    for name in visible:
        if label_key(name) in wanted:
            return name
    return visible[0] if visible else book.names[0]


def _header_map(sheet: Cells, row: int, fields: list[Field]) -> dict[str, int]:
    line = sheet.rows[row - 1]
    wanted = {}
    for f in fields:
        for alias in (*field_labels(f), f.name, *f.aliases):
            wanted.setdefault(label_key(alias), f)
    index: dict[str, int] = {}
    for col, value in enumerate(line, start=1):
        f = wanted.get(label_key(value))
        if f is not None and f.name not in index:
            index[f.name] = col
    for f in fields:
        if f.required and f.name not in index:
            sheet.bad(
                row, None, "", _("thiếu cột “%(label)s” trong dòng tiêu đề") % {"label": f.label}
            )
    return index


def _is_header(sheet: Cells, row: int, second: set[str]) -> bool:
    return label_key(sheet.cell(row, 1)) in {"stt", "so_thu_tu", "tt"} and label_key(
        sheet.cell(row, 2)
    ) in {label_key(s) for s in second}


def _is_blank(sheet: Cells, row: int) -> bool:
    line = sheet.rows[row - 1]
    return all(v == "" or v is None or (isinstance(v, str) and not v.strip()) for v in line)


def read_plan(book, user) -> tuple[Cells, ParsedPlan]:
    name = _find_sheet(book)
    sheet = Cells(name, book.rows[name], user)
    n = len(sheet.rows)
    target_names = {
        label for f in target_fields() if f.name == "name" for label in field_labels(f)
    } | {
        "Tên chỉ tiêu",
        "Chỉ tiêu",
    }
    task_names = {
        label for f in task_fields() if f.name == "title" for label in field_labels(f)
    } | {
        "Nhiệm vụ",
        "Nhiệm vụ, giải pháp",
    }
    target_header = next((r for r in range(1, n + 1) if _is_header(sheet, r, target_names)), None)
    task_header = next((r for r in range(1, n + 1) if _is_header(sheet, r, task_names)), None)
    if target_header is None:
        raise ImportInvalid(
            [
                _(
                    "Trang '%(sheet)s': không thấy dòng tiêu đề của phần chỉ tiêu (ô đầu là “STT”, "
                    "ô kế là “Tên chỉ tiêu”). Hãy dùng mẫu tải từ hệ thống."
                )
                % {"sheet": name}
            ]
        )
    meta = _parse_meta(sheet, 1, target_header - 1)
    t_end = (task_header - 1) if task_header and task_header > target_header else n
    groups, targets = _parse_targets(sheet, target_header, t_end)
    task_groups, tasks = [], []
    if task_header:
        if task_header < target_header:
            sheet.bad(task_header, None, "", _("phần nhiệm vụ phải nằm sau phần chỉ tiêu"))
        else:
            task_groups, tasks = _parse_tasks(sheet, task_header, n)
    cross_check(sheet, meta, targets, tasks)
    return sheet, ParsedPlan(meta, groups, targets, task_groups, tasks)


def _parse_meta(sheet: Cells, first: int, last: int) -> dict:
    fields = meta_fields()
    words = {}
    for f in fields:
        for alias in (*field_labels(f), f.name, *f.aliases):
            words.setdefault(label_key(alias), f)
    found: dict[str, tuple[int, int | None, object]] = {}
    for r in range(first, last + 1):
        f = words.get(label_key(sheet.cell(r, 1)))
        if f is None:
            continue
        col = next(
            (
                c
                for c in range(2, len(sheet.rows[r - 1]) + 1)
                if sheet.text(r, c) and c < 8  # hints stand from column H
            ),
            None,
        )
        found[f.name] = (r, col, sheet.cell(r, col) if col else "")
    meta: dict = {"rows": {}}
    for f in fields:
        if f.name not in found:
            if f.required:
                sheet.bad(
                    last + 1 if last >= first else first,
                    None,
                    "",
                    _("thiếu dòng “%(label)s” trong phần thông tin văn bản") % {"label": f.label},
                )
            continue
        r, col, raw = found[f.name]
        meta["rows"][f.name] = (r, col or 3)
        text = cell_text(raw).strip() if raw not in ("", None) else ""
        if not text:
            if f.required:
                sheet.bad(r, col or 3, f.label, _("chưa ghi"))
            continue
        meta[f.name] = meta_value(sheet, f, r, col, raw, text)
    return meta


def _is_section_title(sheet: Cells, r: int) -> bool:
    key = label_key(sheet.cell(r, 1))
    rest = any(sheet.text(r, c) for c in range(2, len(sheet.rows[r - 1]) + 1))
    return not rest and key.lstrip("ab_").startswith(("chi_tieu", "nhiem_vu", "cac_chi_tieu"))


def _parse_targets(sheet: Cells, header: int, last: int):
    fields = {f.name: f for f in target_fields()}
    cols = _header_map(sheet, header, list(fields.values()))
    if "code" not in cols or "name" not in cols:
        return [], []
    groups: list[tuple[str, str]] = []
    targets: list[TargetRow] = []
    group = None
    directions, changes = word_map(DIRECTION_WORDS), word_map(CHANGE_WORDS)
    temporals, aggregations = word_map(TEMPORAL_WORDS), word_map(AGGREGATION_WORDS)
    observe_figures(sheet, range(header + 1, last + 1), [cols.get("value"), cols.get("high")])
    for r in range(header + 1, last + 1):
        if _is_blank(sheet, r) or _is_section_title(sheet, r):
            continue
        kind, code, gname = code_kind(sheet, r, cols["code"], cols["name"])
        if kind == "group":
            if not gname:
                sheet.bad(r, cols["name"], fields["name"].label, _("dòng nhóm chưa có tên nhóm"))
            groups.append((code, gname))
            group = code
            continue
        if kind == "bad":
            sheet.bad(
                r,
                cols["code"],
                fields["code"].label,
                _(
                    "“%(text)s” không hợp lệ: nhóm ghi số La Mã (I, II…), chỉ tiêu ghi số (1, 2, "
                    "2.1, 37a…)"
                )
                % {"text": code},
            )
            continue
        name = sheet.text(r, cols["name"])
        label = f"{code}. {name}" if name else code

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        t = TargetRow(r, code, name, group)
        if not name:
            sheet.bad(r, cols["name"], fields["name"].label, _("chỉ tiêu chưa có tên"))
        elif len(name) > 255:
            sheet.bad(r, cols["name"], what("name"), _("tên dài quá 255 ký tự"))
        t.statement = sheet.text(r, cols.get("statement"))
        t.indicator_code = sheet.text(r, cols.get("indicator"))
        t.uom = sheet.text(r, cols.get("uom"))
        if len(t.uom) > 64:
            sheet.bad(r, cols.get("uom"), what("uom"), _("dài quá 64 ký tự"))
        t.direction = sheet.choice(
            r,
            cols.get("direction"),
            what("direction"),
            directions,
            TargetDirection.HIGHER,
            _("tăng, giảm, đạt"),
        )
        t.value, t.high, t.tolerance, t.figures_given = target_figures(
            sheet, r, cols, what, t.direction
        )
        t.change = sheet.choice(
            r,
            cols.get("change"),
            what("change"),
            changes,
            TargetChange.NONE,
            _("—, tăng % so cùng kỳ, giảm % so cùng kỳ"),
        )
        t.temporal = sheet.choice(
            r,
            cols.get("temporal"),
            what("temporal"),
            temporals,
            Temporal.ANNUAL,
            _("trong năm, mức, cộng dồn, bình quân"),
        )
        t.aggregation = sheet.choice(
            r,
            cols.get("aggregation"),
            what("aggregation"),
            aggregations,
            Aggregation.NONE,
            _("cộng, tỷ lệ, không"),
        )
        lead = sheet.text(r, cols.get("lead"))
        if lead:
            t.lead = sheet.unit(r, cols.get("lead"), what("lead"), lead)
        t.partners = sheet.units(r, cols.get("partners"), what("partners"))
        t.composite = sheet.text(r, cols.get("composite")).rstrip(".")
        targets.append(t)
        t.wording = sheet.text(r, cols.get("wording"))
        if t.wording:
            targets += _apply_wording(sheet, r, cols, t, what("wording"))
    sheet.columns_targets = cols
    return groups, targets


def _apply_wording(sheet: Cells, r: int, cols: dict[str, int], t: TargetRow, what: str):
    """Read the target's wording into what the other columns left empty; its "trong đó"
    parts as rows of their own (STT 1.1, 1.2…) under it."""
    try:
        form = read_target(t.wording, name=t.name)
    except TextError as exc:
        sheet.bad(r, cols.get("wording"), what, exc.problem.text)
        return []
    fields = target_fields_of(form)
    _fill_from_form(sheet, r, cols, t, fields)
    if not t.statement:
        t.statement = t.wording
    parts = []
    for k, (name, part) in enumerate(fields.parts, start=1):
        sub = TargetRow(r, f"{t.code}.{k}", (name[:1].upper() + name[1:]) or t.name, t.group)
        sub.lead, sub.partners, sub.temporal = t.lead, t.partners, t.temporal
        sub.aggregation = t.aggregation
        sub.part_of = t.code
        sub.wording = render_target(form.parts[k - 1].form)
        sub.statement = sub.wording
        _fill_from_form(sheet, r, {}, sub, part)
        parts.append(sub)
    return parts


def _fill_from_form(sheet: Cells, r: int, cols: dict[str, int], t: TargetRow, fields) -> None:
    if not sheet.text(r, cols.get("direction")):
        t.direction = fields.direction
    if "value" not in t.figures_given and "high" not in t.figures_given:
        t.value, t.high = fields.target_value, fields.target_high
        if t.value is not None:
            t.figures_given.add("value")
    if "tolerance" not in t.figures_given and fields.tolerance is not None:
        t.tolerance = fields.tolerance
    if not sheet.text(r, cols.get("change")):
        t.change = fields.change
    if not sheet.text(r, cols.get("temporal")) and fields.temporal:
        t.temporal = fields.temporal
    if not t.uom and fields.unit:
        t.uom = fields.unit[:64]
    t.form = {
        "strict": fields.strict,
        "change_measure": fields.change_measure,
        "with_change": fields.with_change,
        "with_change_low": fields.with_change_low,
        "with_change_high": fields.with_change_high,
    }


def _parse_tasks(sheet: Cells, header: int, last: int):
    fields = {f.name: f for f in task_fields()}
    cols = _header_map(sheet, header, list(fields.values()))
    if "code" not in cols or "title" not in cols:
        return [], []
    groups: list[tuple[str, str]] = []
    tasks: list[TaskRow] = []
    group = None
    for r in range(header + 1, last + 1):
        if _is_blank(sheet, r) or _is_section_title(sheet, r):
            continue
        kind, code, gname = code_kind(sheet, r, cols["code"], cols["title"])
        if kind == "group":
            if not gname:
                sheet.bad(r, cols["title"], fields["title"].label, _("dòng nhóm chưa có tên nhóm"))
            elif len(gname) > 500:
                sheet.bad(r, cols["title"], fields["title"].label, _("tên nhóm dài quá 500 ký tự"))
            groups.append((code, gname))
            group = code
            continue
        if kind == "bad":
            sheet.bad(
                r,
                cols["code"],
                fields["code"].label,
                _("“%(text)s” không hợp lệ: nhóm ghi số La Mã (I, II…), nhiệm vụ ghi số (1, 2…)")
                % {"text": code},
            )
            continue
        title = sheet.text(r, cols["title"])
        label = f"{code}. {title[:60]}" if title else code

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        task = TaskRow(r, code, title, group)
        if not title:
            sheet.bad(r, cols["title"], fields["title"].label, _("nhiệm vụ chưa có nội dung"))
        elif len(title) > 500:
            sheet.bad(r, cols["title"], what("title"), _("dài quá 500 ký tự"))
        owner = sheet.text(r, cols.get("owner"))
        if owner:
            task.owner = sheet.unit(r, cols.get("owner"), what("owner"), owner)
        else:
            sheet.bad(
                r,
                cols.get("owner"),
                what("owner"),
                _("nhiệm vụ phải có đơn vị chủ trì (“có việc, có người”)"),
            )
        task.partners = sheet.units(r, cols.get("partners"), what("partners"))
        task.product = sheet.text(r, cols.get("product"))
        if not task.product:
            sheet.bad(
                r,
                cols.get("product"),
                what("product"),
                _("nhiệm vụ phải có sản phẩm (“có việc, có người, có sản phẩm”)"),
            )
        elif len(task.product) > 500:
            sheet.bad(r, cols.get("product"), what("product"), _("dài quá 500 ký tự"))
        task.deadline = sheet.date(r, cols.get("deadline"), what("deadline"), ongoing_ok=True)
        tasks.append(task)
    sheet.columns_tasks = cols
    return groups, tasks


def plan_import_size(data: bytes, filename: str) -> int:
    """Rows of the resolution sheet (checks the file first): how big an import is."""
    stats = inspect_xlsx(data, filename)
    wanted = {label_key("Nghị quyết"), label_key(_("Nghị quyết"))}
    sheet = next((s for s in stats.sheets if label_key(s.name) in wanted), None)
    if sheet is None and stats.sheets:
        sheet = stats.sheets[0]
    return sheet.rows if sheet is not None else 0
