"""Plans (nghị quyết, chương trình, kế hoạch), their target groups and targets, and their
evaluation: rates, classes, counts and the summary sentence for a period."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from nghiquyet.engine import NO_DATA
from nghiquyet.plans.choices import PlanKind, TargetChange, TargetDecides
from nghiquyet.plans.filters import PlanFilter, TargetFilter
from nghiquyet.plans.models import Plan, Target
from nghiquyet.plans.selectors import plan_get, plan_list, target_list
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.comparisons import units_comparison_uncached
from nghiquyet.reporting.selectors.evaluation import (
    TargetResult,
    evaluation_uncached,
    task_status_labels,
)
from nghiquyet.reporting.selectors.missing import (
    NoDataReason,
    no_data_reasons,
    target_no_data_reason,
)
from nghiquyet.reporting.selectors.periods import plan_default_period, plan_period_options
from nghiquyet.reporting.selectors.target_detail import target_detail
from nghiquyet.text.problems import TextError
from nghiquyet.text.targets import read_target, render_target

from ..common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET, number, page, period_for
from ..errors import ApiError, error_responses
from ..rendering import cached_json
from ..schemas import (
    EvaluationOut,
    PlanDetailOut,
    PlanOut,
    TargetEvaluationOut,
    TargetGroupOut,
    TargetOut,
    TargetWordingIn,
    TargetWordingOut,
    UnitEvaluationOut,
    page_of,
)

router = Router(tags=["Nghị quyết, chỉ tiêu, đánh giá"])

PlanKindParam = Literal[tuple(PlanKind.values)]  # type: ignore[valid-type]
PlanOrdering = Literal["code", "-code", "year", "-year", "unit", "-unit"]
_PLAN_ORDER = {
    "year": ("year", "term_end", "code"),
    "-year": ("-year", "-term_end", "code"),
    "unit": ("unit__depth", "unit__order", "code"),
    "-unit": ("-unit__depth", "-unit__order", "code"),
}
TargetOrdering = Literal["order", "-order", "code", "-code"]
_CHANGE = {
    TargetChange.NONE: "none",
    TargetChange.INCREASE: "increase",
    TargetChange.DECREASE: "decrease",
}
_DECIDES = {
    TargetDecides.BOTH: "both",
    TargetDecides.LEVEL: "level",
    TargetDecides.CHANGE: "change",
}


def plan_out(p: Plan) -> dict:
    return {
        "code": p.code,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "heading": p.heading,
        "number": p.number,
        "title": p.title,
        "unit_code": p.unit.code,
        "unit_name": p.unit.name,
        "issuing_body": p.issuing_body,
        "issued_on": p.issued_on,
        "year": p.year,
        "term_start": p.term_start,
        "term_end": p.term_end,
        "years": p.years,
        "parent_code": p.parent.code if p.parent_id else None,
        "scheme": p.scheme.key,
        "is_demo": p.is_demo,
        "target_count": getattr(p, "target_count", 0),
        "task_count": getattr(p, "task_count", 0),
    }


def group_out(g) -> dict:
    return {"id": g.pk, "plan_code": g.plan.code, "code": g.code, "name": g.name, "order": g.order}


def target_out(t: Target) -> dict:
    return {
        "id": t.pk,
        "plan_code": t.plan.code,
        "code": t.code,
        "name": t.name,
        "statement": t.statement,
        "group_id": t.group_id,
        "group_code": t.group.code if t.group_id else None,
        "indicator_code": t.indicator.code if t.indicator_id else None,
        "unit_of_measure": t.unit_of_measure,
        "aggregation": t.indicator.aggregation if t.indicator_id else None,
        "direction": t.direction,
        "target_value": number(t.target_value),
        "target_high": number(t.target_high),
        "tolerance": number(t.tolerance),
        "change": _CHANGE.get(t.change, "none"),
        "temporal": t.temporal,
        "due_date": t.due_date,
        "is_composite": t.is_composite,
        "composite_code": t.composite.code if t.composite_id else None,
        "parent_plan_code": t.parent.plan.code if t.parent_id else None,
        "parent_code": t.parent.code if t.parent_id else None,
        "lead_unit_code": t.lead_unit.code if t.lead_unit_id else None,
        "partner_unit_codes": [u.code for u in t.partner_units.all()],
        "strict": t.strict,
        "change_measure": "points" if t.change_in_points else "percent",
        "with_change": _CHANGE.get(t.with_change, "none"),
        "with_change_low": number(t.with_change_low),
        "with_change_high": number(t.with_change_high),
        "decided_by": _DECIDES[t.decided_by],
        "part_of_code": t.part_of.code if t.part_of_id else None,
    }


@router.get(
    "/plans", response={200: page_of(PlanOut), **error_responses(422)}, summary="Danh sách văn bản"
)
def list_plans(
    request: HttpRequest,
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị ban hành"),
    under: str | None = Query(
        None, max_length=32, description="Mã đơn vị: văn bản của cả cây đơn vị dưới nó"
    ),
    kind: PlanKindParam | None = None,
    year: int | None = Query(None, ge=1945, le=2200, description="Văn bản có chỉ tiêu cho năm này"),
    parent: str | None = Query(None, max_length=64, description="Mã văn bản được cụ thể hóa"),
    q: str | None = Query(
        None,
        max_length=100,
        description=(
            "Tìm trong trích yếu, số hiệu, mã văn bản, tên hoặc mã đơn vị ban hành "
            "(gõ có dấu hay không dấu đều được)"
        ),
    ),
    ordering: PlanOrdering = "code",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Nghị quyết, chương trình, kế hoạch của các đơn vị trong phạm vi được xem."""
    filters = PlanFilter(
        unit=unit or "",
        under=under or "",
        kind=kind or "",
        year=year,
        parent=parent or "",
        q=q or "",
    )
    plans = filters.apply(plan_list(user=request.auth), user=request.auth)
    plans = plans.order_by(*_PLAN_ORDER.get(ordering, (ordering,)), "pk")
    return page(plans, limit, offset, plan_out)


@router.get(
    "/plans/{code}", response={200: PlanDetailOut, **error_responses(404)}, summary="Một văn bản"
)
def get_plan(request: HttpRequest, code: str):
    plan = plan_list(user=request.auth).filter(code=code).first()
    if plan is None:
        raise Http404
    out = plan_out(plan)
    out["description"] = plan.description
    out["target_groups"] = [group_out(g) for g in plan.target_groups.select_related("plan")]
    return out


@router.get(
    "/plans/{code}/target-groups",
    response={200: list[TargetGroupOut], **error_responses(404)},
    summary="Nhóm chỉ tiêu của văn bản",
)
def list_target_groups(request: HttpRequest, code: str):
    plan = plan_get(user=request.auth, code=code)
    return [group_out(g) for g in plan.target_groups.select_related("plan")]


@router.get(
    "/targets",
    response={200: page_of(TargetOut), **error_responses(422)},
    summary="Danh sách chỉ tiêu",
)
def list_targets(
    request: HttpRequest,
    plan: str | None = Query(None, max_length=64, description="Mã văn bản"),
    group: int | None = Query(None, ge=1, le=MAX_ID, description="id của nhóm chỉ tiêu"),
    code: str | None = Query(None, max_length=16),
    indicator: str | None = Query(None, max_length=64, description="Mã chỉ số"),
    lead_unit: str | None = Query(None, max_length=32, description="Mã đơn vị chủ trì"),
    q: str | None = Query(
        None, max_length=100, description="Tìm trong tên, nội dung chỉ tiêu (có dấu hay không dấu)"
    ),
    ordering: TargetOrdering = "order",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Chỉ tiêu của các văn bản trong phạm vi được xem (kể cả chỉ tiêu thành phần)."""
    filters = TargetFilter(
        plan=plan or "",
        group=group,
        code=code or "",
        indicator=indicator or "",
        lead_unit=lead_unit or "",
        q=q or "",
    )
    targets = filters.apply(
        target_list(user=request.auth).prefetch_related("partner_units"), user=request.auth
    )
    order = {"order": ("plan__code", "order"), "-order": ("plan__code", "-order")}.get(
        ordering, ("plan__code", ordering)
    )
    return page(targets.order_by(*order, "pk"), limit, offset, target_out)


@router.get(
    "/plans/{code}/targets/{target_code}",
    response={200: TargetOut, **error_responses(404)},
    summary="Một chỉ tiêu",
)
def get_target(request: HttpRequest, code: str, target_code: str):
    target = (
        target_list(user=request.auth)
        .prefetch_related("partner_units")
        .filter(plan__code=code, code=target_code)
        .first()
    )
    if target is None:
        raise Http404
    return target_out(target)


# --- evaluation --------------------------------------------------------------------------------


def _period(plan: Plan, key: str | None) -> Period:
    if key:
        return period_for(key)
    chosen = plan_default_period(plan, plan_period_options(plan))
    if chosen is None:
        raise ApiError(
            "validation_error",
            _("Văn bản này không gắn với năm nào; hãy chọn kỳ (tham số period)."),
            [{"field": "period", "row": None, "message": _("bắt buộc phải có")}],
        )
    return chosen


def counts_out(labels: dict[str, str], counts: dict[str, int], keys) -> list[dict]:
    return [{"key": k, "label": labels[k], "count": counts.get(k, 0)} for k in keys]


def _missing_reason(r: TargetResult, reasons: dict[int, NoDataReason]) -> str | None:
    """Why the target has no result — the dashboard's and the review's words — or None."""
    if r.class_key != NO_DATA:
        return None
    return (reasons.get(r.target.pk) or target_no_data_reason(r)).text


def _result_fields(r: TargetResult, reasons: dict[int, NoDataReason]) -> dict:
    t = r.target
    return {
        "code": t.code,
        "name": t.name,
        "unit_of_measure": t.unit_of_measure,
        "direction": t.direction,
        "target_value": number(t.target_value),
        "target_high": number(t.target_high),
        "actual": r.actual,
        "actual_status": r.value.status if r.value is not None else None,
        "baseline": r.baseline,
        "measured": r.measured,
        "rate": r.rate,
        "annual_rate": r.annual_rate,
        "expected_share": r.expected_share,
        "yoy_percent": r.yoy_percent,
        "class_key": r.class_key,
        "class_label": r.class_label,
        "met": r.met,
        "exceeded": r.exceeded,
        "derivation": r.derivation,
        "actual_source": r.source,
        "actual_note": r.source_note,
        "baseline_note": r.baseline_note,
        "missing_reason": _missing_reason(r, reasons),
    }


def result_out(r: TargetResult, reasons: dict[int, NoDataReason]) -> dict:
    """A target's result; ``reasons``: why targets have no result
    (:func:`~nghiquyet.reporting.selectors.missing.no_data_reasons`)."""
    out = _result_fields(r, reasons)
    out["group_code"] = r.target.group.code if r.target.group_id else None
    out["parts"] = [_result_fields(p, reasons) for p in r.parts]
    return out


PeriodParam = Query(
    None,
    max_length=16,
    description=(
        "Mã kỳ: 2022, 2022-H1, 2022-9M, 2022-Q3, 2022-M07, 2020-2025; mặc định năm gần nhất "
        "có số liệu"
    ),
)


@router.get(
    "/plans/{code}/evaluation",
    response={200: EvaluationOut, **error_responses(404, 422)},
    summary="Đánh giá văn bản trong một kỳ",
)
def get_evaluation(request: HttpRequest, code: str, period: str | None = PeriodParam):
    """Tỷ lệ thực hiện, phân loại từng chỉ tiêu, số chỉ tiêu theo từng mức, theo nhóm, câu tóm tắt
    ("15/25 chỉ tiêu đạt và vượt; …") và tình hình nhiệm vụ, tại đơn vị ban hành văn bản."""
    return cached_json(
        request,
        kind="api.evaluation",
        schema=EvaluationOut,
        parts=(code, period),
        build=lambda: _evaluation(request, code, period),
    )


def _evaluation(request: HttpRequest, code: str, period: str | None) -> dict:
    plan = plan_get(user=request.auth, code=code)
    ev = evaluation_uncached(user=request.auth, plan=plan, period=_period(plan, period))
    keys = ev.scheme.keys
    reasons = no_data_reasons(user=request.auth, ev=ev)
    task_labels = task_status_labels()
    return {
        "plan_code": plan.code,
        "unit_code": plan.unit.code,
        "period": ev.period.key,
        "period_label": ev.period.label,
        "scheme": ev.scheme.key,
        "summary": ev.summary,
        "total": ev.total,
        "counts": counts_out(ev.labels, ev.counts, keys),
        "groups": [
            {
                "code": g.group.code if g.group else None,
                "name": g.group.name if g.group else None,
                "total": len(g.rows),
                "counts": counts_out(ev.labels, g.counts, keys),
            }
            for g in ev.groups
        ],
        "targets": [result_out(r, reasons) for r in ev.rows],
        "tasks": {
            "as_of": ev.task_as_of,
            "total": ev.task_total,
            "counts": counts_out(task_labels, ev.task_counts, task_labels.keys()),
        },
    }


@router.get(
    "/plans/{code}/evaluation/units",
    response={200: list[UnitEvaluationOut], **error_responses(404, 422)},
    summary="Đánh giá theo đơn vị cụ thể hóa",
)
def get_unit_evaluations(request: HttpRequest, code: str, period: str | None = PeriodParam):
    """Các đơn vị cụ thể hóa văn bản (các xã, phường…) trong phạm vi được xem, mỗi đơn vị với số
    chỉ tiêu theo từng mức, câu tóm tắt và tình trạng báo cáo của kỳ; đơn vị chậm nhất trước, rồi
    các đơn vị chưa có số liệu được tiếp nhận (không xếp hạng)."""
    return cached_json(
        request,
        kind="api.evaluation.units",
        schema=list[UnitEvaluationOut],
        parts=(code, period),
        build=lambda: _unit_evaluations(request, code, period),
    )


def _unit_evaluations(request: HttpRequest, code: str, period: str | None) -> list[dict]:
    plan = plan_get(user=request.auth, code=code)
    rows = units_comparison_uncached(user=request.auth, plan=plan, period=_period(plan, period))
    return [
        {
            "unit_code": r.plan.unit.code,
            "unit_name": r.plan.unit.name,
            "plan_code": r.plan.code,
            "total": r.evaluation.total,
            "evaluated": r.evaluated,
            "has_figures": r.has_figures,
            "achieved_percent": r.achieved_share,
            "summary": r.evaluation.summary,
            "counts": counts_out(
                r.evaluation.labels, r.evaluation.counts, r.evaluation.scheme.keys
            ),
            "submission_id": r.submission.pk if r.submission else None,
            "submission_status": r.submission.status if r.submission else None,
            "timeliness": r.timeliness,
            "missing_reason": None if r.has_figures else r.no_data_reason.text,
        }
        for r in rows
    ]


@router.get(
    "/plans/{code}/evaluation/targets/{target_code}",
    response={200: TargetEvaluationOut, **error_responses(404, 422)},
    summary="Đánh giá một chỉ tiêu: theo thời gian, theo đơn vị, các phiên bản số liệu",
)
def get_target_evaluation(
    request: HttpRequest, code: str, target_code: str, period: str | None = PeriodParam
):
    plan = plan_get(user=request.auth, code=code)
    chosen = _period(plan, period)
    detail = target_detail(user=request.auth, plan=plan, code=target_code, period=chosen)
    return {
        "plan_code": plan.code,
        "period": chosen.key,
        "result": result_out(
            detail.result, no_data_reasons(user=request.auth, ev=detail.evaluation)
        ),
        "series": [
            {
                "period": p.period.key,
                "period_label": p.period.label,
                "actual": p.actual,
                "status": p.status,
                "plan_figure": p.plan_figure,
                "note": p.note,
                "references": [
                    {"series": line.name, "value": value}
                    for line, value in zip(detail.references, p.references, strict=False)
                ],
            }
            for p in detail.series
        ],
        "breakdown": [
            {
                "unit_code": b.unit.code,
                "unit_name": b.unit.name,
                "target_plan_code": b.target.plan.code if b.target else None,
                "target_code": b.target.code if b.target else None,
                "actual": b.actual,
                "rate": b.rate,
                "class_key": b.class_key,
                "class_label": b.class_label,
                "baseline": b.baseline,
                "baseline_note": b.baseline_note,
                "missing_reason": b.no_data_reason.text if b.no_data_reason else None,
            }
            for b in detail.breakdown
        ],
        "history": [
            {
                "version": v.version,
                "value": float(v.value),
                "status": v.status,
                "is_current": v.is_current,
                "source": v.source,
                "note": v.note,
                "recorded_by": v.recorded_by.username if v.recorded_by else None,
                "recorded_at": v.recorded_at,
            }
            for v in detail.history
        ],
    }


@router.post(
    "/targets/read",
    response={200: TargetWordingOut, **error_responses()},
    summary="Đọc một chỉ tiêu như nghị quyết ghi",
)
def read_target_wording(request: HttpRequest, payload: TargetWordingIn):
    """Chỉ tiêu như nghị quyết ghi ("từ 11% trở lên", "giảm 0,7% (còn 4,33%)") thành các
    trường của nó, và cách viết chuẩn; cùng cách đọc với tệp Excel nhập nghị quyết và lệnh
    ``nghiquyet plan extract``. Không đọc được: 422 nói điều đã hiểu và cách viết."""
    try:
        form = read_target(payload.text, name=payload.name)
    except TextError as exc:
        message = exc.problem.text
        raise ApiError(
            "validation_error", message, [{"field": "text", "message": message}]
        ) from None
    return {"text": payload.text, "canonical": render_target(form), "form": form.to_dict()}
