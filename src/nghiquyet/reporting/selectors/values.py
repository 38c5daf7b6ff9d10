"""Reads of accepted figures (values): the current versions a user may see, and every version
of one figure.
"""

from __future__ import annotations

from django.db.models import QuerySet

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for

from ..models import (
    Period,
    Value,
)


def value_history(*, user, indicator_id: int, unit, period: Period) -> QuerySet[Value]:
    """Every version of one figure, newest first."""
    scope_for(user).require(Action.VIEW, unit)
    return Value.objects.filter(indicator_id=indicator_id, unit=unit, period=period).order_by(
        "-version"
    )


def value_list(*, user) -> QuerySet[Value]:
    """Accepted figures (current versions) about units the user may see."""
    return (
        Value.objects.current()
        .select_related("indicator", "unit", "period", "recorded_by")
        .restrict(user)
    )
