"""The office makes and edits a plan: the plan itself, its groups (add, rename, reorder), its
targets as printed (add, edit, move, end) and adjustments of a target's figure by a later
document. Thin, as the web's editor (plans/editor.py): each operation finds its objects
through the selectors (404 outside the caller's scope, 403 when it may see but not manage)
and calls the one service the web calls, which checks the scope again and writes the audit
event."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Status

from nghiquyet.accounts.choices import Action
from nghiquyet.plans import services
from nghiquyet.plans.choices import TARGET_FIGURE_FIELDS, GroupKind
from nghiquyet.plans.models import Group, Plan, TargetAdjustment
from nghiquyet.plans.selectors import (
    group_get,
    group_next_order,
    plan_create_require,
    plan_get,
    plan_list,
    target_adjustments,
    target_get,
    target_list,
)
from nghiquyet.text.problems import TextError
from nghiquyet.text.targets import read_target, target_fields

from .. import lookups
from ..common import MAX_ID
from ..errors import error_responses
from ..schemas.plan_editor import (
    AdjustIn,
    AdjustmentOut,
    EndIn,
    GroupIn,
    GroupOrderIn,
    GroupOut,
    GroupPatchIn,
    PlanCreateIn,
    PlanFieldsIn,
    TargetCreateIn,
    TargetFieldsIn,
)
from ..schemas.plans import PlanDetailOut, TargetOut

#: The plans router itself: a path has one router, or its other methods answer 405.
from .plans import plan_out, router, target_out

TAGS = ["Soạn nghị quyết, chỉ tiêu"]

WRITE_ERRORS = error_responses(403, 404, 409)
GroupId = Path(..., ge=1, le=MAX_ID)


def _plan_detail(request: HttpRequest, code: str) -> dict:
    plan = plan_list(user=request.auth).get(code=code)
    out = plan_out(plan)
    out["description"] = plan.description
    out["target_groups"] = [_group_out(g) for g in plan.target_groups.select_related("plan")]
    return out


def _group_out(g: Group) -> dict:
    return {
        "id": g.pk,
        "plan_code": g.plan.code,
        "kind": g.kind,
        "code": g.code,
        "name": g.name,
        "order": g.order,
    }


def _target_detail(request: HttpRequest, plan: Plan, code: str) -> dict:
    target = (
        target_list(user=request.auth).prefetch_related("partner_units").get(plan=plan, code=code)
    )
    return target_out(target)


def _plan_fields(request: HttpRequest, payload: PlanFieldsIn, *, exclude: set[str]) -> dict:
    """The given fields of the body, codes turned into the objects they name."""
    data = payload.dict(exclude_unset=True, exclude=exclude)
    if "parent" in data:
        data["parent"] = lookups.plan(request.auth, data["parent"], "parent")
    if "scheme" in data:
        data["scheme"] = lookups.scheme(data["scheme"])
        if data["scheme"] is None:
            del data["scheme"]
    for name in ("number", "superior_body", "description"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


# --- the plan -----------------------------------------------------------------------------------


@router.post(
    "/plans",
    tags=TAGS,
    response={201: PlanDetailOut, **WRITE_ERRORS},
    summary="Tạo nghị quyết, kế hoạch (văn phòng)",
)
def create_plan(request: HttpRequest, payload: PlanCreateIn):
    """Tạo văn bản cho một đơn vị mình quản lý (loại, số ký hiệu, cơ quan ban hành, cơ quan cấp
    trên, thể thức, năm hoặc nhiệm kỳ, văn bản cấp trên, cách phân loại). Một sự kiện nhật ký
    ``plan.create``."""
    plan_create_require(user=request.auth)
    data = _plan_fields(request, payload, exclude={"unit"})
    data["unit"] = lookups.unit(request.auth, payload.unit, "unit")
    plan = services.plan_create(acting_user=request.auth, **data)
    return Status(201, _plan_detail(request, plan.code))


@router.patch(
    "/plans/{code}",
    tags=TAGS,
    response={200: PlanDetailOut, **WRITE_ERRORS},
    summary="Sửa thông tin văn bản (văn phòng)",
)
def update_plan(request: HttpRequest, code: str, payload: PlanFieldsIn):
    """Chỉ các trường gửi lên được đổi; một sự kiện ``plan.update`` ghi giá trị cũ và mới."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    services.plan_update(
        acting_user=request.auth, plan=plan, data=_plan_fields(request, payload, exclude=set())
    )
    return _plan_detail(request, plan.code)


# --- groups -------------------------------------------------------------------------------------


@router.post(
    "/plans/{code}/groups",
    tags=TAGS,
    response={201: GroupOut, **WRITE_ERRORS},
    summary="Thêm nhóm chỉ tiêu hoặc nhóm nhiệm vụ",
)
def add_group(request: HttpRequest, code: str, payload: GroupIn):
    """Nhóm mới đứng cuối các nhóm cùng loại (``targets``: chỉ tiêu; ``tasks``: nhiệm vụ)."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    kind = GroupKind(payload.kind)
    group = services.group_create(
        acting_user=request.auth,
        plan=plan,
        kind=kind,
        name=payload.name,
        code=payload.code,
        order=group_next_order(plan=plan, kind=kind),
    )
    return Status(201, _group_out(group))


@router.patch(
    "/plans/{code}/groups/{group_id}",
    tags=TAGS,
    response={200: GroupOut, **WRITE_ERRORS},
    summary="Đổi tên, số thứ tự in của nhóm",
)
def update_group(request: HttpRequest, code: str, payload: GroupPatchIn, group_id: int = GroupId):
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    group = group_get(plan=plan, pk=group_id)
    services.group_update(
        acting_user=request.auth, group=group, data=payload.dict(exclude_unset=True)
    )
    return _group_out(group)


@router.put(
    "/plans/{code}/group-order",
    tags=TAGS,
    response={200: list[GroupOut], **WRITE_ERRORS},
    summary="Sắp lại thứ tự các nhóm",
)
def reorder_groups(request: HttpRequest, code: str, payload: GroupOrderIn):
    """``group_ids``: mọi nhóm cùng loại của văn bản, mỗi nhóm một lần, theo thứ tự mới."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    kind = GroupKind(payload.kind)
    by_id = {g.pk: g for g in plan.groups.filter(kind=kind)}
    given = [by_id.get(pk) or Group(pk=pk) for pk in payload.group_ids]
    services.group_reorder(acting_user=request.auth, plan=plan, kind=kind, groups=given)
    return [_group_out(g) for g in plan.groups.filter(kind=kind).select_related("plan")]


# --- targets ------------------------------------------------------------------------------------


def _figures(statement: str, name: str) -> dict:
    """The plan figure a target's printed wording sets (the text layer's reading, as the plan
    import's and the web editor's), or a 422 naming ``statement`` that says what was
    understood."""
    try:
        fields = target_fields(read_target(statement, name=name)).model_fields()
    except TextError as exc:
        raise lookups.invalid("statement", exc.problem.text) from None
    return {"statement": statement, **fields}


def _target_fields(request: HttpRequest, plan: Plan, payload: TargetFieldsIn, name: str) -> dict:
    data = payload.dict(
        exclude_unset=True,
        exclude={"new_indicator", "new_indicator_unit", "new_indicator_aggregation"},
    )
    if "statement" in data:
        figures = _figures(data.pop("statement"), name)
        if "temporal" in data:
            figures.pop("temporal", None)
        data.update(figures)
    if "group_id" in data:
        data["group"] = lookups.group(plan, data.pop("group_id"), GroupKind.TARGETS)
    if "indicator_code" in data:
        data["indicator"] = lookups.indicator(data.pop("indicator_code"))
    if "lead_unit" in data:
        data["lead_unit"] = lookups.unit(request.auth, data["lead_unit"], "lead_unit")
    if "partner_units" in data:
        data["partner_units"] = lookups.units(request.auth, data["partner_units"], "partner_units")
    if data.get("note", "") is None:
        data["note"] = ""
    return data


@router.post(
    "/plans/{code}/targets",
    tags=TAGS,
    response={201: TargetOut, **WRITE_ERRORS},
    summary="Thêm chỉ tiêu như nghị quyết ghi",
)
def add_target(request: HttpRequest, code: str, payload: TargetCreateIn):
    """``statement`` như nghị quyết ghi quyết định giá trị chỉ tiêu; chỉ số có sẵn
    (``indicator_code``) hoặc chỉ số mới (``new_indicator``…). Đơn vị chủ trì, phối hợp phải
    là đơn vị mình quản lý, chưa thôi hoạt động. Một sự kiện ``target.create``."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    data = _target_fields(request, plan, payload, payload.name)
    data.setdefault("indicator", None)
    data["new_indicator"] = payload.new_indicator
    data["new_indicator_unit"] = payload.new_indicator_unit
    data["new_indicator_aggregation"] = payload.new_indicator_aggregation
    target = services.target_add(acting_user=request.auth, plan=plan, data=data)
    return Status(201, _target_detail(request, plan, target.code))


@router.patch(
    "/plans/{code}/targets/{target_code}",
    tags=TAGS,
    response={200: TargetOut, **WRITE_ERRORS},
    summary="Sửa, chuyển nhóm chỉ tiêu",
)
def update_target(request: HttpRequest, code: str, target_code: str, payload: TargetFieldsIn):
    """Chỉ các trường gửi lên được đổi (``group_id``, ``order``: chuyển chỉ tiêu). Khi chỉ tiêu
    đã có số liệu báo cáo, giá trị chỉ tiêu (``statement``) chỉ đổi bằng điều chỉnh
    (``…/adjustments``): 422. Một sự kiện ``target.update`` với giá trị cũ và mới."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    target = target_get(user=request.auth, plan=plan, code=target_code)
    data = _target_fields(request, plan, payload, payload.name or target.name)
    services.target_update(acting_user=request.auth, target=target, data=data)
    return _target_detail(request, plan, target.code)


def adjustment_out(a: TargetAdjustment) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "effective_on": a.effective_on,
        "document": a.document,
        "reason": a.reason,
        "before": a.before,
        "after": a.after,
        "created_by": a.created_by.username if a.created_by else None,
        "created_at": a.created_at,
    }


@router.get(
    "/plans/{code}/targets/{target_code}/adjustments",
    tags=TAGS,
    response={200: list[AdjustmentOut], **error_responses(404)},
    summary="Các lần điều chỉnh, bãi bỏ chỉ tiêu",
)
def list_adjustments(request: HttpRequest, code: str, target_code: str):
    """Theo thứ tự có hiệu lực; mỗi lần giữ giá trị trước và sau, văn bản, ngày áp dụng."""
    plan = plan_get(user=request.auth, code=code)
    target = target_get(user=request.auth, plan=plan, code=target_code)
    return [adjustment_out(a) for a in target_adjustments(user=request.auth, target=target)]


@router.post(
    "/plans/{code}/targets/{target_code}/adjustments",
    tags=TAGS,
    response={201: AdjustmentOut, **WRITE_ERRORS},
    summary="Điều chỉnh chỉ tiêu theo văn bản sau",
)
def adjust_target(request: HttpRequest, code: str, target_code: str, payload: AdjustIn):
    """Giá trị mới (như văn bản điều chỉnh ghi), ngày áp dụng, văn bản điều chỉnh. Số cũ được
    giữ lại: các kỳ kết thúc trước ngày áp dụng vẫn đánh giá theo số cũ. Một sự kiện
    ``target.adjust``."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    target = target_get(user=request.auth, plan=plan, code=target_code)
    figures = _figures(payload.statement, target.name)
    adjustment = services.target_adjust(
        acting_user=request.auth,
        target=target,
        data={k: v for k, v in figures.items() if k in TARGET_FIGURE_FIELDS},
        effective_on=payload.effective_on,
        document=payload.document,
        reason=payload.reason,
    )
    return Status(201, adjustment_out(adjustment))


@router.post(
    "/plans/{code}/targets/{target_code}/end",
    tags=TAGS,
    response={201: AdjustmentOut, **WRITE_ERRORS},
    summary="Bãi bỏ chỉ tiêu từ một ngày",
)
def end_target(request: HttpRequest, code: str, target_code: str, payload: EndIn):
    """Các kỳ từ ngày ``ended_on`` không đánh giá chỉ tiêu này nữa. Một sự kiện
    ``target.end``."""
    plan = plan_get(user=request.auth, code=code, action=Action.MANAGE)
    target = target_get(user=request.auth, plan=plan, code=target_code)
    adjustment = services.target_end(
        acting_user=request.auth,
        target=target,
        ended_on=payload.ended_on,
        document=payload.document,
        reason=payload.reason,
    )
    return Status(201, adjustment_out(adjustment))
