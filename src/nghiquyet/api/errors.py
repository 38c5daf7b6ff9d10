"""One error body for every refusal: a stable ``code``, a Vietnamese ``message`` and details.

``{"code": "validation_error", "message": "…", "details": [{"field": "limit", "row": null,
"message": "…"}]}``. Codes are part of the API contract (docs/api.md lists them); messages
follow the request's language (Vietnamese unless ``Accept-Language`` asks for English).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from nghiquyet.failures import database_unavailable, unavailable_response
from nghiquyet.reporting.workflow import SubmissionConflict, SubmissionInvalid

logger = logging.getLogger("nghiquyet.api")

#: Stable error codes → HTTP status.
CODES = {
    "bad_request": 400,
    "unauthenticated": 401,
    "invalid_token": 401,
    "token_expired": 401,
    "token_revoked": 401,
    "user_inactive": 401,
    "forbidden": 403,
    "csrf_failed": 403,
    "not_found": 404,
    "conflict": 409,
    "invalid_state": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "validation_error": 422,
    "server_error": 500,
    "unavailable": 503,
}


class ErrorDetail(Schema):
    """One problem: which field (and row, in a bulk import) and what is wrong with it."""

    field: str | None = None
    row: int | None = None
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ApiError(Exception):
    """Raised by API functions to answer with ``code`` (see :data:`CODES`)."""

    def __init__(self, code: str, message: str, details: list[dict] | None = None):
        self.code = code
        self.status = CODES[code]
        self.message = message
        self.details = details or []
        super().__init__(message)


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The documented error answers of an operation: ``statuses`` and, for every operation,
    400 (unreadable body), 401 (no valid credentials) and 422 (invalid input)."""
    return dict.fromkeys(sorted({400, 401, 422, *statuses}), ErrorOut)


def _body(code: str, message: str, details: list[dict] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or []}


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("bắt buộc phải có")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("phải là số nguyên")
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return _("phải là số")
    if kind in ("finite_number",):
        return _("phải là số hữu hạn")
    if kind in ("bool_parsing", "bool_type"):
        return _("phải là true hoặc false")
    if kind in ("string_type",):
        return _("phải là chuỗi ký tự")
    if kind in ("string_too_long", "too_long"):
        return _("dài tối đa %(n)s") % {"n": ctx.get("max_length", "")}
    if kind in ("string_too_short", "too_short"):
        return _("ngắn nhất %(n)s") % {"n": ctx.get("min_length", "")}
    if kind == "greater_than_equal":
        return _("phải lớn hơn hoặc bằng %(n)s") % {"n": ctx.get("ge", "")}
    if kind == "greater_than":
        return _("phải lớn hơn %(n)s") % {"n": ctx.get("gt", "")}
    if kind == "less_than_equal":
        return _("phải nhỏ hơn hoặc bằng %(n)s") % {"n": ctx.get("le", "")}
    if kind == "less_than":
        return _("phải nhỏ hơn %(n)s") % {"n": ctx.get("lt", "")}
    if kind in ("literal_error", "enum"):
        return _("phải là một trong: %(values)s") % {"values": ctx.get("expected", "")}
    if kind.startswith("date"):
        return _("phải là ngày dạng YYYY-MM-DD (ISO 8601)")
    if kind.startswith("datetime"):
        return _("phải là thời điểm dạng ISO 8601")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("phải là một đối tượng JSON")
    if kind in ("list_type", "tuple_type"):
        return _("phải là một danh sách")
    if kind == "json_invalid":
        return _("không phải JSON hợp lệ")
    if kind == "string_pattern_mismatch":
        return _("không đúng dạng quy định")
    return _("giá trị không hợp lệ")


def _pydantic_detail(error: dict) -> dict:
    loc = [str(p) for p in error.get("loc", ())]
    # ("query", "limit") → "limit"; ("body", "payload", "rows", 2, "value") → row 3, "value"
    if loc and loc[0] in ("query", "path", "body", "header", "cookie", "form", "file"):
        loc = loc[1:]
    if loc and loc[0] == "payload":
        loc = loc[1:]
    row = None
    if "rows" in loc:
        at = loc.index("rows")
        if at + 1 < len(loc) and loc[at + 1].isdigit():
            row = int(loc[at + 1]) + 1
            loc = loc[at + 2 :]
    field = ".".join(loc) or None
    text = _pydantic_message(error)
    if row is not None and field:
        message = _("Dòng %(row)s, trường “%(field)s”: %(error)s.") % {
            "row": row,
            "field": field,
            "error": text,
        }
    elif row is not None:
        message = _("Dòng %(row)s: %(error)s.") % {"row": row, "error": text}
    elif field:
        message = _("Trường “%(field)s”: %(error)s.") % {"field": field, "error": text}
    else:
        message = _("Nội dung gửi lên: %(error)s.") % {"error": text}
    return {"field": field, "row": row, "message": message}


def validation_message(count: int) -> str:
    return _("Dữ liệu gửi lên chưa hợp lệ (%(n)s lỗi); xem chi tiết trong “details”.") % {
        "n": count
    }


def _django_details(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if f == "__all__" else f, "row": None, "message": m}
            for f, errors in exc.message_dict.items()
            for m in errors
        ]
    return [{"field": None, "row": None, "message": m} for m in exc.messages]


def install_handlers(api: NinjaAPI) -> None:
    """Replace django-ninja's default error answers with :class:`ErrorOut` bodies."""

    def respond(request, status: int, body: dict) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError):
        return respond(request, exc.status, _body(exc.code, exc.message, exc.details))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc):
        return respond(
            request,
            401,
            _body(
                "unauthenticated",
                _("Cần xác thực: gửi khóa API trong tiêu đề “Authorization: Bearer <khóa>”."),
            ),
        )

    def _too_large(request: HttpRequest):
        return respond(
            request,
            413,
            _body(
                "payload_too_large",
                _("Dữ liệu gửi lên quá lớn (tối đa %(mb)s MB một lần); hãy chia nhỏ.")
                % {"mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:g}"},
            ),
        )

    @api.exception_handler(RequestDataTooBig)
    def _request_too_big(request: HttpRequest, exc):
        return _too_large(request)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        if isinstance(exc.__cause__, RequestDataTooBig):
            return _too_large(request)
        if isinstance(exc.__cause__, ApiError):
            return _api_error(request, exc.__cause__)
        if exc.status_code == 400:
            return respond(
                request, 400, _body("bad_request", _("Nội dung gửi lên không phải JSON hợp lệ."))
            )
        code = next((c for c, s in CODES.items() if s == exc.status_code), "bad_request")
        return respond(request, exc.status_code, _body(code, str(exc)))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc):
        return respond(
            request,
            404,
            _body("not_found", _("Không tìm thấy, hoặc bạn không có quyền xem đối tượng này.")),
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc):
        return respond(
            request, 403, _body("forbidden", _("Bạn không có quyền thực hiện thao tác này."))
        )

    @api.exception_handler(NinjaValidationError)
    def _invalid_input(request: HttpRequest, exc: NinjaValidationError):
        details = [_pydantic_detail(e) for e in exc.errors]
        return respond(
            request, 422, _body("validation_error", validation_message(len(details)), details)
        )

    @api.exception_handler(SubmissionConflict)
    def _conflict(request: HttpRequest, exc: SubmissionConflict):
        return respond(request, 409, _body("conflict", exc.message))

    @api.exception_handler(SubmissionInvalid)
    def _submission_invalid(request: HttpRequest, exc: SubmissionInvalid):
        details = [{"field": p.field, "row": None, "message": p.message} for p in exc.problems]
        return respond(
            request, 422, _body("validation_error", validation_message(len(details)), details)
        )

    @api.exception_handler(DjangoValidationError)
    def _django_invalid(request: HttpRequest, exc: DjangoValidationError):
        details = _django_details(exc)
        codes = {e.code for e in getattr(exc, "error_list", [])}
        if "invalid_state" in codes:
            return respond(request, 409, _body("invalid_state", " ".join(exc.messages), details))
        message = details[0]["message"] if len(details) == 1 else validation_message(len(details))
        return respond(request, 422, _body("validation_error", message, details))

    @api.exception_handler(IntegrityError)
    def _concurrent_write(request: HttpRequest, exc: IntegrityError):
        # Two requests wrote the same thing at once and the database kept one: the loser is
        # told to look again, never a 500.
        logger.warning("API write conflict on %s %s: %s", request.method, request.path, exc)
        return respond(
            request,
            409,
            _body(
                "conflict",
                _(
                    "Một yêu cầu khác vừa ghi cùng dữ liệu này; yêu cầu của bạn chưa được thực "
                    "hiện. Hãy tải lại dữ liệu rồi thử lại."
                ),
            ),
        )

    @api.exception_handler(Exception)
    def _server_error(request: HttpRequest, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        if database_unavailable(exc):
            return unavailable_response(request)
        return respond(
            request,
            500,
            _body(
                "server_error",
                _("Lỗi hệ thống; yêu cầu chưa được thực hiện. Hãy thử lại hoặc báo quản trị."),
            ),
        )
