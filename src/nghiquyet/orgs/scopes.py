"""Scopes: what a user may see and do, as a filter that every selector applies.

A user's grants (:class:`~nghiquyet.accounts.models.Grant`) are (role, unit) pairs; a
grant covers the unit's whole subtree of the org tree, and the history that subtree was
formed from (lineage). A scope is therefore a set of subtrees per action, and lives with
the tree: ``accounts`` knows users, roles and grants, ``orgs`` knows what they reach.

:class:`Scope` turns the grants into query filters on a unit path. Models declare the
path to their unit once (``scope_paths``), and selectors ask their queryset for the rows
a user may see, NetBox-style::

    Plan.objects.restrict(user, Action.VIEW)

Views never decide permissions; templates never hide what a selector let
through. :data:`SYSTEM` is the scope of management commands run on the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from nghiquyet.accounts.choices import ROLE_ACTIONS, SCOPE_CACHE_ATTRIBUTE, Action

from .models import OrgUnitLineage


@dataclass(frozen=True)
class Scope:
    #: unit paths per action: the user may do ``action`` anywhere under these paths
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    everything: bool = False
    user_id: int | None = None

    def q(self, path_field: str, action: str = Action.VIEW) -> Q:
        """A filter on ``path_field`` (a unit path) for ``action``; matches nothing if none."""
        if self.everything:
            return Q()
        paths = self.paths.get(action, ())
        if not paths:
            return Q(pk__in=[])
        q = Q()
        for p in paths:
            q |= Q(**{f"{path_field}__startswith": p})
        return q

    def filter(self, qs: QuerySet, path_field: str, action: str = Action.VIEW) -> QuerySet:
        return qs.filter(self.q(path_field, action))

    def allows(self, action: str, unit) -> bool:
        """May the user do ``action`` on ``unit`` (an OrgUnit)?"""
        if self.everything:
            return True
        return any(unit.path.startswith(p) for p in self.paths.get(action, ()))

    def require(self, action: str, unit) -> None:
        if not self.allows(action, unit):
            raise PermissionDenied

    @property
    def is_empty(self) -> bool:
        return not self.everything and not any(self.paths.values())


SYSTEM = Scope(everything=True)
NOBODY = Scope()


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path."""
    kept: list[str] = []
    for p in sorted(paths, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(sorted(kept))


def predecessor_paths(paths: set[str]) -> set[str]:
    """Paths of the units that merged or split into units under ``paths``, transitively.

    Whoever may see a unit may see the history it was formed from: the office of
    the merged province reads the reports of the provinces it took in. Reading
    only — the predecessors' data stay as their own units reported them.
    """
    found: set[str] = set()
    frontier = set(paths)
    for _generation in range(16):
        if not frontier:
            break
        into = Q()
        for p in frontier:
            into |= Q(successor__path__startswith=p)
        covered = Q()
        for p in paths | found:
            covered |= Q(predecessor__path__startswith=p)
        frontier = set(
            OrgUnitLineage.objects.filter(into)
            .exclude(covered)
            .values_list("predecessor__path", flat=True)
            .distinct()
        )
        found |= frontier
    return found


def scope_for(user) -> Scope:
    """The scope of ``user`` (cached on the user object for the request)."""
    if user is None:
        raise ValueError("scope_for() needs a user; use orgs.scopes.SYSTEM for the server")
    if isinstance(user, Scope):
        return user
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, SCOPE_CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True, user_id=user.pk)
    else:
        by_action: dict[str, set[str]] = {a: set() for a in Action.values}
        for role, path in user.grants.values_list("role", "unit__path"):
            for action in ROLE_ACTIONS.get(role, ()):
                by_action[action].add(path)
        by_action[Action.VIEW] |= predecessor_paths(by_action[Action.VIEW])
        scope = Scope(paths={a: _minimal(p) for a, p in by_action.items()}, user_id=user.pk)
    setattr(user, SCOPE_CACHE_ATTRIBUTE, scope)
    return scope
