"""Dividing a superior's target among its sub-units (giao chỉ tiêu cho cấp dưới).

An office hands its figure ("tạo việc làm mới cho 2.500 lao động") down to its
communes and wards. It does so in one of three ways:

- **equally** — each unit owes the figure divided by the number of units;
- **by population** (or any other weight the office gives) — each unit owes the
  figure in proportion to its weight;
- **by hand** — the office types each unit's share, and the shares must add up to
  the figure exactly.

A share is handed down in whole steps of the target's precision (0 decimals:
whole workers; 1 decimal: tenths), so dividing 2.500 by population cannot leave
the units owing 2.499 or 2.501 between them: the largest-remainder rule
(Hamilton's method) rounds each exact quota down and gives the steps left over to
the units whose quotas lost the most, so that the parts add up to the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

__all__ = ["shares_total_gap", "split_by_weights", "step_of"]


def step_of(decimals: int) -> Decimal:
    """The smallest part a share is given in: 1 for 0 decimals, 0,1 for one decimal."""
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    return Decimal(1).scaleb(-decimals)


def split_by_weights(
    total: Decimal | int | str, weights: Sequence[Decimal | int | float | str], decimals: int = 0
) -> list[Decimal]:
    """Divide ``total`` among units in proportion to ``weights``; the parts add up to ``total``.

    Each part is a multiple of ``10**-decimals``. ``total`` is first rounded to that step
    (half up). A unit with weight 0 gets 0. Ties in the remainders go to the larger weight,
    then to the unit listed first, so the result does not depend on anything but the input.

    Raises ``ValueError`` for a negative total or weight, or when no weight is above 0 while
    the total is (there is no one to give the figure to).
    """
    step = step_of(decimals)
    total_d = Decimal(str(total)).quantize(step, rounding=ROUND_HALF_UP)
    if total_d < 0:
        raise ValueError("the total to divide must not be negative")
    w = [Decimal(str(x)) for x in weights]
    if any(x < 0 for x in w):
        raise ValueError("weights must not be negative")
    if not w:
        if total_d == 0:
            return []
        raise ValueError("no unit to divide the total among")
    weight_sum = sum(w, Decimal(0))
    steps_total = int(total_d / step)
    if weight_sum == 0:
        if steps_total == 0:
            return [Decimal(0).quantize(step)] * len(w)
        raise ValueError("every weight is 0: nothing to divide by")
    # whole steps, exact fractions (no rounding error decides who gets a step):
    # quota_i = steps_total * w_i / weight_sum
    floors: list[int] = []
    remainders: list[Fraction] = []
    for x in w:
        quota = Fraction(steps_total) * Fraction(x) / Fraction(weight_sum)
        whole = quota.numerator // quota.denominator
        floors.append(whole)
        remainders.append(quota - whole)
    left = steps_total - sum(floors)
    order = sorted(range(len(w)), key=lambda i: (-remainders[i], -w[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(n) * step).quantize(step) for n in floors]


def shares_total_gap(total: Decimal | int | str, shares: Sequence[Decimal | int | str]) -> Decimal:
    """How far the units' shares are from the total: sum(shares) − total (0 when they add up)."""
    return sum((Decimal(str(s)) for s in shares), Decimal(0)) - Decimal(str(total))
