"""Emulation scores: a criterion's points from the share achieved, the weighted total, ranks.

A computed criterion is scored as ``share × max_points`` (the share of a unit's targets
achieved, of its reports sent on time…), rounded half away from zero to two decimals; a
share that could not be measured (no report was due, no task fell due) gives no points and
is shown as such, never silently as a failure. The total is ``Σ weight × points``. Ranks are
competition ranks: equal totals share a rank and the next rank skips ("1, 2, 2, 4").
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def share_of(hits: int, counted: int) -> Decimal | None:
    """``hits / counted`` to four decimals; None when nothing was counted."""
    if counted <= 0:
        return None
    if not 0 <= hits <= counted:
        raise ValueError(f"hits {hits} outside 0..{counted}")
    return (Decimal(hits) / Decimal(counted)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def criterion_points(share: Decimal | None, max_points: Decimal) -> Decimal | None:
    """Points of a computed criterion: ``share × max_points`` to two decimals (None: no share)."""
    if share is None:
        return None
    if not 0 <= share <= 1:
        raise ValueError(f"share {share} outside 0..1")
    return (Decimal(share) * Decimal(max_points)).quantize(_CENT, ROUND_HALF_UP)


def weighted_total(points: Sequence[Decimal | None], weights: Sequence[Decimal]) -> Decimal:
    """``Σ weight × points``; a criterion without points adds nothing."""
    if len(points) != len(weights):
        raise ValueError("points and weights differ in length")
    total = sum(
        (Decimal(w) * Decimal(p) for p, w in zip(points, weights, strict=True) if p is not None),
        Decimal(0),
    )
    return total.quantize(_CENT, ROUND_HALF_UP)


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Rank of each total, highest first; equal totals share a rank ("1, 2, 2, 4")."""
    order = sorted(totals, reverse=True)
    first = {}
    for i, total in enumerate(order, start=1):
        first.setdefault(total, i)
    return [first[t] for t in totals]
