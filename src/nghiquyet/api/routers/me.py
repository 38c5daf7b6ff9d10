"""Who am I: the caller, their grants (role × unit subtree) and the token in use."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from ..errors import error_responses
from ..schemas import MeOut

router = Router(tags=["Tài khoản"])


@router.get("/me", response={200: MeOut, **error_responses()}, summary="Người gọi và quyền")
def me(request: HttpRequest):
    user = request.auth
    token = getattr(request, "api_token", None)
    grants = user.grants.select_related("unit").order_by("unit__depth", "unit__code", "role")
    return {
        "username": user.username,
        "full_name": user.first_name,
        "email": user.email,
        "is_superuser": user.is_superuser,
        "language": get_language(),
        "grants": [
            {
                "role": g.role,
                "role_label": g.get_role_display(),
                "unit_code": g.unit.code,
                "unit_name": g.unit.name,
            }
            for g in grants
        ],
        "token": (
            {
                "name": token.name,
                "prefix": token.prefix,
                "expires_at": token.expires_at,
                "last_used_at": token.last_used_at,
            }
            if token
            else None
        ),
    }
