"""Report periods (kỳ báo cáo): shared reference data, like a calendar."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router

from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.periods import period_list

from ..common import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, page
from ..errors import error_responses
from ..schemas import PeriodOut, page_of

router = Router(tags=["Kỳ báo cáo"])

PeriodKindParam = Literal[tuple(PeriodKind.values)]  # type: ignore[valid-type]
PeriodOrdering = Literal["end_date", "-end_date", "key", "-key"]


def period_out(p: Period) -> dict:
    return {
        "key": p.key,
        "kind": p.kind,
        "label": p.label,
        "year": p.year,
        "number": p.number,
        "end_year": p.end_year,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "deadline": p.deadline,
    }


@router.get(
    "/periods",
    response={200: page_of(PeriodOut), **error_responses(422)},
    summary="Danh sách kỳ báo cáo",
)
def list_periods(
    request: HttpRequest,
    kind: PeriodKindParam | None = None,
    year: int | None = Query(None, ge=1945, le=2200),
    ordering: PeriodOrdering = "end_date",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Các kỳ đã có số liệu hoặc đợt báo cáo, với mốc số liệu theo Nghị định 09/2019/NĐ-CP."""
    periods = period_list(kind=kind)
    if year:
        periods = periods.filter(year=year)
    return page(periods.order_by(ordering, "kind", "pk"), limit, offset, period_out)


@router.get(
    "/periods/{key}", response={200: PeriodOut, **error_responses(404)}, summary="Một kỳ báo cáo"
)
def get_period(request: HttpRequest, key: str):
    period = period_list().filter(key=key).first()
    if period is None:
        raise Http404
    return period_out(period)
