"""Roll-up of unit figures to their parents (DHIS2-style aggregation).

- ``sum``: the parent's figure is the sum of its children's;
- ``ratio``: a ratio of sums — numerators and denominators are summed
  separately and divided once (never an average of percentages);
- ``none``: not aggregable; the figure is reported by the lead unit only.

Each function returns the aggregated column and how many children
contributed, so that a page can say "14/14 đơn vị đã báo cáo".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

SUM = "sum"
RATIO = "ratio"
NONE = "none"
AGGREGATIONS = (SUM, RATIO, NONE)


def rollup_sum(
    groups: ArrayLike, values: ArrayLike, n_groups: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Sum ``values`` per group, ignoring NaN; NaN where no child reported."""
    groups = np.asarray(groups, dtype=np.intp)
    values = np.asarray(values, dtype=np.float64)
    present = ~np.isnan(values)
    total = np.bincount(groups[present], weights=values[present], minlength=n_groups)
    count = np.bincount(groups[present], minlength=n_groups).astype(np.int64)
    return np.where(count > 0, total, np.nan), count


def rollup_ratio(
    groups: ArrayLike,
    numerators: ArrayLike,
    denominators: ArrayLike,
    n_groups: int,
    factor: float = 100.0,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Ratio of sums per group: ``sum(num) / sum(den) * factor``.

    A child counts only when both its numerator and denominator are known.
    """
    groups = np.asarray(groups, dtype=np.intp)
    num = np.asarray(numerators, dtype=np.float64)
    den = np.asarray(denominators, dtype=np.float64)
    present = ~np.isnan(num) & ~np.isnan(den)
    g = groups[present]
    num_sum = np.bincount(g, weights=num[present], minlength=n_groups)
    den_sum = np.bincount(g, weights=den[present], minlength=n_groups)
    count = np.bincount(g, minlength=n_groups).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = num_sum / den_sum * factor
    return np.where((count > 0) & (den_sum != 0), ratio, np.nan), count


@dataclass(frozen=True)
class TreeRollup:
    """Figures of every node of a tree after rolling up, one entry per node."""

    value: NDArray[np.float64]
    numerator: NDArray[np.float64]
    denominator: NDArray[np.float64]
    #: True where the figure was computed from the children's, not reported
    computed: NDArray[np.bool_]
    #: children that have a figure, and children in all
    reported: NDArray[np.int64]
    expected: NDArray[np.int64]


@dataclass(frozen=True)
class SummedChildren:
    """Children left out of a tree's arrays, already added up per parent (e.g. in SQL).

    One entry per node of the tree: how many such children it has, how many of them
    have a figure (a value for ``sum``; a numerator and a denominator for ``ratio``) and
    the sums of those figures (0 where none). They count for their parent as children
    in the arrays would: towards ``expected`` and ``reported``, into the sums.
    """

    count: ArrayLike
    reported: ArrayLike
    value: ArrayLike | None = None
    numerator: ArrayLike | None = None
    denominator: ArrayLike | None = None


def rollup_tree(
    parent: ArrayLike,
    depth: ArrayLike,
    values: ArrayLike,
    aggregation: str,
    *,
    numerators: ArrayLike | None = None,
    denominators: ArrayLike | None = None,
    factor: float = 100.0,
    from_children: ArrayLike | None = None,
    summed: SummedChildren | None = None,
) -> TreeRollup:
    """Roll figures up a tree, bottom-up, one level at a time.

    ``parent`` holds each node's parent index (-1 for a root) and ``depth`` its
    level. A node keeps its own reported figure; a node without one gets its
    children's sum (``sum``) or ratio of sums (``ratio``) — but only when *every*
    child has a figure, since a partial sum would understate the total. Nodes
    flagged in ``from_children`` are always computed from their children (their
    own figure is ignored), e.g. the unit whose concretised target is being
    checked. ``none`` never computes anything. ``summed`` adds children that are not
    in the arrays, added up per parent beforehand (the leaves, summed in SQL).
    """
    parent = np.asarray(parent, dtype=np.intp)
    depth = np.asarray(depth, dtype=np.int64)
    n = len(parent)
    value = np.array(values, dtype=np.float64, copy=True)
    num = np.full(n, np.nan) if numerators is None else np.array(numerators, dtype=np.float64)
    den = np.full(n, np.nan) if denominators is None else np.array(denominators, dtype=np.float64)
    forced = np.zeros(n, dtype=bool) if from_children is None else np.asarray(from_children, bool)
    value[forced] = np.nan
    num[forced] = np.nan
    den[forced] = np.nan
    computed = np.zeros(n, dtype=bool)
    expected = (
        np.bincount(parent[parent >= 0], minlength=n).astype(np.int64)
        if n
        else np.zeros(0, np.int64)
    )
    reported = np.zeros(n, dtype=np.int64)
    zeros = np.zeros(n)
    summed_count = np.zeros(n, dtype=np.int64)
    if summed is not None:
        summed_count = np.asarray(summed.count, dtype=np.int64)
        expected = expected + summed_count
    if aggregation not in (SUM, RATIO) or n == 0:
        return TreeRollup(value, num, den, computed, reported, expected)
    summed_v = summed_n = summed_d = zeros
    if summed is not None:
        reported += np.asarray(summed.reported, dtype=np.int64)
        summed_v, summed_n, summed_d = (
            zeros if a is None else np.asarray(a, dtype=np.float64)
            for a in (summed.value, summed.numerator, summed.denominator)
        )
    top = int(depth.max())
    if summed_count.any():  # summed children lie one level below their parents
        top = max(top, int(depth[summed_count > 0].max()) + 1)
    for level in range(top, 0, -1):
        kids = np.flatnonzero((depth == level) & (parent >= 0))
        above = np.flatnonzero((depth == level - 1) & (summed_count > 0))
        if not len(kids) and not len(above):
            continue
        up = parent[kids]
        if aggregation == SUM:
            has = ~np.isnan(value[kids])
        else:
            has = ~np.isnan(num[kids]) & ~np.isnan(den[kids])
        reported += np.bincount(up[has], minlength=n).astype(np.int64)
        sums_v = np.bincount(up[has], weights=value[kids][has], minlength=n) + summed_v
        if aggregation == RATIO:
            sums_n = np.bincount(up[has], weights=num[kids][has], minlength=n) + summed_n
            sums_d = np.bincount(up[has], weights=den[kids][has], minlength=n) + summed_d
        parents = np.unique(np.concatenate([up, above]))
        complete = reported[parents] == expected[parents]
        missing_own = np.isnan(value[parents])
        fill = parents[complete & missing_own]
        if aggregation == SUM:
            value[fill] = sums_v[fill]
        else:
            num[fill], den[fill] = sums_n[fill], sums_d[fill]
            with np.errstate(divide="ignore", invalid="ignore"):
                value[fill] = np.where(
                    sums_d[fill] != 0, sums_n[fill] / sums_d[fill] * factor, np.nan
                )
        # A ratio whose denominators add up to 0 (no household, no pupil in any sub-unit) has
        # no figure: it is not computed, and its numerator and denominator (0 and 0) say why.
        computed[fill] = ~np.isnan(value[fill])
    return TreeRollup(value, num, den, computed, reported, expected)


def combine_plan_figures(
    aggregation: str, figures: list[float], weights: list[float | None] | None = None
) -> float | None:
    """What the units' own plan figures come to for their parent (cụ thể hóa).

    ``sum``: their sum. ``ratio``: their mean weighted by each unit's denominator (the
    number of households, of people…) — the rate the parent would have if every unit met
    its own; None when a weight is missing or not positive. ``none``: nothing adds up.
    None without figures.
    """
    if not figures:
        return None
    if aggregation == SUM:
        return float(sum(figures))
    if aggregation == RATIO:
        if weights is None or len(weights) != len(figures):
            return None
        if any(w is None or w <= 0 for w in weights):
            return None
        total = sum(weights)
        return float(sum(f * w for f, w in zip(figures, weights, strict=True)) / total)
    return None
