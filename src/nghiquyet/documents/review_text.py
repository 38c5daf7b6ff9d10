"""The paragraphs of a review the data can write: a paragraph per class of each target
group, the tasks, how units reported, the unit beside the region and the country, the
limitations (targets not met and the units lagging, overdue tasks), the next plan's targets;
and the sections the office writes (:class:`~.models.ReviewDraft`)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from nghiquyet import engine
from nghiquyet.plans import display
from nghiquyet.plans.choices import PlanKind, TargetChange
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_list, plan_tasks
from nghiquyet.reporting.choices import Timeliness
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import plan_units_comparison
from nghiquyet.reporting.selectors.evaluation import PlanEvaluation
from nghiquyet.reporting.selectors.rounds import plan_round, round_completeness
from nghiquyet.reporting.selectors.target_detail import reference_lines

from .review_facts import ANNUAL, END_TERM, next_term
from .sentences import lower_first, missing_reason, target_sentence

#: Said where a section only people can write is still empty, in a draft.
TO_WRITE = "(Văn phòng soạn phần này tại trang Soạn báo cáo trước khi tạo văn bản.)"


def written(draft, key: str) -> list[str]:
    """The paragraphs the office wrote for a section (one per line)."""
    text = (draft.sections or {}).get(key, "") if draft else ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def group_paragraphs(ev: PlanEvaluation, group_rows, labels, **context) -> list[str]:
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
            said = "; ".join(
                f"{lower_first(r.target.name)} ({missing_reason(r, context.get('reasons'))})"
                for r in chosen
            )
        lead = f"Có {len(chosen)}/{total}" if not paragraphs else f"{len(chosen)}/{total}"
        paragraphs.append(f"{lead} chỉ tiêu {labels[key]}: {said}.")
    return paragraphs


def _done_by(task, day) -> bool:
    """Was ``task`` completed by ``day`` (a task completed after the period is still open in
    its review)?"""
    return bool(task.completed_on and task.completed_on <= day)


def overdue_tasks(user, plan: Plan, as_of) -> list:
    """The tasks not completed by ``as_of`` whose deadline had passed, with their owners."""
    return [
        t
        for t in plan_tasks(user=user, plan=plan)
        if t.deadline and t.deadline < as_of and not _done_by(t, as_of)
    ]


def _named_result(task) -> str:
    """ "xây dựng đề án chuyển đổi số (sản phẩm: Đề án số 12-ĐA/TU; Sở Thông tin và Truyền
    thông, hoàn thành 15/06/2022)" — what was done, its product, by whom, when."""
    late = ", quá hạn" if task.deadline and task.completed_on > task.deadline else ""
    product = task.product.strip().rstrip(".")
    said = f"sản phẩm: {product}; " if product else ""
    return (
        f"{lower_first(task.title.strip().rstrip('.'))} ({said}{task.owner_unit.name}, hoàn thành "
        f"{task.completed_on:%d/%m/%Y}{late})"
    )


def tasks_as_of(ev: PlanEvaluation, day: dt.date | None):
    """The day the review tells the tasks as of: the period's end (or today), never after
    the document's own date — a review dated 05/07/2023 cannot report tasks "đến 14/12/2023"
    nor count as done what was done after it was signed."""
    return min(ev.task_as_of, day) if day else ev.task_as_of


def task_paragraphs(user, plan: Plan, ev: PlanEvaluation, day: dt.date | None = None) -> list[str]:
    """The tasks: how many in each status; then, per task group, the tasks completed with
    their named results (product, owner, date); then the overdue ones with their owners,
    deadlines and progress. ``day``: the document's date, if chosen."""
    as_of = tasks_as_of(ev, day)
    counts = ev.task_counts
    if as_of != ev.task_as_of:
        listed = list(plan_tasks(user=user, plan=plan))
        counts = engine.count_statuses(
            engine.task_status(
                [t.deadline for t in listed] or np.empty(0, "datetime64[D]"),
                [t.completed_on for t in listed] or np.empty(0, "datetime64[D]"),
                as_of,
            )
        )
    total = sum(counts.values())
    if not total:
        return []
    labels = engine.TASK_STATUS_LABELS
    parts = [f"{n} nhiệm vụ {labels[k]}" for k, n in counts.items() if n]
    out = [
        f"Trong {total} nhiệm vụ, giải pháp được giao (tình hình đến "
        f"{as_of:%d/%m/%Y}): " + "; ".join(parts) + "."
    ]
    tasks = sorted(
        plan_tasks(user=user, plan=plan),
        key=lambda t: (t.group.order if t.group else 10**6, t.group_id or 0, t.code, t.pk),
    )
    by_group: dict[int | None, list] = {}
    for t in tasks:
        by_group.setdefault(t.group_id, []).append(t)
    for items in by_group.values():
        done = [t for t in items if _done_by(t, as_of)]
        if not done:
            continue
        group = items[0].group
        lead = f"{group.name}: đ" if group else "Đ"
        out.append(
            f"{lead}ã hoàn thành {len(done)}/{len(items)} nhiệm vụ: "
            + "; ".join(_named_result(t) for t in done)
            + "."
        )
    overdue = overdue_tasks(user, plan, as_of)
    if overdue:
        out.append(
            "Các nhiệm vụ chưa hoàn thành quá hạn: "
            + "; ".join(
                f"{lower_first(t.title)} ({t.owner_unit.name}, hạn {t.deadline:%d/%m/%Y}, "
                + (
                    # completed after the period: its progress today says nothing of then
                    f"hoàn thành {t.completed_on:%d/%m/%Y})"
                    if t.completed_on
                    else f"tiến độ {t.progress}%)"
                )
                for t in overdue
            )
            + "."
        )
    return out


def reporting_paragraphs(user, plan: Plan, period: Period) -> list[str]:
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


def relative_paragraphs(user, plan: Plan, ev: PlanEvaluation) -> list[str]:
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


#: the class of targets "xấp xỉ đạt" in the default scheme
NEAR = "near"


def not_met(r) -> bool:
    """Does a review call the target "chưa đạt": below "xấp xỉ đạt", with a figure (chapter
    II counts them, the directions name them, the lagging units are those)?"""
    return r.class_key not in (engine.ACHIEVED, NEAR, engine.NO_DATA)


def limitation_paragraphs(
    user, plan: Plan, period: Period, ev: PlanEvaluation, context, day: dt.date | None = None
) -> list[str]:
    """What the data says of the shortfalls: each target not met with its result and the
    units that lag on it; the tasks overdue with their owners."""
    out = []
    lagging = [r for r in ev.rows if not_met(r)]
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
            + "; ".join(
                f"{lower_first(r.target.name)} ({missing_reason(r, context.get('reasons'))})"
                for r in missing
            )
            + "."
        )
    overdue = overdue_tasks(user, plan, tasks_as_of(ev, day))
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
            if parent and not_met(r):
                out.setdefault(parent, []).append(u.plan.unit.name)
    return out


def next_targets(user, plan: Plan, period: Period, kind: str) -> list[str]:
    """The next plan's targets, when it exists: the next year's resolution of the same unit
    after a year's review; the next term's resolution after the term's review."""
    following, title = None, ""
    if kind == ANNUAL and plan.kind == PlanKind.ANNUAL_RESOLUTION:
        following = (
            plan_list(user=user)
            .filter(unit=plan.unit, kind=PlanKind.ANNUAL_RESOLUTION, year=period.year + 1)
            .first()
        )
        title = f"năm {period.year + 1}"
    elif kind == END_TERM and (term := next_term(plan)):
        following = (
            plan_list(user=user)
            .filter(unit=plan.unit, kind=PlanKind.TERM_RESOLUTION, term_start=term[0])
            .first()
        )
        title = f"nhiệm kỳ {term[0]} - {term[1]}"
    if following is None:
        return []
    targets = following.targets.filter(composite__isnull=True).order_by("order", "pk")
    lines = [f"Các chỉ tiêu chủ yếu {title} ({following.heading}):"]
    lines.extend(f"- {t.statement or t.name}" for t in targets)
    return lines if len(lines) > 1 else []
