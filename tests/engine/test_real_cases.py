"""Table tests taken from real resolutions and reviews (seeds 000–004).

Every expected figure here is worked out by hand from the documents, not
copied from the engine's output: the comments show the arithmetic.
"""

from __future__ import annotations

import numpy as np
import pytest

from nghiquyet import engine
from nghiquyet.engine import BANDS, BINARY, Achievement, Change


def _classes(scheme: engine.Scheme, ach: Achievement) -> list[str]:
    return engine.class_keys(scheme, engine.classify(scheme, ach))


def _concat(*parts: Achievement) -> Achievement:
    return Achievement(
        rate=np.concatenate([p.rate for p in parts]),
        met=np.concatenate([p.met for p in parts]),
        exceeded=np.concatenate([p.exceeded for p in parts]),
        has_data=np.concatenate([p.has_data for p in parts]),
    )


class TestBenTre2016:
    """Bến Tre, 2016 review: GRDP grew 5,3 % against a target of 6,5 %."""

    def test_grdp_growth_rate_is_ratio_of_rates(self) -> None:
        ach = engine.achievement("higher", 6.5, 5.3)
        # 5,3 / 6,5 = 0,815384… → 81,54 %
        assert round(float(ach.rate[0]), 2) == 81.54
        assert ach.has_data.tolist() == [True]
        assert ach.met.tolist() == [False]
        assert ach.exceeded.tolist() == [False]
        assert engine.format_percent(ach.rate[0]) == "81,54%"

    def test_grdp_growth_class(self) -> None:
        ach = engine.achievement("higher", 6.5, 5.3)
        assert _classes(BANDS, ach) == ["above_80"]
        assert _classes(BINARY, ach) == ["not_achieved"]

    def test_unemployment_below_4_percent(self) -> None:
        # "tỷ lệ thất nghiệp dưới 4 %", actual 4,39 %: lower is better, 4,39 > 4.
        ach = engine.achievement("lower", 4.0, 4.39)
        assert ach.met.tolist() == [False]
        # 4 / 4,39 = 0,911161… → 91,12 %
        assert round(float(ach.rate[0]), 2) == 91.12
        assert _classes(BINARY, ach) == ["not_achieved"]
        assert _classes(BANDS, ach) == ["near"]

    def test_trained_labour(self) -> None:
        # "tỷ lệ lao động qua đào tạo 65 %", actual 64,5 %: 64,5 / 65 = 99,23 %.
        ach = engine.achievement("higher", 65.0, 64.5)
        assert round(float(ach.rate[0]), 2) == 99.23
        assert _classes(BANDS, ach) == ["near"]
        assert _classes(BINARY, ach) == ["not_achieved"]


# (label, direction, target, actual, keyword arguments, expected class under BANDS, rate)
# rate is the hand-computed achievement rate in percent, None where not meaningful.
SEED_001_SIMPLE = [
    # ---- 14 simple targets met ("đạt và vượt") ----
    ("GRDP tăng 6,5%", "higher", 6.5, 7.1, {}, "achieved", 7.1 / 6.5 * 100),
    ("thu ngân sách 6.388,3 tỷ đồng", "higher", 6388.3, 6512.0, {}, "achieved", None),
    ("GRDP bình quân đầu người 60 triệu", "higher", 60.0, 61.2, {}, "achieved", 102.0),
    ("thất nghiệp dưới 4%", "lower", 4.0, 3.8, {}, "achieved", 4 / 3.8 * 100),
    ("tỷ lệ hộ nghèo còn 2,25%", "lower", 2.25, 2.1, {}, "achieved", None),
    ("đô thị hóa khoảng 30%", "higher", 30.0, 29.0, {"tolerance": 0.05}, "achieved", None),
    ("GRDP tăng 6,0 - 6,5%", "higher", 6.0, 6.2, {"target_high": 6.5}, "achieved", None),
    ("đạt chuẩn nông thôn mới", "yes_no", np.nan, 1.0, {}, "achieved", 100.0),
    ("ít nhất 50 tổ hợp tác", "higher", 50.0, 50.0, {}, "achieved", 100.0),
    ("05 xã trở lên", "higher", 5.0, 6.0, {}, "achieved", 120.0),
    (
        "giảm 5 - 10% số vụ tai nạn",
        "higher",
        5.0,
        184.0,
        {"target_high": 10.0, "baseline": 200.0, "change": Change.DECREASE},
        "achieved",
        # (200 - 184) / 200 = 8 % decrease; 8 / 5 = 160 %
        160.0,
    ),
    ("bảo hiểm y tế 95%", "higher", 95.0, 95.2, {}, "achieved", None),
    ("che phủ rừng 33,5%", "higher", 33.5, 33.5, {}, "achieved", 100.0),
    ("kết nạp 1.200 đảng viên", "higher", 1200.0, 1350.0, {}, "achieved", 112.5),
    # ---- 6 near ("xấp xỉ đạt"): rate in [90 %, 100 %), not met ----
    ("lao động qua đào tạo 65%", "higher", 65.0, 64.5, {}, "near", 64.5 / 65 * 100),
    ("thất nghiệp dưới 4% (2016)", "lower", 4.0, 4.39, {}, "near", 4 / 4.39 * 100),
    ("kim ngạch xuất khẩu 2.000 triệu USD", "higher", 2000.0, 1900.0, {}, "near", 95.0),
    ("vốn đầu tư 30.000 tỷ", "higher", 30000.0, 27500.0, {}, "near", 27500 / 300),
    # lower-is-better range: the upper bound 2 decides; 2 / 2,1 = 95,24 %
    ("hộ nghèo còn 1,5 - 2%", "lower", 1.5, 2.1, {"target_high": 2.0}, "near", 2 / 2.1 * 100),
    ("tuyển quân 50 xã", "higher", 50.0, 45.0, {}, "near", 90.0),
    # ---- one each of the lower bands ----
    ("GRDP tăng 6,5% (Bến Tre 2016)", "higher", 6.5, 5.3, {}, "above_80", 5.3 / 6.5 * 100),
    ("khách du lịch 100 nghìn", "higher", 100.0, 75.0, {}, "above_70", 75.0),
    ("hợp tác xã thành lập mới 40", "higher", 40.0, 22.0, {}, "above_50", 55.0),
    ("đạt chuẩn đô thị loại I", "yes_no", np.nan, 0.0, {}, "not_achieved", 0.0),
]


def _seed_001() -> tuple[Achievement, list[str]]:
    parts = []
    expected = []
    for _label, direction, target, actual, kwargs, cls, _rate in SEED_001_SIMPLE:
        parts.append(engine.achievement([direction], [target], [actual], **kwargs))
        expected.append(cls)
    # 25th target, composite: "giảm cả 3 tiêu chí số vụ, số người chết, số người bị
    # thương" — each part a decrease of at least 5 % against last year.
    parts_ach = engine.achievement(
        ["higher"] * 3,
        [5.0, 5.0, 5.0],
        [180.0, 90.0, 150.0],
        baseline=[200.0, 100.0, 170.0],
        change=[Change.DECREASE] * 3,
    )
    parts.append(engine.combine_all([0, 0, 0], parts_ach, 1))
    expected.append("achieved")
    return _concat(*parts), expected


class TestSeed001:
    def test_each_target_lands_in_its_class(self) -> None:
        ach, expected = _seed_001()
        assert len(ach) == 25
        assert _classes(BANDS, ach) == expected

    @pytest.mark.parametrize(
        "row", [r for r in SEED_001_SIMPLE if r[6] is not None], ids=lambda r: r[0]
    )
    def test_hand_computed_rates(self, row: tuple) -> None:
        _label, direction, target, actual, kwargs, _cls, rate = row
        ach = engine.achievement([direction], [target], [actual], **kwargs)
        assert ach.rate[0] == pytest.approx(rate, rel=1e-12)

    def test_counts_and_headline(self) -> None:
        ach, _ = _seed_001()
        counts = engine.count_classes(BANDS, engine.classify(BANDS, ach))
        assert counts == {
            "achieved": 15,
            "near": 6,
            "above_80": 1,
            "above_70": 1,
            "above_50": 1,
            "not_achieved": 1,
            "no_data": 0,
        }
        assert engine.summary_sentence(BANDS, counts) == (
            "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
            "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
        )

    def test_same_targets_under_binary(self) -> None:
        ach, _ = _seed_001()
        counts = engine.count_classes(BINARY, engine.classify(BINARY, ach))
        assert counts == {"achieved": 15, "not_achieved": 10, "no_data": 0}
        assert engine.summary_sentence(BINARY, counts) == (
            "15/25 chỉ tiêu đạt; 10/25 chỉ tiêu không đạt."
        )
