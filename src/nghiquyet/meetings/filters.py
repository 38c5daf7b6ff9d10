"""Filters of the meeting list, the same for the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from nghiquyet.orgs.filters import text_q

from .models import Meeting


@dataclass(frozen=True)
class MeetingFilter:
    """Meetings: held in a year, of a unit (code), a text in the title or the notice's number."""

    year: int | None = None
    unit: str = ""
    q: str = ""

    def apply(self, meetings: QuerySet[Meeting], *, user) -> QuerySet[Meeting]:
        if self.year:
            meetings = meetings.filter(held_on__year=self.year)
        if self.unit:
            meetings = meetings.filter(unit__code=self.unit)
        return meetings.filter(text_q(self.q, "title", "conclusion__number", "chair"))
