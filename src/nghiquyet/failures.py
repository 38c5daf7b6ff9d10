"""What a request answers when it fails unexpectedly (``handler500``, and the API's last
exception handler): when the database refused or lost the connection, a 503 that says so in
Vietnamese — a page, or JSON for the API and the grid's autosave — instead of a 500;
otherwise the plain 500 page.

Neither renders anything that needs the database (no context processors, no user): the
database may be the very thing that failed. The error is still logged with its traceback
(Django's request logger), for the operator; the user sees none.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

#: Seconds a client is asked to wait before trying again (``Retry-After``).
RETRY_AFTER = 30


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) is the database refusing or losing a connection."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def unavailable_message() -> str:
    return _(
        "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Thao tác vừa rồi chưa được ghi "
        "(không có gì ghi dở); hãy thử lại sau ít phút. Nếu lỗi kéo dài, hãy báo người quản trị."
    )


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def unavailable_response(request: HttpRequest) -> HttpResponse:
    message = unavailable_message()
    if wants_json(request):
        body = {"code": "unavailable", "message": message, "details": []}
        if not request.path.startswith("/api/"):
            body["refused"] = message  # what the grid's autosave shows
        response = JsonResponse(
            body,
            status=503,
            content_type="application/json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        html = loader.get_template("503.html").render({"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 when the database is away, else the plain 500 page."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return HttpResponseServerError(loader.get_template("500.html").render())
