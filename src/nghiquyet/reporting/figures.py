"""Figures of a unit for a period: reported, rolled up from sub-units, or carried across changes.

Three ways to get the figure of an indicator for a unit and a period, and the
page always says which one was used:

- **reported** — the unit's own current figure (ước, sơ bộ or chính thức);
- **computed** — rolled up from the unit's sub-units as the tree stood at the
  end of the period (sum, or ratio of sums), only when every sub-unit has a
  figure, since a partial sum would understate the total;
- **lineage** — for a unit that has since taken others in, or been formed from
  others, the figure of its present territory: its predecessors' figures added
  up (or a declared share of them), e.g. the 2025 half-year figure of the new
  Vĩnh Long from the reports of Bến Tre, Trà Vinh and Vĩnh Long before 1/7/2025.

Queries are per period, not per unit or indicator: one for the tree level by
level, one for the values, one per generation of lineage links.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nghiquyet.engine.rollup import RATIO, SUM, SummedChildren, rollup_tree
from nghiquyet.orgs.lineage import (
    TreeNode,
    _nodes,
    lineage_sources,
    tree_query_as_of,
    tree_rows_as_of,
)
from nghiquyet.orgs.models import OrgUnit, OrgUnitVersion
from nghiquyet.plans.choices import Aggregation
from nghiquyet.plans.models import Indicator

from .models import Period, Value

REPORTED = "reported"
COMPUTED = "computed"
LINEAGE = "lineage"


@dataclass
class Figure:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    source: str = REPORTED
    #: the unit's own current Value, when the figure is the reported one
    record: Value | None = None
    #: sub-units that have a figure, and sub-units in all (for a roll-up)
    reported: int = 0
    expected: int = 0
    #: for a figure carried across changes: (unit name, share) of each source
    sources: list[tuple[str, float]] = field(default_factory=list)
    changes: list[dt.date] = field(default_factory=list)
    #: sources that had no usable figure (the reason there is none)
    missing: list[str] = field(default_factory=list)
    #: sources split among several units with shares not declared yet (no figure either)
    undeclared: list[str] = field(default_factory=list)
    #: the unit's own figure stands in for a roll-up its sub-units do not complete yet
    fallback: bool = False

    @property
    def derived(self) -> bool:
        return self.source != REPORTED

    @property
    def note(self) -> str:
        """How the figure was obtained, in a sentence for the page."""
        if self.fallback:
            return _("số của đơn vị; tổng hợp từ đơn vị cấp dưới mới có %(n)s/%(total)s đơn vị") % {
                "n": self.reported,
                "total": self.expected,
            }
        if self.source == COMPUTED and self.value is None:
            return _("mới có %(n)s/%(total)s đơn vị cấp dưới có số liệu") % {
                "n": self.reported,
                "total": self.expected,
            }
        if self.source == COMPUTED:
            return _("tổng hợp từ số liệu của %(n)s/%(total)s đơn vị cấp dưới") % {
                "n": self.reported,
                "total": self.expected,
            }
        if self.source == LINEAGE:
            names = [
                _("một phần %(unit)s") % {"unit": name}
                if math.isnan(share)
                else name
                if share >= 0.999999
                else f"{number_format(share * 100, 0)}% {name}"
                for name, share in self.sources
            ]
            days = ", ".join(f"{d:%d/%m/%Y}" for d in self.changes)
            if self.value is None and self.undeclared:
                return _(
                    "không tính được từ số liệu của %(units)s: chưa khai báo tỷ lệ chia tách "
                    "của %(split)s"
                ) % {"units": ", ".join(names), "split": ", ".join(self.undeclared)}
            if self.value is None:
                return _("không tính được từ số liệu của %(units)s (thiếu: %(missing)s)") % {
                    "units": ", ".join(names),
                    "missing": ", ".join(self.missing) or _("không cộng được"),
                }
            return ngettext(
                "tính từ số liệu của %(units)s trước sắp xếp ngày %(days)s",
                "tính từ số liệu của %(units)s trước các lần sắp xếp ngày %(days)s",
                len(self.changes),
            ) % {"units": ", ".join(names), "days": days}
        return ""


def _aggregates(indicator: Indicator) -> bool:
    return indicator.aggregation in (Aggregation.SUM, Aggregation.RATIO)


def _f(x) -> float | None:
    return None if x is None else float(x)


def has_sub_units(unit_ids: Iterable[int]) -> set[int]:
    """The units that have (or had) territorial sub-units — the only ones worth rolling up."""
    from nghiquyet.orgs.choices import TERRITORIAL_KINDS

    return set(
        OrgUnitVersion.objects.filter(parent_id__in=list(unit_ids), kind__in=TERRITORIAL_KINDS)
        .order_by()  # the default ordering would put its columns into the DISTINCT
        .values_list("parent_id", flat=True)
        .distinct()
    )


def figures_at(
    *,
    indicators: Sequence[Indicator],
    unit_ids: Sequence[int],
    period: Period,
    from_children: dict[int, set[int]] | None = None,
    rollup: bool = True,
    records: bool = True,
) -> dict[tuple[int, int], Figure]:
    """The figure of each indicator for each unit in ``period``: own, or rolled up.

    ``from_children`` maps an indicator id to units whose figure must be computed
    from their sub-units even if they reported one (a concretised target's parent).
    Keys of the result are ``(indicator_id, unit_id)``; units with nothing are absent.
    ``records=False``: the figures as numbers only, without the units' own ``Value``
    records (``Figure.record`` is None) — for callers that read no status or history, which
    saves building a model instance per figure (7.500 for a province's communes).

    The leaves of the tree (the communes) are added up in SQL per parent and indicator
    (:func:`_tree_with_sums`): Python gets the units above them and those sums —
    thousands of rows for the country, not one per commune and indicator.
    """
    return _figures_at(
        indicators, unit_ids, period, from_children, rollup, collapse=True, with_records=records
    )


def figures_at_reference(
    *,
    indicators: Sequence[Indicator],
    unit_ids: Sequence[int],
    period: Period,
    from_children: dict[int, set[int]] | None = None,
    rollup: bool = True,
) -> dict[tuple[int, int], Figure]:
    """:func:`figures_at` the way it was before the leaves were summed in SQL: every unit of
    the tree with its figures fetched and rolled up in Python. The reference of the property
    tests and the baseline of the benchmark (``benchmarks/dashboards.py``)."""
    return _figures_at(indicators, unit_ids, period, from_children, rollup, collapse=False)


class _Own(NamedTuple):
    """A unit's own figure without its record (``figures_at(records=False)``)."""

    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None


def _figures_at(
    indicators, unit_ids, period, from_children, rollup, *, collapse, with_records=True
):
    from_children = from_children or {}
    if period.pk is None or not indicators or not unit_ids:
        return {}
    roots = list(dict.fromkeys(unit_ids))
    by_id = {i.pk: i for i in indicators}
    # The roots' own figures, as records (status, history) or as numbers; below them,
    # numbers only.
    own = Value.objects.current().filter(
        period=period, indicator_id__in=list(by_id), unit_id__in=roots
    )
    records: dict[tuple[int, int], Value | _Own]
    if with_records:
        records = {(v.indicator_id, v.unit_id): v for v in own}
    else:
        records = {
            (ind, unit): _Own(value, num, den)
            for ind, unit, value, num, den in own.order_by().values_list(
                "indicator_id", "unit_id", "value", "numerator", "denominator"
            )
        }
    if not (rollup and any(_aggregates(i) for i in indicators)):
        out: dict[tuple[int, int], Figure] = {}
        for (ind, unit), v in records.items():
            if unit not in from_children.get(ind, ()):
                out[(ind, unit)] = Figure(
                    float(v.value), _f(v.numerator), _f(v.denominator), record=_record(v)
                )
        return out
    summed: dict[int, dict[int, tuple]] = {}
    leaves: dict[int, int] = {}
    if collapse:
        forced_any = sorted({u for units in from_children.values() for u in units})
        nodes, rows, summed, leaves = _tree_with_sums(roots, period, list(indicators), forced_any)
    else:
        nodes, rows = _tree_with_values(roots, period, list(by_id))
    # A unit asked about keeps its own figures even on a day it is not on the map.
    for r in roots:
        nodes.setdefault(r, TreeNode(r, None, 0, "", ""))
    for (ind, unit), v in records.items():
        rows[ind][unit] = (float(v.value), _f(v.numerator), _f(v.denominator))
    out = {}
    order = list(nodes)
    index = {pk: i for i, pk in enumerate(order)}
    parent = np.array([index.get(nodes[pk].parent_id, -1) for pk in order], dtype=np.intp)
    depth = np.array([nodes[pk].depth for pk in order], dtype=np.int64)
    root_index = [index[r] for r in roots if r in index]
    leaf_count = np.zeros(len(order), dtype=np.int64)
    for pk, count in leaves.items():
        leaf_count[index[pk]] = count
    for ind_id, indicator in by_id.items():
        value = np.full(len(order), np.nan)
        num = np.full(len(order), np.nan)
        den = np.full(len(order), np.nan)
        for unit, (v, n, d) in rows.get(ind_id, {}).items():
            i = index[unit]
            value[i] = v
            if n is not None and d is not None:
                num[i], den[i] = n, d
        forced = np.zeros(len(order), dtype=bool)
        for pk in from_children.get(ind_id, ()):
            if pk in index:
                forced[index[pk]] = True
        agg = {Aggregation.SUM: SUM, Aggregation.RATIO: RATIO}.get(indicator.aggregation, "none")
        children = None
        if collapse:
            children = _summed_children(agg, summed.get(ind_id, {}), index, leaf_count)
        result = rollup_tree(
            parent,
            depth,
            value,
            agg,
            numerators=num,
            denominators=den,
            factor=float(indicator.ratio_factor),
            from_children=forced,
            summed=children,
        )
        for i in root_index:
            pk = order[i]
            figure_value = result.value[i]
            if result.computed[i]:
                out[(ind_id, pk)] = Figure(
                    float(figure_value),
                    None if np.isnan(result.numerator[i]) else float(result.numerator[i]),
                    None if np.isnan(result.denominator[i]) else float(result.denominator[i]),
                    source=COMPUTED,
                    reported=int(result.reported[i]),
                    expected=int(result.expected[i]),
                )
            elif not np.isnan(figure_value) or (forced[i] and (ind_id, pk) in records):
                # The unit's own figure; when it had to come from the sub-units and they are
                # incomplete, it stands in for them (``fallback``) and the note says so.
                v = records[(ind_id, pk)]
                out[(ind_id, pk)] = Figure(
                    float(v.value),
                    _f(v.numerator),
                    _f(v.denominator),
                    record=_record(v),
                    reported=int(result.reported[i]),
                    expected=int(result.expected[i]),
                    fallback=bool(forced[i] and result.expected[i]),
                )
            elif result.expected[i] and _aggregates(indicator):
                # Nothing reported and the sub-units are incomplete: say how far they are.
                out[(ind_id, pk)] = Figure(
                    None,
                    source=COMPUTED,
                    reported=int(result.reported[i]),
                    expected=int(result.expected[i]),
                )
    return out


def _record(v: Value | _Own) -> Value | None:
    return v if isinstance(v, Value) else None


def _tree_with_values(roots: list[int], period: Period, indicator_ids: list[int]):
    """The territorial tree under ``roots`` at the end of ``period`` and the current figures
    of its units, in one query: (nodes, {indicator: {unit: (value, numerator, denominator)}})."""
    table = Value._meta.db_table
    marks = ", ".join(["%s"] * len(indicator_ids))
    raw = tree_rows_as_of(
        roots,
        period.end_date,
        select=", f.indicator_id, f.value, f.numerator, f.denominator",
        join=(
            f"LEFT JOIN {table} f ON f.unit_id = t.unit_id AND f.period_id = %s"
            f" AND f.is_current = %s AND f.indicator_id IN ({marks})"
        ),
        params=[period.pk, True, *indicator_ids],
    )
    nodes = _nodes([r[:4] for r in raw])
    rows: dict[int, dict[int, tuple]] = defaultdict(dict)
    for unit, _parent, _kind, _name, ind, value, num, den in raw:
        if ind is not None:
            rows[ind][unit] = (float(value), _f(num), _f(den))
    return nodes, rows


#: The leaves grouped by unit (each is there once): PostgreSQL then knows the unit ids are
#: distinct and hashes the 3.321 leaves to stream the 199.260 figures past them; joined to the
#: bare CTE it hashed the figures instead (a CTE has no statistics), in batches spilled to
#: disk — the statement 221 → 170 ms (median of 8, the country's 60 indicators).
LEAF_BY_UNIT = "(SELECT unit_id, MIN(parent_id) AS parent_id FROM leaf GROUP BY unit_id)"
NULL_ID = "CAST(NULL AS BIGINT)"
NULL_NUMBER = "CAST(NULL AS NUMERIC)"


def _tree_with_sums(
    roots: list[int],
    period: Period,
    indicators: list[Indicator],
    forced: list[int],
) -> tuple[dict[int, TreeNode], dict[int, dict[int, tuple]], dict[int, dict[int, tuple]], dict]:
    """The tree under ``roots`` at the end of ``period`` with its leaves added up, in one query.

    The leaves (units without sub-units that day, other than the roots and the ``forced``
    units, which the roll-up needs one by one) are summed in SQL per parent and indicator:
    for the indicators that add up, their values; for the ratios of sums, the numerators and
    denominators of the leaves that have both; the others are never rolled up, so nothing of
    theirs is summed. Returns (the other
    nodes, their figures {indicator: {unit: (value, numerator, denominator)}}, the leaves'
    sums {indicator: {parent: (count with a value, sum of values, count with a numerator
    and a denominator, sum of numerators, sum of denominators)}}, {parent: its number of
    leaves}).
    """
    table = Value._meta.db_table
    current = "f.period_id = %s AND f.is_current = %s AND f.indicator_id IN "
    not_forced = ""
    if forced:
        not_forced = f" AND t.unit_id NOT IN ({', '.join(['%s'] * len(forced))})"
    both = "f.numerator IS NOT NULL AND f.denominator IS NOT NULL"
    # Tags: 0 a node (not a leaf), 1 the leaves' sums of a parent and an indicator, 2 a
    # parent's number of leaves. One statement: the tree is walked once. Each kind of
    # indicator sums only what its roll-up reads: a row through two aggregates for a sum,
    # three for a ratio, rather than five for every row (measured: the grouping was most of
    # the statement's time for the country's 199.260 figures).
    parts = [
        # typed NULLs: PostgreSQL resolves a UNION's column types branch by branch
        f" SELECT 0, t.unit_id, t.parent_id, t.kind, t.name, {NULL_ID}, {NULL_NUMBER},"
        f" {NULL_NUMBER}, {NULL_NUMBER}, {NULL_ID}, {NULL_ID}"
        " FROM tree t WHERE t.unit_id NOT IN (SELECT unit_id FROM leaf)"
    ]
    params: list = [*forced]
    for kind, sums in (
        (Aggregation.SUM, "SUM(f.value), NULL, NULL, COUNT(*), NULL"),
        (
            Aggregation.RATIO,
            # the sums of the leaves with both are the sums of all: a parent takes them only
            # when every leaf has both (counted here)
            f"NULL, SUM(f.numerator), SUM(f.denominator), NULL, COUNT(*) FILTER (WHERE {both})",
        ),
    ):
        ids = [i.pk for i in indicators if i.aggregation == kind]
        if not ids:
            continue
        parts.append(
            f" SELECT 1, l.parent_id, NULL, NULL, NULL, f.indicator_id, {sums}"
            f" FROM {table} f JOIN {LEAF_BY_UNIT} l ON l.unit_id = f.unit_id"
            f" WHERE {current}({', '.join(['%s'] * len(ids))})"
            " GROUP BY l.parent_id, f.indicator_id"
        )
        params += [period.pk, True, *ids]
    parts.append(
        " SELECT 2, l.parent_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL"
        " FROM leaf l GROUP BY l.parent_id"
    )
    query = (
        ", inner_units(unit_id) AS ("
        "  SELECT DISTINCT parent_id FROM tree WHERE parent_id IS NOT NULL)"
        ", leaf(unit_id, parent_id) AS ("
        "  SELECT t.unit_id, t.parent_id FROM tree t"
        "  LEFT JOIN inner_units i ON i.unit_id = t.unit_id"
        f"  WHERE i.unit_id IS NULL AND t.depth > 0{not_forced})" + " UNION ALL".join(parts)
    )
    raw = tree_query_as_of(roots, period.end_date, query=query, params=params)
    node_rows = []
    summed: dict[int, dict[int, tuple]] = defaultdict(dict)
    leaves: dict[int, int] = {}
    for tag, unit, parent, kind, name, ind, value, num, den, count, count_both in raw:
        if tag == 0:
            node_rows.append((unit, parent, kind, name))
        elif tag == 1:
            summed[ind][unit] = (
                count or 0,
                _f(value) or 0.0,
                count_both or 0,
                _f(num) or 0.0,
                _f(den) or 0.0,
            )
        else:
            leaves[unit] = count
    # The figures of the nodes (the roots' come as records, from the caller).
    rows: dict[int, dict[int, tuple]] = defaultdict(dict)
    asked = set(roots)
    others = [unit for unit, _p, _k, _n in node_rows if unit not in asked]
    if others:
        for unit, ind, value, num, den in (
            Value.objects.current()
            .filter(period=period, indicator__in=indicators, unit_id__in=others)
            .order_by()
            .values_list("unit_id", "indicator_id", "value", "numerator", "denominator")
        ):
            rows[ind][unit] = (float(value), _f(num), _f(den))
    return _nodes(list(dict.fromkeys(node_rows))), rows, summed, leaves


def _summed_children(
    aggregation: str, sums: dict[int, tuple], index: dict[int, int], leaf_count: np.ndarray
) -> SummedChildren:
    """The leaves' sums of one indicator (:func:`_tree_with_sums`) as arrays over the nodes."""
    n = len(leaf_count)
    reported = np.zeros(n, dtype=np.int64)
    value, num, den = np.zeros(n), np.zeros(n), np.zeros(n)
    for parent, (count, total, count_both, total_num, total_den) in sums.items():
        i = index[parent]
        if aggregation == RATIO:
            reported[i], num[i], den[i] = count_both, total_num, total_den
        else:
            reported[i], value[i] = count, total
    return SummedChildren(leaf_count, reported, value, num, den)


def comparable_at(
    *,
    indicators: Sequence[Indicator],
    unit_ids: Sequence[int],
    period: Period,
    ref: dt.date | None,
    rollup: bool = True,
    records: bool = True,
) -> dict[tuple[int, int], Figure]:
    """The figure for ``period`` of each unit's territory *as it is on* ``ref`` (None: today).

    Units untouched by changes between the period's end and ``ref`` get their own
    figure (or roll-up); a unit that has since merged with others, or was formed
    from them, gets its predecessors' figures combined: sums add up (a split's
    part takes its declared share), ratios are ratios of the summed numerators and
    denominators, and a figure that does not add up is carried over only from a
    single predecessor. ``records``: as in :func:`figures_at`.
    """
    if period.pk is None:
        return {}
    lineage = lineage_sources(unit_ids, period.end_date, ref)
    plain = [u for u in unit_ids if not lineage[u].derived]
    sources = {s for u in unit_ids if lineage[u].derived for s in lineage[u].sources}
    figures = figures_at(
        indicators=indicators,
        unit_ids=[*plain, *sources],
        period=period,
        rollup=rollup,
        records=records,
    )
    out = {key: fig for key, fig in figures.items() if key[1] in plain}
    derived = [u for u in unit_ids if lineage[u].derived]
    if not derived:
        return out
    names = dict(
        OrgUnitVersion.objects.filter(OrgUnitVersion.active_q(period.end_date), unit_id__in=sources)
        .values_list("unit_id", "name")
        .order_by()
    )
    rest = OrgUnit.objects.filter(pk__in=sources - names.keys())
    names.update(dict(rest.values_list("pk", "name")))
    for u in derived:
        lin = lineage[u]
        if not lin.sources:
            continue
        ordered = sorted(lin.sources.items(), key=lambda kv: names.get(kv[0], ""))
        for indicator in indicators:
            out[(indicator.pk, u)] = _combine(indicator, ordered, figures, names, lin.changes)
    return out


def _combine(indicator, sources, figures, names, changes) -> Figure:
    parts = [(figures.get((indicator.pk, src)), w, names.get(src, str(src))) for src, w in sources]
    fig = Figure(
        None,
        source=LINEAGE,
        sources=[(name, w) for _fig, w, name in parts],
        changes=list(changes),
        missing=[name for fig_, _w, name in parts if fig_ is None or fig_.value is None],
        undeclared=[name for _fig, w, name in parts if math.isnan(w)],
    )
    if fig.missing or fig.undeclared:
        return fig
    if indicator.aggregation == Aggregation.SUM:
        fig.value = sum(f.value * w for f, w, _n in parts)
    elif indicator.aggregation == Aggregation.RATIO and all(
        f.numerator is not None and f.denominator for f, _w, _n in parts
    ):
        fig.numerator = sum(f.numerator * w for f, w, _n in parts)
        fig.denominator = sum(f.denominator * w for f, w, _n in parts)
        fig.value = fig.numerator / fig.denominator * float(indicator.ratio_factor)
    elif len(parts) == 1:
        # A rate or a level of a single predecessor holds for its part too.
        fig.value = parts[0][0].value
    else:
        fig.missing = []
    return fig
