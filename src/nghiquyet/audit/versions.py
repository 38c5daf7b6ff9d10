"""The data version: one number that changes whenever committed data changes.

Caches of answers computed from the data (a plan's evaluation, a dashboard's units table)
put it in their keys, so that an answer is never served after a change that could alter it:
a figure, a plan, target or task edit or adjustment, a unit change, a scheme change, a grant.

**How it moves.** :func:`data_version_bump` adds one to a row of
:class:`~nghiquyet.audit.models.DataVersion` *in the transaction of the change*: every audit
event does it (:mod:`.services`; every change writes one), and so does every save or delete
of a model of the apps whose rows an evaluation reads (:mod:`.signals`, a safety net for the
admin and for code that writes without an event). :func:`data_version` reads the sum of the
rows. A change's increment becomes visible at the moment its data does, so the sum
identifies the set of committed changes: it only grows, by at least one per committing
writer, whatever order concurrent writers commit in. (A sequence or the largest audit id
would not: an id taken first can commit last.)

**How a reader uses it.** Read the version *before* the data. An answer is then computed
from data at least as new as the version says, and stored under it; any later commit gives
a larger version. An answer computed inside a transaction that has written changes not
committed yet (:func:`changes_pending`) must not be stored: it would sit under a version that
a rollback hands to other data. Within one process the version is the only thing shared, so
caches may live in each process's memory (gunicorn's workers each keep their own) and stay
correct.

**Keeping the table small.** A connection lives a minute (``DJANGO_CONN_MAX_AGE``), so every
writing worker adds a row a minute: some 600.000 rows a year, and :func:`data_version` sums
them on every cached read. :func:`data_version_compact` folds the rows into one (shard 0),
keeping the sum, in one transaction; every ``db_worker`` runs it beside its job reaper.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import connection, transaction

from .models import DataVersion

_SHARD_ATTRIBUTE = "_nghiquyet_data_version_shard"
#: How many times this connection moved the version (see :class:`VersionRead`).
_BUMPS_ATTRIBUTE = "_nghiquyet_data_version_bumps"


def _table() -> str:
    return connection.ops.quote_name(DataVersion._meta.db_table)


def data_version_sql() -> str:
    """The query :func:`data_version` runs, to read the version inside another statement (as
    a subquery: the same snapshot as the rest of the statement)."""
    return f"SELECT COALESCE(SUM(counter), 0) FROM {_table()}"


@dataclass(frozen=True)
class VersionRead:
    """The data version read earlier in a request together with other rows (the API token:
    one round trip instead of two), and how many changes this connection had made then."""

    value: int
    bumps: int


def version_read(value) -> VersionRead:
    """Mark ``value``, just read with :func:`data_version_sql`, as the version of now."""
    return VersionRead(int(value), getattr(connection, _BUMPS_ATTRIBUTE, 0))


def data_version(since: VersionRead | None = None) -> int:
    """The current data version (0 on an empty database).

    ``since``, a version read at the start of the same request, is the answer when this
    connection has changed nothing since: the request then reads as of its start (commits of
    others after that are seen by the next request). After a change of its own the version is
    read again, so that a request always sees what it wrote.
    """
    if since is not None and since.bumps == getattr(connection, _BUMPS_ATTRIBUTE, 0):
        return since.value
    with connection.cursor() as cursor:
        cursor.execute(data_version_sql())
        return int(cursor.fetchone()[0])


def data_version_bump() -> None:
    """Add one to the data version, in the current transaction (autocommit: at once)."""
    shard = getattr(connection, _SHARD_ATTRIBUTE, None)
    if shard is None:
        # A row of its own per connection: no two transactions ever wait on the same row
        # (one shared row would make every writer queue behind a long import, and could
        # deadlock two transactions that also share a data row).
        shard = random.getrandbits(62)
        setattr(connection, _SHARD_ATTRIBUTE, shard)
    setattr(connection, _BUMPS_ATTRIBUTE, getattr(connection, _BUMPS_ATTRIBUTE, 0) + 1)
    table = _table()
    with connection.cursor() as cursor:
        # One statement whether the row exists or not (a flushed test database has none);
        # PostgreSQL and SQLite (3.24+) both speak ON CONFLICT.
        cursor.execute(
            f"INSERT INTO {table} (shard, counter) VALUES (%s, 1) "
            f"ON CONFLICT (shard) DO UPDATE SET counter = {table}.counter + 1",
            [shard],
        )
    if connection.in_atomic_block and not changes_pending():
        transaction.on_commit(_committed)


#: Rows folded per statement (SQLite allows 32.766 parameters in one statement).
COMPACT_BATCH = 5000


def data_version_compact() -> int:
    """Fold the connections' rows into shard 0, keeping the sum; returns the rows folded.

    A reader sees the sum before or after the fold, never between: the rows go and their sum
    arrives in one transaction. On PostgreSQL a row locked by a writer still in its
    transaction is skipped (``SKIP LOCKED``) and folded the next time; a connection whose row
    was folded simply starts it again at 1 on its next change.
    """
    table = _table()
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    folded = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT shard, counter FROM {table} WHERE shard <> 0 LIMIT %s{lock}",
                [COMPACT_BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return folded
            marks = ", ".join(["%s"] * len(rows))
            cursor.execute(
                f"DELETE FROM {table} WHERE shard IN ({marks})", [shard for shard, _ in rows]
            )
            cursor.execute(
                f"INSERT INTO {table} (shard, counter) VALUES (0, %s) "
                f"ON CONFLICT (shard) DO UPDATE SET counter = {table}.counter + %s",
                [sum(c for _, c in rows)] * 2,
            )
        folded += len(rows)
        if len(rows) < COMPACT_BATCH:
            return folded


def _committed() -> None:
    """Marks a transaction that moved the version (see :func:`changes_pending`)."""


def changes_pending() -> bool:
    """Has the current transaction moved the data version without committing yet?

    Django forgets a transaction's on-commit callbacks when it (or the savepoint that
    registered them) rolls back, and runs them at commit: a registered :func:`_committed` is
    therefore exactly "changes written and not committed yet".
    """
    return connection.in_atomic_block and any(
        entry[1] is _committed for entry in connection.run_on_commit
    )
