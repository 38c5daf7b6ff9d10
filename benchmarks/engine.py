"""Benchmark: classifying the targets of the whole country with the engine.

Synthetic data at national scale (DESIGN.md §7): 3,355 units (34 provinces +
3,321 communes) × 60 targets × 60 monthly periods ≈ 12 M values. Times the
pipeline a dashboard runs — ``engine.achievement`` + ``engine.classify(BANDS)``
+ ``engine.count_classes`` — for one period and for the whole set, next to a
plain-Python row-by-row loop applying the same rules to the same data, and
checks that both give identical class counts.

Run from the repository root (no Django settings needed)::

    .venv/bin/python benchmarks/engine.py          # full size, a few minutes
    .venv/bin/python benchmarks/engine.py --quick  # 1/10 of the units
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import footprint  # benchmarks/footprint.py, next to this script
from nghiquyet import engine
from nghiquyet.engine import Achievement, dispatch

UNITS = 3_355
TARGETS = 60
PERIODS = 60
SEED = 20261121
GOAL_PERIOD_S = 0.050
GOAL_ALL_S = 2.0
GOAL_SPEEDUP = 50
GOAL_PEAK_MB = 1024
HIGHER, LOWER, YES_NO = (
    engine.Direction.HIGHER.code,
    engine.Direction.LOWER.code,
    engine.Direction.YES_NO.code,
)


@dataclass
class Data:
    """Flat columns, period-major: the rows of period ``p`` are ``[p*n : (p+1)*n]``."""

    units: int
    periods: int
    per_period: int
    direction: np.ndarray  # int8 codes
    target: np.ndarray
    target_high: np.ndarray
    tolerance: np.ndarray
    actual: np.ndarray

    def period(self, p: int) -> Data:
        s = slice(p * self.per_period, (p + 1) * self.per_period)
        return Data(
            self.units,
            1,
            self.per_period,
            self.direction[s],
            self.target[s],
            self.target_high[s],
            self.tolerance[s],
            self.actual[s],
        )

    def __len__(self) -> int:
        return len(self.actual)


def generate(units: int, targets: int, periods: int, seed: int = SEED) -> Data:
    """Synthetic national data set with a fixed seed.

    Per target: a direction (≈70 % higher, 25 % lower, 5 % yes/no), a typical
    level, sometimes a range ("6,0 - 6,5 %") or a tolerance ("khoảng"). Per
    (target, unit): the unit's own target around that level. Per (period,
    target, unit): an actual spread around the target so that every class
    occurs, ≈3 % missing.
    """
    rng = np.random.default_rng(seed)
    kind = rng.random(targets)
    t_direction = np.where(kind < 0.70, HIGHER, np.where(kind < 0.95, LOWER, YES_NO)).astype(
        np.int8
    )
    t_level = np.exp(rng.uniform(np.log(0.5), np.log(5_000.0), targets))
    t_range = (rng.random(targets) < 0.15) & (t_direction != YES_NO)
    t_width = rng.uniform(0.05, 0.25, targets)
    t_tolerance = np.where((rng.random(targets) < 0.10) & (t_direction != YES_NO), 0.05, 0.0)

    # (target, unit) grid, flattened unit-major inside a period
    target = t_level[None, :] * rng.lognormal(0.0, 0.3, (units, targets))
    target_high = np.where(t_range[None, :], target * (1 + t_width[None, :]), np.nan)
    direction = np.broadcast_to(t_direction, (units, targets))
    tolerance = np.broadcast_to(t_tolerance, (units, targets))

    # achievement ratio actual/target: most units near or above target, a tail below;
    # drawn period by period, so that no temporary is larger than one period's column
    actual = np.empty((periods, units, targets))
    shape = (units, targets)
    for p in range(periods):
        ratio = np.where(
            rng.random(shape) < 0.6, rng.normal(1.05, 0.06, shape), rng.uniform(0.3, 1.0, shape)
        )
        values = np.where(
            direction == LOWER, target / np.maximum(ratio, 0.05), target * ratio
        )  # lower is better: beating the target means a smaller figure
        values = np.where(direction == YES_NO, (ratio > 0.8).astype(np.float64), values)
        values[rng.random(shape) < 0.03] = np.nan
        actual[p] = np.round(values, 2)  # as reported: two decimals
    target = np.round(target, 2)
    target_high = np.round(target_high, 2)
    target = np.where(direction == YES_NO, np.nan, target)

    def tile(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(np.broadcast_to(a.ravel(), (periods, a.size)).ravel())

    return Data(
        units=units,
        periods=periods,
        per_period=units * targets,
        direction=tile(direction),
        target=tile(target),
        target_high=tile(target_high),
        tolerance=tile(tolerance),
        actual=actual.reshape(-1),
    )


def classify_engine(d: Data, compiled: bool | None = None) -> dict[str, int]:
    """The dashboard's pipeline on columns: achievement, classify, count_classes.

    ``compiled=False`` is the NumPy path (the reference), True the compiled kernels.
    """
    ach = engine.achievement(
        d.direction,
        d.target,
        d.actual,
        target_high=d.target_high,
        tolerance=d.tolerance,
        compiled=compiled,
    )
    codes = engine.classify(engine.BANDS, ach, compiled=compiled)
    return engine.count_classes(engine.BANDS, codes)


def classify_fused(d: Data) -> dict[str, int]:
    """The same counts in one fused compiled pass (``engine.class_counts``)."""
    return engine.class_counts(
        engine.BANDS,
        d.direction,
        d.target,
        d.actual,
        target_high=d.target_high,
        tolerance=d.tolerance,
        compiled=True,
    )


def classify_plain(rows: tuple[list, ...]) -> dict[str, int]:
    """The same rules, one row at a time, with Python floats and ``if``s."""
    direction, target, target_high, tolerance, actual = rows
    cap = engine.RATE_CAP
    thresholds = [(b.key, b.min_rate) for b in engine.BANDS.bands[1:-1]]
    counts = dict.fromkeys(engine.BANDS.keys, 0)
    for dirn, t, th, tol, a in zip(direction, target, target_high, tolerance, actual, strict=True):
        if a != a:  # NaN: nothing reported
            counts["no_data"] += 1
            continue
        if dirn == YES_NO:
            counts["achieved" if a != 0 else "not_achieved"] += 1
            continue
        if t != t:
            counts["no_data"] += 1
            continue
        low = high = t
        if th == th:
            low, high = (t, th) if t <= th else (th, t)
        if dirn == HIGHER:
            met = a >= low - abs(low) * tol
            rate = a / low * 100.0 if low > 0 else math.nan
        else:
            met = a <= high + abs(high) * tol
            if high < 0:
                rate = math.nan
            elif a > 0:
                rate = min(high / a * 100.0, cap)
            elif a == 0:
                rate = 100.0 if high == 0 else cap
            else:
                rate = math.nan
        if met:
            counts["achieved"] += 1
            continue
        key = "not_achieved"
        if rate == rate:
            rounded = round(rate * 100.0) / 100.0  # two decimals, as classify rounds
            for band_key, min_rate in thresholds:
                if rounded >= min_rate:
                    key = band_key
                    break
        counts[key] += 1
    return counts


def as_lists(d: Data) -> tuple[list, ...]:
    return (
        d.direction.tolist(),
        d.target.tolist(),
        d.target_high.tolist(),
        d.tolerance.tolist(),
        d.actual.tolist(),
    )


@dataclass
class Timing:
    """Wall-clock times of repeated runs of one thing, and what the last run returned."""

    times: list[float]
    result: object

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def slowest(self) -> float:
        return max(self.times)


def timed(fn: Callable[[], object], repeats: int) -> Timing:
    """Run ``fn`` ``repeats`` times, timing each run with ``time.perf_counter``."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return Timing(times, result)


def time_plain(d: Data, repeats: int) -> tuple[Timing, float]:
    """The plain loop on Python lists, and how long turning the arrays into lists took."""
    start = time.perf_counter()
    rows = as_lists(d)
    convert_s = time.perf_counter() - start
    return timed(lambda: classify_plain(rows), repeats), convert_s


def time_plain_by_period(d: Data) -> tuple[Timing, float]:
    """The plain loop over the whole set, one period's lists at a time (the lists of 12 M
    values would take ~2 GB): the loop's time summed, the conversions' apart."""
    loop_s = convert_s = 0.0
    summed = dict.fromkeys(engine.BANDS.keys, 0)
    for p in range(d.periods):
        timing, conv = time_plain(d.period(p), 1)
        loop_s += timing.best
        convert_s += conv
        for k, v in timing.result.items():  # type: ignore[attr-defined]
            summed[k] += v
    return Timing([loop_s], summed), convert_s


def breakdown(d: Data, repeats: int, compiled: bool) -> dict[str, float]:
    """Best time of each step of the pipeline on ``d``."""

    def achievement() -> Achievement:
        return engine.achievement(
            d.direction,
            d.target,
            d.actual,
            target_high=d.target_high,
            tolerance=d.tolerance,
            compiled=compiled,
        )

    ach = achievement()
    codes = engine.classify(engine.BANDS, ach, compiled=compiled)
    return {
        "achievement": timed(achievement, repeats).best,
        "classify": timed(
            lambda: engine.classify(engine.BANDS, ach, compiled=compiled), repeats
        ).best,
        "count_classes": timed(lambda: engine.count_classes(engine.BANDS, codes), repeats).best,
    }


def fmt_s(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:,.1f} ms"
    return f"{seconds:,.2f} s"


def main(argv: list[str] | None = None) -> int:
    """Generate the data, time every path, print the table; 0 if the goals are met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/10 of the units, for development")
    parser.add_argument("--repeats", type=int, default=None, help="repeats of the engine runs")
    args = parser.parse_args(argv)
    units = UNITS // 10 if args.quick else UNITS
    period_repeats = args.repeats or 20
    all_repeats = args.repeats or 5
    plain_period_repeats = 3

    print("Engine benchmark: achievement + classify(BANDS) + count_classes")
    print(
        f"Machine: {os.cpu_count()} CPU ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.system()}; "
        f"{footprint.load_average()} at the start"
    )
    start = time.perf_counter()
    data = generate(units, TARGETS, PERIODS)
    n_dir = np.bincount(data.direction[:TARGETS], minlength=3)
    print(
        f"Data: {units:,} units × {TARGETS} targets × {PERIODS} periods = {len(data):,} values "
        f"(seed {SEED}, generated in {time.perf_counter() - start:.1f} s); targets: "
        f"{n_dir[HIGHER]} higher, {n_dir[LOWER]} lower, {n_dir[YES_NO]} yes/no, "
        f"{int((~np.isnan(data.target_high[:TARGETS])).sum())} ranges, "
        f"{int((data.tolerance[:TARGETS] > 0).sum())} approximate; "
        f"{np.isnan(data.actual).mean():.1%} of actuals missing"
    )
    one = data.period(PERIODS - 1)

    # The first compiled call of a process imports numba and loads the kernels' machine
    # code from its cache (or compiles them, the first time ever): timed apart.
    start = time.perf_counter()
    first = classify_engine(one, compiled=True), classify_fused(one)
    warm_s = time.perf_counter() - start
    kernels = dispatch.kernel() is not None

    n_period = timed(lambda: classify_engine(one, compiled=False), period_repeats)
    k_period = timed(lambda: classify_engine(one, compiled=True), period_repeats)
    f_period = timed(lambda: classify_fused(one), period_repeats)
    n_all = timed(lambda: classify_engine(data, compiled=False), all_repeats)
    k_all = timed(lambda: classify_engine(data, compiled=True), all_repeats)
    f_all = timed(lambda: classify_fused(data), all_repeats)
    f_loop = timed(lambda: [classify_fused(data.period(p)) for p in range(PERIODS)], all_repeats)
    p_period, _ = time_plain(one, plain_period_repeats)
    p_all, convert_s = time_plain_by_period(data)

    summed = dict.fromkeys(engine.BANDS.keys, 0)
    for counts in f_loop.result:  # type: ignore[attr-defined]
        for k, v in counts.items():
            summed[k] += v
    counts_all: dict[str, int] = n_all.result  # type: ignore[assignment]
    for result in (k_period.result, f_period.result, *first):
        assert result == n_period.result, (result, n_period.result)
    assert p_period.result == n_period.result, (p_period.result, n_period.result)
    for result in (k_all.result, f_all.result, summed, p_all.result):
        assert result == counts_all, (result, counts_all)
    assert all(v > 0 for v in counts_all.values()), counts_all

    rows = [
        ("one period", len(one), GOAL_PERIOD_S, p_period, [n_period, k_period, f_period]),
        ("whole set, one call", len(data), GOAL_ALL_S, p_all, [n_all, k_all, f_all]),
        (f"whole set, {PERIODS} calls", len(data), GOAL_ALL_S, p_all, [None, None, f_loop]),
    ]
    print()
    header = (
        f"{'run':<22}{'values':>12}{'plain Python':>14}{'NumPy':>19}{'kernels':>19}"
        f"{'fused':>19}{'goal':>11}  met?"
    )
    print(header)
    print("-" * len(header))
    for name, n, goal, py, engines in rows:
        cells = ""
        for eng in engines:
            if eng is None:
                cells += f"{'':>19}"
                continue
            cells += f"{fmt_s(eng.best):>10} {py.best / eng.best:>6,.0f}× "
        best = min(e.best for e in engines if e is not None)
        ok = "yes" if best < goal else "NO"
        print(f"{name:<22}{n:>12,}{fmt_s(py.best):>14}{cells}{'< ' + fmt_s(goal):>11}  {ok}")
    print()
    print(
        "NumPy: the reference path (compiled=False); kernels: the same three calls through "
        "the compiled kernels (compiled=True); fused: engine.class_counts, achievement and "
        "classes in one compiled pass. Each cell: best time, then the plain loop's time "
        "divided by it."
    )
    print(
        f"Engine: best of {period_repeats} runs (one period) and {all_repeats} runs "
        f"(whole set). Plain Python: best of {plain_period_repeats} runs (one period); "
        f"whole set one run, a period's lists at a time, the loop's time summed (turning "
        f"the arrays into lists took a further {convert_s:.1f} s, not counted)."
    )
    print(
        f"Compiled kernels {'available' if kernels else 'NOT available (NumPy used)'}; "
        f"first compiled call of this process (numba import, kernels from the cache or "
        f"compiled): {fmt_s(warm_s)}."
    )
    print(
        f"Slowest runs: one period NumPy {fmt_s(n_period.slowest)}, fused "
        f"{fmt_s(f_period.slowest)}; whole set NumPy {fmt_s(n_all.slowest)}, fused "
        f"{fmt_s(f_all.slowest)}."
    )
    print(
        f"Per value: NumPy {n_period.best / len(one) * 1e9:.0f} ns, fused "
        f"{f_period.best / len(one) * 1e9:.1f} ns (one period); plain Python "
        f"{p_all.best / len(data) * 1e9:.0f} ns."
    )
    for compiled in (False, True):
        steps = breakdown(one, period_repeats, compiled)
        print(
            f"One period by step ({'kernels' if compiled else 'NumPy'}): "
            + ", ".join(f"{k} {fmt_s(v)}" for k, v in steps.items())
        )
    print("Classes (whole set): " + ", ".join(f"{k} {v:,}" for k, v in counts_all.items()))
    print("kết quả trùng khớp (every path and plain Python give identical class counts)")
    speedup = p_period.best / f_period.best
    met = (
        f_period.best < GOAL_PERIOD_S
        and min(f_all.best, f_loop.best) < GOAL_ALL_S
        and speedup >= GOAL_SPEEDUP
    )
    print(
        f"Speed-up of the fused kernel on one period: {speedup:,.0f}× the plain loop "
        f"(goal ≥ {GOAL_SPEEDUP}×)."
    )
    print(footprint.peak_line(GOAL_PEAK_MB))
    met = met and footprint.peak_rss_mb() < GOAL_PEAK_MB
    print("Goals met." if met else "Goals NOT met.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
