"""Who is calling: a personal API token (``Authorization: Bearer nq_…``) or the web session.

- A token acts as its user with the user's scope; no CSRF token is needed, since a
  browser never sends the header by itself. A token that is unknown, revoked or
  expired is refused at once (401) with its own code, even if a session cookie
  came along.
- The web's own calls use the session cookie; unsafe methods (POST, PUT, PATCH,
  DELETE) then need Django's CSRF token (``X-CSRFToken`` header), as forms do.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from nghiquyet.accounts.services import ApiTokenRefused, api_token_authenticate

from .errors import ApiError


class TokenAuth(HttpBearer):
    """``Authorization: Bearer nq_<prefix>_<secret>``."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                "invalid_token",
                _("Tiêu đề Authorization phải có dạng “Bearer <khóa API>”."),
            )
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        try:
            found = api_token_authenticate(token)
        except ApiTokenRefused as exc:
            raise ApiError(exc.code, exc.message) from None
        request.api_token = found
        request.user = found.user
        # The data version read with the token: cached answers use it (api.rendering).
        request.data_version_read = found.version_read
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in web user; CSRF is checked on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise ApiError(
                "csrf_failed",
                _(
                    "Thiếu hoặc sai mã CSRF: lời gọi bằng phiên đăng nhập web phải gửi tiêu đề "
                    "X-CSRFToken; phần mềm khác hãy dùng khóa API."
                ),
            )
        return user
