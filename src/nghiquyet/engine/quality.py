"""Data-quality checks of reported figures (the anchor: DHIS2's validation rules and its
min–max outlier detection from an org unit's own history).

Pure functions over floats; ``reporting.quality`` reads the rules and the history and calls
them for every figure saved, from the grid, an Excel template or the API alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

#: How far a figure may stray from its history: half the reference, or 20 points for
#: percentages, and never less than 1 (so 0 → 1 is not flagged).
REL_TOL = 0.5
POINTS = 20.0
FLOOR = 1.0

#: How a band was computed (``Band.method``).
SAME_KIND = "same_kind"  # from past figures of the same kind of period
YEAR_PART = "year_part"  # a part of the year, from whole years: 0 to 1,5 × a year
YEAR_LEVEL = "year_level"  # a level or a rate, from whole years


@dataclass(frozen=True)
class Band:
    """The range a figure is expected in, and what it was computed from."""

    low: float | None
    high: float | None
    #: the reference figure: the median of the history used
    reference: float
    method: str
    #: the past figures it was computed from, newest first
    history: tuple[float, ...]

    def holds(self, value: float) -> bool:
        """Is ``value`` inside the band?"""
        if self.low is not None and value < self.low:
            return False
        return not (self.high is not None and value > self.high)


def history_band(
    same_kind: Sequence[float],
    years: Sequence[float],
    *,
    part_of_year: bool,
    percent: bool,
) -> Band | None:
    """The min–max band of a unit's own history (None without history).

    - With figures of the same kind of period (years for a year, first halves for a first
      half): from their smallest to their largest, widened by half their median (20 points
      for percentages, at least 1).
    - Else, with whole years only, for a figure that accumulates over a part of the year
      (``part_of_year``: six months of accidents): from 0 up to 1,5 times the largest year —
      a part of a year is rarely more than a whole one, and may be anything below it (10
      accidents in six months after 11 in a year is ordinary).
    - Else, with whole years, for a level or a rate: like the same kind.
    """
    if same_kind:
        return _around(same_kind, SAME_KIND, percent)
    if not years:
        return None
    if part_of_year:
        top = max(years)
        return Band(
            low=0.0 if min(years) >= 0 else None,
            high=top + max(REL_TOL * abs(top), FLOOR),
            reference=float(median(years)),
            method=YEAR_PART,
            history=tuple(years),
        )
    return _around(years, YEAR_LEVEL, percent)


def _around(history: Sequence[float], method: str, percent: bool) -> Band:
    ref = float(median(history))
    margin = POINTS if percent else max(REL_TOL * abs(ref), FLOOR)
    return Band(
        low=min(history) - margin,
        high=max(history) + margin,
        reference=ref,
        method=method,
        history=tuple(history),
    )


def outside(value: float, low: float | None, high: float | None) -> bool:
    """Is ``value`` below ``low`` or above ``high`` (either may be None: no bound)?"""
    return (low is not None and value < low) or (high is not None and value > high)


def is_whole(value: float) -> bool:
    """Is ``value`` a whole number (a count of people, households, cases)?"""
    return math.isfinite(value) and float(value).is_integer()


def sums_to(values: Sequence[float], total: float, tolerance: float) -> bool:
    """Do ``values`` (the shares of a structure) add up to ``total`` within ``tolerance``?"""
    return abs(math.fsum(values) - total) <= tolerance
