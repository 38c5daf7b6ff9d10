"""Reads of org units, and of the audit trail of the units, filtered by the acting user's scope.

The audit trail is written below every app (:mod:`nghiquyet.audit`), but reading it needs the
reader's scope, which is the org tree's: so it is read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.models import Grant
from nghiquyet.audit.models import AuditEvent

from .choices import ChangeKind, OrgUnitKind
from .filters import OrgUnitFilter
from .lineage import predecessors, successors
from .models import OrgUnit, OrgUnitAlias, OrgUnitChange, OrgUnitLineage, OrgUnitVersion
from .scopes import scope_for


def orgunit_list(*, user, action: str = Action.VIEW) -> QuerySet[OrgUnit]:
    """Units the user may see (or act on, with ``action``)."""
    return OrgUnit.objects.restrict(user, action)


def orgunit_assignable(*, user, on: dt.date) -> QuerySet[OrgUnit]:
    """Units the user may give work to on ``on``: those it manages that exist then, in the
    tree's order (what the forms of targets and tasks offer)."""
    return (
        orgunit_list(user=user, action=Action.MANAGE)
        .active_on(on)
        .order_by("depth", "order", "name")
    )


def orgunit_search(*, user, query: str, limit: int = 50) -> list[OrgUnit]:
    """Units the user may see whose name, short name or code contains ``query``, without
    regard to case or diacritics ("an hoi" finds "Phường An Hội"), in tree order."""
    units = OrgUnitFilter(q=query).apply(orgunit_list(user=user), user=user)
    return list(units.select_related("parent").order_by("path")[:limit])


def orgunit_get(*, user, code: str, action: str = Action.VIEW) -> OrgUnit:
    """The unit with ``code`` if the user may do ``action`` on it: 404 if the user may not
    see it, 403 (``PermissionDenied``) if the user sees it but may not do ``action``."""
    unit = orgunit_list(user=user).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404
    if action != Action.VIEW and not scope_for(user).allows(action, unit):
        raise PermissionDenied
    return unit


def orgunit_can_manage(*, user, unit: OrgUnit) -> bool:
    """May the user record changes to ``unit`` (rename, move, merge, split, dissolve)?"""
    return scope_for(user).allows(Action.MANAGE, unit)


def map_load_allowed(*, user) -> bool:
    """May the user load the administrative map from the data packages: an administrator
    (who manages the country, or everything — the first one of a fresh install)."""
    scope = scope_for(user)
    if scope.everything:
        return True
    country = OrgUnit.objects.filter(parent__isnull=True, kind=OrgUnitKind.COUNTRY).first()
    return country is not None and scope.allows(Action.MANAGE, country)


def map_missing() -> bool:
    """No province yet: a fresh install, whose first administrator is offered the map."""
    return not OrgUnit.objects.filter(kind=OrgUnitKind.PROVINCE).exists()


def orgunit_split_get(
    *, user, unit: OrgUnit, change: int
) -> tuple[OrgUnitChange, list[OrgUnitLineage]]:
    """A split of ``unit`` and its parts (by the parts' names), for declaring its shares:
    404 if ``unit`` was not split by that change, 403 unless the user manages every part."""
    split = OrgUnitChange.objects.filter(
        pk=change, kind=ChangeKind.SPLIT, links__predecessor=unit
    ).first()
    if split is None:
        raise Http404
    links = list(split.links.select_related("successor").order_by("successor__name"))
    scope = scope_for(user)
    if not all(scope.allows(Action.MANAGE, link.successor) for link in links):
        raise PermissionDenied
    return split, links


def orgunit_roots(*, user) -> list[OrgUnit]:
    """The topmost units the user may see (their grants, and the history those were formed from)."""
    scope = scope_for(user)
    if scope.everything:
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("order", "name"))
    paths = scope.paths.get(Action.VIEW, ())
    return list(OrgUnit.objects.filter(path__in=paths).order_by("depth", "order", "name"))


@dataclass
class UnitOnDate:
    """A unit as it stood on a day: its name, place and sub-units then, and its lineage."""

    unit: OrgUnit
    day: dt.date
    version: OrgUnitVersion | None
    children: list[OrgUnitVersion]
    history: list[OrgUnitVersion]
    formed_from: list[OrgUnitLineage]
    went_to: list[OrgUnitLineage]

    #: may the user open the unit's parent (as of the day)?
    parent_visible: bool = False

    @property
    def existed(self) -> bool:
        return self.version is not None


def orgunit_on(*, user, unit: OrgUnit, day: dt.date) -> UnitOnDate:
    """``unit`` as it stood on ``day``, with the sub-units the user may see."""
    scope = scope_for(user)
    scope.require(Action.VIEW, unit)
    version = unit.versions.filter(OrgUnitVersion.active_q(day)).select_related("parent").first()
    children = [
        v
        for v in OrgUnitVersion.objects.filter(OrgUnitVersion.active_q(day), parent=unit)
        .select_related("unit")
        .order_by("unit__order", "name")
        if scope.allows(Action.VIEW, v.unit)
    ]
    history = list(unit.versions.select_related("parent", "change").order_by("valid_from", "pk"))
    history.sort(key=lambda v: (v.valid_from is not None, v.valid_from or dt.date.min))
    return UnitOnDate(
        unit=unit,
        day=day,
        version=version,
        children=children,
        history=history,
        formed_from=[
            link for link in predecessors(unit) if scope.allows(Action.VIEW, link.predecessor)
        ],
        went_to=[link for link in successors(unit) if scope.allows(Action.VIEW, link.successor)],
        parent_visible=bool(
            version and version.parent and scope.allows(Action.VIEW, version.parent)
        ),
    )


def orgunit_codes_resolve(
    *, user, codes: Iterable[str], day: dt.date | None = None
) -> dict[str, OrgUnit]:
    """The units that ``codes`` name, as an import means them — the one selector every import
    (Excel, API) resolves unit codes through.

    In order, for ``day`` (today if not given): the code a unit had that day, from its history
    (a report of the first half of 2025 keyed "28777" is Phường An Hội of Bến Tre city, not
    the ward of Vĩnh Long that has carried the code since 1/7/2025); another source's code
    kept as an alias, if it names one unit only; a unit's own lookup code at any time (a
    former unit's "28777-cu"). Codes the user may not see are left out, as are codes that
    name nothing.
    """
    day = day or timezone.localdate()
    wanted = {c.strip() for c in codes if c and c.strip()}
    scope = scope_for(user)
    found: dict[str, OrgUnit] = {}

    def single(pairs) -> dict[str, int]:
        ids: dict[str, set[int]] = {}
        for code, unit_id in pairs:
            ids.setdefault(code, set()).add(unit_id)
        return {code: next(iter(u)) for code, u in ids.items() if len(u) == 1}

    for lookup in (
        lambda rest: OrgUnitVersion.objects.filter(OrgUnitVersion.active_q(day), code__in=rest),
        lambda rest: OrgUnitAlias.objects.filter(code__in=rest),
        lambda rest: OrgUnit.objects.filter(code__in=rest).annotate(unit_id=F("pk")),
    ):
        rest = wanted - found.keys()
        if not rest:
            break
        pairs = single(lookup(rest).values_list("code", "unit_id"))
        units = OrgUnit.objects.in_bulk(pairs.values())
        found.update({code: units[pk] for code, pk in pairs.items()})
    return {code: u for code, u in found.items() if scope.allows(Action.VIEW, u)}


def audit_event_list(*, user) -> QuerySet[AuditEvent]:
    """Audit events the user may read, newest first.

    Administrators read everything; an office reads the events of the units it
    manages (its subtree); everyone reads the events of their own actions.
    Events with no unit (users, periods, tokens) are thus an administrator's or
    their author's only.
    """
    scope = scope_for(user)
    qs = AuditEvent.objects.select_related("actor", "unit").order_by("-at", "-id")
    if scope.everything:
        return qs
    mine = Q(actor_id=scope.user_id) if scope.user_id is not None else Q(pk__in=[])
    managed = scope.q("unit_path", Action.MANAGE) & ~Q(unit_path="")
    return qs.filter(mine | managed)


# --- people an office manages (orgs.people) ---------------------------------------------------


def people_list(*, user) -> QuerySet:
    """People who hold a role over a unit the user manages, with their roles, by name; who
    never signed in shows (``last_login`` empty)."""
    scope = scope_for(user)
    grants = Grant.objects.filter(scope.q("unit__path", Action.MANAGE))
    return (
        get_user_model()
        .objects.filter(pk__in=grants.values("user"))
        .prefetch_related(
            Prefetch("grants", queryset=Grant.objects.select_related("unit").order_by("unit__path"))
        )
        .order_by("username")
    )


def person_get(*, user, pk: int):
    """A person of :func:`people_list`; 404 otherwise."""
    person = people_list(user=user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def people_manage_allowed(*, user) -> bool:
    """Does the user manage any unit that exists today (and so people in it)?"""
    return orgunit_assignable(user=user, on=timezone.localdate()).exists()
