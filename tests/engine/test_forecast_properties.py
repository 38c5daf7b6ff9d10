"""Term forecasts, properties: the vectorised engine against a row-by-row reference written
from the rules in the module docstring of nghiquyet.engine.forecast, and invariants.

The table tests with hand-computed figures are in test_forecast.py.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, fields
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine import (
    AVERAGE_FLAT,
    AVERAGE_TREND,
    CANNOT,
    CANNOT_FACTOR,
    FINAL,
    FLAT,
    HARD,
    LIKELY,
    METHODS,
    MILESTONE,
    NO_FORECAST,
    OUTLOOKS,
    RUN_RATE,
    TREND,
    TermForecast,
    term_forecast,
)
from nghiquyet.engine.forecast import _decisive_bound

# A forecast must never make NumPy warn: it runs on every review page.
# numpy's warnings (division by zero, invalid values) are errors here: the engine must
# not raise them. Other warnings — e.g. a ResourceWarning from a socket another test left
# for the garbage collector — are not this module's business.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

NAN = float("nan")
YEARS = [2021, 2022, 2023, 2024, 2025]
START, END = 2021, 2025


# ---------------------------------------------------------------- reference implementation

HIGHER, LOWER, YES_NO = "higher", "lower", "yes_no"


@dataclass(frozen=True)
class FRow:
    temporal: str
    direction: str
    target: float
    values: tuple[float, ...]  # one per year of YEARS
    target_high: float = NAN
    tolerance: float = 0.0


def reference(row: FRow, last_year: int) -> dict:
    """One target, by the rules of the module docstring, with plain floats and ``if``s.

    Besides the fields it returns ``ties``: whether a comparison that decides the
    outlook is too close to call in floating point.
    """
    last = min(last_year, END)
    pts = [
        (yr, v) for yr, v in zip(YEARS, row.values, strict=True) if yr <= last and not math.isnan(v)
    ]
    left = sum(1 for yr in YEARS if yr > last)
    gaps = [yr for yr in YEARS if yr <= last and yr not in dict(pts)]
    lower = row.direction == LOWER
    out = {"years_left": left, "years_used": len(pts), "ties": False}
    nan_fields = ("so_far", "forecast", "required", "pace", "best")

    # the bound that decides achievement
    t = row.target
    th = t if math.isnan(row.target_high) else row.target_high
    low, high = min(t, th), max(t, th)
    tol = 0.0 if math.isnan(row.tolerance) else row.tolerance
    bound = high + abs(high) * tol if lower else low - abs(low) * tol

    def met(v: float) -> bool:
        if math.isnan(v):
            return False
        if row.direction == YES_NO:
            return v != 0
        if math.isnan(t):
            return False
        return v <= bound if lower else v >= bound

    if not pts:
        return {
            **out,
            **dict.fromkeys(nan_fields, NAN),
            "method": "",
            "outlook": NO_FORECAST,
            "met_now": False,
        }
    if row.direction == YES_NO:
        latest = pts[-1][1]
        outlook = LIKELY if met(latest) else (NO_FORECAST if left else CANNOT)
        return {
            **out,
            **dict.fromkeys(nan_fields, NAN),
            "so_far": latest,
            "forecast": latest,
            "method": MILESTONE,
            "outlook": outlook,
            "met_now": met(latest),
        }

    n = len(pts)
    xs = [float(yr - END) for yr, _ in pts]
    ys = [v for _, v in pts]
    mean = sum(ys) / n
    x_mean = sum(xs) / n
    slope = (
        sum((x - x_mean) * (y - mean) for x, y in zip(xs, ys, strict=True))
        / sum((x - x_mean) ** 2 for x in xs)
        if n >= 2
        else NAN
    )

    def line(yr: int) -> float:
        return mean + (0.0 if n == 1 else slope) * ((yr - END) - x_mean)

    kind = "level" if row.temporal in ("level", "annual") else row.temporal
    if kind == "level":
        latest_year, latest = pts[-1]
        steps = [(b - a) / (yb - ya) for (ya, a), (yb, b) in pairwise(pts)]
        so_far, pace = latest, slope
        best = (min(steps) if lower else max(steps)) if steps else NAN
        final = latest_year == END
        forecast = latest if final else line(END)
        required = (bound - latest) / (END - latest_year) if latest_year < END else NAN
        method = FINAL if final else (FLAT if n == 1 else TREND)
    else:
        best = min(ys) if lower else max(ys)
        missing = [yr for yr in YEARS if yr not in dict(pts)]
        if kind == "average":
            so_far = pace = mean
            forecast = (sum(ys) + sum(line(yr) for yr in missing)) / len(YEARS)
            need_total = bound * len(YEARS) - sum(ys) - sum(line(yr) for yr in gaps)
            method = FINAL if not missing else (AVERAGE_FLAT if n == 1 else AVERAGE_TREND)
        else:
            so_far, pace = sum(ys), mean
            forecast = sum(ys) + mean * len(missing)
            need_total = bound - sum(ys) - mean * len(gaps)
            method = FINAL if not missing else RUN_RATE
        required = need_total / left if left else NAN

    scale = 1.0 + abs(forecast) + abs(bound) if not math.isnan(bound) else 1.0
    out.update(
        so_far=so_far,
        forecast=forecast,
        required=required,
        pace=pace,
        best=best,
        method=method,
        met_now=met(so_far),
    )
    sign = -1.0 if lower else 1.0
    need_now = sign * required
    # "likely" only where the years left need no better pace than the best so far
    unsupported = need_now > 0 and not need_now <= sign * best
    if math.isnan(t):
        outlook = NO_FORECAST
    elif (met(forecast) or (kind == "cumulative" and not lower and met(so_far))) and not (
        unsupported
    ):
        outlook = LIKELY
        out["ties"] = abs(forecast - bound) < 1e-9 * scale or abs(need_now - sign * best) < 1e-9 * (
            1.0 + abs(need_now) + abs(best)
        )
    elif method == FLAT:
        outlook = NO_FORECAST
    elif left == 0:
        outlook = CANNOT
    else:
        sign = -1.0 if lower else 1.0
        need, good_best = sign * required, sign * best
        threshold = max(CANNOT_FACTOR * good_best, 0.0)
        outlook = CANNOT if need > threshold else HARD
        out["ties"] = (
            abs(forecast - bound) < 1e-9 * scale
            or abs(need - threshold) < 1e-9 * (1.0 + abs(need) + abs(threshold))
            or abs(need - good_best) < 1e-9 * (1.0 + abs(need) + abs(good_best))
        )
    out["outlook"] = outlook
    return out


def run(rows: list[FRow], last_year: int) -> TermForecast:
    return term_forecast(
        [r.temporal for r in rows],
        [r.direction for r in rows],
        [r.target for r in rows],
        YEARS,
        np.array([r.values for r in rows], dtype=np.float64).reshape(len(rows), len(YEARS)),
        last_year=last_year,
        end_year=END,
        target_high=[r.target_high for r in rows],
        tolerance=[r.tolerance for r in rows],
    )


def close(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


# ---------------------------------------------------------------- strategies

# Figures as offices report them: tenths up to tens of thousands, some negative
# (growth rates), and a few arbitrary floats.
tenths = st.integers(min_value=-2000, max_value=200_000).map(lambda i: i / 10)
figure = st.one_of(tenths, st.floats(min_value=1e-3, max_value=1e6))
maybe = st.one_of(figure, st.just(NAN), st.just(NAN))
review_years = st.integers(min_value=2020, max_value=2026)


@st.composite
def frows(draw: st.DrawFn, *, directions=(HIGHER, HIGHER, LOWER, YES_NO), value=maybe) -> FRow:
    direction = draw(st.sampled_from(directions))
    temporal = draw(st.sampled_from(["level", "annual", "average", "cumulative"]))
    if direction == YES_NO:
        values = draw(st.tuples(*[st.sampled_from([0.0, 1.0, NAN])] * 5))
        return FRow(temporal, direction, NAN, values)
    return FRow(
        temporal=temporal,
        direction=direction,
        target=draw(st.one_of(figure, figure, st.just(NAN))),
        values=draw(st.tuples(*[value] * 5)),
        target_high=draw(st.one_of(st.just(NAN), st.just(NAN), figure)),
        tolerance=draw(st.sampled_from([0.0, 0.0, 0.05, 0.1, NAN])),
    )


row_lists = st.lists(frows(), min_size=1, max_size=30)
RANK = {LIKELY: 2, HARD: 1, CANNOT: 0}


# ---------------------------------------------------------------- properties


@given(row_lists, review_years)
@settings(max_examples=300)
def test_vectorised_equals_reference(rows: list[FRow], last_year: int) -> None:
    f = run(rows, last_year)
    for i, row in enumerate(rows):
        want = reference(row, last_year)
        for name in ("so_far", "forecast", "required", "pace", "best"):
            assert close(float(getattr(f, name)[i]), want[name]), (name, row, want)
        assert int(f.years_left[i]) == want["years_left"]
        assert int(f.years_used[i]) == want["years_used"]
        assert f.method[i] == want["method"], row
        if not want["ties"]:
            assert f.outlook[i] == want["outlook"], (row, want)
            assert bool(f.met_now[i]) == want["met_now"], row


@given(row_lists, review_years)
def test_outlook_is_always_a_key_and_method_known(rows: list[FRow], last_year: int) -> None:
    f = run(rows, last_year)
    assert set(f.outlook.tolist()) <= set(OUTLOOKS)
    assert set(f.method.tolist()) <= set(METHODS)
    assert len(f) == len(rows)
    assert (f.years_used <= len(YEARS)).all()
    assert (f.years_left == max(0, END - max(min(last_year, END), START - 1))).all()


@given(row_lists, review_years)
def test_forecast_finite_iff_a_figure_so_far(rows: list[FRow], last_year: int) -> None:
    f = run(rows, last_year)
    assert (np.isfinite(f.forecast) == (f.years_used > 0)).all()
    assert (np.isfinite(f.so_far) == (f.years_used > 0)).all()
    assert ((f.outlook == NO_FORECAST) | (f.years_used > 0)).all()


@given(
    st.lists(
        frows(
            directions=(HIGHER, LOWER),
            value=st.one_of(st.integers(0, 100_000).map(lambda i: i / 10), st.just(NAN)),
        ),
        min_size=1,
    ),
    review_years,
)
def test_cumulative_forecast_at_least_sum_so_far(rows: list[FRow], last_year: int) -> None:
    rows = [FRow("cumulative", r.direction, r.target, r.values) for r in rows]
    f = run(rows, last_year)
    has = f.years_used > 0
    assert (f.forecast[has] >= f.so_far[has]).all()


def _not_worse(before: str, after: str) -> bool:
    if before == NO_FORECAST:
        return after in (NO_FORECAST, LIKELY)
    return after != NO_FORECAST and RANK[after] >= RANK[before]


@given(
    st.lists(frows(directions=(HIGHER,), value=st.one_of(tenths, st.just(NAN))), min_size=1),
    review_years,
    st.sampled_from([0.5, 1.0, 3.0, 25.0, 400.0]),
)
def test_raising_every_figure_never_worsens_outlook(
    rows: list[FRow], last_year: int, delta: float
) -> None:
    """Higher is better: the same rise in every figure never makes the outlook worse.

    (A rise of only the early figures can flatten a trend, so per-figure
    monotonicity holds only for totals, tested below.)
    """
    raised = [
        FRow(
            r.temporal,
            r.direction,
            r.target,
            tuple(v + delta for v in r.values),
            r.target_high,
            r.tolerance,
        )
        for r in rows
    ]
    before, after = run(rows, last_year), run(raised, last_year)
    for i in range(len(rows)):
        assert _not_worse(before.outlook[i], after.outlook[i]), (rows[i], before, after)


@given(
    st.lists(
        st.tuples(
            frows(directions=(HIGHER,), value=st.one_of(tenths, st.just(NAN))),
            st.tuples(*[st.integers(0, 5000).map(lambda i: i / 10)] * 5),
        ),
        min_size=1,
    ),
    review_years,
)
def test_raising_any_figure_of_a_total_never_worsens_outlook(
    pairs: list[tuple[FRow, tuple[float, ...]]], last_year: int
) -> None:
    rows = [
        FRow("cumulative", r.direction, r.target, r.values, r.target_high, r.tolerance)
        for r, _ in pairs
    ]
    raised = [
        FRow(
            r.temporal,
            r.direction,
            r.target,
            tuple(v + d for v, d in zip(r.values, rises, strict=True)),
            r.target_high,
            r.tolerance,
        )
        for r, (_, rises) in zip(rows, pairs, strict=True)
    ]
    before, after = run(rows, last_year), run(raised, last_year)
    for i in range(len(rows)):
        assert _not_worse(before.outlook[i], after.outlook[i]), (rows[i], raised[i])


@given(
    st.lists(frows(directions=(HIGHER,)), min_size=1),
    review_years,
)
def test_lower_is_the_mirror_of_higher_on_negated_figures(rows: list[FRow], last_year: int) -> None:
    # Totals only mirror with non-negative figures: a higher-is-better total already
    # reached stays reached because figures are not negative.
    rows = [
        FRow(
            r.temporal,
            r.direction,
            r.target,
            tuple(abs(v) for v in r.values),
            r.target_high,
            r.tolerance,
        )
        if r.temporal == "cumulative"
        else r
        for r in rows
    ]
    mirrored = [
        FRow(r.temporal, LOWER, -r.target, tuple(-v for v in r.values), -r.target_high, r.tolerance)
        for r in rows
    ]
    a, b = run(rows, last_year), run(mirrored, last_year)
    for name in ("so_far", "forecast", "required", "pace", "best"):
        np.testing.assert_array_equal(getattr(b, name), -getattr(a, name))
    np.testing.assert_array_equal(b.outlook, a.outlook)
    np.testing.assert_array_equal(b.method, a.method)
    np.testing.assert_array_equal(b.met_now, a.met_now)


@given(row_lists, review_years)
def test_each_row_alone_equals_the_batch(rows: list[FRow], last_year: int) -> None:
    batch = run(rows, last_year)
    for i, row in enumerate(rows):
        alone = run([row], last_year)
        for fld in fields(TermForecast):
            np.testing.assert_array_equal(
                getattr(alone, fld.name), getattr(batch, fld.name)[i : i + 1]
            )


@given(row_lists, review_years)
def test_no_warnings_on_any_input(rows: list[FRow], last_year: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        run(rows, last_year)


@given(
    st.sampled_from([HIGHER, LOWER]),
    figure,
    st.one_of(st.just(NAN), figure),
    st.sampled_from([0.0, 0.05, 0.1, NAN]),
)
def test_bound_is_where_achievement_starts(
    direction: str, target: float, target_high: float, tolerance: float
) -> None:
    """The bound that ``required`` counts to is exactly the edge of "met" in the evaluation."""
    is_lower = np.array([direction == LOWER])
    bound = _decisive_bound(
        is_lower, np.array([target]), np.array([target_high]), np.array([tolerance])
    )[0]
    worse = np.nextafter(bound, np.inf if direction == LOWER else -np.inf)
    ach = engine.achievement(
        [direction] * 2,
        [target] * 2,
        [bound, worse],
        target_high=[target_high] * 2,
        tolerance=[tolerance] * 2,
    )
    assert ach.met.tolist() == [True, False]


# ---------------------------------------------------------------- consistency with the best year


@given(row_lists, review_years)
def test_likely_never_needs_more_than_the_best_year(rows: list[FRow], last_year: int) -> None:
    """ "Có khả năng đạt" is never said of a target whose remaining years need a better
    pace than the best seen so far: the outlook agrees with the yearly rate it needs."""
    f = run(rows, last_year)
    for i, row in enumerate(rows):
        if f.outlook[i] != LIKELY or row.direction == YES_NO:
            continue
        sign = -1.0 if row.direction == LOWER else 1.0
        need, best = sign * float(f.required[i]), sign * float(f.best[i])
        if math.isnan(need) or need <= 0:
            continue
        assert need <= best * (1 + 1e-9) + 1e-9, (row, need, best)


@given(
    st.lists(
        st.integers(min_value=-50, max_value=120).map(lambda i: i / 10), min_size=3, max_size=5
    ),
    st.floats(min_value=-30, max_value=-5),
)
def test_a_single_outlier_is_the_year_the_trend_hinges_on(base: list[float], dip: float) -> None:
    """A steady series (here: constant) with one exceptional figure put in its first
    year hinges on that year; the same series without it hinges on none."""
    level = base[0]
    steady = [level] * len(base)
    values = [level + dip, *steady[1:]] + [NAN] * (5 - len(base))
    last = 2020 + len(base)
    rows = [FRow("average", HIGHER, 7.0, tuple(values)), FRow("level", HIGHER, 7.0, tuple(values))]
    f = run(rows, last)
    assert list(f.hinge_year) == [2021, 2021]
    calm = run([FRow("average", HIGHER, 7.0, tuple(steady + [NAN] * (5 - len(base))))], last)
    assert list(calm.hinge_year) == [0]
