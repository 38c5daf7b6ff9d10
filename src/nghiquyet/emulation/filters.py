"""Filters of the emulation lists, the same for the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nghiquyet.orgs.filters import text_q

from .models import Movement


@dataclass(frozen=True)
class MovementFilter:
    """Movements: running in a year, launched by a unit (code), a text in the name."""

    year: int | None = None
    unit: str = ""
    q: str = ""

    def apply(self, movements: QuerySet[Movement], *, user) -> QuerySet[Movement]:
        if self.year:
            movements = movements.filter(
                Q(starts_on__year__lte=self.year) & Q(ends_on__year__gte=self.year)
            )
        if self.unit:
            movements = movements.filter(unit__code=self.unit)
        return movements.filter(text_q(self.q, "name", "description", "unit__name"))
