"""The REST API, version 1: ``/api/v1/`` (OpenAPI 3 at ``/api/v1/openapi.json``, Swagger UI
at ``/api/v1/docs``, served by the app from the django-ninja wheel — no CDN).

Every operation acts as the caller (a personal token or the web session) through the same
selectors and services as the web, so the scopes are the web's: outside one's scope an
object does not exist (404); visible but not allowed is 403.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.parser import Parser

from .auth import SessionAuth, TokenAuth
from .errors import ApiError, install_handlers
from .middleware import nul_message
from .rendering import Utf8JSONRenderer
from .routers import (
    audit,
    me,
    people,
    periods,
    plan_editor,
    plans,
    round_admin,
    submissions,
    task_editor,
    tasks,
    unit_admin,
    units,
    values,
)

#: The office's write operations join the routers of the paths they share (a path served by
#: two routers answers 405 to the second one's methods).
OFFICE_OPERATIONS = (plan_editor, task_editor, round_admin, unit_admin)

DESCRIPTION = """API của **nghiquyet**: theo dõi, đánh giá thực hiện chỉ tiêu, nhiệm vụ của
nghị quyết. Mọi thao tác mang quyền của người gọi (vai trò × cây đơn vị), như trên web.

- **Xác thực**: `Authorization: Bearer <khóa API>` — mỗi người tự tạo, thu hồi khóa tại trang
  *Khóa API* của mình. Trang web gọi API bằng phiên đăng nhập, kèm `X-CSRFToken`.
- **Lỗi**: `{"code": "...", "message": "...", "details": [...]}`; `code` cố định (xem
  docs/api.md), `message` tiếng Việt (tiếng Anh với `Accept-Language: en`).
- **Danh sách**: `limit` (≤ 500), `offset`, `ordering`; trả `count` và `items`.
- **Số** là số JSON; **ngày giờ** theo ISO 8601.
"""


def _has_nul(data) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_nul(v) for v in data)
    return False


class StrictJSONParser(Parser):
    """JSON bodies without NUL characters (no field may hold one; PostgreSQL cannot)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _has_nul(data):
            raise ApiError("validation_error", nul_message())
        return data


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    parser=StrictJSONParser(),
    title="nghiquyet API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_handlers(api)

api.add_router("", me.router)
api.add_router("", units.router)
api.add_router("", plans.router)
api.add_router("", periods.router)
api.add_router("", submissions.router)
api.add_router("", values.router)
api.add_router("", tasks.router)
api.add_router("", people.router)
api.add_router("", audit.router)
api.add_router("", "nghiquyet.api.routers.emulation.router")
