"""Warning of figures that lie far outside a unit's history (a typing slip, a wrong unit).

A flagged figure is not refused: the reporter must explain it in a note before
the report is sent.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def implausible(
    values: ArrayLike,
    references: ArrayLike,
    *,
    percent: ArrayLike | None = None,
    rel_tol: float = 0.5,
    points: float = 20.0,
    floor: float = 1.0,
) -> NDArray[np.bool_]:
    """Flag each value that differs from its reference by more than it plausibly could.

    The limit is ``rel_tol`` of the reference (50 %), or ``points`` percentage
    points for figures in percent (``percent`` True), and never less than
    ``floor`` (so 0 → 1 is not flagged). Missing values or references are
    never flagged.
    """
    v = np.asarray(values, dtype=np.float64)
    r = np.asarray(references, dtype=np.float64)
    pct = np.zeros(v.shape, dtype=bool) if percent is None else np.asarray(percent, dtype=bool)
    limit = np.where(pct, points, np.maximum(rel_tol * np.abs(r), floor))
    with np.errstate(invalid="ignore"):
        flag = np.abs(v - r) > limit
    return flag & ~np.isnan(v) & ~np.isnan(r)
