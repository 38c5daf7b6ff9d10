"""The office creates a unit under one it manages, and renames a unit (a dated change that
keeps the unit's history). A code is checked before anything is written: only letters
without diacritics, digits and ``. _ -``, so every address built from it works. The same
services as the web's unit pages (orgs.services)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Status

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs import services
from nghiquyet.orgs.selectors import orgunit_assignable, orgunit_get, orgunit_list

from .. import lookups
from ..errors import error_responses
from ..schemas.units import UnitCreateIn, UnitOut, UnitRenameIn

#: The units router itself: a path has one router, or its other methods answer 405.
from .units import router, unit_out

TAGS = ["Đơn vị: tạo, đổi tên"]
WRITE_ERRORS = error_responses(403, 404, 409)


def _out(request: HttpRequest, pk: int) -> dict:
    return unit_out(orgunit_list(user=request.auth).select_related("parent").get(pk=pk))


@router.post(
    "/units",
    tags=TAGS,
    response={201: UnitOut, **WRITE_ERRORS},
    summary="Tạo đơn vị dưới một đơn vị mình quản lý",
)
def create_unit(request: HttpRequest, payload: UnitCreateIn):
    """Loại, mã, tên, đơn vị cấp trên, ngày có hiệu lực. Mã sai dạng hoặc đã dùng: 422, không
    ghi gì. Một sự kiện ``orgunit.create``."""
    if not orgunit_assignable(user=request.auth, on=timezone.localdate()).exists():
        raise PermissionDenied
    parent = lookups.unit(request.auth, payload.parent, "parent")
    unit = services.orgunit_create(
        acting_user=request.auth,
        code=payload.code.strip(),
        name=payload.name,
        short_name=payload.short_name,
        kind=payload.kind,
        parent=parent,
        valid_from=payload.valid_from,
    )
    return Status(201, _out(request, unit.pk))


@router.post(
    "/units/{code}/rename",
    tags=TAGS,
    response={200: UnitOut, **WRITE_ERRORS},
    summary="Đổi tên (và mã, loại) đơn vị từ một ngày",
)
def rename_unit(request: HttpRequest, code: str, payload: UnitRenameIn):
    """Từ ngày ``on`` đơn vị mang tên mới (và mã, loại mới nếu gửi); lịch sử tên được giữ. Mã
    mới sai dạng hoặc đã dùng: 422, không ghi gì. Một sự kiện ``orgunit.rename``."""
    unit = orgunit_get(user=request.auth, code=code, action=Action.MANAGE)
    services.orgunit_rename(
        acting_user=request.auth,
        unit=unit,
        on=payload.on,
        name=payload.name,
        short_name=payload.short_name,
        code=(payload.code or "").strip() or None,
        kind=payload.kind or None,
        decision=payload.decision,
        note=payload.note,
    )
    return Status(200, _out(request, unit.pk))
