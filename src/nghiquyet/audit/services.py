"""Writing audit events. Call inside the service's transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from .actions import ACTIONS
from .models import AuditEvent


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal):
        # "120.000000" from the database and "120" typed by a user are the same figure.
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    return str(value)


def _event(actor, action: str, obj: models.Model, unit, changes, note: str) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unregistered audit action {action!r}")
    return AuditEvent(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        unit_path=unit.path if unit is not None else "",
        changes=_jsonable(changes or {}),
        note=note,
    )


def _actor(acting_user):
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def audit_log(
    *,
    acting_user,
    action: str,
    obj: models.Model,
    unit=None,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record that ``acting_user`` did ``action`` to ``obj``.

    ``changes`` maps field names to ``[old, new]``. ``acting_user`` is None for
    work done by the system itself (management commands).
    """
    event = _event(_actor(acting_user), action, obj, unit, changes, note)
    event.save()
    return event


def audit_log_many(*, acting_user, events: list[tuple[str, models.Model, Any, dict]]) -> int:
    """Record many events at once — (action, obj, unit, changes) each, as :func:`audit_log`
    would one by one; for bulk loads that write thousands of rows in one transaction."""
    actor = _actor(acting_user)
    rows = [_event(actor, action, obj, unit, changes, "") for action, obj, unit, changes in events]
    AuditEvent.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
