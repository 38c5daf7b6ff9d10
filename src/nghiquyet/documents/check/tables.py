"""Claims in tables: a row per target, as our reviews print them (Bảng 1 and the appendix:
STT, Chỉ tiêu, ĐVT, Kế hoạch, Thực hiện, % kế hoạch, So với cùng kỳ, Đánh giá) and as offices
type them (two header rows, "Năm 2022" over "Kế hoạch" and "Thực hiện", "So sánh (%)" over
"KH" and "CK", a row of column numbers, the header repeated further down, merged cells).

The columns are known by their headings; a row's target by its name cell. Each figure cell
is a claim: the actual ("thực hiện", "kết quả", "ước thực hiện"), the plan ("kế hoạch",
"chỉ tiêu nghị quyết"), the rate ("% kế hoạch", "so với KH (%)") and the rating ("đánh giá":
the scheme's labels, or "đạt" / "không đạt"). A table without a name column and one of the
actual, rate or rating columns (the forecast, a task list, a letterhead) is not read. A row
whose name matches no target but shows figures is a claim not found in the data.
"""

from __future__ import annotations

import re

from nghiquyet import engine
from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetDirection
from nghiquyet.reporting.selectors.evaluation import TargetResult
from nghiquyet.text.problems import TextError
from nghiquyet.text.words import fold, label_key
from nghiquyet.text.yesno import read_yes_no

from ..sentences import is_growth_rate
from .claims import (
    DIFFERENCE,
    NUMBER,
    PERCENT,
    POINTS,
    QUALIFIERS,
    RIGHT,
    UNMATCHED,
    WRONG,
    Claim,
    decimals,
    judge,
    judge_change,
    number,
    same,
    scale_factor,
    target_label,
)
from .prose import Reader

ACTUAL, PLAN, RATE, RATING, NAME, UNIT, CODE, YOY = (
    "actual",
    "plan",
    "rate",
    "rating",
    "name",
    "unit",
    "code",
    "yoy",
)
#: The columns whose cells are claims, in the order they are checked.
CHECKED = (ACTUAL, PLAN, RATE, YOY, RATING)
_EMPTY = {"", "-", "–", "—", "x", "...", "…"}


def _has(folded: str, *words: str) -> bool:
    return any(re.search(rf"(?:^|_){w}(?:_|$)", folded) for w in words)


def column_role(text: str) -> str | None:
    """What a column holds, from its heading ("Thực hiện năm 2022" → actual)."""
    folded = fold(text)
    if not folded:
        return None
    if folded.startswith(("thoi_gian", "co_quan", "don_vi_chu_tri", "don_vi_thuc_hien")):
        return None  # a task list's columns
    if _has(folded, "cung_ky", "ck", "nam_truoc"):
        return YOY
    if re.match(r"so_voi_\d+%_(kh|ke_hoach)", folded) or _has(folded, "tien_do"):
        return None  # the half-year pace beside "% kế hoạch năm" ("So với 50% KH năm")
    if _has(folded, "danh_gia", "xep_loai", "muc_do"):
        return RATING
    plan_word = _has(folded, "ke_hoach", "kh", "nghi_quyet", "nq", "du_toan", "chi_tieu_giao")
    if (plan_word and ("%" in text or _has(folded, "so_voi", "so_sanh", "ty_le", "dat"))) or (
        _has(folded, "ty_le_dat", "ty_le_hoan_thanh")
    ):
        return RATE
    if folded in ("dvt", "don_vi_tinh", "don_vi") or folded.startswith("don_vi_tinh"):
        return UNIT
    if _has(folded, "thuc_hien", "th", "ket_qua", "uoc_dat", "uoc_th"):
        return ACTUAL
    if plan_word or _has(folded, "muc_tieu") or re.match(r"chi_tieu_(nhiem_ky|nam)", folded):
        return PLAN
    if _has(folded, "chi_tieu", "noi_dung", "ten_chi_tieu", "chi_tieu_chu_yeu"):
        return NAME
    if folded in ("stt", "tt", "so_tt", "ma", "ma_so"):
        return CODE
    return None


def _texts(row) -> list[str]:
    return [" ".join(c.text.split()) for c in row.cells]


def _header_like(texts: list[str]) -> bool:
    distinct = list(dict.fromkeys(t for t in texts if t))
    return sum(1 for t in distinct if column_role(t)) >= 2


def _columns(rows, year: int) -> tuple[int, dict[str, int]] | None:
    """(how many header rows, {role: column}) of a table, or None when it is not a table
    of targets' results."""
    start = next((i for i, row in enumerate(rows[:4]) if _header_like(_texts(row))), None)
    if start is None:
        return None  # a caption row or two may stand above the header, no more
    header = start
    while header < len(rows) and header < start + 3 and _header_like(_texts(rows[header])):
        header += 1
    width = max(len(row.cells) for row in rows[start:header])
    found: dict[str, list[tuple[int, str]]] = {}
    for col in range(width):
        parts = []
        for row in rows[start:header]:
            cells = row.cells
            if col < len(cells):
                text = " ".join(cells[col].text.split())
                if text and text not in parts:
                    parts.append(text)
        heading = " ".join(parts)
        role = column_role(heading)
        if role is None and len(parts) > 1:  # "Năm 2022" over "Kế hoạch"
            role = column_role(parts[-1])
        if role:
            found.setdefault(role, []).append((col, heading))
    columns = {}
    for role, cols in found.items():
        # Two actual columns ("Thực hiện 2021", "Thực hiện 2022"): the period's year, else the
        # last.
        this_year = [c for c, h in cols if str(year) in h]
        columns[role] = this_year[-1] if this_year else cols[-1][0]
    if NAME not in columns or not any(r in columns for r in (ACTUAL, RATE, RATING)):
        return None
    return header, columns


def _clean_name(text: str) -> str:
    text = re.sub(r"\([^()]*\)", " ", text)
    text = re.sub(r"^[\s\-–+*•·]+", "", text)
    text = re.sub(r"^trong đó\s*:?\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.rstrip(" :").split()).lower()


def _target(reader: Reader, name: str) -> TargetResult | None:
    exact = next((r for n, r in reader.named if n == name), None)
    if exact is not None:
        return exact
    return next((r for n, r in reader.named if n in name), None)


def _first_figure(text: str, r: TargetResult | None = None) -> tuple[str, str] | None:
    """(the figure, the qualifier word before it) a cell states first: "7,35", "−2,52",
    "giảm 1,9", "trên 90"."""
    m = re.search(NUMBER, text)
    if not m:
        return None
    figure = m.group(0).replace("−", "-")
    lead = text[: m.start()].lower()
    if r is not None and is_growth_rate(r.target) and re.search(r"giảm\s*$", lead):
        figure = "-" + figure.lstrip("-")
    qualifier = re.search(r"(" + "|".join(QUALIFIERS) + r")\s+$", lead)
    return figure, qualifier.group(1) if qualifier else ""


def _plan_claim(
    text: str, r: TargetResult, where: str, claim_text: str, factor: float = 1.0
) -> Claim | None:
    t = r.target
    figures = [m.group(0).lstrip("-−") for m in re.finditer(NUMBER, text)][:2]
    if not figures or t.direction == TargetDirection.YES_NO:
        return None
    label = target_label(r)
    if t.target_value is None:
        return Claim(claim_text, label, text, "", UNMATCHED, where)
    low = float(t.target_value) * factor
    high = float(t.target_high) * factor if t.target_high is not None else low
    if len(figures) == 1:
        ok = same(figures[0], low) or same(figures[0], high)
    else:
        ok = same(figures[0], low) and same(figures[1], high)
    return Claim(claim_text, label, text, display.target_text(t), RIGHT if ok else WRONG, where)


def _rating_claim(reader: Reader, text: str, r: TargetResult, where, claim_text) -> Claim | None:
    key = next(
        (k for k, label in reader.ev.labels.items() if label_key(label) == label_key(text)), None
    )
    said = None
    if key is None:
        try:
            said = read_yes_no(text)
        except TextError:
            return None  # a remark, not a rating
        if said is None:
            return None
    label = target_label(r)
    if key == engine.NO_DATA and r.class_key == engine.NO_DATA:
        return None  # "chưa có số liệu", and there is none: nothing claimed
    if key != engine.NO_DATA and (r.class_key == engine.NO_DATA or r.actual is None):
        return Claim(claim_text, label, text, "", UNMATCHED, where)
    ok = key == r.class_key if key is not None else said == r.met
    return Claim(claim_text, label, text, r.class_label, RIGHT if ok else WRONG, where)


def _change_cell(text: str, r: TargetResult, where: str, claim_text: str) -> Claim | None:
    """ "+13,2%", "−0,71 điểm %", "giảm 5 xã", or unsigned "114" of a "(%)" column: 114% of
    last year, as many offices' tables write it (a change of 14%; read either way)."""
    m = re.search(NUMBER, text)
    if m is None:
        return None
    lead = text[: m.start()].lower()
    figure = m.group(0).replace("−", "-")
    signed = figure[0] in "+-" or re.search(r"(tăng|giảm)\s*$", lead)
    figure = figure.lstrip("+")
    if re.search(r"giảm\s*$", lead):
        figure = "-" + figure.lstrip("-")
    after = text[m.end() :].lower()
    kind = (
        POINTS
        if "điểm" in after
        else (PERCENT if "%" in after or not after.strip() else DIFFERENCE)
    )
    claim = judge_change(claim_text, r, figure, kind, where)
    if claim.verdict == WRONG and not signed and kind == PERCENT:
        change = f"{float(number(figure)) - 100.0:.{decimals(figure)}f}".replace(".", ",")
        ratio = judge_change(claim_text, r, change, kind, where)
        if ratio.verdict == RIGHT:
            claim = ratio
    claim.claimed = text
    return claim


def _cell_claim(
    reader: Reader, role: str, text: str, r: TargetResult, where: str, row_name, factor=1.0
):
    claim_text = f"{row_name} — {text}"
    if role == YOY:
        return _change_cell(text, r, where, claim_text)
    if role == PLAN:
        return _plan_claim(text, r, where, claim_text, factor)
    if role == RATING:
        return _rating_claim(reader, text, r, where, claim_text)
    if role == ACTUAL and r.target.direction == TargetDirection.YES_NO:
        try:
            said = read_yes_no(text)
        except TextError:
            return None
        if said is None:
            return None
        if r.actual is None:
            return Claim(claim_text, target_label(r), text, "", UNMATCHED, where)
        verdict = RIGHT if float(said) == r.actual else WRONG
        return Claim(
            claim_text, target_label(r), text, display.yes_no_text(r.actual), verdict, where
        )
    found = _first_figure(text, r)
    if found is None:
        return None
    figure, word = found
    if role == RATE:
        value = r.annual_rate if r.expected_share < 1.0 else r.rate
        return judge(claim_text, r, figure + "%", value, where, rate=True)
    qualifier = QUALIFIERS.get(word, "")
    value = r.actual * factor if r.actual is not None else None
    return judge(claim_text, r, figure, value, where, qualifier=qualifier, shown=word)


def table_claims(reader: Reader, index: int, table) -> list[Claim]:
    """The claims of one table (``index``: its place among the document's tables)."""
    rows = list(table.rows)
    found = _columns(rows, reader.ev.period.year)
    if found is None:
        return []
    header, columns = found
    first = _texts(rows[header - 1])
    header_name = first[columns[NAME]] if columns[NAME] < len(first) else ""
    composites = {
        n.lower() for row in reader.ev.rows if row.target.is_composite for n in (row.target.name,)
    }
    claims: list[Claim] = []
    for ri in range(header, len(rows)):
        texts = _texts(rows[ri])
        if columns[NAME] >= len(texts):
            continue
        raw_name = texts[columns[NAME]]
        if raw_name == header_name or _header_like(texts):
            continue  # the header again (a table pasted from two pages)
        if re.fullmatch(r"\(?\w{1,2}\)?", raw_name) or not raw_name:
            continue  # the row of column numbers "(1) (2) (3)"
        name = _clean_name(raw_name)
        if name in composites:
            continue
        r = _target(reader, name)
        cells = {
            role: (col, texts[col])
            for role, col in columns.items()
            if role in CHECKED and col < len(texts) and texts[col] not in _EMPTY
        }
        if r is None:
            figure = next((ct for ct in cells.values() if re.search(r"\d", ct[1])), None)
            if figure is not None:
                col, text = figure
                where = f"t{index}.{ri}.{col}"
                claims.append(Claim(f"{raw_name} — {text}", raw_name, text, "", UNMATCHED, where))
            continue
        # The row's unit ("tỷ USD" of a target counted in triệu USD): its own column, or in
        # brackets after the name.
        unit = texts[columns[UNIT]] if UNIT in columns and columns[UNIT] < len(texts) else ""
        bracket = re.search(r"\(([^()]*)\)\s*$", raw_name)
        factor = scale_factor(unit.lower() or (bracket.group(1).lower() if bracket else ""), r)
        for role in CHECKED:
            if role not in cells:
                continue
            col, text = cells[role]
            where = f"t{index}.{ri}.{col}"
            claim = _cell_claim(reader, role, text, r, where, raw_name, factor)
            if claim is not None:
                claims.append(claim)
    return claims
