"""Term forecasts: will a target of a term resolution be reached by the end of the term?

At mid-term (sơ kết giữa nhiệm kỳ) and near the end of the term, offices say for
each target whether it is likely to be reached ("có khả năng đạt"), hard to reach
("dự báo khó đạt") or out of reach ("không thể đạt"), and why. This module
computes the forecast and that outlook for whole columns of targets (one row per
target); the web layer turns the numbers into sentences.

Only the figures of the years up to the review year (``last_year``) count as
"so far"; figures of later years are ignored. Years of the term after the review
year are the *remaining* years.

How the figure at the end of the term is forecast, by kind of target:

- a **level** ("GRDP bình quân đầu người năm 2025 đạt 85 triệu đồng"; a yearly
  target is treated the same way): the straight line that best fits the figures
  so far (least squares), read at the last year of the term (method
  :data:`TREND`). With a single figure, that figure is held flat (:data:`FLAT`).
- an **average over the term** ("GRDP tăng bình quân 7 %/năm"): every year without
  a figure — the remaining years and any earlier year left blank — is estimated
  from the straight line through the years so far (held flat when there is only
  one), and the forecast is the mean over all the years of the term
  (:data:`AVERAGE_TREND`, :data:`AVERAGE_FLAT`).
- a **total over the term** ("tổng kim ngạch xuất khẩu 5 năm đạt 8.000 triệu
  USD"): the sum so far plus the mean per year so far for every year without a
  figure — the remaining years and any earlier year left blank
  (:data:`RUN_RATE`).
- a **milestone** (yes/no, "Quy hoạch tỉnh được phê duyệt"): reached or not yet
  (:data:`MILESTONE`).
- when every figure the target needs is known — the figure of the last year for a
  level, the figure of every year for an average or a total — the forecast *is*
  that result (:data:`FINAL`).

The year a trend hinges on (``hinge_year``): with three figures or more for a trend
(a level's, an average's), the year whose figure, left out, takes the whole slope away
or turns it the other way, where the slope over the years is larger than the spread of
the other figures — the exceptional year the line leans on (the 2021 Covid low), shown
beside the forecast so that a reader weighs it; 0 where there is none. The outlook does
not bank on such a line (rule 2).

The pace the remaining years need (``required``) and the best pace seen so far
(``best``) are, for a level, changes per year (from the latest figure to the
target; the best change between two consecutive figures); for an average or a
total, amounts per year (what each remaining year must bring; the best single
year). The target means the bound that decides achievement: the low end of a
range ("6,0 - 6,5 %") for higher-is-better, the high end for lower-is-better,
widened by the tolerance of an approximate target ("khoảng 30 %").

The outlook of each target is decided by these rules, the first that applies:

1. No figure so far, or no target: **chưa đủ số liệu để dự báo** (no forecast).
2. The forecast meets the target, judged exactly as the evaluation judges an
   actual figure (ranges, tolerance, lower is better), and the pace the remaining
   years need is no better than the best pace seen so far: **có khả năng đạt**
   (likely). So is a higher-is-better total over the term whose sum so far already
   reaches the target, and a milestone already reached. A forecast that meets the
   target only by assuming the remaining years beat every year so far — a straight
   line drawn through an exceptional year, the 2021 Covid low, carries the rebound
   forward — is not "likely": it goes on to the rules below, so that the outlook
   never says more than the yearly rate it needs beside the best year.
3. A level with a single figure (other than the figure of the term's last year),
   which shows no trend, and a milestone not yet reached while years remain:
   **chưa đủ số liệu để dự báo**.
4. No year of the term left: **không thể đạt** (cannot be reached).
5. The remaining years need the figure to move in the good direction (up for
   higher-is-better, down for lower-is-better) and, counted in that direction,
   need more than :data:`CANNOT_FACTOR` (1,5) times the best pace seen so far — or
   need any progress at all when the figure never once moved the good way:
   **không thể đạt**. In symbols, with both paces counted positive in the good
   direction: ``required > max(1,5 × best, 0)``.
6. Otherwise: **khó đạt** (hard to reach).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .rates import LOWER, YES_NO, _column, _direction_column, achievement

# ---------------------------------------------------------------- outlooks

LIKELY = "likely"
HARD = "hard"
CANNOT = "cannot"
NO_FORECAST = "no_forecast"
#: Outlook keys from the best to the worst, then "no forecast".
OUTLOOKS = (LIKELY, HARD, CANNOT, NO_FORECAST)
OUTLOOK_LABELS = {
    LIKELY: "có khả năng đạt",
    HARD: "khó đạt",
    CANNOT: "không thể đạt",
    NO_FORECAST: "chưa đủ số liệu để dự báo",
}

#: A remaining pace more than this many times the best pace ever observed (counted
#: in the target's good direction) is out of reach: "không thể đạt".
CANNOT_FACTOR = 1.5

# ---------------------------------------------------------------- methods

#: level: least-squares line through the figures so far, read at the term's end
TREND = "trend"
#: level with a single figure: that figure held flat
FLAT = "flat"
#: average: missing years from the least-squares line, then the mean over the term
AVERAGE_TREND = "average_trend"
#: average with a single figure: that figure held flat for the missing years
AVERAGE_FLAT = "average_flat"
#: total: sum so far plus the mean per year so far for every missing year
RUN_RATE = "run_rate"
#: every figure the target needs is known: the forecast is the result itself
FINAL = "final"
#: yes/no milestone: reached or not
MILESTONE = "milestone"
#: no figure so far
NO_METHOD = ""
METHODS = (TREND, FLAT, AVERAGE_TREND, AVERAGE_FLAT, RUN_RATE, FINAL, MILESTONE, NO_METHOD)
METHOD_LABELS = {
    TREND: "theo xu hướng các năm",
    FLAT: "giữ nguyên số liệu duy nhất",
    AVERAGE_TREND: "bình quân, các năm còn lại theo xu hướng",
    AVERAGE_FLAT: "bình quân, các năm còn lại giữ nguyên số liệu duy nhất",
    RUN_RATE: "cộng dồn, các năm còn lại theo bình quân các năm đã qua",
    FINAL: "số liệu đã đủ cả nhiệm kỳ",
    MILESTONE: "mốc hoàn thành",
    NO_METHOD: "",
}

# ---------------------------------------------------------------- kinds of target

LEVEL = "level"
ANNUAL = "annual"
AVERAGE = "average"
CUMULATIVE = "cumulative"
TEMPORALS = (LEVEL, ANNUAL, AVERAGE, CUMULATIVE)
_LEVEL, _AVERAGE, _CUMULATIVE = 0, 1, 2
_TEMPORAL_CODES = {LEVEL: _LEVEL, ANNUAL: _LEVEL, AVERAGE: _AVERAGE, CUMULATIVE: _CUMULATIVE}


@dataclass(frozen=True)
class TermForecast:
    """Columns describing the forecast of every target, one entry per target.

    Figures follow the target's own meaning and unit. NaN where a figure cannot
    be computed (no figure so far, a single figure for a slope, no year left for a
    required pace, a milestone for any pace).
    """

    #: the figure so far: a level's latest figure, an average's mean of the years so
    #: far, a total's sum so far, a milestone's latest state (1 reached, 0 not)
    so_far: NDArray[np.float64]
    #: forecast of the figure at the end of the term, comparable with the target
    forecast: NDArray[np.float64]
    #: pace the remaining years need: a level's change per year from its latest
    #: figure; an average's mean needed over the remaining years; a total's amount
    #: per remaining year
    required: NDArray[np.float64]
    #: observed pace: a level's trend slope per year; an average's mean so far; a
    #: total's mean per year so far
    pace: NDArray[np.float64]
    #: best pace observed in the good direction: a level's best change between two
    #: consecutive figures (per year); an average's or a total's best single year
    best: NDArray[np.float64]
    #: the year of ``best``: a level's year that ended its best change, an average's or a
    #: total's best year; 0 where there is none
    best_year: NDArray[np.int64]
    #: years of the term after the review year
    years_left: NDArray[np.int64]
    #: figures that went into the forecast
    years_used: NDArray[np.int64]
    #: how the forecast was made, one of :data:`METHODS`
    method: NDArray[np.str_]
    #: one of :data:`OUTLOOKS`
    outlook: NDArray[np.str_]
    #: the figure so far, judged as the evaluation judges an actual, meets the target
    met_now: NDArray[np.bool_]
    #: the year a trend hinges on (see the module's docstring), 0 where none
    hinge_year: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.forecast)


def _temporal_column(temporal: ArrayLike, n: int) -> NDArray[np.int8]:
    arr = np.asarray(temporal)
    if arr.dtype.kind == "O":
        arr = np.asarray(arr.tolist())
    if arr.ndim == 0:
        arr = np.full(n, arr.item())
    codes = np.full(arr.shape, -1, dtype=np.int8)
    if arr.size == 0:
        return codes
    for name, code in _TEMPORAL_CODES.items():
        codes[arr == name] = code
    if (codes < 0).any():
        raise ValueError(f"unknown temporal {arr[codes < 0][0]!r}")
    return codes


def _decisive_bound(
    is_lower: NDArray[np.bool_],
    target: NDArray[np.float64],
    target_high: NDArray[np.float64],
    tolerance: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The figure that just meets the target, by the rules of :func:`achievement`."""
    high = np.where(np.isnan(target_high), target, target_high)
    low = np.minimum(target, high)
    high = np.maximum(target, high)
    lenient = np.where(is_lower, high, low)
    slack = np.abs(lenient) * np.nan_to_num(tolerance, nan=0.0)
    return np.where(is_lower, lenient + slack, lenient - slack)


def term_forecast(
    temporal: ArrayLike,
    direction: ArrayLike,
    target: ArrayLike,
    years: ArrayLike,
    values: ArrayLike,
    *,
    last_year: int,
    end_year: int,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
) -> TermForecast:
    """Forecast every target to the end of its term and say whether it can be reached.

    ``temporal`` holds ``"level"``, ``"annual"`` (forecast like a level),
    ``"average"`` or ``"cumulative"`` per target; ``direction``, ``target``,
    ``target_high`` and ``tolerance`` are as in :func:`~nghiquyet.engine.achievement`
    (NaN where missing). ``years`` are the years of the columns of ``values``
    (strictly increasing; the first is the term's first year) and ``values`` the
    figures, one row per target, NaN where there is none. A year between
    ``years[0]`` and ``end_year`` without a column counts as a year without figures.

    ``last_year`` is the review year: figures of later years are ignored and the
    years after it, up to ``end_year``, are the remaining years. A review after the
    end of the term counts as a review in its last year.

    The rules are in the module's docstring.
    """
    years = np.asarray(years)
    if years.ndim != 1 or years.size == 0:
        raise ValueError("years must be a non-empty 1-D array")
    if not np.array_equal(years, np.round(years)):
        raise ValueError("years must be whole numbers")
    years = years.astype(np.int64)
    if (np.diff(years) <= 0).any():
        raise ValueError("years must be strictly increasing")
    if years[-1] > end_year:
        raise ValueError(f"year {int(years[-1])} is after the end of the term ({end_year})")
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        values = values.reshape(0, len(years))
    if values.ndim != 2 or values.shape[1] != len(years):
        raise ValueError(f"values must have one column per year ({len(years)})")
    n = values.shape[0]

    kind = _temporal_column(temporal, n)
    code = _direction_column(direction, n)
    target = _column(target, n)
    target_high = _column(target_high, n)
    tolerance = _column(tolerance, n, 0.0)
    is_lower = code == LOWER
    is_yes_no = code == YES_NO
    is_level = kind == _LEVEL
    is_average = kind == _AVERAGE
    is_total = kind == _CUMULATIVE

    # The whole term as a grid of years, whatever columns the caller had.
    start = int(years[0])
    term_years = np.arange(start, end_year + 1)
    n_term = len(term_years)
    grid = np.full((n, n_term), np.nan)
    grid[:, years - start] = values
    last = min(int(last_year), end_year)
    counted = term_years <= last
    seen = ~np.isnan(grid) & counted
    left = max(end_year - max(last, start - 1), 0)
    n_seen = seen.sum(axis=1)
    n_gaps = int(counted.sum()) - n_seen
    y = np.where(seen, grid, 0.0)
    # Years counted back from the end of the term: the level forecast is the fit at 0.
    x = (term_years - end_year).astype(np.float64)
    rows = np.arange(n)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        total = np.where(n_seen > 0, y.sum(axis=1), np.nan)
        mean = total / n_seen
        # Least squares per row over the years that have figures (two-pass, centred).
        x_mean = np.where(seen, x, 0.0).sum(axis=1) / n_seen
        dx = np.where(seen, x - x_mean[:, None], 0.0)
        sxx = (dx * dx).sum(axis=1)
        sxy = (dx * np.where(seen, grid - mean[:, None], 0.0)).sum(axis=1)
        slope = np.where(n_seen >= 2, sxy / sxx, np.nan)
        flat_slope = np.where(n_seen == 1, 0.0, slope)
        fit = mean[:, None] + flat_slope[:, None] * (x - x_mean[:, None])

        latest_col = n_term - 1 - np.argmax(seen[:, ::-1], axis=1)
        latest = np.where(n_seen > 0, grid[rows, latest_col], np.nan)
        latest_x = x[latest_col]
        end_known = seen[:, -1]

        # Best single year, and best change between consecutive figures (per year,
        # so that a blank year in between does not count as one big step).
        best_year = np.where(
            is_lower,
            np.where(seen, grid, np.inf).min(axis=1, initial=np.inf),
            np.where(seen, grid, -np.inf).max(axis=1, initial=-np.inf),
        )
        best_year_col = np.where(
            is_lower,
            np.argmin(np.where(seen, grid, np.inf), axis=1),
            np.argmax(np.where(seen, grid, -np.inf), axis=1),
        )
        up = np.full(n, -np.inf)
        down = np.full(n, np.inf)
        up_col = np.full(n, -1)
        down_col = np.full(n, -1)
        prev_value = np.full(n, np.nan)
        prev_x = np.full(n, np.nan)
        for j in range(n_term):
            has = seen[:, j]
            step = (grid[:, j] - prev_value) / (x[j] - prev_x)
            ok = has & ~np.isnan(prev_value)
            up_col = np.where(ok & (step > up), j, up_col)
            down_col = np.where(ok & (step < down), j, down_col)
            up = np.where(ok & (step > up), step, up)
            down = np.where(ok & (step < down), step, down)
            prev_value = np.where(has, grid[:, j], prev_value)
            prev_x = np.where(has, x[j], prev_x)
        best_step = np.where(is_lower, down, up)
        best_step_col = np.where(is_lower, down_col, up_col)

        bound = _decisive_bound(is_lower, target, target_high, tolerance)
        gap_fit = np.where(counted & ~seen, fit, 0.0).sum(axis=1)
        remaining = left if left > 0 else np.nan

        level_forecast = np.where(end_known, grid[:, -1], fit[:, -1])
        average_forecast = np.where(seen, grid, fit).mean(axis=1)
        total_forecast = total + mean * (n_term - n_seen)

        level_required = (bound - latest) / -latest_x
        average_required = (bound * n_term - total - gap_fit) / remaining
        total_required = (bound - total - mean * n_gaps) / remaining

    def pick(level, average, total_, milestone=np.nan):
        out = np.select([is_yes_no, is_level, is_average], [milestone, level, average], total_)
        return out.astype(np.float64)

    so_far = pick(latest, mean, total, latest)
    forecast = pick(level_forecast, average_forecast, total_forecast, latest)
    required = pick(level_required, average_required, total_required)
    pace = pick(slope, mean, mean)
    best = pick(best_step, best_year, best_year)
    required = np.where(np.isfinite(required), required, np.nan)
    best = np.where(np.isfinite(best), best, np.nan)
    best_col = np.select([is_yes_no, is_level], [-1, best_step_col], best_year_col)
    best_col = np.where(np.isnan(best) | (n_seen == 0), -1, best_col)
    best_in = np.where(best_col >= 0, term_years[np.clip(best_col, 0, n_term - 1)], 0)

    complete = np.where(is_level, end_known, n_seen == n_term)
    method = np.select(
        [
            n_seen == 0,
            is_yes_no,
            complete,
            is_level & (n_seen == 1),
            is_level,
            is_average & (n_seen == 1),
            is_average,
        ],
        [NO_METHOD, MILESTONE, FINAL, FLAT, TREND, AVERAGE_FLAT, AVERAGE_TREND],
        RUN_RATE,
    ).astype(f"<U{max(map(len, METHODS))}")

    judged = achievement(code, target, forecast, target_high=target_high, tolerance=tolerance)
    met_now = achievement(code, target, so_far, target_high=target_high, tolerance=tolerance).met
    reached = judged.met | (met_now & is_total & ~is_lower & ~is_yes_no)

    # Signed so that a positive number is progress in the target's good direction.
    sign = np.where(is_lower, -1.0, 1.0)
    need = sign * required
    with np.errstate(invalid="ignore"):
        out_of_reach = need > np.maximum(CANNOT_FACTOR * sign * best, 0.0)
        # The forecast assumes the remaining years beat the best so far: not "likely".
        unsupported = (need > 0) & ~(need <= sign * best)
    outlook = np.select(
        [
            ~judged.has_data,
            reached & ~unsupported,
            (method == FLAT) | (is_yes_no & (left > 0)),
            np.full(n, left == 0),
            out_of_reach,
        ],
        [NO_FORECAST, LIKELY, NO_FORECAST, CANNOT, CANNOT],
        HARD,
    ).astype(f"<U{max(map(len, OUTLOOKS))}")

    return TermForecast(
        so_far=so_far,
        forecast=forecast,
        required=required,
        pace=pace,
        best=best,
        best_year=best_in.astype(np.int64),
        years_left=np.full(n, left, dtype=np.int64),
        years_used=n_seen.astype(np.int64),
        method=method,
        outlook=outlook,
        met_now=met_now,
        hinge_year=_hinge_years(grid, seen, x, term_years, is_level | is_average, is_yes_no),
    )


def _slope(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Least-squares slope through the points (NaN under two)."""
    if len(x) < 2:
        return float("nan")
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx * dx).sum())


def _hinge_years(grid, seen, x, term_years, trended, is_yes_no) -> NDArray[np.int64]:
    """Per row, the year the trend hinges on (module docstring), 0 where none."""
    out = np.zeros(grid.shape[0], dtype=np.int64)
    for i in np.flatnonzero(trended & ~is_yes_no & (seen.sum(axis=1) >= 3)):
        cols = np.flatnonzero(seen[i])
        xs, ys = x[cols], grid[i, cols]
        full = _slope(xs, ys)
        best_key, hinge = None, 0
        for k in range(len(cols)):
            keep = np.arange(len(cols)) != k
            shift = abs(_slope(xs[keep], ys[keep]) - full)
            others = ys[keep]
            # material: the year takes the whole slope away (or turns it), and the slope
            # over the years is larger than the spread of the other figures
            if not (
                shift >= abs(full) * (1 - 1e-9)
                and abs(full) * (xs.max() - xs.min()) > others.max() - others.min()
            ):
                continue
            # Leaving out the first or the last of three figures shifts the slope alike:
            # the year farther from the others' median is the exceptional one.
            key = (round(shift, 9), abs(ys[k] - float(np.median(ys[keep]))))
            if best_key is None or key > best_key:
                best_key, hinge = key, int(term_years[cols[k]])
        out[i] = hinge
    return out
