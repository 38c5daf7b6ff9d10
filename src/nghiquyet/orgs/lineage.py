"""Reading the map over time: the tree as of a date, and lineage across changes.

:func:`lineage_sources` answers "which units, as they were on ``day``, make up
this unit as it is on ``ref``, and in what share?" — the basis of every
comparison across a merge or a split. For a province that took two others in
on 1/7/2025, the 6-month figure of 2025 is the sum of the three provinces' own
6-month figures; for half of a commune split 60/40, it is 60 % of the commune's.

:func:`tree_as_of` reads the hierarchy on a date from :class:`OrgUnitVersion`
rows, level by level — one query per level, so the country's 14,000 pre-2025
units take four queries.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from .choices import TERRITORIAL_KINDS
from .models import OrgUnit, OrgUnitLineage, OrgUnitVersion

#: Lineage chains longer than this are a data error (a cycle), not history.
MAX_DEPTH = 32


@dataclass
class Lineage:
    """The units (as they were on ``day``) that a unit (as it is on ``ref``) is made of."""

    #: source unit id → share of it that belongs to the unit now; NaN where a split's
    #: share is still to be declared (:attr:`undeclared`)
    sources: dict[int, float]
    #: True unless the unit is simply itself (no merge or split in between)
    derived: bool
    #: dates of the changes crossed, oldest first
    changes: list[dt.date] = field(default_factory=list)

    @property
    def undeclared(self) -> list[int]:
        """Sources whose share is unknown: a split whose shares no office has declared yet."""
        return [src for src, w in self.sources.items() if math.isnan(w)]


def _exists(span: tuple[dt.date | None, dt.date | None], day: dt.date) -> bool:
    start, end = span
    return (start is None or start <= day) and (end is None or day < end)


def lineage_sources(
    unit_ids: Iterable[int], day: dt.date, ref: dt.date | None = None
) -> dict[int, Lineage]:
    """For each unit, what it was made of on ``day``, following changes up to ``ref``.

    Territory is traced back change by change, newest first: a merge into a unit
    adds the merged units' territory (by their link's share); a split that a unit
    survived keeps the share it retained; a unit that did not exist on ``day``
    contributes nothing of its own. Queries: one per generation of changes.
    """
    roots = list(dict.fromkeys(unit_ids))
    links_into: dict[int, list[tuple[int, float, dt.date]]] = defaultdict(list)
    window = Q(effective_on__gt=day)
    if ref is not None:
        window &= Q(effective_on__lte=ref)
    seen: set[int] = set()
    frontier = set(roots)
    for _depth in range(MAX_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        found = OrgUnitLineage.objects.filter(window, successor_id__in=frontier).values_list(
            "predecessor_id", "successor_id", "share", "effective_on"
        )
        frontier = set()
        for pred, succ, share, on in found:
            links_into[succ].append((pred, math.nan if share is None else float(share), on))
            frontier.add(pred)
    spans = {
        pk: (start, end)
        for pk, start, end in OrgUnit.objects.filter(pk__in=seen).values_list(
            "pk", "valid_from", "valid_to"
        )
    }

    crossed: set[dt.date] = set()

    def territory(unit: int, before: dt.date | None, depth: int) -> dict[int, float]:
        """``unit`` just before ``before`` (None: as it is on ``ref``), in day-``day`` units."""
        if depth > MAX_DEPTH:
            raise RuntimeError(f"lineage of unit {unit} does not end (a cycle?)")
        events = sorted(
            {on for _p, _s, on in links_into.get(unit, ()) if before is None or on < before},
            reverse=True,
        )
        if not events:
            return {unit: 1.0} if _exists(spans.get(unit, (None, None)), day) else {}
        latest = events[0]
        crossed.add(latest)
        kept = 1.0
        result: dict[int, float] = defaultdict(float)
        for pred, share, on in links_into[unit]:
            if on != latest:
                continue
            if pred == unit:
                kept = share
                continue
            for src, w in territory(pred, latest, depth + 1).items():
                result[src] += share * w
        for src, w in territory(unit, latest, depth + 1).items():
            result[src] += kept * w
        return dict(result)

    out = {}
    for root in roots:
        crossed.clear()
        sources = {k: w for k, w in territory(root, None, 0).items() if math.isnan(w) or w > 1e-12}
        derived = sources != {root: 1.0}
        out[root] = Lineage(sources, derived, sorted(crossed) if derived else [])
    return out


def lineage_closure(unit_id: int, ref: dt.date | None = None) -> set[int]:
    """The unit and every unit it was formed from, at any time up to ``ref``."""
    family = {unit_id}
    frontier = {unit_id}
    for _depth in range(MAX_DEPTH):
        links = OrgUnitLineage.objects.filter(successor_id__in=frontier)
        if ref is not None:
            links = links.filter(effective_on__lte=ref)
        frontier = set(links.values_list("predecessor_id", flat=True)) - family
        if not frontier:
            break
        family |= frontier
    return family


def predecessors(unit: OrgUnit) -> list[OrgUnitLineage]:
    """The links into ``unit`` (what it was formed from), oldest first."""
    return list(
        OrgUnitLineage.objects.filter(successor=unit)
        .exclude(predecessor=unit)
        .select_related("predecessor", "change")
        .order_by("effective_on", "pk")
    )


def successors(unit: OrgUnit) -> list[OrgUnitLineage]:
    """The links out of ``unit`` (where its territory went), oldest first."""
    return list(
        OrgUnitLineage.objects.filter(predecessor=unit)
        .exclude(successor=unit)
        .select_related("successor", "change")
        .order_by("effective_on", "pk")
    )


@dataclass
class TreeNode:
    unit_id: int
    parent_id: int | None
    depth: int
    kind: str
    name: str


def _tree_cte(n_roots: int, territorial: bool) -> str:
    """``WITH RECURSIVE tree(unit_id, parent_id, kind, name, depth) AS (…)``: the versions in
    force on a day, from the given roots (depth 0) down. Parameters: the roots, the day four
    times, the roots again."""
    version = OrgUnitVersion._meta.db_table
    active = (
        "(v.valid_from IS NULL OR v.valid_from <= %s) AND (v.valid_to IS NULL OR v.valid_to > %s)"
    )
    kinds = ""
    if territorial:
        kinds = " AND v.kind IN (" + ", ".join(f"'{k}'" for k in sorted(TERRITORIAL_KINDS)) + ")"
    roots = ", ".join(["%s"] * n_roots)
    # A root inside another root's subtree is walked once, from itself: the anchor keeps
    # its real parent, which joins it to the tree above when that parent is found too.
    return (
        "WITH RECURSIVE tree(unit_id, parent_id, kind, name, depth) AS ("
        f" SELECT v.unit_id, v.parent_id, v.kind, v.name, 0 FROM {version} v"
        f"  WHERE v.unit_id IN ({roots}) AND {active}"
        " UNION ALL"
        f" SELECT v.unit_id, v.parent_id, v.kind, v.name, t.depth + 1 FROM {version} v"
        f"  JOIN tree t ON v.parent_id = t.unit_id WHERE {active}{kinds}"
        f"  AND v.unit_id NOT IN ({roots}) AND t.depth < {MAX_DEPTH})"
    )


def _tree_sql(n_roots: int, territorial: bool, extra_select: str = "", extra_join: str = "") -> str:
    """A recursive query over the versions in force on a day, from the given roots down."""
    return (
        _tree_cte(n_roots, territorial)
        + f" SELECT t.unit_id, t.parent_id, t.kind, t.name{extra_select} FROM tree t {extra_join}"
    )


def _nodes(rows) -> dict[int, TreeNode]:
    """Tree nodes from (unit, parent, kind, name) rows. A node whose parent is not among the
    rows is a top; depths count from the topmost root."""
    found: dict[int, list] = {pk: [parent, kind, name] for pk, parent, kind, name in rows}
    depth: dict[int, int] = {}

    def depth_of(pk: int) -> int:
        chain = []
        while pk not in depth:
            chain.append(pk)
            parent = found[pk][0]
            if parent not in found or len(chain) > MAX_DEPTH:
                depth[pk] = 0
                chain.pop()
                break
            pk = parent
        base = depth[pk]
        for i, node in enumerate(reversed(chain), start=1):
            depth[node] = base + i
        return depth[chain[0]] if chain else base

    return {
        pk: TreeNode(pk, parent if parent in found else None, depth_of(pk), kind, name)
        for pk, (parent, kind, name) in found.items()
    }


def tree_as_of(
    roots: Iterable[int], day: dt.date, *, territorial: bool = False
) -> dict[int, TreeNode]:
    """The subtrees of ``roots`` as they stood on ``day``, read from the units' versions.

    One recursive query. Roots may lie inside one another's subtrees; each node's
    ``depth`` counts from the topmost root above it. With ``territorial`` only
    places (provinces, districts, communes…) are followed below the roots —
    agencies report no figures of a territory.
    """
    roots = list(dict.fromkeys(roots))
    if not roots:
        return {}
    sql = _tree_sql(len(roots), territorial)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roots, day, day, day, day, *roots])
        return _nodes(cursor.fetchall())


def tree_rows_as_of(
    roots: list[int], day: dt.date, *, join: str, select: str, params: list, territorial=True
) -> list[tuple]:
    """Like :func:`tree_as_of` with columns of a table joined on each node (one query):
    rows of (unit, parent, kind, name, *select columns)."""
    if not roots:
        return []
    sql = _tree_sql(len(roots), territorial, extra_select=select, extra_join=join)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roots, day, day, day, day, *roots, *params])
        return cursor.fetchall()


def tree_query_as_of(
    roots: list[int], day: dt.date, *, query: str, params: list, territorial=True
) -> list[tuple]:
    """Rows of ``query`` run after the tree's CTE (:func:`tree_as_of`, one query): ``query``
    reads ``tree(unit_id, parent_id, kind, name, depth)`` (depth 0: a root) and may start
    with more CTEs (``, name AS (…)``)."""
    if not roots:
        return []
    sql = _tree_cte(len(roots), territorial) + " " + query
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roots, day, day, day, day, *roots, *params])
        return cursor.fetchall()
