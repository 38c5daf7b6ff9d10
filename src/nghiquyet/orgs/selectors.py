"""Reads of org units, always filtered by the acting user's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.scopes import scope_for

from .lineage import predecessors, successors
from .models import OrgUnit, OrgUnitAlias, OrgUnitLineage, OrgUnitVersion


def orgunit_list(*, user, action: str = "view") -> QuerySet[OrgUnit]:
    """Units the user may see (or act on, with ``action``)."""
    return scope_for(user).filter(OrgUnit.objects.all(), "path", action)


def orgunit_get(*, user, code: str) -> OrgUnit:
    """The unit with ``code`` if the user may see it; 404 otherwise."""
    unit = orgunit_list(user=user).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


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
