"""Classification schemes: turning achievement into classes such as "xấp xỉ đạt".

A scheme is data, not code: an ordered list of bands, each with a stable key,
a lower-inclusive minimum rate and a Vietnamese label. The rules are:

- the first band (key ``achieved``) holds every target that was *met*
  (:attr:`~nghiquyet.engine.rates.Achievement.met`), whatever its rate; a scheme
  may put a band ``exceeded`` ("vượt") before it, which takes the met targets
  that were beaten outright (:attr:`~nghiquyet.engine.rates.Achievement.exceeded`);
- any other target falls into the first later band whose minimum is at most
  its rate, rounded to two decimals half away from zero as offices print it (a
  rate printed "90,00 %" is "xấp xỉ đạt", never "đạt trên 80 %"); a target that
  is not met stays out of ``achieved`` even when its rate prints "100,00 %";
- the last band (key ``not_achieved``) has no minimum and takes the rest,
  including targets whose rate has no meaning;
- a target with no data is ``no_data`` ("chưa có số liệu"), never silently
  "không đạt".

Three presets ship: :data:`BANDS` (seed 001), :data:`BINARY` (national plans) and
:data:`DAT_VUOT` ("vượt / đạt / không đạt", as several provinces publish). A
province sets its own thresholds, labels ("chưa đạt" for "không đạt") and options
with a JSON file, see :func:`scheme_from_dict`. The options say how a province
judges: whether a figure equal to a strict bound ("dưới 4 %": 4) counts
(``strict_met``, yes by default) and which bound of a range decides
(``range_bound``: ``lenient`` by default, ``ambitious`` as Ninh Thuận).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import dispatch
from .numbers import round_half_away
from .rates import (
    BLOCK,
    RATE_CAP,
    Achievement,
    RangeBound,
    _column,
    _direction_column,
    achievement,
)

ACHIEVED = "achieved"
EXCEEDED = "exceeded"
NOT_ACHIEVED = "not_achieved"
NO_DATA = "no_data"
NO_DATA_LABEL = "chưa có số liệu"

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class SchemeError(ValueError):
    """A classification scheme that cannot be used; the message is Vietnamese."""


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    #: lower-inclusive minimum rate in percent; None for the last band
    min_rate: float | None


@dataclass(frozen=True)
class Scheme:
    key: str
    name: str
    bands: tuple[Band, ...]
    #: a figure equal to a strict bound ("trên 90": 90) meets it
    strict_met: bool = True
    #: which bound of a range decides and rates (:class:`~nghiquyet.engine.rates.RangeBound`)
    range_bound: str = RangeBound.LENIENT.value

    @property
    def head(self) -> int:
        """Number of bands that hold met targets: 2 with ``exceeded``, else 1."""
        return 2 if self.bands[0].key == EXCEEDED else 1

    @property
    def options(self) -> dict[str, Any]:
        """The options :func:`~nghiquyet.engine.rates.achievement` takes from the scheme."""
        return {"strict_met": self.strict_met, "range_bound": self.range_bound}

    @property
    def keys(self) -> tuple[str, ...]:
        """Class keys in order, ending with ``no_data``."""
        return (*(b.key for b in self.bands), NO_DATA)

    @property
    def labels(self) -> dict[str, str]:
        return {**{b.key: b.label for b in self.bands}, NO_DATA: NO_DATA_LABEL}

    @property
    def no_data_index(self) -> int:
        return len(self.bands)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "bands": [{"key": b.key, "label": b.label, "min_rate": b.min_rate} for b in self.bands],
        }
        # Options are written only where they differ from how most provinces judge.
        if not self.strict_met:
            data["strict_met"] = False
        if self.range_bound != RangeBound.LENIENT:
            data["range_bound"] = self.range_bound
        return data


def scheme_from_dict(data: Mapping[str, Any]) -> Scheme:
    """Build and validate a scheme from its JSON form.

    ``{"key": "…", "name": "…", "bands": [{"key": "achieved", "label": "đạt và
    vượt", "min_rate": 100}, …, {"key": "not_achieved", "label": "không đạt",
    "min_rate": null}]}``, optionally with ``"strict_met": false`` and
    ``"range_bound": "ambitious"``. A first band ``exceeded`` ("vượt") before
    ``achieved`` takes the met targets that were beaten outright. Raises
    :class:`SchemeError` with a Vietnamese message.
    """
    if not isinstance(data, Mapping):
        raise SchemeError("Bảng phân loại phải là một đối tượng JSON.")
    key = str(data.get("key") or "").strip()
    if not _KEY_RE.match(key.replace("-", "_")):
        raise SchemeError("Bảng phân loại thiếu trường 'key' hợp lệ (chữ thường, số, '_', '-').")
    raw_bands = data.get("bands")
    if not isinstance(raw_bands, Sequence) or isinstance(raw_bands, str) or len(raw_bands) < 2:
        raise SchemeError("Bảng phân loại phải có ít nhất 2 mức trong trường 'bands'.")
    bands: list[Band] = []
    for i, raw in enumerate(raw_bands, start=1):
        if not isinstance(raw, Mapping):
            raise SchemeError(f"Mức thứ {i} của bảng phân loại không phải là đối tượng JSON.")
        bkey = str(raw.get("key") or "")
        if not _KEY_RE.match(bkey) or bkey == NO_DATA:
            raise SchemeError(f"Mức thứ {i}: khóa '{bkey}' không hợp lệ.")
        label = str(raw.get("label") or "").strip()
        if not label:
            raise SchemeError(f"Mức thứ {i} ('{bkey}'): thiếu nhãn 'label'.")
        min_rate = raw.get("min_rate")
        if min_rate is not None:
            try:
                min_rate = float(min_rate)
            except (TypeError, ValueError):
                raise SchemeError(
                    f"Mức thứ {i} ('{bkey}'): 'min_rate' phải là một số (phần trăm)."
                ) from None
            if not np.isfinite(min_rate):
                raise SchemeError(f"Mức thứ {i} ('{bkey}'): 'min_rate' phải là số hữu hạn.")
        bands.append(Band(bkey, label, min_rate))
    head = 2 if bands[0].key == EXCEEDED else 1
    if bands[head - 1].key != ACHIEVED:
        raise SchemeError(
            f"Mức đầu tiên của bảng phân loại phải có khóa '{ACHIEVED}' (hoặc '{EXCEEDED}' "
            f"rồi '{ACHIEVED}')."
        )
    if bands[-1].key != NOT_ACHIEVED or bands[-1].min_rate is not None:
        raise SchemeError(
            f"Mức cuối cùng phải có khóa '{NOT_ACHIEVED}' và không có ngưỡng (min_rate: null)."
        )
    if len({b.key for b in bands}) != len(bands):
        raise SchemeError("Các mức của bảng phân loại có khóa trùng nhau.")
    if len(bands) <= head:
        raise SchemeError(f"Bảng phân loại phải có mức '{NOT_ACHIEVED}' sau '{ACHIEVED}'.")
    middle = [b.min_rate for b in bands[head:-1]]
    if any(m is None for m in middle):
        raise SchemeError("Mọi mức, trừ mức cuối, phải có ngưỡng 'min_rate'.")
    if any(a <= b for a, b in pairwise(middle)):
        raise SchemeError("Ngưỡng 'min_rate' của các mức phải giảm dần.")
    strict_met = data.get("strict_met", True)
    if not isinstance(strict_met, bool):
        raise SchemeError("Tùy chọn 'strict_met' phải là true hoặc false.")
    range_bound = str(data.get("range_bound") or RangeBound.LENIENT.value)
    if range_bound not in {b.value for b in RangeBound}:
        raise SchemeError(
            "Tùy chọn 'range_bound' phải là 'lenient' (cận dễ đạt) hoặc 'ambitious' (cận cao)."
        )
    return Scheme(
        key=key,
        name=str(data.get("name") or key),
        bands=tuple(bands),
        strict_met=strict_met,
        range_bound=range_bound,
    )


def load_scheme(path: str | Path) -> Scheme:
    """Read a scheme from a JSON file (UTF-8)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SchemeError(f"Không tìm thấy tệp bảng phân loại '{path}'.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"Không đọc được tệp bảng phân loại '{path}': {exc}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemeError(
            f"Tệp bảng phân loại '{path}' không phải JSON hợp lệ (dòng {exc.lineno}, "
            f"cột {exc.colno})."
        ) from None
    return scheme_from_dict(data)


BANDS = scheme_from_dict(
    {
        "key": "bands",
        "name": "Sáu mức (đạt và vượt … không đạt)",
        "bands": [
            {"key": "achieved", "label": "đạt và vượt", "min_rate": 100},
            {"key": "near", "label": "xấp xỉ đạt", "min_rate": 90},
            {"key": "above_80", "label": "đạt trên 80%", "min_rate": 80},
            {"key": "above_70", "label": "đạt trên 70%", "min_rate": 70},
            {"key": "above_50", "label": "đạt trên 50%", "min_rate": 50},
            {"key": "not_achieved", "label": "không đạt", "min_rate": None},
        ],
    }
)

BINARY = scheme_from_dict(
    {
        "key": "binary",
        "name": "Hai mức (đạt / không đạt)",
        "bands": [
            {"key": "achieved", "label": "đạt", "min_rate": 100},
            {"key": "not_achieved", "label": "không đạt", "min_rate": None},
        ],
    }
)

DAT_VUOT = scheme_from_dict(
    {
        "key": "dat_vuot",
        "name": "Ba mức (vượt / đạt / không đạt)",
        "bands": [
            {"key": "exceeded", "label": "vượt", "min_rate": None},
            {"key": "achieved", "label": "đạt", "min_rate": 100},
            {"key": "not_achieved", "label": "không đạt", "min_rate": None},
        ],
    }
)

PRESETS: dict[str, Scheme] = {BANDS.key: BANDS, BINARY.key: BINARY, DAT_VUOT.key: DAT_VUOT}


def _negated_thresholds(scheme: Scheme) -> NDArray[np.float64]:
    # thresholds are descending; negate them to search an ascending array
    return -np.array([b.min_rate for b in scheme.bands[scheme.head : -1]], dtype=np.float64)


def classify(scheme: Scheme, ach: Achievement, *, compiled: bool | None = None) -> NDArray[np.int8]:
    """Class of every target as an index into ``scheme.keys``.

    Long columns go through the compiled kernel where numba runs (``compiled`` forces
    the choice, as for :func:`~.rates.achievement`); the classes are the same.
    """
    n = len(ach)
    neg = _negated_thresholds(scheme)
    kernel = dispatch.use_kernel(n, compiled)
    slots = kernel.padded(neg) if kernel is not None else None
    if slots is not None:
        return kernel.classify(
            ach.rate,
            ach.met,
            ach.exceeded,
            ach.has_data,
            neg=slots,
            head=scheme.head,
            no_data=scheme.no_data_index,
        )
    out = np.empty(n, dtype=np.int8)
    for start in range(0, max(n, 1), BLOCK):
        part = slice(start, start + BLOCK)
        out[part] = _classify_block(
            scheme, neg, ach.rate[part], ach.met[part], ach.exceeded[part], ach.has_data[part]
        )
    return out


def _classify_block(scheme, neg, rate, met, exceeded, has_data) -> NDArray[np.int8]:
    head = scheme.head
    out = np.full(len(rate), len(scheme.bands) - 1, dtype=np.int8)
    if len(neg):
        shown = round_half_away(rate, 2)
        finite = ~np.isnan(shown)
        out[finite] = (np.searchsorted(neg, -shown[finite], side="left") + head).astype(np.int8)
    out[met] = head - 1
    if head == 2:
        out[met & exceeded] = 0
    out[~has_data] = scheme.no_data_index
    return out


def class_keys(scheme: Scheme, codes: NDArray[np.integer]) -> list[str]:
    """Class keys for an array of class indices."""
    keys = np.array(scheme.keys, dtype=object)
    return keys[np.asarray(codes, dtype=np.intp)].tolist()


def count_classes(scheme: Scheme, codes: NDArray[np.integer]) -> dict[str, int]:
    """Number of targets per class, every class of the scheme present (0 where none)."""
    counts = np.bincount(np.asarray(codes, dtype=np.intp), minlength=len(scheme.keys))
    return {k: int(c) for k, c in zip(scheme.keys, counts, strict=True)}


def class_counts(
    scheme: Scheme,
    direction: ArrayLike,
    target: ArrayLike,
    actual: ArrayLike,
    *,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
    strict: ArrayLike | None = None,
    rate_cap: float = RATE_CAP,
    compiled: bool | None = None,
) -> dict[str, int]:
    """Number of targets per class of ``scheme``, straight from the columns.

    The same answer as ``count_classes(scheme, classify(scheme, achievement(...,
    **scheme.options)))`` — what a dashboard counts — computed in one fused pass by the
    compiled kernel where it runs (no rate, flag or class column is written), else
    through those three functions. Targets that change against a baseline go through
    :func:`~.rates.achievement` first.
    """
    act = np.asarray(actual, dtype=np.float64).reshape(-1)
    kernel = dispatch.use_kernel(len(act), compiled)
    slots = kernel.padded(_negated_thresholds(scheme)) if kernel is not None else None
    if slots is None:
        ach = achievement(
            direction,
            target,
            act,
            target_high=target_high,
            tolerance=tolerance,
            strict=strict,
            rate_cap=rate_cap,
            compiled=False,
            **scheme.options,
        )
        return count_classes(scheme, classify(scheme, ach, compiled=False))
    n = len(act)
    counts = kernel.class_counts(
        _direction_column(direction, n),
        _column(target, n),
        _column(target_high, n),
        _column(tolerance, n, 0.0),
        act,
        strict=None if strict is None or scheme.strict_met else strict,
        ambitious=RangeBound(scheme.range_bound) == RangeBound.AMBITIOUS,
        rate_cap=rate_cap,
        neg=slots,
        head=scheme.head,
        no_data=scheme.no_data_index,
    )
    return {k: int(c) for k, c in zip(scheme.keys, counts, strict=True)}
