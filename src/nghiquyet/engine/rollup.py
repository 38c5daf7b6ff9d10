"""Roll-up of unit figures to their parents (DHIS2-style aggregation).

- ``sum``: the parent's figure is the sum of its children's;
- ``ratio``: a ratio of sums — numerators and denominators are summed
  separately and divided once (never an average of percentages);
- ``none``: not aggregable; the figure is reported by the lead unit only.

Each function returns the aggregated column and how many children
contributed, so that a page can say "14/14 đơn vị đã báo cáo".
"""

from __future__ import annotations

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
