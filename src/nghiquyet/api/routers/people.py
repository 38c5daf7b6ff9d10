"""People an office manages (orgs.people): accounts for the units of its subtree, roles given
and taken back, deactivation, a one-time link to set a password. Nobody gives more than they
hold; every refusal is the service's (403), every change one audit event. The link itself is
never in an answer: it goes to the person's mailbox only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from nghiquyet.orgs import people
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.selectors import (
    orgunit_list,
    people_list,
    people_manage_allowed,
    person_get,
)

from .. import lookups
from ..common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET, page
from ..errors import error_responses
from ..schemas import page_of
from ..schemas.people import AccountIn, AccountOut, GrantIn, PasswordLinkOut

router = Router(tags=["Người dùng của đơn vị"])

WRITE_ERRORS = error_responses(403, 404, 409)
PersonId = Path(..., ge=1, le=MAX_ID)


def person_out(request: HttpRequest, person) -> dict:
    scope = scope_for(request.auth)
    return {
        "id": person.pk,
        "username": person.username,
        "full_name": person.first_name,
        "email": person.email,
        "is_active": person.is_active,
        "last_login": person.last_login,
        "never_signed_in": person.last_login is None,
        "grants": [
            {
                "id": g.pk,
                "role": g.role,
                "role_label": g.get_role_display(),
                "unit_code": g.unit.code,
                "unit_name": g.unit.name,
                "revocable": people.role_grantable(scope, g.role, g.unit),
            }
            for g in person.grants.all()
        ],
    }


def _detail(request: HttpRequest, pk: int) -> dict:
    return person_out(request, person_get(user=request.auth, pk=pk))


@router.get(
    "/people",
    response={200: page_of(AccountOut), **error_responses(422)},
    summary="Người dùng của các đơn vị mình quản lý",
)
def list_people(
    request: HttpRequest,
    unit: str | None = Query(
        None, max_length=32, description="Mã đơn vị: người có vai trò ở đơn vị này hoặc cấp dưới"
    ),
    never_signed_in: bool | None = Query(None, description="Chỉ người chưa đăng nhập lần nào"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Những người giữ một vai trò ở đơn vị mình quản lý, theo tên đăng nhập; ai chưa đăng nhập
    lần nào (``never_signed_in``). Người không quản lý đơn vị nào: danh sách rỗng."""
    found = people_list(user=request.auth)
    if unit:
        chosen = orgunit_list(user=request.auth).filter(code=unit).first()
        if chosen is None:
            return {"count": 0, "limit": limit, "offset": offset, "items": []}
        found = found.filter(grants__unit__path__startswith=chosen.path).distinct()
    if never_signed_in is not None:
        found = found.filter(last_login__isnull=never_signed_in)
    return page(found, limit, offset, lambda p: person_out(request, p))


@router.get(
    "/people/{person_id}", response={200: AccountOut, **error_responses(404)}, summary="Một người"
)
def get_person(request: HttpRequest, person_id: int = PersonId):
    return _detail(request, person_id)


@router.post(
    "/people",
    response={201: AccountOut, **WRITE_ERRORS},
    summary="Tạo tài khoản cho một đơn vị mình quản lý",
)
def create_person(request: HttpRequest, payload: AccountIn):
    """Tài khoản mới với vai trò đầu tiên ở ``unit``; chưa có mật khẩu: liên kết đặt mật khẩu
    (dùng một lần) được gửi tới ``email``. Sự kiện ``user.create``, ``grant.create``,
    ``user.password_link``."""
    if not people_manage_allowed(user=request.auth):
        raise PermissionDenied
    unit = lookups.unit(request.auth, payload.unit, "unit")
    person = people.person_create(
        acting_user=request.auth,
        username=payload.username,
        full_name=payload.full_name,
        email=payload.email,
        role=payload.role,
        unit=unit,
    )
    people.person_password_link(
        acting_user=request.auth, person=person, base_url=request.build_absolute_uri("/")
    )
    return Status(201, _detail(request, person.pk))


@router.post(
    "/people/{person_id}/grants",
    response={201: AccountOut, **WRITE_ERRORS},
    summary="Cấp vai trò ở một đơn vị",
)
def grant_role(request: HttpRequest, payload: GrantIn, person_id: int = PersonId):
    """Không cấp được điều mình không có (403); tài khoản đã khóa: 422. Sự kiện
    ``grant.create``."""
    person = person_get(user=request.auth, pk=person_id)
    unit = lookups.unit(request.auth, payload.unit, "unit")
    people.person_grant(acting_user=request.auth, person=person, role=payload.role, unit=unit)
    return Status(201, _detail(request, person_id))


@router.delete(
    "/people/{person_id}/grants/{grant_id}",
    response={200: AccountOut, **WRITE_ERRORS},
    summary="Thu hồi một vai trò",
)
def revoke_role(
    request: HttpRequest, person_id: int = PersonId, grant_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Chỉ thu hồi được vai trò mình cấp được (403). Sự kiện ``grant.delete``."""
    person = person_get(user=request.auth, pk=person_id)
    grant = person.grants.select_related("unit").filter(pk=grant_id).first()
    if grant is None:
        raise Http404
    people.person_revoke(acting_user=request.auth, grant=grant)
    # Without that role the person may no longer be one the caller manages: shown as now.
    person.refresh_from_db()
    person._prefetched_objects_cache = {}
    return person_out(request, person)


@router.post(
    "/people/{person_id}/deactivate",
    response={200: AccountOut, **WRITE_ERRORS},
    summary="Khóa tài khoản",
)
def deactivate_person(request: HttpRequest, person_id: int = PersonId):
    """Không đăng nhập, không dùng khóa API được nữa; lịch sử được giữ. Chỉ khóa được người mà
    mọi vai trò đều do mình cấp được; không tự khóa mình. Sự kiện ``user.deactivate``."""
    person = person_get(user=request.auth, pk=person_id)
    people.person_deactivate(acting_user=request.auth, person=person)
    return _detail(request, person_id)


@router.post(
    "/people/{person_id}/password-link",
    response={200: PasswordLinkOut, **WRITE_ERRORS},
    summary="Gửi liên kết đặt mật khẩu",
)
def send_password_link(request: HttpRequest, person_id: int = PersonId):
    """Liên kết dùng một lần, gửi qua thư điện tử (khi phát triển: in ra màn hình máy chủ);
    không trả về trong câu trả lời. Sự kiện ``user.password_link``."""
    person = person_get(user=request.auth, pk=person_id)
    people.person_password_link(
        acting_user=request.auth, person=person, base_url=request.build_absolute_uri("/")
    )
    return {"sent_to": person.email}
