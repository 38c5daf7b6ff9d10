"""Accepted figures (số liệu), and the bulk exchange of figures as JSON or CSV."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from nghiquyet.plans.selectors import plan_get
from nghiquyet.reporting.choices import ValueStatus
from nghiquyet.reporting.filters import ValueFilter
from nghiquyet.reporting.selectors.values import value_list

from ..common import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, page, period_spec
from ..errors import ApiError, error_responses
from ..exchange.export import export_rows, rows_to_csv
from ..exchange.imports import import_rows
from ..exchange.rows import rows_from_csv, rows_from_json
from ..schemas import ExchangeIn, ExchangeRowOut, ImportOut, ValueOut, page_of

router = Router(tags=["Số liệu, trao đổi dữ liệu"])

ValueStatusParam = Literal[tuple(ValueStatus.values)]  # type: ignore[valid-type]
ValueOrdering = Literal["period", "-period", "unit", "-unit", "recorded", "-recorded"]
_ORDER = {
    "period": ("period__end_date", "unit__path", "indicator__code"),
    "-period": ("-period__end_date", "unit__path", "indicator__code"),
    "unit": ("unit__code", "period__end_date", "indicator__code"),
    "-unit": ("-unit__code", "period__end_date", "indicator__code"),
    "recorded": ("recorded_at",),
    "-recorded": ("-recorded_at",),
}
Source = Literal["accepted", "submissions"]
Format = Literal["json", "csv"]


def value_out(v) -> dict:
    return {
        "unit_code": v.unit.code,
        "indicator_code": v.indicator.code,
        "period": v.period.key,
        "value": float(v.value),
        "value_text": v.value_text,
        "numerator": None if v.numerator is None else float(v.numerator),
        "denominator": None if v.denominator is None else float(v.denominator),
        "status": v.status,
        "version": v.version,
        "source": v.source,
        "note": v.note,
        "recorded_at": v.recorded_at,
    }


@router.get(
    "/values",
    response={200: page_of(ValueOut), **error_responses(404, 422)},
    summary="Số liệu đã tiếp nhận",
)
def list_values(
    request: HttpRequest,
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị"),
    under: str | None = Query(None, max_length=32, description="Mã đơn vị: cả cây dưới nó"),
    indicator: str | None = Query(None, max_length=64, description="Mã chỉ số"),
    plan: str | None = Query(None, max_length=64, description="Chỉ số của các chỉ tiêu văn bản"),
    target: str | None = Query(None, max_length=16, description="Mã chỉ tiêu (cần plan)"),
    period: str | None = Query(None, max_length=16, description="Mã kỳ, ví dụ 2022 hoặc 2021-H1"),
    year: int | None = Query(None, ge=1945, le=2200),
    status: ValueStatusParam | None = None,
    ordering: ValueOrdering = "period",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Phiên bản hiện hành của số liệu về các đơn vị trong phạm vi được xem. Số liệu ghi theo
    chỉ số × đơn vị × kỳ; ``plan`` (và ``target``) lọc theo chỉ số của chỉ tiêu văn bản."""
    if target and not plan:
        raise ApiError(
            "validation_error",
            _("Lọc theo chỉ tiêu cần cả mã văn bản (tham số plan)."),
            [{"field": "plan", "row": None, "message": _("bắt buộc phải có")}],
        )
    filters = ValueFilter(
        unit=unit or "",
        under=under or "",
        indicator=indicator or "",
        plan=plan_get(user=request.auth, code=plan) if plan else None,
        target=target or "",
        period=period_spec(period).key if period else "",
        year=year,
        status=status or "",
    )
    values = filters.apply(value_list(user=request.auth), user=request.auth)
    return page(values.order_by(*_ORDER[ordering], "pk"), limit, offset, value_out)


@router.get(
    "/values/export",
    response={200: list[ExchangeRowOut], **error_responses(404, 422)},
    summary="Xuất số liệu của một văn bản (JSON hoặc CSV)",
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/ExchangeRowOut"},
                        }
                    },
                    "text/csv": {"schema": {"type": "string"}},
                },
            }
        }
    },
)
def export_values(
    request: HttpRequest,
    plan: str = Query(..., max_length=64, description="Mã văn bản"),
    period: str | None = Query(None, max_length=16),
    unit: str | None = Query(None, max_length=32, description="Mã đơn vị của số liệu"),
    under: str | None = Query(None, max_length=32, description="Mặc định: đơn vị ban hành"),
    source: Source = Query(
        "accepted",
        description="accepted: số liệu đã tiếp nhận; "
        "submissions: số liệu đang nhập trong các báo cáo",
    ),
    format: Format = "json",
):
    """Khóa tự nhiên ``plan_code, unit_code, target_code, period`` như khi nhập — có thể sửa tệp
    xuất ra rồi gửi lại vào ``POST /values/import``."""
    rows = export_rows(
        user=request.auth, plan_code=plan, period=period, unit=unit, under=under, source=source
    )
    if format == "csv":
        response = HttpResponse(rows_to_csv(rows), content_type="text/csv; charset=utf-8")
        name = f"so-lieu-{plan}-{period or 'tat-ca'}-{source}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return rows


_IMPORT_DOC = """Đưa số liệu vào **báo cáo đang nhập (hoặc bị trả lại)** của đơn vị — không bao giờ
vào số liệu đã tiếp nhận. Tất cả hoặc không: một dòng sai thì không ghi gì, mọi dòng sai đều
được liệt kê (số dòng, trường, lỗi). Gửi lại cùng nội dung không thay đổi gì. ``dry_run=true``:
chỉ kiểm tra và cho biết sẽ thay đổi gì."""


@router.post(
    "/values/import",
    response={200: ImportOut, **error_responses(403, 404, 409, 413, 422)},
    summary="Nhập số liệu (JSON) vào báo cáo đang nhập",
    description=_IMPORT_DOC,
)
def import_values(request: HttpRequest, payload: ExchangeIn, dry_run: bool = False):
    if payload.plan:
        plan_get(user=request.auth, code=payload.plan)
    rows = rows_from_json(payload)
    return import_rows(user=request.auth, rows=rows, dry_run=dry_run, source="json")


@router.post(
    "/values/import.csv",
    response={200: ImportOut, **error_responses(403, 404, 409, 413, 415, 422)},
    summary="Nhập số liệu (CSV) vào báo cáo đang nhập",
    description=_IMPORT_DOC
    + "\n\nThân yêu cầu là tệp CSV UTF-8 (có hoặc không có BOM), dòng tiêu đề "
    "``plan_code,unit_code,target_code,period,value,numerator,denominator,status,note``.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def import_values_csv(
    request: HttpRequest,
    plan: str | None = Query(None, max_length=64, description="Mã văn bản cho mọi dòng"),
    period: str | None = Query(None, max_length=16, description="Mã kỳ cho mọi dòng"),
    dry_run: bool = False,
):
    content_type = (request.content_type or "").lower()
    if content_type not in ("text/csv", "text/plain", "application/csv"):
        raise ApiError(
            "unsupported_media_type",
            _("Gửi tệp CSV với tiêu đề Content-Type: text/csv."),
        )
    if plan:
        plan_get(user=request.auth, code=plan)
    rows = rows_from_csv(request.body, plan=plan, period=period)
    return import_rows(user=request.auth, rows=rows, dry_run=dry_run, source="csv")
