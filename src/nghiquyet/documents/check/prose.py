"""Claims in running text: the headline's counts ("15/25 chỉ tiêu đạt và vượt", "đạt và vượt
15/15 chỉ tiêu") and each target's figure ("GRDP tăng 7,35%", "thu ngân sách nhà nước đạt
6.388,3 tỷ đồng, bằng 109,58% kế hoạch", "có 103 xã đạt chuẩn").

A target's name is not a claim wherever the text is not about what was achieved: inside the
title of one of the plan's tasks ("Triển khai Đề án phát triển 10.000 ha cây ăn trái"), after
words that announce a plan, a project or a duty rather than a result ("ban hành kế hoạch
trồng mới 1,5 triệu cây xanh", "rà soát hộ nghèo", "dự toán thu ngân sách … là 23.700 tỷ
đồng", "phấn đấu tỷ lệ hộ nghèo giảm còn 2%"), and in the chapter on the next period
("phương hướng, nhiệm vụ năm 2023"), whose figures are the next plan's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nghiquyet import engine
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult

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
    judge,
    judge_change,
    names,
    results,
    scale_factor,
)

_COUNT = re.compile(r"(?<![\d.,])(\d+)\s*/\s*(\d+)\s+chỉ tiêu(?:\s+([^;:.,()]+))?", re.IGNORECASE)
_RATE = re.compile(
    rf"(?:bằng|đạt)\s+({NUMBER})\s*%\s*(?:so với\s+)?(kế hoạch|KH|dự toán|chỉ tiêu cả nhiệm kỳ)"
)
NOT_MET = "not_met"
OUTLOOK = "outlook"
#: A change against the same period last year after a target's figure: "tăng 13,18% so với
#: cùng kỳ", "giảm 0,7 điểm phần trăm so với năm 2021", "tăng 18 xã so với cùng kỳ".
_CHANGE = re.compile(
    rf"(tăng|giảm)\s+({NUMBER})\s*(%|điểm phần trăm|điểm %|(?!lần\b)[^\s\d,;%]+)?\s+"
    r"so với\s+(cùng kỳ|năm trước|năm (\d{4}))"
)
#: What follows a number that is such a change, not the figure itself.
_IS_CHANGE = re.compile(r"\s*(?:%|điểm[^,;]*?|[^\s\d,;%]+)?\s+so với\s+(?:cùng kỳ|năm)")
_CLAUSES = re.compile(r"[;:]|\.(?:\s|$)")
_QUALIFIER = re.compile(r"(?:^|\s)(" + "|".join(QUALIFIERS) + r")\s+$")

#: Words that, before a target's name in the same phrase, make it a plan, a project or a duty
#: ("ban hành kế hoạch trồng mới …", "rà soát hộ nghèo", "dự toán thu ngân sách …").
_NOT_A_RESULT = re.compile(
    r"\b(?:đề án|kế hoạch|chương trình|dự án|triển khai|ban hành|rà soát|phấn đấu|mục tiêu"
    r"|dự toán|nghị quyết|quyết định|chỉ tiêu (?:đề ra|giao|năm \d{4} là))\b",
    re.IGNORECASE,
)

#: A heading that opens the chapter on the next period: its figures are the next plan's.
_NEXT_PERIOD = re.compile(
    r"^\s*(?:(?:phần thứ \w+|[IVXLC\d]+[.)])\s*)?(?:phương hướng|mục tiêu, nhiệm vụ"
    r"|nhiệm vụ,? giải pháp (?:năm|trong|thời gian|\d+ tháng)|nhiệm vụ trọng tâm)",
    re.IGNORECASE,
)
#: A heading that opens another chapter of the results (ends the one on the next period).
_CHAPTER = re.compile(r"^\s*(?:phần thứ \w+|[IVXLC]+\.)\s", re.IGNORECASE)


@dataclass
class Reader:
    """What reading a draft needs of a plan's evaluation, prepared once."""

    ev: PlanEvaluation
    #: task titles (lower case) — a target's name inside one is not a claim
    tasks: list[str] = field(default_factory=list)
    #: other counts a review states: {label: (targets, of all)} (a term's forecast)
    outlook: dict[str, tuple[int, int]] = field(default_factory=dict)
    named: list[tuple[str, TargetResult]] = field(init=False)
    labels: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.named = sorted(
            ((name, r) for r in results(self.ev) for name in names(r)),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        self.labels = {label.lower(): key for key, label in self.ev.labels.items()}
        # "Còn 4/25 chỉ tiêu chưa đạt": not a class of the scheme, a count of its own.
        self.labels.setdefault("chưa đạt", NOT_MET)
        for label in self.outlook:
            self.labels.setdefault(label, OUTLOOK)
        self.tasks = sorted({t.lower().strip() for t in self.tasks if len(t) >= 12}, key=len)[::-1]


def opens_next_period(text: str) -> bool:
    """Is the paragraph the heading of the chapter on the next period?"""
    return len(text) < 160 and bool(_NEXT_PERIOD.match(text))


def opens_chapter(text: str) -> bool:
    return len(text) < 160 and bool(_CHAPTER.match(text))


def _strip_parentheses(text: str) -> str:
    """The clause with what stands in parentheses blanked (plans, derivations), positions kept."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


def _blank_tasks(low: str, tasks: list[str]) -> str:
    """The clause with the plan's task titles blanked, positions kept."""
    for title in tasks:
        start = low.find(title)
        while start >= 0:
            low = low[:start] + " " * len(title) + low[start + len(title) :]
            start = low.find(title, start + len(title))
    return low


def _figure_claim(clause: str, r: TargetResult, start: int, end: int):
    """(the written figure, the qualifier word before it, the factor to its scale) of the
    target named at [start, end), or None."""
    plain = _strip_parentheses(clause)
    before = re.search(rf"(?:có|được)\s+({NUMBER})\s+$", plain[:start])
    if before:
        return before.group(1), "", 1.0
    found = []
    for m in re.finditer(NUMBER, plain[end:]):
        text = m.group(0)
        after = plain[end + m.end() : end + m.end() + 12]
        lead = plain[max(end, end + m.start() - 16) : end + m.start()]
        if _IS_CHANGE.match(plain[end + m.end() :]) and not is_growth_rate(r.target):
            continue  # "tăng 40,1% so với cùng kỳ": the change, not the figure
        if re.match(r"\s*(năm|tháng|lần)\b", after) or re.match(r"\s*/\s*\d", after):
            continue  # "sau 3 năm", "15/25", "tăng 13 lần"
        if _is_year(text, lead, after):
            continue  # "giai đoạn 2022–2025", "năm 2023", "15/06/2022": when, not how much
        if after.lstrip().startswith("%"):
            text += "%"
        if re.search(r"(bằng|so với)\s*$", lead):
            if not found:
                return None  # a rate or a comparison, not the figure itself
            break
        qualifier = _QUALIFIER.search(lead)
        falls = re.search(r"giảm\s+(?:\w+\s+)?$", lead) and not re.search(
            r"còn\s+(?:\w+\s+)?$", lead
        )
        if falls and is_growth_rate(r.target):
            text = "-" + text.lstrip("-−")
        found.append((text, qualifier.group(1) if qualifier else "", scale_factor(after, r)))
        # A growth rate written after its level ("GRDP năm 2022 đạt 69.110 tỷ đồng, tăng
        # 11,2%"): the rate is the claim; any other target: the first figure.
        if not is_growth_rate(r.target) or text.endswith("%"):
            break
    if not found:
        return None
    if is_growth_rate(r.target):
        rates = [f for f in found if f[0].endswith("%")]
        if rates:
            return rates[0]
    return found[0]


def _is_year(text: str, lead: str, after: str) -> bool:
    """Is the number a year (of a span, a date, a named year) rather than a figure?"""
    if not re.fullmatch(r"(19|20)\d\d", text):
        return False
    return bool(
        re.match(r"\s*[–-]\s*(19|20)\d\d", after)
        or re.search(r"(năm|giai đoạn|nhiệm kỳ|[–/-])\s*$", lead, re.IGNORECASE)
    )


def _not_met(ev: PlanEvaluation, rows) -> tuple[int, int]:
    """How many targets are not met: (all those with data, those rated below "xấp xỉ đạt" —
    the count our reviews' limitations chapter gives)."""
    with_data = [r for r in rows if r.class_key != engine.NO_DATA]
    below = [r for r in with_data if r.class_key not in (engine.ACHIEVED, engine.EXCEEDED, "near")]
    return sum(1 for r in with_data if not r.met), len(below)


def _count_claim(reader: Reader, text: str, claimed: str, key, where, said: str = "") -> Claim:
    ev = reader.ev
    total = int(claimed.split("/")[1])
    if key is None:
        return Claim(text, said, claimed, "", UNMATCHED, where)
    if key == OUTLOOK:
        done, of = reader.outlook[said]
        actual = f"{done}/{of}"
        verdict = RIGHT if actual == claimed else WRONG
        return Claim(text, f"dự báo: {said}", claimed, actual, verdict, where)
    if key == NOT_MET:
        if total != ev.total:
            return Claim(text, "chưa đạt", claimed, "", UNMATCHED, where)
        counts = _not_met(ev, ev.rows)
        done = int(claimed.split("/")[0])
        verdict = RIGHT if done in counts else WRONG
        return Claim(text, "chưa đạt", claimed, f"{counts[0]}/{ev.total}", verdict, where)
    actual = f"{ev.counts[key]}/{ev.total}"
    # A group's paragraph counts within the group ("6/11"): judged against it.
    groups = [g for g in ev.groups if len(g.rows) == total]
    if total != ev.total and not groups:
        return Claim(text, f"xếp loại: {ev.labels[key]}", claimed, "", UNMATCHED, where)
    if total != ev.total:
        done = int(claimed.split("/")[0])
        actual = next(
            (f"{g.counts[key]}/{total}" for g in groups if g.counts[key] == done),
            f"{groups[0].counts[key]}/{total}",
        )
    verdict = RIGHT if actual == claimed else WRONG
    return Claim(text, f"xếp loại: {ev.labels[key]}", claimed, actual, verdict, where)


def _label_in(reader: Reader, said: str):
    """The class a count's words name: the label written first (the longest of those that
    start there)."""
    best = None
    for label, key in reader.labels.items():
        at = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", said)
        if at and (best is None or (at.start(), -len(label)) < best[0]):
            best = ((at.start(), -len(label)), key, label)
    return (best[1], best[2]) if best else (None, "")


def count_claims(reader: Reader, where: str, text: str) -> list[Claim]:
    """ "15/25 chỉ tiêu đạt và vượt", "14/15 chỉ tiêu … đạt và vượt kế hoạch", and the other
    way round, "đạt và vượt 15/15 chỉ tiêu"."""
    labels = "|".join(re.escape(label) for label in sorted(reader.labels, key=len, reverse=True))
    label_before = re.compile(rf"(?<!\w)({labels})\s+$", re.IGNORECASE) if labels else None
    claims = []
    for m in _COUNT.finditer(text):
        said = (m.group(3) or "").strip().lower()
        claimed = f"{m.group(1)}/{m.group(2)}"
        key, label = _label_in(reader, said)
        before = label_before.search(text[: m.start()]) if label_before else None
        if before:  # the label first: what follows is not the label
            label = before.group(1).lower()
            key = reader.labels[label]
        said = label if key == OUTLOOK else said
        claims.append(_count_claim(reader, m.group(0), claimed, key, where, said))
    return claims


def _clauses(reader: Reader, text: str) -> list[str]:
    """The paragraph cut at ";", ":" and full stops — a clause that ends with a target's
    name kept with the next ("kim ngạch xuất khẩu 5 năm: sau 3 năm … đạt 4.738,3 triệu
    USD")."""
    pieces = _CLAUSES.split(text)
    out: list[str] = []
    for piece in pieces:
        if out and any(out[-1].rstrip().lower().endswith(n) for n, _r in reader.named):
            out[-1] = f"{out[-1]}: {piece}"
        else:
            out.append(piece)
    return out


def _change_claim(reader: Reader, clause: str, r: TargetResult, end: int, where: str):
    """The change against the same period last year said of the target named before
    ``end`` — not of a growth rate, whose figure is that change already."""
    if is_growth_rate(r.target):
        return None
    m = _CHANGE.search(_strip_parentheses(clause), end)
    if m is None:
        return None
    year = m.group(5)
    if year and int(year) != reader.ev.period.year - 1:
        return None  # against another year than the last
    figure = m.group(2).lstrip("+-−")
    if m.group(1) == "giảm":
        figure = "-" + figure
    unit = m.group(3) or ""
    kind = PERCENT if unit == "%" else (POINTS if unit.startswith("điểm") else DIFFERENCE)
    return judge_change(clause, r, figure, kind, where)


def figure_claims(reader: Reader, where: str, text: str) -> list[Claim]:
    """Each target's figure (and % of plan) the paragraph states."""
    claims: list[Claim] = []
    for clause in _clauses(reader, text):
        low = _blank_tasks(clause.lower(), reader.tasks)
        taken: list[tuple[int, int]] = []
        for name, r in reader.named:
            start = low.find(name)
            if start < 0 or any(a <= start < b for a, b in taken):
                continue
            end = start + len(name)
            taken.append((start, end))
            phrase = low[:start].rsplit(",", 1)[-1]
            if _NOT_A_RESULT.search(phrase):
                continue
            found = _figure_claim(clause, r, start, end)
            if found is not None:
                claimed, word, factor = found
                value = r.actual * factor if r.actual is not None else None
                qualifier = QUALIFIERS.get(word, "")
                claims.append(
                    judge(clause, r, claimed, value, where, qualifier=qualifier, shown=word)
                )
            rate = _RATE.search(_strip_parentheses(clause), end)
            if rate:
                actual_rate = r.annual_rate if r.expected_share < 1.0 else r.rate
                if rate.group(2) == "chỉ tiêu cả nhiệm kỳ":  # a term's total, part-way
                    whole = r.target.target_value
                    actual_rate = r.actual / float(whole) * 100.0 if whole and r.actual else None
                claims.append(judge(clause, r, rate.group(1) + "%", actual_rate, where, rate=True))
            change = _change_claim(reader, clause, r, end, where)
            if change is not None:
                claims.append(change)
    return claims


def find_claims(
    paragraphs: list[tuple[str, str]], ev: PlanEvaluation, tasks: list[str] | None = None
) -> list[Claim]:
    """Every claim in ``paragraphs`` ((where, text) pairs), checked against ``ev``."""
    reader = Reader(ev, list(tasks or []))
    claims: list[Claim] = []
    appendix = next_period = False
    for where, text in paragraphs:
        # The appendix counts each unit's own targets: not the plan's counts.
        appendix = appendix or text.strip().upper() == "PHỤ LỤC"
        if opens_next_period(text):
            next_period = True
        elif next_period and (opens_chapter(text) or appendix):
            next_period = False
        if next_period:
            continue
        if not appendix:
            claims.extend(count_claims(reader, where, text))
        claims.extend(figure_claims(reader, where, text))
    return claims
