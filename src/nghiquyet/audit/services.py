"""Writing audit events: one per change, in the transaction of the change.

:func:`audit_log` refuses to run outside a transaction (an event written apart from its
change could survive the change's rollback, or be lost while the change stays) and refuses
an action code no app registered (:mod:`.actions`). The events of one operation — a plan
import's target creations, an acceptance's figures — share a correlation id: the code that
makes the operation wraps it in :func:`audit_operation`; an event written alone is an
operation of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import connection, models

from .actions import is_registered
from .models import AuditEvent
from .versions import data_version_bump

_operation: ContextVar[uuid.UUID | None] = ContextVar("audit_operation", default=None)


class AuditOutsideTransaction(RuntimeError):
    """``audit_log`` was called outside the transaction of the change it records."""


@contextmanager
def audit_operation() -> Iterator[uuid.UUID]:
    """Tie the audit events written inside to one correlation id (also a decorator).

    Nested operations are the outer one: a plan import that creates targets through
    ``target_create`` writes every event under the import's id.
    """
    current = _operation.get()
    if current is not None:
        yield current
        return
    token = _operation.set(uuid.uuid4())
    try:
        yield _operation.get()
    finally:
        _operation.reset(token)


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


def _check_may_log(action: str) -> None:
    if not is_registered(action):
        raise ValueError(f"unregistered audit action {action!r}")
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            f"audit_log({action!r}) outside a transaction: run it in the change's transaction"
        )


def _event(
    actor, action: str, obj: models.Model, unit, changes, note: str, correlation_id: uuid.UUID
) -> AuditEvent:
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
        correlation_id=correlation_id,
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
    work done by the system itself (management commands). Must run inside the
    service's transaction (``AuditOutsideTransaction`` otherwise).
    """
    _check_may_log(action)
    event = _event(
        _actor(acting_user), action, obj, unit, changes, note, _operation.get() or uuid.uuid4()
    )
    event.save()
    data_version_bump()
    return event


def audit_log_many(*, acting_user, events: list[tuple[str, models.Model, Any, dict]]) -> int:
    """Record many events at once — (action, obj, unit, changes) each, as :func:`audit_log`
    would one by one; for bulk loads that write thousands of rows in one transaction.

    The same rules as :func:`audit_log` (registered codes, inside the transaction); the
    events are one operation: they share the enclosing :func:`audit_operation`'s id, or
    one id of their own.
    """
    for action in {action for action, _obj, _unit, _changes in events}:
        _check_may_log(action)
    actor = _actor(acting_user)
    correlation_id = _operation.get() or uuid.uuid4()
    rows = [
        _event(actor, action, obj, unit, changes, "", correlation_id)
        for action, obj, unit, changes in events
    ]
    AuditEvent.objects.bulk_create(rows, batch_size=2000)
    data_version_bump()
    return len(rows)


def _shown(value: Any) -> Any:
    """A field's value as the trail shows it: a related row by its name, a set of rows sorted."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_shown(v) for v in value)
    return value


def model_update(
    *,
    instance: models.Model,
    fields: Iterable[str],
    data: dict[str, Any],
    acting_user,
    action: str,
    unit=None,
    note: str = "",
    clean: bool = True,
) -> dict[str, list[Any]]:
    """Set ``fields`` of ``instance`` from ``data``, save only those that changed, and write
    one audit event ``action`` with their old and new values (HackSoft's ``model_update``).

    A field missing from ``data`` is left as it is; a many-to-many field takes a list of rows
    and is compared as a set. The model is validated (``full_clean``) before anything is
    written, so a refused value leaves no row and no event. Nothing changed: nothing is
    written and ``{}`` is returned; else ``{field: [old, new]}`` as recorded. Must run in the
    change's transaction, like :func:`audit_log`.
    """
    _check_may_log(action)
    meta = instance._meta
    changes: dict[str, list[Any]] = {}
    plain: list[str] = []
    many: dict[str, list[models.Model]] = {}
    for name in fields:
        if name not in data:
            continue
        field = meta.get_field(name)
        new = data[name]
        if field.many_to_many:
            old_rows = list(getattr(instance, name).all()) if instance.pk else []
            new_rows = list(new or [])
            if {r.pk for r in old_rows} != {r.pk for r in new_rows}:
                many[name] = new_rows
                changes[name] = [_shown(old_rows), _shown(new_rows)]
            continue
        old = getattr(instance, name)
        same = (
            (old.pk if old is not None else None) == (new.pk if new is not None else None)
            if field.is_relation
            else old == new
        )
        if not same:
            setattr(instance, name, new)
            plain.append(name)
            changes[name] = [_shown(old), _shown(new)]
    if not changes:
        return {}
    if clean:
        instance.full_clean()
    if plain:
        auto = [f.name for f in meta.concrete_fields if getattr(f, "auto_now", False) is True]
        instance.save(update_fields=[*plain, *auto])
    for name, rows in many.items():
        getattr(instance, name).set(rows)
    event = audit_log(
        acting_user=acting_user, action=action, obj=instance, unit=unit, changes=changes, note=note
    )
    return event.changes


def audit_redact(*, model: type[models.Model], object_ids: Iterable, object_repr: str) -> int:
    """Blank the personal data the trail holds about some rows (their name as the trail shows
    them, the values of their changes), keeping who did what and when.

    The trail is append-only but for this: erasing a person's data on request (Nghị định
    13/2023/NĐ-CP) must not leave it in the events. Call it in the erasure's transaction, and
    log the erasure itself with :func:`audit_log` (without the old values).
    """
    ids = [str(i) for i in object_ids]
    if not ids:
        return 0
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("audit_redact outside a transaction")
    events = AuditEvent.objects.filter(object_type=model._meta.label_lower, object_id__in=ids)
    redacted = 0
    for event in events:
        event.object_repr = object_repr[:255]
        event.changes = {field: ["…", "…"] for field in (event.changes or {})}
        event.save(update_fields=["object_repr", "changes"])
        redacted += 1
    return redacted
