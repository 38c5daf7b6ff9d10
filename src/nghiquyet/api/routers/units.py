"""Org units (đơn vị) the caller may see."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router

from nghiquyet.orgs.choices import OrgUnitKind
from nghiquyet.orgs.filters import OrgUnitFilter
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.selectors import orgunit_list

from ..common import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, page
from ..errors import error_responses
from ..schemas import UnitOut, page_of

router = Router(tags=["Đơn vị"])

UnitKind = Literal[tuple(OrgUnitKind.values)]  # type: ignore[valid-type]
UnitOrdering = Literal["code", "-code", "name", "-name", "depth", "-depth", "tree"]
_ORDER = {"tree": ("depth", "order", "name")}


def unit_out(u: OrgUnit) -> dict:
    """A unit as the API shows it (``parent`` must be loaded with it)."""
    return {
        "id": u.pk,
        "code": u.code,
        "name": u.name,
        "short_name": u.short_name,
        "kind": u.kind,
        "kind_label": u.get_kind_display(),
        "parent_code": u.parent.code if u.parent_id else None,
        "depth": u.depth,
        "valid_from": u.valid_from,
        "valid_to": u.valid_to,
    }


@router.get(
    "/units",
    response={200: page_of(UnitOut), **error_responses(422)},
    summary="Danh sách đơn vị",
)
def list_units(
    request: HttpRequest,
    parent: str | None = Query(None, max_length=32, description="Mã đơn vị cấp trên trực tiếp"),
    under: str | None = Query(None, max_length=32, description="Mã đơn vị: cả cây đơn vị dưới nó"),
    kind: UnitKind | None = None,
    code: str | None = Query(None, max_length=32),
    q: str | None = Query(
        None, max_length=100, description="Tìm trong tên, tên ngắn, mã (có dấu hay không dấu)"
    ),
    ordering: UnitOrdering = "tree",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Đơn vị trong phạm vi được xem của người gọi (cả cây dưới các đơn vị được phân quyền)."""
    filters = OrgUnitFilter(
        parent=parent or "", under=under or "", kind=kind or "", code=code or "", q=q or ""
    )
    units = filters.apply(
        orgunit_list(user=request.auth).select_related("parent"), user=request.auth
    )
    units = units.order_by(*_ORDER.get(ordering, (ordering, "pk")))
    return page(units, limit, offset, unit_out)


@router.get(
    "/units/{code}",
    response={200: UnitOut, **error_responses(404)},
    summary="Một đơn vị",
)
def get_unit(request: HttpRequest, code: str):
    unit = orgunit_list(user=request.auth).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404
    return unit_out(unit)
