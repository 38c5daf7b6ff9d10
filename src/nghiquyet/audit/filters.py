"""Filters of the audit trail (the API's list of events)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import AuditEvent


@dataclass(frozen=True)
class AuditEventFilter:
    """Events: by action (or its prefix, ``submission.``), time, object, unit, actor and
    operation (correlation id)."""

    action: str = ""
    action_prefix: str = ""
    since: dt.datetime | None = None
    #: events before this moment (exclusive)
    until: dt.datetime | None = None
    object_type: str = ""
    object_id: str = ""
    unit: str = ""
    actor: str = ""
    correlation_id: uuid.UUID | None = None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.action:
            events = events.filter(action=self.action)
        if self.action_prefix:
            events = events.filter(action__startswith=self.action_prefix)
        if self.since:
            events = events.filter(at__gte=self.since)
        if self.until:
            events = events.filter(at__lt=self.until)
        if self.object_type:
            events = events.filter(object_type=self.object_type)
        if self.object_id:
            events = events.filter(object_id=self.object_id)
        if self.unit:
            events = events.filter(unit__code=self.unit)
        if self.actor:
            events = events.filter(actor__username=self.actor)
        if self.correlation_id:
            events = events.filter(correlation_id=self.correlation_id)
        return events
