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

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP

from nghiquyet.accounts.choices import ROLE_ACTIONS, SCOPE_CACHE_ATTRIBUTE, Action


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
    # By name: orgs.models imports this module (RestrictedQuerySet), and the lineage it
    # needs here is one of those models.
    lineage = apps.get_model("orgs", "OrgUnitLineage")
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
            lineage.objects.filter(into)
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


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can keep only the rows a user may see or act on (NetBox's
    ``RestrictedQuerySet``).

    A model declares, once, the path from its rows to the unit(s) whose subtree decides
    who may see them, as ``scope_paths`` (several paths: any of them grants)::

        class Plan(models.Model):
            scope_paths = ("unit__path",)
            objects = RestrictedQuerySet.as_manager()

    and every selector asks ``Plan.objects.restrict(user, Action.VIEW)``. A path through a
    many-valued relation (a task's partner units) is matched in a subquery, so that no row
    comes back twice.
    """

    def restrict(self, user, action: str = Action.VIEW) -> RestrictedQuerySet:
        """The rows on which ``user`` (or a :class:`Scope`) may do ``action``."""
        scope = scope_for(user)
        if scope.everything:
            return self
        direct, through_many = Q(pk__in=[]), Q(pk__in=[])
        for path in self.model.scope_paths:
            if _through_many(self.model, path):
                through_many |= scope.q(path, action)
            else:
                direct |= scope.q(path, action)
        if through_many == Q(pk__in=[]):
            return self.filter(direct)
        shared = self.model._default_manager.filter(through_many).values("pk")
        return self.filter(direct | Q(pk__in=shared))


def _through_many(model, path: str) -> bool:
    """Does ``path`` (``"partner_units__path"``) cross a relation with many rows per row?"""
    for name in path.split(LOOKUP_SEP)[:-1]:
        relation = model._meta.get_field(name)
        if relation.many_to_many or relation.one_to_many:
            return True
        model = relation.related_model
    return False
