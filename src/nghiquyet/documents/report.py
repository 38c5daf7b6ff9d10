"""A review report (báo cáo sơ kết, tổng kết) built from live data.

:func:`build_review` gathers everything a review says — the headline sentence,
a paragraph per target group written from the figures, the table of every
target, the tasks, how units reported, an appendix per unit — into a
:class:`Review`. Renderers turn it into Word (:mod:`.render_docx`), PDF
(:mod:`.render_pdf`) and Excel (:mod:`.render_xlsx`); none of them decides a
number. Documents are always in Vietnamese.

The parts live by concern: the document's own facts (kind, title, issuer, letterhead,
signature) in :mod:`.review_facts`, the tables and the appendix in :mod:`.review_tables`,
the paragraphs the data writes in :mod:`.review_text`; this module holds the outline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone, translation

from nghiquyet import engine
from nghiquyet.plans import display
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.evaluation import (
    PlanEvaluation,
    period_share,
    plan_evaluation,
)
from nghiquyet.reporting.selectors.missing import no_data_reasons

from .choices import ReviewSection
from .collector import without_collector
from .models import ReviewDraft
from .review_facts import (
    ANNUAL,
    END_TERM,
    HALF_YEAR,
    MID_TERM,
    PARTY_SIGNERS,
    REVIEW_TITLES,
    WITH_LESSONS,
    Letterhead,
    attached_to_text,
    committee_of,
    directions_title,
    letterhead_for,
    place_name,
    recipients_for,
    review_issuer,
    review_kind_for,
    review_subject,
    signature_lines,
    vietnamese_date,
)
from .review_tables import AppendixUnit, Outlook, Row, appendix_units, table_rows, term_outlook
from .review_text import (
    NEAR,
    TO_WRITE,
    group_paragraphs,
    limitation_paragraphs,
    next_targets,
    not_met,
    relative_paragraphs,
    reporting_paragraphs,
    task_paragraphs,
    written,
)
from .selectors import review_draft_get
from .sentences import lower_first

__all__ = [
    "ANNUAL",
    "END_TERM",
    "HALF_YEAR",
    "MID_TERM",
    "PARTY_SIGNERS",
    "REVIEW_TITLES",
    "AppendixUnit",
    "GroupText",
    "Letterhead",
    "Outlook",
    "Review",
    "Row",
    "build_review",
    "committee_of",
    "place_name",
    "review_kind_for",
    "vietnamese_date",
]


@dataclass
class GroupText:
    title: str
    paragraphs: list[str]
    rows: list[Row]
    counts: dict[str, int]


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
    #: part-way through the year, the heading of the pace column ("So với 50% KH năm")
    pace_heading: str = ""
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


def _intro_time(plan: Plan, period: Period, kind: str) -> str:
    """When the headline's counts stand: "Năm 2022", "6 tháng đầu năm 2021"; a term's review
    counts the years the resolution has run: "Sau 3 năm thực hiện (2021–2023)"."""
    years = [y for y in plan.years if y <= period.year]
    if kind in (MID_TERM, END_TERM) and period.kind == PeriodKind.YEAR and len(years) > 1:
        return f"Sau {len(years)} năm thực hiện ({years[0]}–{years[-1]})"
    return period.label


@without_collector
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
        share = period_share(period)
        labels = ev.labels
        context = {
            "year": period.year,
            "term_end": plan.term_end,
            "reasons": no_data_reasons(user=user, ev=ev),
        }
        subject = review_subject(plan, period, kind)
        intro = (
            f"{_intro_time(plan, period, kind)}, trong {ev.total} chỉ tiêu chủ yếu "
            f"{plan.heading} đề ra, có {ev.summary[0].lower()}{ev.summary[1:]}"
        )
        groups = []
        for i, g in enumerate(ev.groups, start=1):
            name = g.group.name if g.group else "Các chỉ tiêu khác"
            groups.append(
                GroupText(
                    title=f"{i}. {name}",
                    paragraphs=group_paragraphs(ev, g.rows, labels, **context),
                    rows=table_rows(ev, g.rows),
                    counts=g.counts,
                )
            )
        directions = []
        # "chưa đạt" names the same targets as chapter II ("Còn 4/25 chỉ tiêu chưa đạt"); the
        # ones "xấp xỉ đạt" are named apart, as the headline counts them
        lagging = [r for r in ev.rows if not_met(r)]
        near = [r for r in ev.rows if r.class_key == NEAR]
        pushes = []
        if lagging:
            pushes.append(
                "Tập trung lãnh đạo, chỉ đạo thực hiện các chỉ tiêu chưa đạt: "
                + "; ".join(lower_first(r.target.name) for r in lagging)
                + "."
            )
        if near:
            pushes.append(
                "Phấn đấu hoàn thành các chỉ tiêu xấp xỉ đạt: "
                + "; ".join(lower_first(r.target.name) for r in near)
                + "."
            )
        if pushes:
            directions.append(" ".join(pushes))
        missing = [r for r in ev.rows if r.class_key == engine.NO_DATA]
        if missing:
            directions.append(
                "Đề nghị các đơn vị chủ trì hoàn thiện số liệu các chỉ tiêu: "
                + "; ".join(lower_first(r.target.name) for r in missing)
                + "."
            )
        # the forecast to the end of the term, while some of it is left
        outlook = term_outlook(user, plan, period) if plan.term_start and kind != END_TERM else None
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
        final = bool(draft and draft.final)
        placeholder = [] if final else [TO_WRITE]
        limitations = limitation_paragraphs(
            user, plan, period, ev, context, draft.issued_on if draft else None
        ) + written(draft, ReviewSection.LIMITATIONS)
        return Review(
            opening=written(draft, ReviewSection.OPENING),
            limitations=limitations,
            causes_objective=written(draft, ReviewSection.CAUSES_OBJECTIVE) or placeholder,
            causes_subjective=written(draft, ReviewSection.CAUSES_SUBJECTIVE) or placeholder,
            lessons=(written(draft, ReviewSection.LESSONS) or placeholder)
            if kind in WITH_LESSONS
            else None,
            directions_written=written(draft, ReviewSection.DIRECTIONS),
            next_targets=next_targets(user, plan, period, kind),
            # the heading says what the figure is: part-way through the year (whatever the
            # review), the rate is of the whole year's plan (review_tables.table_row)
            rate_heading="% kế hoạch năm" if share < 1.0 else "% kế hoạch",
            pace_heading=f"So với {display.percent(share * 100, 0)} KH năm" if share < 1.0 else "",
            directions_title=directions_title(plan, period, kind),
            plan=plan,
            period=period,
            kind=kind,
            letterhead=letterhead_for(plan, issuer, period, draft),
            draft=draft,
            mark="" if final else "DỰ THẢO",
            demo_note="Số liệu minh họa, không phải số liệu thật." if plan.is_demo else "",
            signer_name=draft.signer_name if draft else "",
            attached_to=attached_to_text(plan, issuer, draft),
            doc_type="BÁO CÁO",
            title=subject,
            evaluation=ev,
            intro=intro,
            groups=groups,
            tasks=task_paragraphs(user, plan, ev, draft.issued_on if draft else None),
            reporting=reporting_paragraphs(user, plan, period),
            directions=directions,
            appendix=appendix_units(user, plan, period, ev),
            outlook=outlook,
            relative=relative_paragraphs(user, plan, ev),
            recipients=recipients_for(issuer, plan.body_kind),
            signature=signature_lines(issuer, plan.body_kind, draft.signer_title if draft else ""),
        )
