"""Classification schemes, band boundaries and the headline sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nghiquyet import engine
from nghiquyet.engine import BANDS, BINARY, Achievement, SchemeError


def from_rates(rates: list[float], met: list[bool] | None = None) -> Achievement:
    """An achievement column with the given rates; nothing met unless said."""
    rate = np.asarray(rates, dtype=np.float64)
    met_arr = np.zeros(len(rate), bool) if met is None else np.asarray(met, bool)
    return Achievement(
        rate=rate, met=met_arr, exceeded=np.zeros(len(rate), bool), has_data=~np.isnan(rate)
    )


def keys(scheme: engine.Scheme, ach: Achievement) -> list[str]:
    return engine.class_keys(scheme, engine.classify(scheme, ach))


class TestBandBoundaries:
    @pytest.mark.parametrize(
        ("rate", "expected"),
        [
            (99.99, "near"),
            (90.0, "near"),
            (89.99, "above_80"),
            (80.0, "above_80"),
            (79.99, "above_70"),
            (70.0, "above_70"),
            (69.99, "above_50"),
            (50.0, "above_50"),
            (49.99, "not_achieved"),
            (0.0, "not_achieved"),
            (-20.0, "not_achieved"),
        ],
    )
    def test_lower_inclusive(self, rate: float, expected: str) -> None:
        assert keys(BANDS, from_rates([rate])) == [expected]

    def test_rounded_to_two_decimals_as_printed(self) -> None:
        # 89,996 % is printed "90,00 %" — so it is "xấp xỉ đạt"; 89,994 % is "89,99 %".
        assert keys(BANDS, from_rates([89.996, 89.994])) == ["near", "above_80"]
        assert engine.format_percent(89.996) == "90,00%"
        assert engine.format_percent(89.994) == "89,99%"

    def test_rate_rounding_to_100_but_not_met_is_near(self) -> None:
        ach = engine.achievement("higher", 20000.0, 19999.0)  # 99,995 % → "100,00 %"
        assert not ach.met[0]
        assert round(float(ach.rate[0]), 1) == 100.0
        assert keys(BANDS, ach) == ["near"]
        assert keys(BINARY, ach) == ["not_achieved"]

    def test_rate_above_100_but_not_met_is_near(self) -> None:
        # met is what decides "đạt", not the rate: e.g. a composite whose failed part
        # has no meaningful rate.
        assert keys(BANDS, from_rates([130.0])) == ["near"]

    def test_met_with_rate_below_100_is_achieved(self) -> None:
        # "khoảng 30 %" reached with 28,5: rate 95 % but met.
        assert keys(BANDS, from_rates([95.0], met=[True])) == ["achieved"]

    def test_nan_rate_with_data_is_not_achieved(self) -> None:
        ach = Achievement(
            rate=np.array([np.nan, np.nan]),
            met=np.array([False, True]),
            exceeded=np.zeros(2, bool),
            has_data=np.array([True, True]),
        )
        assert keys(BANDS, ach) == ["not_achieved", "achieved"]

    def test_missing_is_no_data(self) -> None:
        assert keys(BANDS, from_rates([np.nan])) == ["no_data"]
        assert keys(BINARY, from_rates([np.nan])) == ["no_data"]

    def test_binary(self) -> None:
        ach = from_rates([99.99, 100.0, 150.0, 10.0, np.nan], met=[False, True, True] + [False] * 2)
        assert keys(BINARY, ach) == [
            "not_achieved",
            "achieved",
            "achieved",
            "not_achieved",
            "no_data",
        ]

    def test_custom_thresholds(self) -> None:
        scheme = engine.scheme_from_dict(
            {
                "key": "vinh-long",
                "name": "Vĩnh Long",
                "bands": [
                    {"key": "achieved", "label": "đạt", "min_rate": 100},
                    {"key": "near", "label": "gần đạt", "min_rate": 95},
                    {"key": "not_achieved", "label": "không đạt", "min_rate": None},
                ],
            }
        )
        assert keys(scheme, from_rates([96.0, 95.0, 94.99, 91.0])) == [
            "near",
            "near",
            "not_achieved",
            "not_achieved",
        ]

    def test_empty_column(self) -> None:
        codes = engine.classify(BANDS, from_rates([]))
        assert codes.shape == (0,)
        assert sum(engine.count_classes(BANDS, codes).values()) == 0


class TestSchemeData:
    def test_presets(self) -> None:
        assert BANDS.keys == (
            "achieved",
            "near",
            "above_80",
            "above_70",
            "above_50",
            "not_achieved",
            "no_data",
        )
        assert [b.min_rate for b in BANDS.bands] == [100.0, 90.0, 80.0, 70.0, 50.0, None]
        assert BINARY.keys == ("achieved", "not_achieved", "no_data")
        assert engine.PRESETS == {"bands": BANDS, "binary": BINARY, "dat_vuot": engine.DAT_VUOT}
        assert BANDS.labels["no_data"] == engine.NO_DATA_LABEL == "chưa có số liệu"
        assert BANDS.labels["near"] == "xấp xỉ đạt"

    @pytest.mark.parametrize("scheme", [BANDS, BINARY], ids=["bands", "binary"])
    def test_presets_round_trip(self, scheme: engine.Scheme) -> None:
        again = engine.scheme_from_dict(json.loads(json.dumps(scheme.to_dict())))
        assert again == scheme

    def test_load_scheme_from_file(self, tmp_path: Path) -> None:
        path = tmp_path / "scheme.json"
        path.write_text(json.dumps(BANDS.to_dict(), ensure_ascii=False), encoding="utf-8")
        assert engine.load_scheme(path) == BANDS

    def test_load_scheme_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(SchemeError, match="Không tìm thấy"):
            engine.load_scheme(tmp_path / "nope.json")

    def test_load_scheme_bad_json(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"key": "x", ', encoding="utf-8")
        with pytest.raises(SchemeError, match="không phải JSON hợp lệ"):
            engine.load_scheme(path)


def _bands(*bands: tuple[str, Any]) -> dict[str, Any]:
    return {
        "key": "test",
        "name": "test",
        "bands": [{"key": k, "label": k.replace("_", " "), "min_rate": m} for k, m in bands],
    }


INVALID = {
    "not descending": _bands(
        ("achieved", 100), ("near", 80), ("above_80", 90), ("not_achieved", None)
    ),
    "equal thresholds": _bands(
        ("achieved", 100), ("near", 90), ("above_80", 90), ("not_achieved", None)
    ),
    "missing achieved": _bands(("near", 90), ("above_80", 80), ("not_achieved", None)),
    "achieved not first": _bands(("near", 90), ("achieved", 100), ("not_achieved", None)),
    "missing not_achieved": _bands(("achieved", 100), ("near", 90), ("above_80", 80)),
    "not_achieved with threshold": _bands(("achieved", 100), ("not_achieved", 0)),
    "duplicate keys": _bands(("achieved", 100), ("near", 90), ("near", 80), ("not_achieved", None)),
    "non-numeric min_rate": _bands(
        ("achieved", 100), ("near", "chín mươi"), ("not_achieved", None)
    ),
    "list as min_rate": _bands(("achieved", 100), ("near", [90]), ("not_achieved", None)),
    "infinite min_rate": _bands(("achieved", 100), ("near", float("inf")), ("not_achieved", None)),
    "no_data as key": _bands(("achieved", 100), ("no_data", 90), ("not_achieved", None)),
    "middle without threshold": _bands(("achieved", 100), ("near", None), ("not_achieved", None)),
    "bad key": _bands(("achieved", 100), ("Xấp xỉ", 90), ("not_achieved", None)),
    "one band": _bands(("achieved", 100)),
    "bands not a list": {"key": "x", "bands": "achieved"},
    "no scheme key": {"bands": _bands(("achieved", 100), ("not_achieved", None))["bands"]},
    "empty label": {
        "key": "x",
        "bands": [
            {"key": "achieved", "label": " ", "min_rate": 100},
            {"key": "not_achieved", "label": "không đạt", "min_rate": None},
        ],
    },
    "band not an object": {"key": "x", "bands": ["achieved", "not_achieved"]},
    "not an object": ["achieved", "not_achieved"],
}


class TestInvalidSchemes:
    @pytest.mark.parametrize("data", INVALID.values(), ids=INVALID.keys())
    def test_raises_scheme_error(self, data: Any) -> None:
        with pytest.raises(SchemeError) as info:
            engine.scheme_from_dict(data)
        # the message is for a Vietnamese user
        assert any(ch in str(info.value) for ch in "ảạầấứởờộệịưđ")

    def test_scheme_error_is_a_value_error(self) -> None:
        assert issubclass(SchemeError, ValueError)


class TestCountsAndSummary:
    def test_counts_cover_every_class(self) -> None:
        codes = engine.classify(BANDS, from_rates([95.0, np.nan, 10.0]))
        assert engine.count_classes(BANDS, codes) == {
            "achieved": 0,
            "near": 1,
            "above_80": 0,
            "above_70": 0,
            "above_50": 0,
            "not_achieved": 1,
            "no_data": 1,
        }

    def test_summary_leaves_out_empty_classes_and_counts_no_data(self) -> None:
        counts = {"achieved": 10, "near": 0, "above_80": 2, "not_achieved": 0, "no_data": 3}
        assert engine.summary_sentence(BANDS, counts) == (
            "10/15 chỉ tiêu đạt và vượt; 2/15 chỉ tiêu đạt trên 80%; 3/15 chỉ tiêu chưa có số liệu."
        )

    def test_summary_with_no_targets(self) -> None:
        assert engine.summary_sentence(BANDS, {}) == "Chưa có chỉ tiêu nào để đánh giá."
        assert engine.summary_sentence(BANDS, dict.fromkeys(BANDS.keys, 0)) == (
            "Chưa có chỉ tiêu nào để đánh giá."
        )

    def test_summary_with_translated_labels(self) -> None:
        counts = {"achieved": 3, "not_achieved": 1}
        text = engine.summary_sentence(
            BINARY,
            counts,
            labels={"achieved": "achieved", "not_achieved": "not achieved"},
            noun="targets",
        )
        assert text == "3/4 targets achieved; 1/4 targets not achieved."

    def test_summary_from_classified_column(self) -> None:
        ach = engine.achievement(
            ["higher", "higher", "lower", "yes_no", "higher"],
            [10.0, 10.0, 4.0, np.nan, 10.0],
            [11.0, 9.5, 8.0, np.nan, np.nan],
        )
        counts = engine.count_classes(BANDS, engine.classify(BANDS, ach))
        # 11 ≥ 10 met; 9,5 → 95 % near; 4 / 8 = 50 % above_50; two without data
        assert engine.summary_sentence(BANDS, counts) == (
            "1/5 chỉ tiêu đạt và vượt; 1/5 chỉ tiêu xấp xỉ đạt; 1/5 chỉ tiêu đạt trên 50%; "
            "2/5 chỉ tiêu chưa có số liệu."
        )
