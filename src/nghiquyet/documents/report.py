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
from nghiquyet.plans.selectors import plan_list, plan_tasks
from nghiquyet.reporting.choices import PeriodKind, Timeliness
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation, TargetResult, plan_evaluation
from nghiquyet.reporting.selectors.rounds import plan_round, round_completeness
from nghiquyet.reporting.selectors.target_detail import reference_lines
from nghiquyet.reporting.selectors.term import term_review

from .choices import ReviewSection, SignerTitle
from .models import ReviewDraft
from .selectors import review_draft_get
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
    #: the indicator's own decimals (0 for a count)
    decimals: int = 2


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
    #: what the office wrote (facts and sections), if anything
    draft: ReviewDraft | None = None
    #: "DỰ THẢO" until the office marks the review final
    mark: str = "DỰ THẢO"
    #: said on every page of a demo plan's documents
    demo_note: str = ""
    signer_name: str = ""
    #: "(Kèm theo Báo cáo số 125-BC/TU ngày 20/12/2022 của Tỉnh ủy Bến Tre)", over the appendix
    attached_to: str = ""
    #: the heading of the rate column: "% kế hoạch", or "% kế hoạch năm" within the year
    rate_heading: str = "% kế hoạch"
    #: the last chapter's heading: "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"
    directions_title: str = "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"

    #: what only people write (documents.choices.ReviewSection), as paragraphs
    opening: list[str] = field(default_factory=list)
    #: II. limitations: what the data says (targets not met, lagging units, overdue tasks),
    #: then what the office wrote; the causes are the office's
    limitations: list[str] = field(default_factory=list)
    causes_objective: list[str] = field(default_factory=list)
    causes_subjective: list[str] = field(default_factory=list)
    #: III. lessons, in mid-term and term reviews only (None: no such chapter)
    lessons: list[str] | None = None
    #: the office's own directions, before the ones the data suggests
    directions_written: list[str] = field(default_factory=list)
    #: the next plan's targets, when it exists ("Các chỉ tiêu chủ yếu năm 2023 …")
    next_targets: list[str] = field(default_factory=list)

    @property
    def all_rows(self) -> list[Row]:
        return [row for g in self.groups for row in g.rows]

    @property
    def chapters(self) -> dict[str, str]:
        """Chapter headings, numbered, as offices outline a review: I. results; II.
        limitations and causes; III. lessons (mid-term, term); the last, directions."""
        out = {
            "results": "I. KẾT QUẢ THỰC HIỆN",
            "limitations": "II. HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN",
        }
        last = "III"
        if self.lessons is not None:
            out["lessons"] = "III. BÀI HỌC KINH NGHIỆM"
            last = "IV"
        out["directions"] = f"{last}. {self.directions_title}"
        return out

    @property
    def sub_headings(self) -> dict[str, str]:
        """Numbered headings of chapter I after the target groups: the forecast, the tasks,
        how units reported."""
        n = len(self.groups)
        out = {}
        for key, shown, title in (
            ("outlook", self.outlook is not None, self.outlook.title if self.outlook else ""),
            ("tasks", bool(self.tasks), "Thực hiện nhiệm vụ, giải pháp"),
            ("reporting", bool(self.reporting), "Tình hình báo cáo của các đơn vị"),
        ):
            if shown:
                n += 1
                out[key] = f"{n}. {title[:1].upper()}{title[1:].lower()}"
        return out


#: Said where a section only people can write is still empty, in a draft.
TO_WRITE = "(Văn phòng soạn phần này tại trang Soạn báo cáo trước khi tạo văn bản.)"


def written(draft, key: str) -> list[str]:
    """The paragraphs the office wrote for a section (one per line)."""
    text = (draft.sections or {}).get(key, "") if draft else ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _attached_to(plan: Plan, issuer: Issuer, draft) -> str:
    number = draft.number if draft and draft.number else "\u00a0" * 7
    if plan.body_kind == BodyKind.STATE:
        number += f"/BC-{issuer.sign}" if issuer.sign else "/BC"
    else:
        number += f"-BC/{issuer.sign}" if issuer.sign else "-BC"
    day = f" ngày {draft.issued_on:%d/%m/%Y}" if draft and draft.issued_on else ""
    return f"(Kèm theo Báo cáo số {number}{day} của {issuer.name})"


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


#: A party organisation (đảng bộ) and the committee that issues its reports (cấp ủy), with the
#: committee's sign in document numbers (Hướng dẫn 36-HD/VPTW): "Đảng bộ tỉnh Bến Tre" →
#: "Tỉnh ủy Bến Tre", "-BC/TU".
_COMMITTEES = (
    ("đảng bộ tỉnh ", "Tỉnh ủy ", "TU"),
    ("đảng bộ thành phố ", "Thành ủy ", "ThU"),
    ("đảng bộ huyện ", "Huyện ủy ", "HU"),
    ("đảng bộ thị xã ", "Thị ủy ", "TU"),
    ("đảng bộ quận ", "Quận ủy ", "QU"),
    ("đảng bộ xã ", "Đảng ủy xã ", "ĐU"),
    ("đảng bộ phường ", "Đảng ủy phường ", "ĐU"),
    ("đảng bộ thị trấn ", "Đảng ủy thị trấn ", "ĐU"),
)


def committee_of(party_body: str) -> tuple[str, str]:
    """The committee that reports for a party organisation, and its sign: ("Tỉnh ủy Bến
    Tre", "TU") for "Đảng bộ tỉnh Bến Tre"; ("", "") when the name says no level."""
    lowered = party_body.lower()
    for prefix, committee, sign in _COMMITTEES:
        if lowered.startswith(prefix):
            return committee + party_body[len(prefix) :], sign
    return "", ""


@dataclass(frozen=True)
class Issuer:
    """Who issues a plan's reviews: the body above it, the issuing body, its sign in the
    number ("TU", "UBND"), and the block above the signature."""

    superior: str
    name: str
    sign: str
    on_behalf: str


def review_issuer(plan: Plan) -> Issuer:
    """The body whose reviews these are. A congress resolution (Nghị quyết Đại hội) is
    reviewed by the committee the congress elected — "TỈNH ỦY BẾN TRE", "-BC/TU" — never by
    the congress; other plans by their issuing body."""
    number_sign = plan.number.split("/", 1)[1] if "/" in plan.number else ""
    if plan.body_kind == BodyKind.STATE:
        sign = number_sign.split("-", 1)[-1] if number_sign else ""
        collective = plan.issuing_body.lower().startswith("ủy ban nhân dân")
        return Issuer(
            superior=plan.superior_body,
            name=plan.issuing_body,
            sign=sign,
            on_behalf="TM. ỦY BAN NHÂN DÂN" if collective else "",
        )
    name, sign = plan.issuing_body, number_sign
    if plan.kind == PlanKind.TERM_RESOLUTION:
        committee, committee_sign = committee_of(plan.superior_body)
        if committee:
            name, sign = committee, committee_sign
    # A province's or a city's committee reports through its standing committee; a
    # commune's Đảng ủy as itself.
    on_behalf = "T/M ĐẢNG ỦY" if name.lower().startswith("đảng ủy") else "T/M BAN THƯỜNG VỤ"
    return Issuer(superior=plan.superior_body, name=name, sign=sign, on_behalf=on_behalf)


#: How a signer's title is printed under the block, per body kind.
_SIGNER_LINES = {
    SignerTitle.SECRETARY: ["BÍ THƯ"],
    SignerTitle.DEPUTY_SECRETARY: ["PHÓ BÍ THƯ"],
    SignerTitle.STANDING_DEPUTY: ["PHÓ BÍ THƯ THƯỜNG TRỰC"],
    SignerTitle.CHAIRMAN: ["CHỦ TỊCH"],
    SignerTitle.VICE_CHAIRMAN: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
}


def signature_lines(issuer: Issuer, body_kind: str, title: str) -> list[str]:
    """ "T/M BAN THƯỜNG VỤ / BÍ THƯ"; "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""
    party = body_kind == BodyKind.PARTY
    if title not in _SIGNER_LINES or (title in PARTY_SIGNERS) != party:
        title = SignerTitle.SECRETARY if party else SignerTitle.CHAIRMAN
    lines = list(_SIGNER_LINES[title])
    return [issuer.on_behalf, *lines] if issuer.on_behalf else lines


PARTY_SIGNERS = (SignerTitle.SECRETARY, SignerTitle.DEPUTY_SECRETARY, SignerTitle.STANDING_DEPUTY)


def issue_date_text(plan: Plan, period: Period, day: dt.date | None) -> str:
    """ "Bến Tre, ngày 20 tháng 12 năm 2022" — or, when the office has not chosen the date,
    blanks to fill by hand in the year the review is due ("ngày    tháng    năm 2022"):
    a past period's review is never dated today."""
    place = place_name(plan.unit)
    if day is not None:
        return f"{place}, {vietnamese_date(day)}"
    gap = "\u00a0" * 6
    return f"{place}, ngày{gap}tháng{gap}năm {period.end_date.year}"


def _letterhead(plan: Plan, issuer: Issuer, period: Period, draft) -> Letterhead:
    number = (draft.number if draft else "") or "\u00a0" * 7
    if plan.body_kind == BodyKind.STATE:
        text = f"Số: {number}/BC-{issuer.sign}" if issuer.sign else f"Số: {number}/BC"
    else:
        text = f"Số {number}-BC/{issuer.sign}" if issuer.sign else f"Số {number}-BC"
    return Letterhead(
        body_kind=plan.body_kind,
        superior=issuer.superior.upper(),
        issuer=issuer.name.upper(),
        number=text,
        place_and_date=issue_date_text(plan, period, draft.issued_on if draft else None),
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
        decimals=t.decimals,
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


def _limitations(user, plan: Plan, period: Period, ev: PlanEvaluation, context) -> list[str]:
    """What the data says of the shortfalls: each target not met with its result and the
    units that lag on it; the tasks overdue with their owners."""
    out = []
    lagging = [r for r in ev.rows if r.class_key not in (engine.ACHIEVED, "near", engine.NO_DATA)]
    if lagging:
        units = _lagging_units(user, plan, period)
        said = []
        for r in lagging:
            text = target_sentence(r, **context)
            if units.get(r.target.pk):
                text += "; đơn vị chưa đạt: " + ", ".join(units[r.target.pk])
            said.append(text)
        out.append(f"Còn {len(lagging)}/{ev.total} chỉ tiêu chưa đạt: " + "; ".join(said) + ".")
    missing = [r for r in ev.rows if r.class_key == engine.NO_DATA]
    if missing:
        out.append(
            f"{len(missing)}/{ev.total} chỉ tiêu chưa có số liệu để đánh giá: "
            + "; ".join(f"{lower_first(r.target.name)} ({missing_reason(r)})" for r in missing)
            + "."
        )
    overdue = [
        t
        for t in plan_tasks(user=user, plan=plan).select_related("owner_unit")
        if t.deadline and not t.completed_on and t.deadline < ev.task_as_of
    ]
    if overdue:
        owners = sorted({t.owner_unit.name for t in overdue})
        out.append(
            f"{len(overdue)} nhiệm vụ, giải pháp chưa hoàn thành và đã quá hạn, thuộc trách "
            "nhiệm của: " + ", ".join(owners) + "."
        )
    return out


def _lagging_units(user, plan: Plan, period: Period) -> dict[int, list[str]]:
    """For each target of ``plan``, the units whose own target under it is not met."""
    out: dict[int, list[str]] = {}
    for u in plan_units_comparison(user=user, plan=plan, period=period):
        for r in u.evaluation.rows:
            parent = r.target.parent_id
            if parent and r.class_key not in (engine.ACHIEVED, "near", engine.NO_DATA):
                out.setdefault(parent, []).append(u.plan.unit.name)
    return out


def _next_targets(user, plan: Plan, period: Period, kind: str) -> list[str]:
    """The next year's targets, when a year's review is written and the next year's
    resolution of the same unit exists."""
    if kind != ANNUAL or plan.kind != PlanKind.ANNUAL_RESOLUTION:
        return []
    following = (
        plan_list(user=user)
        .filter(unit=plan.unit, kind=PlanKind.ANNUAL_RESOLUTION, year=period.year + 1)
        .first()
    )
    if following is None:
        return []
    targets = following.targets.filter(composite__isnull=True).order_by("order", "pk")
    lines = [
        f"Các chỉ tiêu chủ yếu năm {period.year + 1} ({following.heading}):",
    ]
    lines.extend(f"- {t.statement or t.name}" for t in targets)
    return lines if len(lines) > 1 else []


def build_review(
    *, user, plan: Plan, period: Period, kind: str | None = None, day: dt.date | None = None
) -> Review:
    """Everything the review of ``plan`` for ``period`` says, from the accepted figures."""
    with translation.override("vi"):
        kind = kind or review_kind_for(plan, period)
        ev = plan_evaluation(user=user, plan=plan, period=period)
        draft = review_draft_get(user=user, plan=plan, period_key=period.key)
        if day is not None:  # chosen by the caller (tests, the command line)
            draft = draft or ReviewDraft(plan=plan, period_key=period.key)
            draft.issued_on = day
        issuer = review_issuer(plan)
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
        final = bool(draft and draft.final)
        placeholder = [] if final else [TO_WRITE]
        limitations = _limitations(user, plan, period, ev, context) + written(
            draft, ReviewSection.LIMITATIONS
        )
        return Review(
            opening=written(draft, ReviewSection.OPENING),
            limitations=limitations,
            causes_objective=written(draft, ReviewSection.CAUSES_OBJECTIVE) or placeholder,
            causes_subjective=written(draft, ReviewSection.CAUSES_SUBJECTIVE) or placeholder,
            lessons=(written(draft, ReviewSection.LESSONS) or placeholder)
            if kind == MID_TERM
            else None,
            directions_written=written(draft, ReviewSection.DIRECTIONS),
            next_targets=_next_targets(user, plan, period, kind),
            rate_heading="% kế hoạch năm" if kind == HALF_YEAR else "% kế hoạch",
            directions_title=directions_title(plan, period, kind),
            plan=plan,
            period=period,
            kind=kind,
            letterhead=_letterhead(plan, issuer, period, draft),
            draft=draft,
            mark="" if final else "DỰ THẢO",
            demo_note="Số liệu minh họa, không phải số liệu thật." if plan.is_demo else "",
            signer_name=draft.signer_name if draft else "",
            attached_to=_attached_to(plan, issuer, draft),
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
            recipients=[
                "- Các đồng chí Ủy viên Ban Chấp hành,",
                "- Các cơ quan, đơn vị liên quan,",
                "- Lưu Văn phòng.",
            ]
            if party
            else ["- Các sở, ban, ngành liên quan;", "- Lưu: VT."],
            signature=signature_lines(issuer, plan.body_kind, draft.signer_title if draft else ""),
        )
