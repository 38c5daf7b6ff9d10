"""Property tests: the vectorised engine against a row-by-row reference.

The reference below is written from DESIGN.md §4 with plain floats and ``if``s,
one target at a time, without looking at how the engine vectorises it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine import BANDS, BINARY, RATE_CAP, Achievement

# Realistic figures must not make NumPy warn (overflow, invalid value): a warning
# here would surface in every page that evaluates targets.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

HIGHER, LOWER, YES_NO, BAND = "higher", "lower", "yes_no", "band"
NONE, INCREASE, DECREASE = 0, 1, 2
NAN = float("nan")


@dataclass(frozen=True)
class Row:
    direction: str
    target: float
    actual: float
    target_high: float = NAN
    tolerance: float = 0.0
    baseline: float = NAN
    change: int = NONE
    points: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Options:
    """A scheme's options."""

    strict_met: bool = True
    range_bound: str = "lenient"


LENIENT = Options()


def reference_achievement(
    row: Row, cap: float = RATE_CAP, options: Options = LENIENT
) -> tuple[float, bool, bool, bool]:
    """(rate, met, exceeded, has_data) of one target, by the rules of DESIGN.md §4."""
    actual = row.actual
    if row.change != NONE:
        if math.isnan(row.baseline):
            actual = NAN
        elif row.points:
            diff = actual - row.baseline
            actual = diff if row.change == INCREASE else -diff
        elif row.baseline == 0:
            actual = NAN
        else:
            pct = (actual - row.baseline) / abs(row.baseline) * 100.0
            actual = pct if row.change == INCREASE else -pct
    if math.isnan(actual):
        return NAN, False, False, False
    if row.direction == YES_NO:
        yes = actual != 0
        return (100.0 if yes else 0.0), yes, False, True
    if math.isnan(row.target):
        return NAN, False, False, False
    low, high = row.target, row.target
    if not math.isnan(row.target_high):
        low, high = min(row.target, row.target_high), max(row.target, row.target_high)
    tol = 0.0 if math.isnan(row.tolerance) else row.tolerance
    # a figure equal to a strict bound counts unless the scheme says it does not
    equal_counts = options.strict_met or not row.strict
    if row.direction == BAND:
        met = low - abs(low) * tol <= actual <= high + abs(high) * tol
        if actual < low:
            rate = actual / low * 100.0 if low > 0 and actual >= 0 else NAN
        elif actual > high:
            rate = high / actual * 100.0 if actual > 0 else NAN
        else:
            rate = 100.0
        return rate, met, False, True
    if row.direction == HIGHER:
        # the lower bound decides achievement (widened by the tolerance), the upper "vượt"
        decide = high if options.range_bound == "ambitious" else low
        bound = decide - abs(decide) * tol
        met = actual >= bound if equal_counts else actual > bound
        exceeded = actual > high
        # a negative figure against a positive plan has no meaningful rate
        rate = actual / decide * 100.0 if decide > 0 and actual >= 0 else NAN
        return rate, met, exceeded, True
    # lower is better: the upper bound decides, the lower bound "vượt"
    decide = low if options.range_bound == "ambitious" else high
    bound = decide + abs(decide) * tol
    met = actual <= bound if equal_counts else actual < bound
    exceeded = actual < low
    if decide < 0:
        rate = NAN
    elif actual > 0:
        rate = min(decide / actual * 100.0, cap)
    elif actual == 0:
        rate = 100.0 if decide == 0 else cap
    else:
        rate = NAN
    return rate, met, exceeded, True


def reference_round2(rate: float) -> float:
    """Two decimals, ties to even on the rate scaled to hundredths (NumPy's ``round``)."""
    return round(rate * 100.0) / 100.0


def reference_class(
    scheme: engine.Scheme, rate: float, met: bool, has_data: bool, exceeded: bool = False
) -> str:
    """Class key of one target under ``scheme``."""
    with_exceeded = scheme.bands[0].key == engine.EXCEEDED
    if not has_data:
        return engine.NO_DATA
    if met:
        return engine.EXCEEDED if with_exceeded and exceeded else engine.ACHIEVED
    if not math.isnan(rate):
        rounded = reference_round2(rate)
        for band in scheme.bands[(2 if with_exceeded else 1) : -1]:
            if rounded >= band.min_rate:
                return band.key
    return engine.NOT_ACHIEVED


def run_engine(rows: list[Row], cap: float = RATE_CAP, options: Options = LENIENT) -> Achievement:
    return engine.achievement(
        [r.direction for r in rows],
        [r.target for r in rows],
        [r.actual for r in rows],
        target_high=[r.target_high for r in rows],
        tolerance=[r.tolerance for r in rows],
        baseline=[r.baseline for r in rows],
        change=[r.change for r in rows],
        points=[r.points for r in rows],
        strict=[r.strict for r in rows],
        strict_met=options.strict_met,
        range_bound=options.range_bound,
        rate_cap=cap,
    )


def same_float(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# ---------------------------------------------------------------- strategies

# Figures as resolutions write them: up to millions, down to thousandths. (Magnitudes
# like 1e-300 would only make the engine's ratios overflow to inf with a warning.)
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)
finite = st.one_of(positive, positive.map(lambda x: -x), st.just(0.0))
# figures that tend to land on band edges: multiples of 0.5 and small integers
round_figures = st.integers(min_value=-20, max_value=400).map(lambda i: i / 2)
figure = st.one_of(finite, positive, round_figures, st.just(0.0))
maybe = st.one_of(figure, st.just(NAN))


@st.composite
def rows(draw: st.DrawFn) -> Row:
    direction = draw(st.sampled_from([HIGHER, HIGHER, LOWER, YES_NO, BAND]))
    if direction == YES_NO:
        return Row(YES_NO, draw(maybe), draw(st.sampled_from([0.0, 1.0, NAN])))
    change = draw(st.sampled_from([NONE, NONE, INCREASE, DECREASE]))
    if direction == BAND:
        change = NONE
    return Row(
        direction=direction,
        target=draw(st.one_of(figure, st.just(NAN)) if draw(st.booleans()) else figure),
        actual=draw(maybe),
        target_high=draw(st.one_of(st.just(NAN), figure)),
        tolerance=draw(st.sampled_from([0.0, 0.0, 0.02, 0.05, 0.1, NAN])),
        baseline=draw(maybe) if change else NAN,
        change=change,
        points=draw(st.booleans()) if change else False,
        strict=draw(st.booleans()),
    )


row_lists = st.lists(rows(), min_size=1, max_size=40)
schemes = st.sampled_from([BANDS, BINARY, engine.DAT_VUOT])
options_ = st.builds(Options, st.booleans(), st.sampled_from(["lenient", "ambitious"]))


# ---------------------------------------------------------------- properties


@given(row_lists, st.sampled_from([RATE_CAP, 150.0, 1000.0]), options_)
@settings(max_examples=300)
def test_vectorised_equals_reference(data: list[Row], cap: float, options: Options) -> None:
    ach = run_engine(data, cap, options)
    for i, row in enumerate(data):
        rate, met, exceeded, has_data = reference_achievement(row, cap, options)
        assert same_float(float(ach.rate[i]), rate), (row, ach.rate[i], rate)
        assert bool(ach.met[i]) == met, row
        assert bool(ach.exceeded[i]) == exceeded, row
        assert bool(ach.has_data[i]) == has_data, row


@given(row_lists, schemes)
@settings(max_examples=300)
def test_classes_equal_reference(data: list[Row], scheme: engine.Scheme) -> None:
    ach = run_engine(data)
    got = engine.class_keys(scheme, engine.classify(scheme, ach))
    for i, row in enumerate(data):
        rate, met, exceeded, has_data = reference_achievement(row)
        assert got[i] == reference_class(scheme, rate, met, has_data, exceeded), row


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=-50, max_value=250, allow_nan=False),
            st.booleans(),
            st.booleans(),
        ),
        max_size=50,
    ),
    schemes,
)
def test_classify_equals_reference_on_raw_rates(
    data: list[tuple[float, bool, bool]], scheme: engine.Scheme
) -> None:
    """Classification alone, on rates spread densely around the thresholds."""
    rate = np.array([r for r, _, _ in data], dtype=np.float64)
    has_data = np.array([d for _, _, d in data], dtype=bool)
    met = np.array([m for _, m, _ in data], dtype=bool) & has_data
    rate = np.where(has_data, rate, np.nan)
    ach = Achievement(rate=rate, met=met, exceeded=np.zeros_like(met), has_data=has_data)
    got = engine.class_keys(scheme, engine.classify(scheme, ach))
    want = [
        reference_class(scheme, float(rate[i]), bool(met[i]), bool(has_data[i]))
        for i in range(len(data))
    ]
    assert got == want


def _rank(scheme: engine.Scheme, key: str) -> int:
    """0 for the best class; no_data is excluded by the callers."""
    return scheme.keys.index(key)


@given(
    st.sampled_from([HIGHER, LOWER]),
    positive,
    st.one_of(st.just(NAN), positive),
    st.sampled_from([0.0, 0.05]),
    finite,
    finite,
    schemes,
)
def test_monotone_in_actual(
    direction: str,
    target: float,
    target_high: float,
    tolerance: float,
    a: float,
    b: float,
    scheme: engine.Scheme,
) -> None:
    """Higher is better: raising the actual never lowers the class; lower: lowering it."""
    worse, better = (min(a, b), max(a, b)) if direction == HIGHER else (max(a, b), min(a, b))
    ach = engine.achievement(
        [direction] * 2,
        [target] * 2,
        [worse, better],
        target_high=[target_high] * 2,
        tolerance=[tolerance] * 2,
    )
    k_worse, k_better = engine.class_keys(scheme, engine.classify(scheme, ach))
    assert _rank(scheme, k_better) <= _rank(scheme, k_worse)
    assert ach.met[1] >= ach.met[0]


@given(row_lists, schemes, st.randoms(use_true_random=False))
def test_permutation_invariant(data: list[Row], scheme: engine.Scheme, rnd) -> None:
    order = list(range(len(data)))
    rnd.shuffle(order)
    codes = engine.classify(scheme, run_engine(data))
    shuffled = engine.classify(scheme, run_engine([data[i] for i in order]))
    np.testing.assert_array_equal(shuffled, codes[order])
    assert engine.count_classes(scheme, shuffled) == engine.count_classes(scheme, codes)


@given(row_lists, schemes)
def test_counts_sum_to_n_and_achieved_iff_met(data: list[Row], scheme: engine.Scheme) -> None:
    ach = run_engine(data)
    codes = engine.classify(scheme, ach)
    counts = engine.count_classes(scheme, codes)
    assert set(counts) == set(scheme.keys)
    assert sum(counts.values()) == len(data)
    keys = engine.class_keys(scheme, codes)
    for i in range(len(data)):
        met_keys = (engine.ACHIEVED, engine.EXCEEDED)
        assert (keys[i] in met_keys) == bool(ach.met[i])
        assert (keys[i] == engine.EXCEEDED) == (
            scheme.key == "dat_vuot" and bool(ach.met[i] & ach.exceeded[i])
        )
        assert (keys[i] == engine.NO_DATA) == (not ach.has_data[i])
    assert counts[engine.NO_DATA] == int((~ach.has_data).sum())


@given(
    st.lists(st.tuples(positive, finite), min_size=1),
    st.floats(min_value=1e-3, max_value=1e3),
)
def test_higher_rate_is_scale_invariant(pairs: list[tuple[float, float]], factor: float) -> None:
    target = np.array([t for t, _ in pairs])
    actual = np.array([a for _, a in pairs])
    base = engine.achievement("higher", target, actual)
    scaled = engine.achievement("higher", target * factor, actual * factor)
    np.testing.assert_allclose(scaled.rate, base.rate, rtol=1e-12, atol=1e-9)


@given(
    st.lists(st.tuples(positive, finite), min_size=1),
    st.integers(min_value=-20, max_value=20),
)
def test_higher_rate_exactly_invariant_under_powers_of_two(
    pairs: list[tuple[float, float]], exponent: int
) -> None:
    """Scaling by 2**k is exact in binary floating point, so the rate must be identical."""
    target = np.array([t for t, _ in pairs])
    actual = np.array([a for _, a in pairs])
    factor = 2.0**exponent
    base = engine.achievement("higher", target, actual)
    scaled = engine.achievement("higher", target * factor, actual * factor)
    np.testing.assert_array_equal(scaled.rate, base.rate)
    np.testing.assert_array_equal(scaled.met, base.met)


# ---------------------------------------------------------------- schemes

band_key = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True).filter(
    lambda k: k not in (engine.ACHIEVED, engine.NOT_ACHIEVED, engine.NO_DATA)
)
label = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)


@st.composite
def scheme_dicts(draw: st.DrawFn) -> dict:
    middle_keys = draw(st.lists(band_key, unique=True, max_size=6))
    thresholds = sorted(
        draw(
            st.lists(
                st.floats(min_value=-100, max_value=500, allow_nan=False),
                min_size=len(middle_keys),
                max_size=len(middle_keys),
                unique=True,
            )
        ),
        reverse=True,
    )
    bands = [{"key": "achieved", "label": draw(label), "min_rate": draw(st.just(100.0))}]
    bands += [
        {"key": k, "label": draw(label), "min_rate": m}
        for k, m in zip(middle_keys, thresholds, strict=True)
    ]
    bands.append({"key": "not_achieved", "label": draw(label), "min_rate": None})
    key = draw(st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True))
    return {"key": key, "name": draw(label), "bands": bands}


@given(scheme_dicts())
def test_custom_schemes_round_trip(data: dict) -> None:
    scheme = engine.scheme_from_dict(data)
    assert scheme.to_dict() == data
    assert engine.scheme_from_dict(scheme.to_dict()) == scheme
    assert scheme.keys[-1] == engine.NO_DATA
    assert len(scheme.keys) == len(data["bands"]) + 1


@given(scheme_dicts(), row_lists)
def test_custom_schemes_classify_like_reference(data: dict, rows_: list[Row]) -> None:
    scheme = engine.scheme_from_dict(data)
    ach = run_engine(rows_)
    got = engine.class_keys(scheme, engine.classify(scheme, ach))
    for i, row in enumerate(rows_):
        rate, met, _, has_data = reference_achievement(row)
        assert got[i] == reference_class(scheme, rate, met, has_data)


@given(scheme_dicts(), st.data())
def test_swapping_thresholds_breaks_scheme(data: dict, pick: st.DataObject) -> None:
    middle = data["bands"][1:-1]
    assume(len(middle) >= 2)
    i = pick.draw(st.integers(min_value=0, max_value=len(middle) - 2))
    middle[i]["min_rate"], middle[i + 1]["min_rate"] = (
        middle[i + 1]["min_rate"],
        middle[i]["min_rate"],
    )
    with pytest.raises(engine.SchemeError):
        engine.scheme_from_dict(data)


@given(scheme_dicts(), st.data())
def test_duplicating_a_key_breaks_scheme(data: dict, pick: st.DataObject) -> None:
    bands = data["bands"]
    i = pick.draw(st.integers(min_value=0, max_value=len(bands) - 1))
    j = pick.draw(st.integers(min_value=0, max_value=len(bands) - 1).filter(lambda x: x != i))
    bands[j] = {**bands[j], "key": bands[i]["key"]}
    with pytest.raises(engine.SchemeError):
        engine.scheme_from_dict(data)


# ---------------------------------------------------------------- forms of issue 10


@given(
    st.lists(st.tuples(rows(), rows()), min_size=1, max_size=20),
    st.sampled_from([engine.Decides.BOTH, engine.Decides.LEVEL, engine.Decides.CHANGE]),
)
def test_level_and_change_decided_as_chosen(pairs, decides) -> None:
    """A target with a level and a change: by the level, the change, or both (both met)."""
    level = run_engine([a for a, _ in pairs])
    change = run_engine([b for _, b in pairs])
    got = engine.combine_decided(level, change, decides)
    for i in range(len(pairs)):
        parts = [(level, i), (change, i)]
        if decides == engine.Decides.LEVEL:
            parts = parts[:1]
        elif decides == engine.Decides.CHANGE:
            parts = parts[1:]
        has_data = all(a.has_data[j] for a, j in parts)
        assert bool(got.has_data[i]) == has_data
        assert bool(got.met[i]) == (has_data and all(a.met[j] for a, j in parts))
        rates = [float(a.rate[j]) for a, j in parts]
        want = NAN if not has_data or any(math.isnan(r) for r in rates) else min(rates)
        assert same_float(float(got.rate[i]), want)


@given(positive, positive, finite)
def test_band_met_exactly_inside(a: float, b: float, actual: float) -> None:
    """ "nông nghiệp 28-29 %": inside is met, either side is not; never "vượt"."""
    low, high = min(a, b), max(a, b)
    ach = engine.achievement("band", [low], [actual], target_high=[high])
    assert bool(ach.met[0]) == (low <= actual <= high)
    assert not ach.exceeded[0]
    assert math.isnan(ach.rate[0]) or ach.rate[0] <= 100.0


@given(st.sampled_from([HIGHER, LOWER]), positive, finite)
def test_strict_bound_only_differs_at_the_bound(direction: str, target: float, actual: float):
    """Counting a figure equal to a strict bound changes only the verdict of that figure."""
    kwargs = {"strict": [True, True]}
    figures = [target, actual]
    lenient = engine.achievement([direction] * 2, [target] * 2, figures, **kwargs)
    strict = engine.achievement([direction] * 2, [target] * 2, figures, strict_met=False, **kwargs)
    assert lenient.met[0] and not strict.met[0]
    assert bool(lenient.met[1]) == bool(strict.met[1]) or actual == target
    np.testing.assert_array_equal(lenient.rate, strict.rate)


@given(positive, positive)
def test_negative_figure_against_positive_plan_has_no_rate(target: float, shortfall: float):
    """−4,13 % against 2,28 %: no rate (never "−181 %"), and still judged not met."""
    ach = engine.achievement("higher", [target], [-shortfall])
    assert math.isnan(ach.rate[0]) and ach.has_data[0] and not ach.met[0]
    for scheme in (BANDS, BINARY, engine.DAT_VUOT):
        assert engine.class_keys(scheme, engine.classify(scheme, ach)) == [engine.NOT_ACHIEVED]
