"""Achievement rates: how far an actual figure reaches its target.

Everything here works on whole columns (NumPy arrays) at once; a scalar is a
column of length one. Rules (DESIGN.md §4):

- higher is better: ``rate = actual / target``; for a range ``[low, high]`` the
  rate is taken against the lower bound and the target is *exceeded* ("vượt")
  above the upper bound;
- lower is better: achieved iff ``actual <= target``; ``rate = target / actual``,
  capped at :data:`RATE_CAP` (the cap also covers ``actual == 0``);
- yes/no: 100 % or 0 %;
- a two-sided band ("nông nghiệp 28-29 %" of the economy's structure): met inside
  ``[low, high]``, not met on either side; rate 100 % inside, else the shortfall
  against the nearer bound (``actual / low`` below, ``high / actual`` above);
- a strict bound ("trên 90", "dưới 4 %") is met by a figure equal to it unless
  the scheme says otherwise (``strict_met=False``): provinces count "< 7,6" with
  7,6 reported as "Đạt";
- a range is rated against its lenient bound (the lower one when higher is better)
  unless the scheme rates it against the ambitious one (``range_bound="ambitious"``,
  as Ninh Thuận rates 20.105 against "30.000–30.500": 65,9 %);
- a growth target ("GRDP tăng 6,5 %") is higher-is-better on the growth rate
  itself, so its rate is the ratio of the two rates (5,3 / 6,5 = 81,54 %);
- a change-against-last-year target ("giảm 5 - 10 % số vụ tai nạn") first turns
  the actual into the percentage change against the baseline (or, for a rate, the
  change in percentage points: "giảm 0,7 %" of a poverty rate of 5,03 % is 4,33 %),
  then applies the higher-is-better rule to it;
- a rate that has no meaning — a negative figure against a positive plan (growth
  of −4,13 % against 2,28 %) — is NaN, never "−181 %"; the target is still judged
  (not met) and classified;
- an approximate target ("khoảng 30 %") widens the bound that decides
  achievement by a relative tolerance; the rate stays the plain ratio.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import dispatch

#: Ceiling for lower-is-better rates, so that an actual of 0 (or near it) does
#: not produce an infinite or absurd percentage.
RATE_CAP = 200.0


class Direction(StrEnum):
    """Which way a target is good."""

    HIGHER = "higher"
    LOWER = "lower"
    YES_NO = "yes_no"
    #: a two-sided band: inside is met, either side is not (structure shares)
    BAND = "band"

    @property
    def code(self) -> int:
        return DIRECTION_CODES[self]


class Change(IntEnum):
    """Whether the actual is compared as-is or as a change against a baseline."""

    NONE = 0
    #: percentage increase against the baseline (usually last year's figure)
    INCREASE = 1
    #: percentage decrease against the baseline
    DECREASE = 2


DIRECTION_CODES = {
    Direction.HIGHER: 0,
    Direction.LOWER: 1,
    Direction.YES_NO: 2,
    Direction.BAND: 3,
}
HIGHER, LOWER, YES_NO, BAND = 0, 1, 2, 3


class RangeBound(StrEnum):
    """Which bound of a range decides achievement and the rate (a scheme's option)."""

    #: the bound easiest to meet: the lower one when higher is better (DESIGN.md §4)
    LENIENT = "lenient"
    #: the ambitious one: the upper bound when higher is better (Ninh Thuận)
    AMBITIOUS = "ambitious"


class Decides(IntEnum):
    """Which part of a target with a level and a change decides it."""

    BOTH = 0
    LEVEL = 1
    CHANGE = 2


@dataclass(frozen=True)
class Achievement:
    """Columns describing how each target fared.

    ``rate`` is in percent (``81.538…``), NaN where there is no data or where a
    ratio has no meaning (a non-positive target). ``met`` says whether the
    target was reached, ``exceeded`` whether it was beaten outright ("vượt"),
    ``has_data`` whether an actual figure exists at all.
    """

    rate: NDArray[np.float64]
    met: NDArray[np.bool_]
    exceeded: NDArray[np.bool_]
    has_data: NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.rate)


def _column(values: ArrayLike | None, n: int, fill: float = np.nan) -> NDArray[np.float64]:
    if values is None:
        return np.full(n, fill, dtype=np.float64)
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0:
        return np.full(n, float(arr), dtype=np.float64)
    return arr


def _direction_column(direction: ArrayLike, n: int) -> NDArray[np.int8]:
    arr = np.asarray(direction)
    if arr.dtype.kind == "O":
        # A column of Python objects (read from a file or a data frame): let NumPy
        # find the real type, str for names and Direction members, int for codes.
        arr = np.asarray(arr.tolist())
    if arr.dtype.kind in "US":
        codes = np.full(arr.shape, -1, dtype=np.int8)
        for member, code in DIRECTION_CODES.items():
            codes[arr == member.value] = code
        if (codes < 0).any():
            bad = arr[codes < 0][0]
            raise ValueError(f"unknown direction {bad!r}")
        arr = codes
    arr = arr.astype(np.int8, copy=False)
    if arr.ndim == 0:
        return np.full(n, int(arr), dtype=np.int8)
    return arr


def change_against(
    actual: ArrayLike,
    baseline: ArrayLike,
    change: ArrayLike,
    points: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Turn actuals into changes against a baseline where asked.

    Where ``change`` is :attr:`Change.NONE` the actual passes through. The change is
    a percentage of the baseline, or where ``points`` is true (a rate: "giảm 0,7 %"
    of a poverty rate) the difference in percentage points. Where the baseline is
    missing (or zero, for a percentage) the change is undefined (NaN, i.e. no data).
    """
    actual = np.asarray(actual, dtype=np.float64)
    n = actual.shape[0] if actual.ndim else 1
    baseline = _column(baseline, n)
    change = np.broadcast_to(np.asarray(change, dtype=np.int8), actual.shape)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pct = (actual - baseline) / np.abs(baseline) * 100.0
    pct = np.where(baseline == 0, np.nan, pct)
    if points is not None:
        pts = np.broadcast_to(np.asarray(points, dtype=np.bool_), actual.shape)
        pct = np.where(pts, actual - baseline, pct)
    return np.select(
        [change == Change.INCREASE, change == Change.DECREASE], [pct, -pct], default=actual
    )


#: Rows evaluated at a time: large enough to amortise NumPy's per-call cost, small
#: enough for the temporaries to stay in the CPU cache (and to need no fresh memory).
BLOCK = 1 << 15


def achievement(
    direction: ArrayLike,
    target: ArrayLike,
    actual: ArrayLike,
    *,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
    baseline: ArrayLike | None = None,
    change: ArrayLike | None = None,
    points: ArrayLike | None = None,
    strict: ArrayLike | None = None,
    strict_met: bool = True,
    range_bound: str = RangeBound.LENIENT,
    rate_cap: float = RATE_CAP,
    compiled: bool | None = None,
) -> Achievement:
    """Compute achievement for columns of targets.

    ``direction`` holds :class:`Direction` values or their integer codes.
    ``target`` is the target (the lower bound of a range), ``target_high`` the
    upper bound of a range (NaN where none), ``tolerance`` a relative tolerance
    for approximate targets (0.05 = 5 %), ``baseline`` and ``change`` describe
    change-against-last-year targets, ``points`` marks those whose change is in
    percentage points (a rate) rather than a percentage. ``strict`` marks strict
    bounds ("trên 90", "dưới 4 %"). Missing actuals are NaN.

    The scheme's options: ``strict_met`` (a figure equal to a strict bound meets
    it; True, as provinces judge) and ``range_bound`` (:class:`RangeBound`: which
    bound of a range decides and rates).

    Long columns (:data:`~.dispatch.MIN_ROWS` rows and more) go through the compiled
    kernel of :mod:`.kernel` where numba runs, the others are worked through with NumPy
    in blocks of :data:`BLOCK` rows; both give identical columns. ``compiled`` forces
    the choice (True: the kernel where available; False: NumPy).
    """
    actual = np.asarray(actual, dtype=np.float64)
    if actual.ndim == 0:
        actual = actual.reshape(1)
    n = actual.shape[0]
    cols = {
        "direction": _direction_column(direction, n),
        "target": _column(target, n),
        "high": _column(target_high, n),
        "tol": _column(tolerance, n, 0.0),
        "actual": actual,
    }
    if change is not None:
        cols["baseline"] = _column(baseline, n)
        cols["change"] = np.broadcast_to(np.asarray(change, dtype=np.int8), (n,))
        if points is not None:
            cols["points"] = np.broadcast_to(np.asarray(points, dtype=np.bool_), (n,))
    if strict is not None and not strict_met:
        cols["strict"] = np.broadcast_to(np.asarray(strict, dtype=np.bool_), (n,))
    options = {"rate_cap": rate_cap, "ambitious": RangeBound(range_bound) == RangeBound.AMBITIOUS}
    kernel = dispatch.use_kernel(n, compiled)
    if kernel is not None:
        return _achievement_compiled(kernel, cols, **options)
    if n <= BLOCK:
        return _achievement_block(**cols, **options)
    out = Achievement(
        rate=np.empty(n, dtype=np.float64),
        met=np.empty(n, dtype=np.bool_),
        exceeded=np.empty(n, dtype=np.bool_),
        has_data=np.empty(n, dtype=np.bool_),
    )
    for start in range(0, n, BLOCK):
        part = slice(start, start + BLOCK)
        block = _achievement_block(**{k: v[part] for k, v in cols.items()}, **options)
        out.rate[part] = block.rate
        out.met[part] = block.met
        out.exceeded[part] = block.exceeded
        out.has_data[part] = block.has_data
    return out


def _achievement_compiled(kernel, cols: dict, *, rate_cap: float, ambitious: bool) -> Achievement:
    actual = cols["actual"]
    if "change" in cols:
        actual = change_against(actual, cols["baseline"], cols["change"], cols.get("points"))
    rate, met, exceeded, has_data = kernel.achievement(
        cols["direction"],
        cols["target"],
        cols["high"],
        cols["tol"],
        actual,
        strict=cols.get("strict"),
        ambitious=ambitious,
        rate_cap=rate_cap,
    )
    return Achievement(rate=rate, met=met, exceeded=exceeded, has_data=has_data)


def _achievement_block(
    *,
    direction: NDArray[np.int8],
    target: NDArray[np.float64],
    high: NDArray[np.float64],
    tol: NDArray[np.float64],
    actual: NDArray[np.float64],
    rate_cap: float,
    ambitious: bool = False,
    baseline: NDArray[np.float64] | None = None,
    change: NDArray[np.int8] | None = None,
    points: NDArray[np.bool_] | None = None,
    strict: NDArray[np.bool_] | None = None,
) -> Achievement:
    tol = np.nan_to_num(tol, nan=0.0)
    if change is not None:
        actual = change_against(actual, baseline, change, points)

    is_yes_no = direction == YES_NO
    is_lower = direction == LOWER
    is_band = direction == BAND
    has_data = ~np.isnan(actual) & (is_yes_no | ~np.isnan(target))

    high = np.where(np.isnan(high), target, high)
    low = np.minimum(target, high)
    high = np.maximum(target, high)
    # The lenient bound decides achievement, the ambitious one "vượt" (a scheme may
    # rate ranges against the ambitious bound instead).
    lenient = np.where(is_lower, high, low)
    goal = np.where(is_lower, low, high)
    if ambitious:
        lenient = goal
    slack = np.abs(lenient) * tol
    bound = np.where(is_lower, lenient + slack, lenient - slack)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # A negative figure against a positive plan has no meaningful ratio.
        higher_rate = np.where((lenient > 0) & (actual >= 0), actual / lenient * 100.0, np.nan)
        lower_rate = np.where(
            actual > 0,
            np.minimum(lenient / actual * 100.0, rate_cap),
            np.where(
                actual == 0, np.where(lenient == 0, 100.0, rate_cap), np.nan
            ),  # negative actuals of a lower-is-better figure have no ratio
        )
        band_rate = np.where(
            actual < low,
            np.where((low > 0) & (actual >= 0), actual / low * 100.0, np.nan),
            np.where(actual > high, np.where(actual > 0, high / actual * 100.0, np.nan), 100.0),
        )
    lower_rate = np.where(lenient < 0, np.nan, lower_rate)
    yes = actual != 0
    rate = np.select(
        [is_yes_no, is_lower, is_band],
        [np.where(yes, 100.0, 0.0), lower_rate, band_rate],
        higher_rate,
    )

    band_slack = np.abs(low) * tol, np.abs(high) * tol
    in_band = (actual >= low - band_slack[0]) & (actual <= high + band_slack[1])
    if strict is None:
        reach_lower, reach_higher = actual <= bound, actual >= bound
    else:
        # A scheme that does not count a figure equal to a strict bound ("trên 90": 90).
        reach_lower = np.where(strict, actual < bound, actual <= bound)
        reach_higher = np.where(strict, actual > bound, actual >= bound)
    met = np.select([is_yes_no, is_lower, is_band], [yes, reach_lower, in_band], reach_higher)
    exceeded = np.select([is_yes_no | is_band, is_lower], [False, actual < goal], actual > goal)

    rate = np.where(has_data, rate, np.nan)
    met &= has_data
    exceeded &= has_data
    return Achievement(rate=rate, met=met, exceeded=exceeded, has_data=has_data)


def combine_decided(level: Achievement, change: Achievement, decides: ArrayLike) -> Achievement:
    """Judge targets that set a level and a change ("80,4-80,8 triệu đồng, tăng
    10,2-10,71 %"): by the level, by the change, or by both (:class:`Decides`).

    With both, the target is met (and exceeded) only if both parts are, its rate
    is the weaker part's, and it has data only when both parts have.
    """
    n = len(level)
    decides = np.broadcast_to(np.asarray(decides, dtype=np.int8), (n,))
    by_level, by_change = decides == Decides.LEVEL, decides == Decides.CHANGE
    has_both = level.has_data & change.has_data
    both_rate = np.fmin(level.rate, change.rate)
    both_rate = np.where(np.isnan(level.rate) | np.isnan(change.rate), np.nan, both_rate)

    def pick(a, b, both):
        return np.select([by_level, by_change], [a, b], both)

    has_data = pick(level.has_data, change.has_data, has_both)
    return Achievement(
        rate=np.where(has_data, pick(level.rate, change.rate, both_rate), np.nan),
        met=pick(level.met, change.met, level.met & change.met) & has_data,
        exceeded=pick(level.exceeded, change.exceeded, level.exceeded & change.exceeded) & has_data,
        has_data=has_data,
    )


def combine_all(groups: ArrayLike, ach: Achievement, n_groups: int) -> Achievement:
    """Combine the parts of composite targets: a composite is met only if every part is.

    ``groups[i]`` is the index of the composite that part ``i`` belongs to. The
    composite's rate is its weakest part's rate; it has data only if every part
    has.
    """
    groups = np.asarray(groups, dtype=np.intp)
    parts = np.bincount(groups, minlength=n_groups)
    with_data = np.bincount(groups, weights=ach.has_data, minlength=n_groups)
    met_parts = np.bincount(groups, weights=ach.met, minlength=n_groups)
    exceeded_parts = np.bincount(groups, weights=ach.exceeded, minlength=n_groups)
    rate = np.full(n_groups, np.inf)
    np.minimum.at(rate, groups, np.where(np.isnan(ach.rate), np.inf, ach.rate))
    has_data = (parts > 0) & (with_data == parts)
    rate = np.where(has_data & np.isfinite(rate), rate, np.nan)
    return Achievement(
        rate=rate,
        met=has_data & (met_parts == parts),
        exceeded=has_data & (exceeded_parts == parts),
        has_data=has_data,
    )
