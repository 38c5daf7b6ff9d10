"""The compiled kernels (numba) against the NumPy path, which stays the reference.

Every output column must be identical — the same rates bit for bit (NaN where NaN),
the same flags, classes and counts — on random columns: the rows of the property
tests, and raw floats with infinities, zeros of both signs, huge and tiny values and
direction codes the engine does not know (treated as higher-is-better by both).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine import BANDS, BINARY, DAT_VUOT, RATE_CAP, Achievement, dispatch

from .test_properties import Options, Row, options_, row_lists

# Raw floats make NumPy warn (inf - inf, overflow); the kernels are silent. Warnings are
# not what is compared here.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

#: More thresholds than the kernels hold (kernel.SLOTS): such a scheme stays on NumPy.
MANY = engine.scheme_from_dict(
    {
        "key": "many",
        "bands": [
            {"key": "achieved", "label": "đạt", "min_rate": 100},
            *(
                {"key": f"above_{m}", "label": f"trên {m}%", "min_rate": m}
                for m in (95, 90, 85, 80, 75, 70, 65, 60, 55, 50)
            ),
            {"key": "not_achieved", "label": "không đạt", "min_rate": None},
        ],
    }
)
SCHEMES = st.sampled_from([BANDS, BINARY, DAT_VUOT, MANY])
CAPS = st.sampled_from([RATE_CAP, 150.0, 1000.0])


def test_the_kernels_run_here() -> None:
    # numba is a dependency: without this, every comparison below would compare NumPy
    # with itself and pass for nothing.
    assert dispatch.kernel() is not None


def assert_same(got: Achievement, want: Achievement) -> None:
    np.testing.assert_array_equal(got.rate, want.rate)
    np.testing.assert_array_equal(got.met, want.met)
    np.testing.assert_array_equal(got.exceeded, want.exceeded)
    np.testing.assert_array_equal(got.has_data, want.has_data)


def columns(rows: list[Row]) -> dict:
    return {
        "direction": [r.direction for r in rows],
        "target": [r.target for r in rows],
        "actual": [r.actual for r in rows],
        "target_high": [r.target_high for r in rows],
        "tolerance": [r.tolerance for r in rows],
        "baseline": [r.baseline for r in rows],
        "change": [r.change for r in rows],
        "points": [r.points for r in rows],
        "strict": [r.strict for r in rows],
    }


def both(
    cols: dict, scheme: engine.Scheme, cap: float, options: Options
) -> tuple[Achievement, Achievement]:
    kw = {**cols, "rate_cap": cap, "strict_met": options.strict_met}
    kw["range_bound"] = options.range_bound
    return (
        engine.achievement(**kw, compiled=True),
        engine.achievement(**kw, compiled=False),
    )


@given(row_lists, SCHEMES, CAPS, options_)
@settings(max_examples=300)
def test_kernel_equals_numpy_on_resolution_rows(
    rows: list[Row], scheme: engine.Scheme, cap: float, options: Options
) -> None:
    got, want = both(columns(rows), scheme, cap, options)
    assert_same(got, want)
    codes = engine.classify(scheme, want, compiled=False)
    np.testing.assert_array_equal(engine.classify(scheme, got, compiled=True), codes)


raw = st.floats(allow_nan=True, allow_infinity=True)
raw_rows = st.lists(
    st.tuples(
        st.sampled_from([0, 1, 2, 3, 7]),  # 7: no such direction, judged as "higher"
        raw,
        raw,
        st.one_of(st.just(np.nan), raw),
        st.one_of(st.sampled_from([0.0, 0.05, np.nan, np.inf, -np.inf]), raw),
        st.booleans(),
    ),
    min_size=1,
    max_size=60,
)


@given(raw_rows, SCHEMES, CAPS, options_)
@settings(max_examples=300)
def test_kernel_equals_numpy_on_any_floats(
    rows: list[tuple], scheme: engine.Scheme, cap: float, options: Options
) -> None:
    d, t, a, h, tol, strict = (np.array(c) for c in zip(*rows, strict=True))
    cols = {
        "direction": d.astype(np.int8),
        "target": t,
        "actual": a,
        "target_high": h,
        "tolerance": tol,
        "strict": strict,
    }
    got, want = both(cols, scheme, cap, options)
    assert_same(got, want)
    codes = engine.classify(scheme, want, compiled=False)
    np.testing.assert_array_equal(engine.classify(scheme, got, compiled=True), codes)


@given(
    st.lists(
        st.tuples(st.one_of(raw, st.floats(-50, 250)), st.booleans(), st.booleans()),
        max_size=80,
    ),
    SCHEMES,
)
def test_classify_kernel_equals_numpy_on_raw_rates(
    data: list[tuple[float, bool, bool]], scheme: engine.Scheme
) -> None:
    """Classification alone, on any flags (even met without data) and rates dense
    around the thresholds, where the rounding decides."""
    rate = np.array([r for r, _, _ in data], dtype=np.float64)
    met = np.array([m for _, m, _ in data], dtype=bool)
    has_data = np.array([h for _, _, h in data], dtype=bool)
    exceeded = met & (rate > 100)
    ach = Achievement(rate=rate, met=met, exceeded=exceeded, has_data=has_data)
    np.testing.assert_array_equal(
        engine.classify(scheme, ach, compiled=True), engine.classify(scheme, ach, compiled=False)
    )


@given(row_lists, SCHEMES, CAPS)
@settings(max_examples=200)
def test_fused_counts_equal_the_three_steps(
    rows: list[Row], scheme: engine.Scheme, cap: float
) -> None:
    cols = columns(rows)
    for key in ("baseline", "change", "points"):
        del cols[key]  # class_counts takes no change against a baseline
    ach = engine.achievement(**cols, rate_cap=cap, compiled=False, **scheme.options)
    want = engine.count_classes(scheme, engine.classify(scheme, ach, compiled=False))
    kw = {**cols, "rate_cap": cap}
    assert engine.class_counts(scheme, **kw, compiled=True) == want
    assert engine.class_counts(scheme, **kw, compiled=False) == want


def test_long_columns_take_the_kernel_and_agree() -> None:
    """Above dispatch.MIN_ROWS the engine chooses the kernel by itself; scalars and
    one-value columns are repeated as NumPy broadcasts them."""
    rng = np.random.default_rng(18)
    n = dispatch.MIN_ROWS + 123
    direction = rng.integers(0, 4, n).astype(np.int8)
    target = rng.uniform(-10, 500, n)
    actual = np.where(rng.random(n) < 0.05, np.nan, target * rng.uniform(0.3, 1.3, n))
    kw = {"target_high": np.nan, "tolerance": [0.05], "strict": True, "strict_met": False}
    auto = engine.achievement(direction, target, actual, **kw)
    assert_same(auto, engine.achievement(direction, target, actual, **kw, compiled=False))
    assert dispatch.use_kernel(n, None) is not None
    assert dispatch.use_kernel(dispatch.MIN_ROWS - 1, None) is None
    codes = engine.classify(BANDS, auto)
    np.testing.assert_array_equal(codes, engine.classify(BANDS, auto, compiled=False))
    counts = engine.class_counts(DAT_VUOT, direction, target, actual, tolerance=0.05)
    ach = engine.achievement(direction, target, actual, tolerance=0.05, compiled=False)
    assert counts == engine.count_classes(DAT_VUOT, engine.classify(DAT_VUOT, ach))
    assert sum(counts.values()) == n


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NGHIQUYET_ENGINE_KERNEL", "0")
    assert dispatch._load() is None
    monkeypatch.setenv("NGHIQUYET_ENGINE_KERNEL", "1")
    assert dispatch._load() is not None


def test_a_missing_numba_falls_back_to_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dispatch, "_loaded", [None])
    rows = [Row("higher", 10.0, 9.5), Row("lower", 4.0, 3.0), Row("yes_no", np.nan, 0.0)]
    got = engine.achievement(**columns(rows), compiled=True)
    assert_same(got, engine.achievement(**columns(rows), compiled=False))
    assert engine.class_counts(BANDS, ["higher"], [10.0], [9.5], compiled=True)["near"] == 1


def test_short_columns_do_not_import_numba() -> None:
    """A plan's evaluation stays on NumPy and does not pay numba's import."""
    code = (
        "import sys; from nghiquyet import engine; "
        "ach = engine.achievement(['higher'] * 60, [1.0] * 60, [0.9] * 60); "
        "engine.count_classes(engine.BANDS, engine.classify(engine.BANDS, ach)); "
        "assert 'numba' not in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
