"""The ratio rule: a figure reported as a numerator and a denominator.

For an indicator aggregated as a ratio of sums (poverty rate, health-insurance coverage),
a unit reports the numerator and the denominator; the figure is ``numerator / denominator
× factor`` (100 for percent), kept to six decimals. The web grid, the Excel import and the
API's bulk import all call :func:`ratio_check`, so that they accept and refuse the same
figures:

- both parts or neither: one alone is refused (on the part that is missing);
- the denominator is not zero, and neither part is negative;
- a figure typed beside its parts must match them within 0,05 % of the figure, or 0,01,
  whichever is larger (what rounding a typed rate loses); without one, the figure is
  computed from the parts.

Decimals in, decimals out: the figures are stored as decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: Figures are kept to six decimals.
SIX_PLACES = Decimal("0.000001")
#: How far a typed figure may lie from the one its parts give: relative, and at the least.
RELATIVE_TOLERANCE = Decimal("0.0005")
ABSOLUTE_TOLERANCE = Decimal("0.01")

#: Problems, each on the field named with it.
MISSING_PART = "missing_part"
ZERO_DENOMINATOR = "zero_denominator"
NEGATIVE = "negative"
MISMATCH = "mismatch"


@dataclass(frozen=True)
class RatioCheck:
    """What :func:`ratio_check` found.

    ``problem`` is empty when the parts are acceptable, else one of the codes above, on
    ``field`` (``"numerator"``, ``"denominator"`` or ``"value"``). ``value`` is the figure
    to keep (the one typed, or the one computed from the parts); ``computed`` is the figure
    the parts give, when they give one.
    """

    problem: str = ""
    field: str = ""
    value: Decimal | None = None
    computed: Decimal | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def ratio_value(numerator: Decimal, denominator: Decimal, factor: Decimal) -> Decimal:
    """``numerator / denominator × factor`` to six decimals (the denominator is not zero)."""
    return (numerator / denominator * factor).quantize(SIX_PLACES)


def ratio_check(
    numerator: Decimal | None,
    denominator: Decimal | None,
    value: Decimal | None,
    factor: Decimal,
) -> RatioCheck:
    """Check a ratio's parts and the figure typed beside them (see the module docstring)."""
    if (numerator is None) != (denominator is None):
        field = "denominator" if denominator is None else "numerator"
        return RatioCheck(MISSING_PART, field, value)
    if numerator is None or denominator is None:
        return RatioCheck(value=value)
    if denominator == 0:
        return RatioCheck(ZERO_DENOMINATOR, "denominator", value)
    if numerator < 0 or denominator < 0:
        return RatioCheck(NEGATIVE, "numerator", value)
    computed = ratio_value(numerator, denominator, factor)
    if value is None:
        return RatioCheck(value=computed, computed=computed)
    if abs(value - computed) > max(abs(computed) * RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE):
        return RatioCheck(MISMATCH, "value", value, computed)
    return RatioCheck(value=value, computed=computed)
