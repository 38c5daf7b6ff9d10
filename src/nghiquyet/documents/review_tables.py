"""The tables of a review: a row per target (and its "trong đó" parts), the forecast to the
end of a term, the appendix per unit — written as people read them, numbers kept beside the
words for spreadsheets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nghiquyet import engine
from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetChange, TargetDirection
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind, ValueStatus
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult
from nghiquyet.reporting.selectors.term import term_review

NBSP = "\u00a0"
_RANGE = re.compile(r"(?<=\d) – (?=[\d+−-])")
_POINTS = re.compile(r"điểm %(?!/)")


def unbroken(text: str) -> str:
    """A table cell's text with non-breaking spaces where a line must not break: around the
    dash of a range ("7 – 7,5%" never wraps as "7 / – 7,5%") and inside "điểm %" (a narrow
    cell wraps "+0,7 / điểm %", never "+0,7 điểm / %"). Word, the PDF and Excel alike."""
    if "–" in text:
        text = _RANGE.sub(f"{NBSP}–{NBSP}", text)
    if "điểm" in text:
        text = _POINTS.sub(f"điểm{NBSP}%", text)
    return text


@dataclass
class Row:
    """One line of the target table, already written as people read it."""

    code: str
    name: str
    unit_of_measure: str
    plan: str
    actual: str
    rate: str
    yoy: str
    class_key: str
    class_label: str
    status: str
    part: bool = False
    #: the numbers, for spreadsheets
    actual_number: float | None = None
    rate_number: float | None = None
    plan_number: float | None = None
    #: the indicator's own decimals (0 for a count)
    decimals: int = 2
    #: part-way through the year: the result against the part of the year's plan owed so far
    pace: str = ""
    pace_number: float | None = None


@dataclass
class AppendixUnit:
    title: str
    summary: str
    rows: list[Row]


@dataclass
class OutlookRow:
    """One target of a term resolution, forecast to the end of the term."""

    code: str
    name: str
    unit_of_measure: str
    plan: str
    so_far: str
    forecast: str
    outlook: str
    outlook_label: str
    reason: str
    #: the yearly rate the years left need, the best year's (which year), the trend so far
    need: str = ""
    best: str = ""
    trend: str = ""

    @property
    def values(self) -> tuple[str, ...]:
        """The cells of the forecast table, in the order of its headings (Word, PDF, Excel)."""
        return (
            self.code,
            self.name,
            self.unit_of_measure,
            self.plan,
            self.so_far,
            self.need,
            self.best,
            self.trend,
            self.forecast,
            self.outlook_label,
        )


#: The headings of the target table (Bảng 1, the appendix) in Word and the PDF.
HEADINGS = (
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Kế hoạch",
    "Thực hiện",
    "% kế hoạch",
    "So với cùng kỳ",
    "Đánh giá",
)
#: Columns (cm) summing to the text width (16,5 cm), measured on Liberation Serif 11 pt with
#: Word's 0,19 cm padding each side: "STT" (bold) on one line; "1.612,3", "109,58%", "7 – 7,5"
#: and "−0,71 điểm %" on one line; "đạt và vượt" on one line ("đạt trên 80%" may wrap).
WIDTHS = (1.2, 3.8, 1.6, 1.7, 1.6, 1.8, 2.6, 2.2)
COLUMN_ALIGN = ("c", "l", "c", "r", "r", "r", "r", "l")
#: Part-way through the year, the half-year pace ("So với 50% KH năm") beside "% kế hoạch
#: năm": nine columns in the same 16,5 cm ("STT", "1.612,3", "109,58%" and "đạt và vượt" still
#: on one line; "+0,7 điểm %" wraps before "điểm %").
PACE_WIDTHS = (1.15, 3.1, 1.5, 1.55, 1.55, 1.8, 1.8, 1.85, 2.2)
PACE_ALIGN = ("c", "l", "c", "r", "r", "r", "r", "r", "l")


def target_columns(
    rate_heading: str = "% kế hoạch", pace_heading: str = ""
) -> tuple[list[str], tuple[float, ...], tuple[str, ...]]:
    """The target table's headings, widths (cm) and alignments: with the pace column when
    ``pace_heading`` is set (a review part-way through the year)."""
    headings = [rate_heading if h == "% kế hoạch" else h for h in HEADINGS]
    if not pace_heading:
        return headings, WIDTHS, COLUMN_ALIGN
    return [*headings[:6], pace_heading, *headings[6:]], PACE_WIDTHS, PACE_ALIGN


def row_cells(row: Row, pace: bool) -> tuple[str, ...]:
    """The texts of a target table's row, in the order of :func:`target_columns`."""
    cells = (
        row.code,
        row.name,
        row.unit_of_measure,
        row.plan,
        row.actual,
        row.rate,
        row.yoy,
        row.class_label,
    )
    return (*cells[:6], row.pace, *cells[6:]) if pace else cells


#: The headings of the forecast table.
OUTLOOK_HEADINGS = (
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Chỉ tiêu nhiệm kỳ",
    "Đã đạt",
    "Cần đạt mỗi năm còn lại",
    "Năm tốt nhất",
    "Xu hướng",
    "Dự báo cuối nhiệm kỳ",
    "Khả năng",
)


@dataclass
class Outlook:
    """The chapter of a term review that says which targets can still be reached."""

    title: str
    paragraphs: list[str]
    table_title: str
    rows: list[OutlookRow]


def _status_label(status: str) -> str:
    # ``get_status_display`` hashes the lazy labels of every choice on each call: a fifth of
    # a 7.500-row appendix's time. ValueStatus(status).label is the same label.
    return str(ValueStatus(status).label) if status in _STATUSES else status


_STATUSES = frozenset(ValueStatus.values)


def table_row(r: TargetResult, *, part: bool = False) -> Row:
    t = r.target
    # Part-way through the year, the whole year's plan, as offices report it ("% kế hoạch
    # năm": 73 of 150 is 48,67%), not the part of it owed so far (``pace``).
    rate_number = r.annual_plan_rate
    rate = display.percent(rate_number) if rate_number is not None else ""
    return Row(
        code=t.code,
        name=t.name,
        unit_of_measure=t.unit_of_measure,
        plan=unbroken(display.target_text(t)),
        actual=unbroken(display.actual_text(r)),
        rate=rate,
        yoy=unbroken(display.yoy_text(r)),
        pace=display.percent(r.pace_rate) if r.pace_rate is not None else "",
        pace_number=r.pace_rate,
        class_key=r.class_key,
        class_label=r.class_label,
        status=_status_label(r.value.status) if r.value else "",
        part=part,
        actual_number=r.actual,
        rate_number=rate_number,
        decimals=t.decimals,
        plan_number=float(t.target_value) if t.target_value is not None else None,
    )


def table_rows(ev: PlanEvaluation, group_rows) -> list[Row]:
    rows = []
    for r in group_rows:
        rows.append(table_row(r))
        rows.extend(table_row(p, part=True) for p in r.parts)
    return rows


def term_outlook(user, plan: Plan, period: Period) -> Outlook | None:
    """For a term resolution: which targets can still be reached by the end of the term."""
    last_year = period.year if period.kind == PeriodKind.YEAR else None
    review = term_review(user=user, plan=plan, last_year=last_year)
    if review is None or not review.rows:
        return None
    end = review.years[-1]
    so_far = f"{review.years[0]}–{review.last_year}"
    paragraphs = [
        f"Căn cứ kết quả thực hiện các năm {so_far}, dự báo đến năm {end}: {review.summary}"
    ]
    for key, heading in ((engine.HARD, "khó đạt"), (engine.CANNOT, "không thể đạt")):
        chosen = [r for r in review.rows if r.outlook == key]
        if chosen:
            paragraphs.append(f"Các chỉ tiêu dự báo {heading}:")
            paragraphs.extend(f"- {r.target.name}: {r.reason}" for r in chosen)
    paragraphs.append(
        "Cách dự báo: chỉ tiêu về mức đạt và tỷ lệ theo xu hướng của các năm đã qua (đường "
        "thẳng khớp nhất); chỉ tiêu bình quân năm lấy các năm còn lại theo xu hướng; chỉ tiêu "
        "cộng dồn cả nhiệm kỳ theo nhịp bình quân các năm đã qua. Chỉ tiêu được coi là không "
        "thể đạt khi các năm còn lại phải đạt nhịp độ cao hơn 1,5 lần năm tốt nhất đã đạt."
    )
    rows = []
    for r in review.rows:
        t = r.target
        if t.direction == TargetDirection.YES_NO:
            done = {None: "", 0.0: "Chưa đạt"}.get(r.so_far, "Đạt")
            rows.append(
                OutlookRow(
                    t.code, t.name, "", "Đạt", done, "", r.outlook, r.outlook_label, r.reason
                )
            )
            continue
        rows.append(
            OutlookRow(
                code=t.code,
                name=t.name,
                unit_of_measure="%" if t.change != TargetChange.NONE else t.unit_of_measure,
                plan=unbroken(display.target_text(t)),
                so_far=display.number(r.so_far, t.decimals) if r.so_far is not None else "",
                forecast=display.number(r.forecast, t.decimals) if r.forecast is not None else "",
                outlook=r.outlook,
                outlook_label=r.outlook_label,
                reason=r.reason,
                need=unbroken(r.need_text),
                best=unbroken(r.best_text),
                trend=unbroken(r.trend_text),
            )
        )
    return Outlook(
        title="DỰ BÁO KHẢ NĂNG THỰC HIỆN CÁC CHỈ TIÊU ĐẾN CUỐI NHIỆM KỲ",
        paragraphs=paragraphs,
        table_title=f"Bảng 2. Dự báo khả năng đạt các chỉ tiêu đến năm {end} (số liệu đến năm "
        f"{review.last_year})",
        rows=rows,
    )


def appendix_units(user, plan: Plan, period: Period, ev: PlanEvaluation) -> list[AppendixUnit]:
    """Per unit that concretises the plan; for a plan without such units, per lead unit —
    none when a single unit leads every target (the table would repeat the body's)."""
    units = plan_units_comparison(user=user, plan=plan, period=period)
    if units:
        with display.numbers_in_active_language():
            return [
                AppendixUnit(
                    title=f"{u.plan.unit.name} ({u.plan.heading})",
                    summary=u.evaluation.summary,
                    rows=table_rows(u.evaluation, u.evaluation.rows),
                )
                for u in sorted(units, key=lambda u: (u.plan.unit.order, u.plan.unit.name))
            ]
    by_lead: dict[str, list[TargetResult]] = {}
    for r in ev.rows:
        lead = r.target.lead_unit.name if r.target.lead_unit_id else plan.unit.name
        by_lead.setdefault(lead, []).append(r)
    if len(by_lead) < 2:
        # one lead unit for every target (or none named): its table would be Bảng 1 again
        return []
    appendix = []
    for lead, results in sorted(by_lead.items()):
        counts = dict.fromkeys(ev.scheme.keys, 0)
        for r in results:
            counts[r.class_key] += 1
        summary = engine.summary_sentence(ev.scheme, counts)
        appendix.append(
            AppendixUnit(
                title=f"{lead} (đơn vị chủ trì)", summary=summary, rows=table_rows(ev, results)
            )
        )
    return appendix
