"""The state of the database's data, to prove that a refused write changed nothing.

:func:`database_state` is every row of every table of the project and of the users (as
ordered tuples, hashed), but for what merely records access: sessions, sign-in throttling,
queued tasks, a user's last sign-in and a token's last use.
"""

from __future__ import annotations

import hashlib

from django.apps import apps

#: Apps whose rows record access, not data.
_ACCESS_APPS = {"sessions", "axes", "django_tasks_database", "admin", "contenttypes"}
#: Columns that record access, not data.
_ACCESS_FIELDS = {"auth.User": {"last_login"}, "accounts.ApiToken": {"last_used_at"}}


def database_state() -> dict[str, tuple[int, str]]:
    """table label → (rows, SHA-256 of all their values in primary-key order)."""
    state = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in _ACCESS_APPS or meta.label == "auth.Permission":
            continue
        skip = _ACCESS_FIELDS.get(meta.label, set())
        fields = [f.attname for f in meta.concrete_fields if f.attname not in skip]
        rows = list(model._base_manager.order_by("pk").values_list(*fields))
        state[meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ between two states."""
    return sorted(
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    )
