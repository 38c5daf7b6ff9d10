"""Answers computed from the data, kept until the data change (the data version).

A plan's evaluation, a dashboard's units table, the API's evaluation JSON are read far more
often than figures are accepted. :func:`cached` keeps each answer in Django's
``"evaluations"`` cache under a key made of

- what was asked (the plans, the period, the scheme…: ``parts``);
- who asks, as the *scope* they have (the same answer serves every user of the same scope,
  and a grant that changes the scope changes the key);
- the active language (labels and sentences are translated) and today's date (task statuses
  are "as of" today);
- the **data version** (:func:`nghiquyet.audit.versions.data_version`), read *before*
  the answer is computed: every committed change moves it, so an entry is never served after
  a change that could alter its answer. Entries of older versions are simply never asked for
  again and age out.

A repeated question costs one query, the version: the asker's scope is also kept per data
version (:func:`scope_key`), since every grant, unit or lineage change moves the version.

The cache is each process's memory (``SharedObjectCache``, Django's ``LocMemCache`` without
pickling, see settings): correct with several gunicorn workers because the version comes from
the database on every call. The answers are kept as objects, shared by the process's requests:
callers must not change what they get (none does; the selectors hand out new lists).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

from nghiquyet.accounts.choices import SCOPE_CACHE_ATTRIBUTE
from nghiquyet.audit.versions import VersionRead, changes_pending, data_version
from nghiquyet.orgs.scopes import Scope, scope_for

T = TypeVar("T")
CACHE_ALIAS = "evaluations"
_MISSING = object()


def enabled() -> bool:
    return settings.NGHIQUYET_EVALUATION_CACHE


#: The scopes computed at one data version: {(user id, superuser, active): Scope}. A scope
#: is read from the grants, the units' paths and the lineage, and every change of those moves
#: the version, so within a version it is the same on every request (a cached answer's key
#: then costs no query). Only scopes computed *after* the version was read are kept (see
#: :func:`scope_key`); a new version starts an empty table.
_scopes: dict = {"version": None, "by_user": {}}


def _scope_at(user, version: int | None) -> Scope:
    if version is None or isinstance(user, Scope) or not getattr(user, "is_authenticated", False):
        return scope_for(user)
    if getattr(user, SCOPE_CACHE_ATTRIBUTE, None) is not None:
        # Computed earlier in this request, maybe before ``version`` was read: used for this
        # key (as it is for the rest of the request) but not kept for other requests.
        return scope_for(user)
    if _scopes["version"] != version:
        _scopes.update(version=version, by_user={})
    by_user = _scopes["by_user"]
    who = (user.pk, user.is_superuser, user.is_active)
    scope = by_user.get(who)
    if scope is None:
        scope = by_user[who] = scope_for(user)  # read after the version
    else:
        setattr(user, SCOPE_CACHE_ATTRIBUTE, scope)  # the rest of the request shares it
    return scope


def scope_key(user, version: int | None = None) -> str:
    """What the user may see, as text: users with the same grants share answers. With the
    data version read before, the scope comes from the version's table when it is there."""
    scope = _scope_at(user, version)
    if scope.everything:
        return "*"
    return repr(sorted((action, paths) for action, paths in scope.paths.items() if paths))


def cache_key(kind: str, *, user, parts: tuple, version: int) -> str:
    raw = repr(
        (
            kind,
            scope_key(user, version),
            translation.get_language(),
            timezone.localdate().isoformat(),
            version,
            parts,
        )
    )
    return f"{kind}:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached(
    kind: str,
    *,
    user,
    parts: tuple,
    compute: Callable[[], T],
    since: VersionRead | None = None,
) -> T:
    """``compute()``, or the answer it gave for the same question, scope, language, day and
    data version. ``parts`` must say everything the answer depends on besides those (plan
    and period ids, the scheme). Inside a transaction that has written changes not committed
    yet, the answer is computed and not kept (a rollback would leave it under a version
    that other data will have). ``since``: the version read with the request's first query
    (see :func:`nghiquyet.audit.versions.data_version`)."""
    if not enabled() or changes_pending():
        return compute()
    version = data_version(since)  # before the data, see nghiquyet.audit.versions
    key = cache_key(kind, user=user, parts=parts, version=version)
    cache = caches[CACHE_ALIAS]
    hit = cache.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = compute()
    cache.set(key, value)
    return value


def cache_clear() -> None:
    """Forget every answer of this process (tests; never needed for correctness)."""
    caches[CACHE_ALIAS].clear()
    _scopes.update(version=None, by_user={})
