"""A review report (báo cáo sơ kết, tổng kết) built from live data.

:func:`build_review` gathers everything a review says — the headline sentence,
a paragraph per target group written from the figures, the table of every
target, the tasks, how units reported, an appendix per unit — into a
:class:`Review`. Renderers turn it into Word (:mod:`.render_docx`), PDF
(:mod:`.render_pdf`) and Excel (:mod:`.render_xlsx`); none of them decides a
number. Documents are always in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone, translation

from nghiquyet import engine
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans import display
from nghiquyet.plans.choices import BodyKind, PlanKind, TargetChange, TargetDirection
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_tasks
from nghiquyet.reporting.choices import PeriodKind, Timeliness
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult, plan_evaluation
from nghiquyet.reporting.selectors.rounds import plan_round, round_completeness
from nghiquyet.reporting.selectors.target_detail import reference_lines
from nghiquyet.reporting.selectors.term import term_review

from .sentences import lower_first, missing_reason, target_sentence

HALF_YEAR = "half_year"
ANNUAL = "annual"
MID_TERM = "mid_term"
REVIEW_TITLES = {
    HALF_YEAR: "Sơ kết 6 tháng",
    ANNUAL: "Tổng kết năm",
    MID_TERM: "Sơ kết giữa nhiệm kỳ",
}


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


@dataclass
class GroupText:
    title: str
    paragraphs: list[str]
    rows: list[Row]
    counts: dict[str, int]


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


@dataclass
class Outlook:
    """The chapter of a term review that says which targets can still be reached."""

    title: str
    paragraphs: list[str]
    table_title: str
    rows: list[OutlookRow]


@dataclass
class Letterhead:
    """The top of the page, per Hướng dẫn 36-HD/VPTW or Nghị định 30/2020/NĐ-CP."""

    body_kind: str
    superior: str
    issuer: str
    number: str
    place_and_date: str


@dataclass
class Review:
    plan: Plan
    period: Period
    kind: str
    letterhead: Letterhead
    doc_type: str
    title: str
    evaluation: PlanEvaluation
    intro: str
    groups: list[GroupText]
    tasks: list[str]
    reporting: list[str]
    directions: list[str]
    appendix: list[AppendixUnit] = field(default_factory=list)
    #: for a term resolution: the forecast to the end of the term
    outlook: Outlook | None = None
    #: the unit beside the region and the country ("so sánh tương quan")
    relative: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    generated_at: dt.datetime = field(default_factory=timezone.now)
    #: the heading of the rate column: "% kế hoạch", or "% kế hoạch năm" within the year
    rate_heading: str = "% kế hoạch"
    #: the last chapter's heading: "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"
    directions_title: str = "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"

    @property
    def all_rows(self) -> list[Row]:
        return [row for g in self.groups for row in g.rows]

    @property
    def chapters(self) -> dict[str, str]:
        """Roman numbers of the chapters after the first: outlook, tasks, reporting, directions."""
        present = [
            ("outlook", self.outlook is not None),
            ("tasks", bool(self.tasks)),
            ("reporting", bool(self.reporting)),
            ("directions", True),
        ]
        numerals = iter(["II", "III", "IV", "V", "VI"])
        return {key: next(numerals) for key, shown in present if shown}


def review_kind_for(plan: Plan, period: Period) -> str:
    """The review a plan and a period call for."""
    if plan.kind == PlanKind.TERM_RESOLUTION:
        return MID_TERM
    if period.kind in (
        PeriodKind.HALF_YEAR,
        PeriodKind.NINE_MONTHS,
        PeriodKind.QUARTER,
        PeriodKind.MONTH,
    ):
        return HALF_YEAR
    return ANNUAL


def vietnamese_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2023" — days and months below 10 and below 3 with a leading zero."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def place_name(unit: OrgUnit) -> str:
    """The province (địa danh) a document is dated from: "Bến Tre"."""
    chain = [unit, *OrgUnit.objects.filter(pk__in=unit.ancestor_ids())]
    for u in chain:
        if u.kind == "province":
            return u.short_name or u.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return unit.short_name or unit.name


def plan_reference(plan: Plan) -> str:
    """How a report cites the plan: "Nghị quyết số 04-NQ/TU ngày 10/12/2021 của Tỉnh ủy
    Bến Tre về nhiệm vụ năm 2022"."""
    if not plan.title.startswith("về"):
        # A Congress resolution is named by its congress, not by a subject.
        return f"{plan.heading} {plan.title}"
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    return f"{plan.heading}{issued} của {plan.issuing_body} {plan.title}"


def review_subject(plan: Plan, period: Period, kind: str) -> str:
    ref = plan_reference(plan)
    if kind == HALF_YEAR:
        return f"Sơ kết {period.label.lower()} thực hiện {ref}"
    if kind == MID_TERM:
        return f"Sơ kết giữa nhiệm kỳ thực hiện {ref}"
    return f"Tổng kết thực hiện {ref}"


def directions_title(plan: Plan, period: Period, kind: str) -> str:
    """ "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022", "… NĂM 2023", "… ĐẾN CUỐI NHIỆM KỲ"."""
    head = "PHƯƠNG HƯỚNG, NHIỆM VỤ"
    if kind == MID_TERM:
        return f"{head}, GIẢI PHÁP ĐẾN CUỐI NHIỆM KỲ"
    if kind == HALF_YEAR:
        if period.kind == PeriodKind.HALF_YEAR:
            return f"{head} 6 THÁNG CUỐI NĂM {period.year}"
        return f"{head} NHỮNG THÁNG CUỐI NĂM {period.year}"
    return f"{head} NĂM {period.year + 1}"


def _letterhead(plan: Plan, day: dt.date) -> Letterhead:
    place = f"{place_name(plan.unit)}, {vietnamese_date(day)}"
    suffix = plan.number.split("/", 1)[1] if "/" in plan.number else ""
    if plan.body_kind == BodyKind.STATE:
        agency = suffix.split("-", 1)[-1] if suffix else ""
        number = f"Số:       /BC-{agency}" if agency else "Số:       /BC"
    else:
        number = f"Số       -BC/{suffix}" if suffix else "Số       -BC"
    return Letterhead(
        body_kind=plan.body_kind,
        superior=plan.superior_body.upper(),
        issuer=plan.issuing_body.upper(),
        number=number,
        place_and_date=place,
    )


def _row(r: TargetResult, *, part: bool = False) -> Row:
    t = r.target
    # Part-way through the year, the whole year's plan, as offices report it ("% kế hoạch
    # năm": 73 of 150 is 48,67%), not the part of it owed so far.
    rate_number = r.annual_rate if r.expected_share < 1.0 else r.rate
    rate = display.percent(rate_number) if rate_number is not None else ""
    return Row(
        code=t.code,
        name=t.name,
        unit_of_measure=t.unit_of_measure,
        plan=display.target_text(t),
        actual=display.actual_text(r),
        rate=rate,
        yoy=display.yoy_text(r),
        class_key=r.class_key,
        class_label=r.class_label,
        status=r.value.get_status_display() if r.value else "",
        part=part,
        actual_number=r.actual,
        rate_number=rate_number,
        plan_number=float(t.target_value) if t.target_value is not None else None,
    )


def _rows(ev: PlanEvaluation, group_rows) -> list[Row]:
    rows = []
    for r in group_rows:
        rows.append(_row(r))
        rows.extend(_row(p, part=True) for p in r.parts)
    return rows


def _group_paragraphs(ev: PlanEvaluation, group_rows, labels, **context) -> list[str]:
    """A paragraph per class of the scheme, from the best: "Có 6/11 chỉ tiêu đạt và vượt:
    …"; "1 chỉ tiêu đạt trên 80%: …"; the targets without a figure say why."""
    paragraphs = []
    total = len(group_rows)
    for key in ev.scheme.keys:
        chosen = [r for r in group_rows if r.class_key == key]
        if not chosen:
            continue
        said = "; ".join(target_sentence(r, **context) for r in chosen)
        if key == engine.NO_DATA:
            said = "; ".join(f"{lower_first(r.target.name)} ({missing_reason(r)})" for r in chosen)
        lead = f"Có {len(chosen)}/{total}" if not paragraphs else f"{len(chosen)}/{total}"
        paragraphs.append(f"{lead} chỉ tiêu {labels[key]}: {said}.")
    return paragraphs


def _task_paragraphs(user, plan: Plan, ev: PlanEvaluation) -> list[str]:
    counts = ev.task_counts
    total = sum(counts.values())
    if not total:
        return []
    labels = engine.TASK_STATUS_LABELS
    parts = [f"{n} nhiệm vụ {labels[k]}" for k, n in counts.items() if n]
    out = [
        f"Trong {total} nhiệm vụ, giải pháp được giao (tình hình đến "
        f"{ev.task_as_of:%d/%m/%Y}): " + "; ".join(parts) + "."
    ]
    overdue = [
        t
        for t in plan_tasks(user=user, plan=plan).select_related("owner_unit")
        if t.deadline and not t.completed_on and t.deadline < ev.task_as_of
    ]
    if overdue:
        out.append(
            "Các nhiệm vụ chưa hoàn thành quá hạn: "
            + "; ".join(
                f"{lower_first(t.title)} ({t.owner_unit.name}, hạn {t.deadline:%d/%m/%Y}, "
                f"tiến độ {t.progress}%)"
                for t in overdue
            )
            + "."
        )
    return out


def _reporting_paragraphs(user, plan: Plan, period: Period) -> list[str]:
    rnd = plan_round(user=user, plan=plan, period=period)
    if rnd is None:
        return []
    rows = round_completeness(user=user, rnd=rnd)
    by = {k: [r for r in rows if r.timeliness == k] for k in Timeliness.values}
    out = [
        f"Đợt báo cáo {period.label} (hạn gửi {rnd.deadline:%d/%m/%Y}): "
        f"{len(by['on_time'])}/{len(rows)} đơn vị gửi đúng hạn; {len(by['late'])} đơn vị gửi "
        f"muộn; {len(by['missing']) + len(by['not_due'])} đơn vị chưa gửi."
    ]
    if by["missing"]:
        out.append(
            "Các đơn vị chưa gửi báo cáo: "
            + ", ".join(r.submission.unit.name for r in by["missing"])
            + "."
        )
    return out


def _relative(user, plan: Plan, ev: PlanEvaluation) -> list[str]:
    """ "Tốc độ tăng trưởng GRDP đạt 7,35%, thấp hơn cả nước (8,02%), cao hơn vùng …"."""
    out = []
    key = ev.period.key
    for r in (r for row in ev.rows for r in (row, *row.parts)):
        t = r.target
        if r.actual is None or t.indicator_id is None or t.change != TargetChange.NONE:
            continue
        lines = [
            (line.name, line.points[key])
            for line in reference_lines(user=user, plan=plan, indicator_id=t.indicator_id)
            if key in line.points
        ]
        if not lines:
            continue
        pct = "%" if t.unit_of_measure == "%" else ""
        uom = f" {t.unit_of_measure}" if t.unit_of_measure and not pct else ""

        def fig(x: float, t=t, pct=pct, uom=uom) -> str:
            return f"{display.number(x, t.decimals)}{pct}{uom}"

        parts = []
        for name, value in lines:
            word = "cao hơn" if r.actual > value else ("thấp hơn" if r.actual < value else "bằng")
            parts.append(f"{word} {lower_first(name)} ({fig(value)})")
        out.append(f"{t.name} đạt {fig(r.actual)}, " + ", ".join(parts) + ".")
    return out


def _outlook(user, plan: Plan, period: Period) -> Outlook | None:
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
                plan=display.target_text(t),
                so_far=display.number(r.so_far, t.decimals) if r.so_far is not None else "",
                forecast=display.number(r.forecast, t.decimals) if r.forecast is not None else "",
                outlook=r.outlook,
                outlook_label=r.outlook_label,
                reason=r.reason,
            )
        )
    return Outlook(
        title="DỰ BÁO KHẢ NĂNG THỰC HIỆN CÁC CHỈ TIÊU ĐẾN CUỐI NHIỆM KỲ",
        paragraphs=paragraphs,
        table_title=f"Bảng 2. Dự báo khả năng đạt các chỉ tiêu đến năm {end} (số liệu đến năm "
        f"{review.last_year})",
        rows=rows,
    )


def _appendix(user, plan: Plan, period: Period, ev: PlanEvaluation) -> list[AppendixUnit]:
    """Per unit that concretises the plan; for a plan without such units, per lead unit."""
    units = plan_units_comparison(user=user, plan=plan, period=period)
    if units:
        return [
            AppendixUnit(
                title=f"{u.plan.unit.name} ({u.plan.heading})",
                summary=u.evaluation.summary,
                rows=_rows(u.evaluation, u.evaluation.rows),
            )
            for u in sorted(units, key=lambda u: (u.plan.unit.order, u.plan.unit.name))
        ]
    by_lead: dict[str, list[TargetResult]] = {}
    for r in ev.rows:
        lead = r.target.lead_unit.name if r.target.lead_unit_id else plan.unit.name
        by_lead.setdefault(lead, []).append(r)
    appendix = []
    for lead, results in sorted(by_lead.items()):
        counts = dict.fromkeys(ev.scheme.keys, 0)
        for r in results:
            counts[r.class_key] += 1
        summary = engine.summary_sentence(ev.scheme, counts)
        appendix.append(
            AppendixUnit(title=f"{lead} (đơn vị chủ trì)", summary=summary, rows=_rows(ev, results))
        )
    return appendix


def build_review(
    *, user, plan: Plan, period: Period, kind: str | None = None, day: dt.date | None = None
) -> Review:
    """Everything the review of ``plan`` for ``period`` says, from the accepted figures."""
    with translation.override("vi"):
        kind = kind or review_kind_for(plan, period)
        ev = plan_evaluation(user=user, plan=plan, period=period)
        day = day or timezone.localdate()
        labels = ev.labels
        context = {"year": period.year, "term_end": plan.term_end}
        subject = review_subject(plan, period, kind)
        intro = (
            f"{period.label}, trong {ev.total} chỉ tiêu chủ yếu {plan.heading} đề ra, "
            f"có {ev.summary[0].lower()}{ev.summary[1:]}"
        )
        groups = []
        for i, g in enumerate(ev.groups, start=1):
            name = g.group.name if g.group else "Các chỉ tiêu khác"
            groups.append(
                GroupText(
                    title=f"{i}. {name}",
                    paragraphs=_group_paragraphs(ev, g.rows, labels, **context),
                    rows=_rows(ev, g.rows),
                    counts=g.counts,
                )
            )
        lagging = [r for r in ev.rows if r.class_key not in (engine.ACHIEVED, engine.NO_DATA)]
        directions = []
        if lagging:
            directions.append(
                "Tập trung lãnh đạo, chỉ đạo thực hiện các chỉ tiêu chưa đạt: "
                + "; ".join(lower_first(r.target.name) for r in lagging)
                + "."
            )
        missing = [r for r in ev.rows if r.class_key == engine.NO_DATA]
        if missing:
            directions.append(
                "Đề nghị các đơn vị chủ trì hoàn thiện số liệu các chỉ tiêu: "
                + "; ".join(lower_first(r.target.name) for r in missing)
                + "."
            )
        outlook = _outlook(user, plan, period) if plan.term_start else None
        at_risk = (
            [r.name for r in outlook.rows if r.outlook in (engine.HARD, engine.CANNOT)]
            if (outlook)
            else []
        )
        if at_risk:
            directions.insert(
                0,
                "Xác định rõ nguyên nhân các chỉ tiêu dự báo khó đạt, không thể đạt ("
                + "; ".join(lower_first(name) for name in at_risk)
                + "); tập trung mọi nguồn lực, giải pháp căn cơ để phấn đấu thực hiện đến cuối "
                "nhiệm kỳ.",
            )
        party = plan.body_kind == BodyKind.PARTY
        return Review(
            rate_heading="% kế hoạch năm" if kind == HALF_YEAR else "% kế hoạch",
            directions_title=directions_title(plan, period, kind),
            plan=plan,
            period=period,
            kind=kind,
            letterhead=_letterhead(plan, day),
            doc_type="BÁO CÁO",
            title=subject,
            evaluation=ev,
            intro=intro,
            groups=groups,
            tasks=_task_paragraphs(user, plan, ev),
            reporting=_reporting_paragraphs(user, plan, period),
            directions=directions,
            appendix=_appendix(user, plan, period, ev),
            outlook=outlook,
            relative=_relative(user, plan, ev),
            recipients=["- Như trên,", "- Lưu Văn phòng."]
            if party
            else ["- Như trên;", "- Lưu: VT."],
            signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"] if party else ["CHỦ TỊCH"],
        )
