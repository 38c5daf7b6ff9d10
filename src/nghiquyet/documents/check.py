"""Check a draft review's figures against the data.

An office hands in any draft review (.docx: one this system made and people edited, or one
typed by hand) for a plan and a period. :func:`check_report` finds every claim in it —
the headline's counts ("15/25 chỉ tiêu đạt và vượt"), each target's figure ("GRDP tăng
7,35%", "thu ngân sách nhà nước đạt 6.388,3 tỷ đồng, bằng 109,58% kế hoạch", "có 103 xã
đạt chuẩn") —, matches it to its target and checks it against the evaluation of the plan
for the period: **right**, **wrong** (with the right figure) or **unmatched** (the figure
is not in the data). :func:`annotate_docx` returns the document with a Word comment on
each claim and a summary page at the end.

A figure is right when it equals the data as rounded to the decimals it is written with
("7,35" for 7,3512; "109,58%" for 109,576%).
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_BREAK

from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetDirection
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult
from nghiquyet.text.numbers import read_number
from nghiquyet.text.problems import TextError

from .sentences import is_growth_rate

RIGHT = "right"
WRONG = "wrong"
UNMATCHED = "unmatched"
VERDICT_WORDS = {RIGHT: "Đúng", WRONG: "Sai", UNMATCHED: "Không có trong số liệu"}

#: A number as reports write it: "6.388,3", "7,35", "103", "-2,52".
_NUMBER = r"[-−]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−]?\d+(?:,\d+)?"
_COUNT = re.compile(r"(?<![\d.,])(\d+)\s*/\s*(\d+)\s+chỉ tiêu\s+([^;:.,()]+)", re.IGNORECASE)
_RATE = re.compile(rf"(?:bằng|đạt)\s+({_NUMBER})\s*%\s*(?:so với\s+)?(?:kế hoạch|KH|dự toán)")
_CLAUSES = re.compile(r"[;:]|\.(?:\s|$)")


@dataclass
class Claim:
    """One figure a document states, and what the data says of it."""

    text: str
    target: str
    claimed: str
    actual: str
    verdict: str
    #: where it is: index of the paragraph (or ``t<table>.<row>.<cell>``)
    where: str = field(default="", repr=False)


@dataclass
class CheckResult:
    claims: list[Claim]

    @property
    def counts(self) -> dict[str, int]:
        out = {RIGHT: 0, WRONG: 0, UNMATCHED: 0}
        for c in self.claims:
            out[c.verdict] += 1
        return out

    def as_json(self) -> dict:
        return {
            "claims": [{k: v for k, v in asdict(c).items() if k != "where"} for c in self.claims],
            "counts": self.counts,
        }


def _number(text: str) -> Decimal | None:
    try:
        return read_number(text.replace("−", "-"))
    except TextError:
        return None


def _decimals(text: str) -> int:
    return len(text.split(",", 1)[1]) if "," in text else 0


def _same(claimed: str, actual: float | None) -> bool:
    """Does the written figure equal the data, rounded to the decimals it is written with?"""
    value = _number(claimed)
    if value is None or actual is None:
        return False
    places = _decimals(claimed)
    return abs(float(value) - actual) <= 0.5 * 10**-places + 1e-9


def _names(r: TargetResult) -> list[str]:
    t = r.target
    names = {t.name.lower()}
    if t.indicator_id:
        names.add(t.indicator.name.lower())
        for prefix in ("tốc độ tăng trưởng ", "tốc độ tăng ", "tỷ lệ ", "số "):
            if t.indicator.name.lower().startswith(prefix):
                names.add(t.indicator.name.lower().removeprefix(prefix))
    for prefix in ("tốc độ tăng trưởng ", "tốc độ tăng ", "số "):
        if t.name.lower().startswith(prefix) and len(t.name) > len(prefix) + 3:
            names.add(t.name.lower().removeprefix(prefix))
    return sorted((n for n in names if len(n) >= 4), key=len, reverse=True)


def _results(ev: PlanEvaluation) -> list[TargetResult]:
    return [r for row in ev.rows for r in (row, *row.parts) if not r.target.is_composite]


def _strip_parentheses(text: str) -> str:
    """The clause with what stands in parentheses blanked (plans, derivations), positions kept."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


def _figure_claim(clause: str, r: TargetResult, start: int, end: int) -> tuple[str, float] | None:
    """(the written figure, its value in the data) of the target named at [start, end)."""
    t = r.target
    plain = _strip_parentheses(clause)
    before = re.search(rf"(?:có|được)\s+({_NUMBER})\s+$", plain[:start])
    if before:
        return before.group(1), r.actual
    for m in re.finditer(_NUMBER, plain[end:]):
        text = m.group(0)
        after = plain[end + m.end() : end + m.end() + 12]
        lead = plain[max(end, end + m.start() - 12) : end + m.start()]
        if re.match(r"\s*(năm|tháng)\b", after) or re.match(r"\s*/\s*\d", after):
            continue  # "sau 3 năm", "15/25"
        if _is_year(text, lead, after):
            continue  # "giai đoạn 2022–2025", "năm 2023", "15/06/2022": when, not how much
        if after.lstrip().startswith("%"):
            text += "%"
        if re.search(r"(bằng|so với)\s*$", lead):
            return None  # a rate or a comparison, not the figure itself
        value = r.actual
        if (
            value is not None
            and is_growth_rate(t)
            and re.search(r"giảm\s*$", lead)
            and not re.search(r"còn\s*$", lead)
        ):
            text = "-" + text.lstrip("-−")
        return text, value
    return None


def _is_year(text: str, lead: str, after: str) -> bool:
    """Is the number a year (of a span, a date, a named year) rather than a figure?"""
    if not re.fullmatch(r"(19|20)\d\d", text):
        return False
    return bool(
        re.match(r"\s*[–-]\s*(19|20)\d\d", after)
        or re.search(r"(năm|giai đoạn|nhiệm kỳ|[–/-])\s*$", lead)
    )


def find_claims(paragraphs: list[tuple[str, str]], ev: PlanEvaluation) -> list[Claim]:
    """Every claim in ``paragraphs`` ((where, text) pairs), checked against ``ev``."""
    labels = {label.lower(): key for key, label in ev.labels.items()}
    results = _results(ev)
    named = [(name, r) for r in results for name in _names(r)]
    named.sort(key=lambda item: len(item[0]), reverse=True)
    claims: list[Claim] = []
    appendix = False
    for where, text in paragraphs:
        # The appendix counts each unit's own targets: not the plan's counts.
        appendix = appendix or text.strip().upper() == "PHỤ LỤC"
        for m in () if appendix else _COUNT.finditer(text):
            said = m.group(3).strip().lower()
            key = next((labels[label] for label in labels if said.startswith(label)), None)
            claimed = f"{m.group(1)}/{m.group(2)}"
            if key is None:
                claims.append(Claim(m.group(0), said, claimed, "", UNMATCHED, where))
                continue
            total = int(m.group(2))
            actual = f"{ev.counts[key]}/{ev.total}"
            # A group's paragraph counts within the group ("6/11"): judged against it.
            groups = [g for g in ev.groups if len(g.rows) == total]
            if total != ev.total and not groups:
                claims.append(Claim(m.group(0), said, claimed, "", UNMATCHED, where))
                continue
            if total != ev.total:
                actual = next(
                    (
                        f"{g.counts[key]}/{total}"
                        for g in groups
                        if g.counts[key] == int(m.group(1))
                    ),
                    f"{groups[0].counts[key]}/{total}",
                )
            verdict = RIGHT if actual == claimed else WRONG
            claims.append(
                Claim(m.group(0), f"xếp loại: {ev.labels[key]}", claimed, actual, verdict, where)
            )
        for clause in _CLAUSES.split(text):
            low = clause.lower()
            taken: list[tuple[int, int]] = []
            for name, r in named:
                start = low.find(name)
                if start < 0 or any(a <= start < b for a, b in taken):
                    continue
                end = start + len(name)
                taken.append((start, end))
                target = f"{r.target.code}. {r.target.name}"
                found = _figure_claim(clause, r, start, end)
                if found is not None:
                    claimed, value = found
                    claims.append(_judge(clause, target, claimed, value, r, where))
                rate = _RATE.search(_strip_parentheses(clause), end)
                if rate:
                    actual_rate = r.annual_rate if r.expected_share < 1.0 else r.rate
                    claims.append(
                        _judge(clause, target, rate.group(1) + "%", actual_rate, r, where, "%")
                    )
    return claims


def _judge(clause, target, claimed, value, r: TargetResult, where, unit="") -> Claim:
    text = " ".join(clause.split())
    if value is None:
        return Claim(text, target, claimed, "", UNMATCHED, where)
    if r.target.direction == TargetDirection.YES_NO:
        return Claim(text, target, claimed, display.yes_no_text(value), UNMATCHED, where)
    number = claimed.rstrip("%")
    suffix = "%" if claimed.endswith("%") else ""
    decimals = max(_decimals(number), 0)
    verdict = RIGHT if _same(number, value) else WRONG
    if unit:
        actual = display.percent(value)
    else:
        actual = display.number(value, max(decimals, r.target.decimals)) + suffix
    return Claim(text, target, claimed, actual, verdict, where)


def _paragraphs(doc) -> list[tuple[str, object]]:
    """(where, paragraph) of the body's paragraphs, in order (tables are not read yet)."""
    return [(str(i), p) for i, p in enumerate(doc.paragraphs)]


def check_report(data: bytes, ev: PlanEvaluation) -> CheckResult:
    """The claims of a .docx checked against a plan's evaluation for a period."""
    doc = Document(io.BytesIO(data))
    paragraphs = [(where, p.text) for where, p in _paragraphs(doc) if p.text.strip()]
    return CheckResult(find_claims(paragraphs, ev))


def annotate_docx(data: bytes, ev: PlanEvaluation, result: CheckResult | None = None) -> bytes:
    """The document with a Word comment on every claim (right; wrong, with the right
    figure; not in the data) and a summary page at the end."""
    doc = Document(io.BytesIO(data))
    result = result or check_report(data, ev)
    by_where: dict[str, list[Claim]] = {}
    for c in result.claims:
        by_where.setdefault(c.where, []).append(c)
    for where, p in _paragraphs(doc):
        claims = by_where.get(where)
        if not claims or not p.runs:
            continue
        for c in claims:
            note = f"{VERDICT_WORDS[c.verdict]}: {c.claimed}"
            if c.verdict == WRONG:
                note += f" — số liệu là {c.actual} ({c.target})"
            elif c.verdict == RIGHT:
                note += f" ({c.target})"
            doc.add_comment(p.runs, text=note, author="nghiquyet", initials="NQ")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("KẾT QUẢ KIỂM TRA SỐ LIỆU", level=1)
    counts = result.counts
    doc.add_paragraph(
        f"{ev.plan.heading}, {ev.period.label}: {len(result.claims)} số liệu được kiểm tra; "
        f"{counts[RIGHT]} đúng; {counts[WRONG]} sai; {counts[UNMATCHED]} không có trong số liệu."
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(
        table.rows[0].cells, ("Chỉ tiêu", "Văn bản ghi", "Số liệu", "Kết quả"), strict=True
    ):
        cell.text = text
    for c in sorted(result.claims, key=lambda c: (c.verdict != WRONG, c.verdict)):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (c.target, c.claimed, c.actual, VERDICT_WORDS[c.verdict]), strict=True
        ):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
