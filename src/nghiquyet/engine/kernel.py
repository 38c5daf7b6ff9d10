"""Compiled kernels for the evaluation path: achievement, classification and class
counts, one row at a time in a single pass (numba).

The NumPy code of :mod:`.rates` and :mod:`.classify` is the reference: it reads as the
rules of DESIGN.md §4 and it is what runs where numba cannot. These kernels compute the
same columns — the same IEEE operations in the same order (``actual / lenient * 100``,
the rounding of :func:`~nghiquyet.engine.numbers.round_half_away`, NumPy's choice of
operand in ``minimum``/``maximum`` and ``nan_to_num``), no fast-math, no fused
multiply-add — so their outputs are identical, which tests/engine/test_kernel.py checks
on random columns. They are faster because NumPy makes ~35 passes over every column,
each writing a temporary, where a kernel reads each row once and writes only the answer;
:func:`class_counts` does not even write the classes.

Importing this module imports numba (~0,5 s, ~60 MB) and the first call of each kernel
with new column types compiles it (a few seconds) into numba's on-disk cache
(``cache=True``: ``__pycache__`` next to this file if writable, else ``NUMBA_CACHE_DIR``
or the user's cache folder; the settings point ``NUMBA_CACHE_DIR`` at ``var/``); later
processes load the machine code from there. :mod:`.dispatch` imports this module only
when a column is long enough to be worth it, and falls back to NumPy when it fails.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from .rates import BAND, LOWER, YES_NO

#: numba's options: cached on disk; division by zero gives inf/NaN as in NumPy (the
#: default "python" model would raise); no fast-math, so NaN and rounding are IEEE's.
_JIT = {"cache": True, "nogil": True, "error_model": "numpy", "fastmath": False}

#: Most thresholds a scheme may have for the kernels (BANDS has 4); more go to NumPy.
SLOTS = 8

#: ``np.nan_to_num`` turns an infinite tolerance into the largest finite float
_HUGE = np.finfo(np.float64).max


@numba.njit(**_JIT)
def _bounds(d, t, h, tol, ambitious):  # pragma: no cover - compiled
    """(tol, low, high, lenient, goal) of one row, as ``rates._achievement_block``."""
    tol = 0.0 if tol != tol else tol
    tol = _HUGE if tol > _HUGE else (-_HUGE if tol < -_HUGE else tol)
    h = t if h != h else h
    # np.minimum / np.maximum return their second operand when both compare equal
    low = t if t < h else h
    high = t if t > h else h
    lower = d == LOWER
    lenient = high if lower else low
    goal = low if lower else high
    lenient = goal if ambitious else lenient
    return tol, low, high, lenient, goal


# The rows are branch-free like their model: every rule's value is computed and the
# row's is selected, so the loops have no unpredictable jumps (directions, met and
# missing rows come in no order) and LLVM vectorises them. The rate and the flags are
# two functions because LLVM gives up vectorising a loop that computes both.


@numba.njit(**_JIT)
def _rate(d, t, h, tol, a, ambitious, cap):  # pragma: no cover - compiled
    """The rate of one row (NaN without data); mirrors ``rates._achievement_block``."""
    nan = np.nan
    yes_no, lower, band = d == YES_NO, d == LOWER, d == BAND
    has_data = (a == a) & (yes_no | (t == t))
    tol, low, high, lenient, _ = _bounds(d, t, h, tol, ambitious)
    # Each rule's ratio has its own numerator and denominator; choosing them first makes
    # one division per row instead of four (a division is the dearest operation here).
    higher = (lower | band) ^ True  # yes/no too: its rate is chosen below
    below_band = band & (a < low)
    num = a if (higher | below_band) else (lenient if lower else high)
    den = lenient if higher else (low if below_band else a)
    ratio = num / den * 100.0
    higher_rate = ratio if ((lenient > 0.0) & (a >= 0.0)) else nan
    capped = nan if ((ratio != ratio) | (cap != cap)) else (ratio if ratio < cap else cap)
    at_zero = 100.0 if lenient == 0.0 else cap
    lower_rate = capped if a > 0.0 else (at_zero if a == 0.0 else nan)
    lower_rate = nan if lenient < 0.0 else lower_rate
    below = ratio if ((low > 0.0) & (a >= 0.0)) else nan
    above = ratio if a > 0.0 else nan
    band_rate = below if a < low else (above if a > high else 100.0)
    yes_rate = 100.0 if a != 0.0 else 0.0
    rate = yes_rate if yes_no else (lower_rate if lower else (band_rate if band else higher_rate))
    return rate if has_data else nan


@numba.njit(**_JIT)
def _flags(d, t, h, tol, a, strict, ambitious):  # pragma: no cover - compiled
    """(met, exceeded, has_data) of one row; mirrors ``rates._achievement_block``."""
    yes_no, lower, band = d == YES_NO, d == LOWER, d == BAND
    has_data = (a == a) & (yes_no | (t == t))
    tol, low, high, lenient, goal = _bounds(d, t, h, tol, ambitious)
    slack = abs(lenient) * tol
    bound = (lenient + slack) if lower else (lenient - slack)
    in_band = (a >= low - abs(low) * tol) & (a <= high + abs(high) * tol)
    reach_lower = (a < bound) if strict else (a <= bound)
    reach_higher = (a > bound) if strict else (a >= bound)
    yes = a != 0.0
    met = yes if yes_no else (reach_lower if lower else (in_band if band else reach_higher))
    beaten = (a < goal) if lower else (a > goal)
    exceeded = beaten & ((yes_no | band) ^ True)  # never for yes/no and bands
    return met & has_data, exceeded & has_data, has_data


@numba.njit(**_JIT)
def _class(rate, met, exceeded, has_data, neg, head, no_data):  # pragma: no cover
    """Class index of one row; mirrors ``classify._classify_block``, branch-free."""
    # round_half_away(rate, 2), operation by operation
    scaled = abs(rate) * 100.0
    rounded = np.floor(scaled + 0.5 + scaled * 1e-13)
    rounded = scaled if scaled >= 4503599627370496.0 else rounded  # 2**52: already whole
    sign = 1.0 if rate > 0.0 else (-1.0 if rate < 0.0 else rate)  # np.sign: ±0 → ±0, NaN → NaN
    shown = sign * rounded / 100.0
    # np.searchsorted(neg, -shown, side="left") on ascending thresholds: how many are
    # below; ``neg`` is padded with +inf to SLOTS, so the loop unrolls
    x = -shown
    reached = 0
    for j in range(SLOTS):
        reached += neg[j] < x
    last = no_data - 1
    by_rate = (reached + head) if ((shown == shown) & (no_data - head > 1)) else last
    by_met = 0 if ((head == 2) & exceeded) else head - 1
    return no_data if not has_data else (by_met if met else by_rate)


@numba.njit(**_JIT)
def _achievement(d, t, h, tol, a, strict, ambitious, cap):  # pragma: no cover - compiled
    n = len(a)
    rate = np.empty(n, dtype=np.float64)
    met = np.empty(n, dtype=np.bool_)
    exceeded = np.empty(n, dtype=np.bool_)
    has_data = np.empty(n, dtype=np.bool_)
    for i in range(n):
        rate[i] = _rate(d[i], t[i], h[i], tol[i], a[i], ambitious, cap)
    for i in range(n):
        met[i], exceeded[i], has_data[i] = _flags(
            d[i], t[i], h[i], tol[i], a[i], strict[i], ambitious
        )
    return rate, met, exceeded, has_data


@numba.njit(**_JIT)
def _classify(rate, met, exceeded, has_data, neg, head, no_data):  # pragma: no cover
    n = len(rate)
    out = np.empty(n, dtype=np.int8)
    for i in range(n):
        out[i] = _class(rate[i], met[i], exceeded[i], has_data[i], neg, head, no_data)
    return out


@numba.njit(**_JIT)
def _counts(d, t, h, tol, a, strict, ambitious, cap, neg, head, no_data):  # pragma: no cover
    # Chunk by chunk, each in a loop of its own that LLVM vectorises, the chunk staying in
    # the CPU cache: the rates, the flags, the classes, then one vectorised count per class
    # (a scatter ``counts[code] += 1`` would not vectorise). The chunk's columns are sliced
    # first: indexing ``d[start + k]`` inside the loops kept LLVM from vectorising them, and
    # flags and classes in one loop were slower than in two (measured: 1,26 → 0,62 ms for a
    # period of 201.300 rows).
    n = len(a)
    counts = np.zeros(no_data + 1, dtype=np.int64)
    rate = np.empty(_CHUNK, dtype=np.float64)
    met = np.empty(_CHUNK, dtype=np.bool_)
    exceeded = np.empty(_CHUNK, dtype=np.bool_)
    has_data = np.empty(_CHUNK, dtype=np.bool_)
    codes = np.empty(_CHUNK, dtype=np.int8)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        size = stop - start
        dc, tc, hc, tolc = d[start:stop], t[start:stop], h[start:stop], tol[start:stop]
        ac, sc = a[start:stop], strict[start:stop]
        for k in range(size):
            rate[k] = _rate(dc[k], tc[k], hc[k], tolc[k], ac[k], ambitious, cap)
        for k in range(size):
            met[k], exceeded[k], has_data[k] = _flags(
                dc[k], tc[k], hc[k], tolc[k], ac[k], sc[k], ambitious
            )
        for k in range(size):
            codes[k] = _class(rate[k], met[k], exceeded[k], has_data[k], neg, head, no_data)
        for c in range(no_data + 1):
            found = 0
            for k in range(size):
                found += codes[k] == c
            counts[c] += found
    return counts


_CHUNK = 4096


def padded(neg: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """The negated thresholds padded with +inf to :data:`SLOTS`; None if there are more."""
    if len(neg) > SLOTS:
        return None
    out = np.full(SLOTS, np.inf)
    out[: len(neg)] = neg
    return out


def _strict(strict: NDArray[np.bool_] | None, n: int) -> NDArray[np.bool_]:
    """The strict flags, all False where the scheme counts figures equal to a strict
    bound (a column rather than a switch keeps the loops free of branches)."""
    if strict is None:
        return np.zeros(n, dtype=np.bool_)
    return np.ascontiguousarray(np.broadcast_to(strict, (n,)), dtype=np.bool_)


def _plain(*columns: NDArray, dtypes: tuple) -> list[NDArray]:
    """The columns as the kernels were compiled for them: as long as the last one (a
    kernel does not check bounds; a column of one value is repeated, as NumPy
    broadcasts), contiguous, of one type each. Broadcast views (stride 0, read-only) are
    copied, ordinary columns pass untouched, so each kernel is compiled once rather than
    once per layout."""
    n = np.shape(columns[-1])[0]
    return [
        np.ascontiguousarray(np.broadcast_to(c, (n,)), dtype=t)
        for c, t in zip(columns, dtypes, strict=True)
    ]


_F8, _B1 = np.float64, np.bool_
_ROWS = (np.int8, _F8, _F8, _F8, _F8)
_ACH = (_F8, _B1, _B1, _B1)


def achievement(
    direction: NDArray[np.int8],
    target: NDArray[np.float64],
    high: NDArray[np.float64],
    tol: NDArray[np.float64],
    actual: NDArray[np.float64],
    *,
    strict: NDArray[np.bool_] | None,
    ambitious: bool,
    rate_cap: float,
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    """(rate, met, exceeded, has_data) columns, as :func:`~.rates.achievement` computes
    them after any change against a baseline has been applied to ``actual``."""
    columns = _plain(direction, target, high, tol, actual, dtypes=_ROWS)
    return _achievement(
        *columns,
        _strict(strict, len(columns[-1])),
        bool(ambitious),
        float(rate_cap),
    )


def classify(
    rate: NDArray[np.float64],
    met: NDArray[np.bool_],
    exceeded: NDArray[np.bool_],
    has_data: NDArray[np.bool_],
    *,
    neg: NDArray[np.float64],
    head: int,
    no_data: int,
) -> NDArray[np.int8]:
    """Class indices, as :func:`~.classify.classify` computes them; ``neg`` holds the
    middle bands' minimum rates negated (ascending), :func:`padded`."""
    return _classify(
        *_plain(rate, met, exceeded, has_data, dtypes=_ACH), neg, int(head), int(no_data)
    )


def class_counts(
    direction: NDArray[np.int8],
    target: NDArray[np.float64],
    high: NDArray[np.float64],
    tol: NDArray[np.float64],
    actual: NDArray[np.float64],
    *,
    strict: NDArray[np.bool_] | None,
    ambitious: bool,
    rate_cap: float,
    neg: NDArray[np.float64],
    head: int,
    no_data: int,
) -> NDArray[np.int64]:
    """Number of rows per class index, achievement and classification fused: no column
    but the counts is written. ``neg`` as for :func:`classify`."""
    columns = _plain(direction, target, high, tol, actual, dtypes=_ROWS)
    return _counts(
        *columns,
        _strict(strict, len(columns[-1])),
        bool(ambitious),
        float(rate_cap),
        neg,
        int(head),
        int(no_data),
    )
