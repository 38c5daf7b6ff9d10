"""Small helpers shared by the routers: pagination, ordering, numbers, periods."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nghiquyet.reporting.models import Period
from nghiquyet.reporting.periods import PeriodSpec, parse_period_key
from nghiquyet.reporting.selectors.periods import period_or_unsaved

from .errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: The largest id a table can hold (64-bit), and the furthest a page may start.
MAX_ID = 2**63 - 1
MAX_OFFSET = 10**9
#: Years a period may have (anything else is a typing error, and dates need a range).
MIN_YEAR, MAX_YEAR = 1945, 2200


def page(items: QuerySet | Sequence, limit: int, offset: int, render=None) -> dict:
    """One page of ``items`` (a queryset is counted and sliced in the database)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    chosen = list(items[offset : offset + limit])
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [render(i) for i in chosen] if render else chosen,
    }


def number(value: Decimal | float | None) -> float | None:
    """A stored figure as a JSON number."""
    return None if value is None else float(value)


def period_spec(key: str, field: str = "period") -> PeriodSpec:
    """The period named by ``key`` (``2022``, ``2022-H1``, ``2022-9M``, ``2022-Q3``, ``2022-M07``,
    ``2020-2025``) or a ``validation_error`` naming ``field``."""
    try:
        spec = parse_period_key(key)
        if not (MIN_YEAR <= spec.year <= MAX_YEAR and (spec.end_year or spec.year) <= MAX_YEAR):
            raise ValueError(key)
        return spec
    except ValueError:
        raise ApiError(
            "validation_error",
            _(
                "Mã kỳ “%(key)s” không hợp lệ; dùng dạng 2022, 2022-H1, 2022-9M, 2022-Q3, "
                "2022-M07 hoặc 2020-2025."
            )
            % {"key": key},
            [{"field": field, "row": None, "message": _("mã kỳ không hợp lệ")}],
        ) from None


def period_for(key: str, field: str = "period") -> Period:
    """The stored period, or an unsaved one with its cut-off dates when nobody reported for it."""
    return period_or_unsaved(period_spec(key, field))
