"""A resolution's targets read from its text (issue 10, item 5): the target sections of four
published resolutions, kept as they were published in ``resolutions/`` (see ``SOURCES``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from nghiquyet.text.resolution import extract_targets

HERE = Path(__file__).parent / "resolutions"

SOURCES = {
    # Nghị quyết Đại hội Đảng bộ huyện Như Xuân (Thanh Hóa), nhiệm kỳ 2020-2025 (trích)
    "nhu-xuan-2020-2025.txt": "http://baothanhhoa.vn/thoi-su/dang-bo-huyen-nhu-xuan-dau-an-mot-nhiem-ky/122491.htm",
    # Nghị quyết Đại hội Đảng bộ thành phố Hà Nội lần thứ XVII: các chỉ tiêu chủ yếu (trích)
    "ha-noi-2020-2025.md": "https://beta.nhandan.com.vn/tranghanoi-tin-chung/cac-chi-tieu-chu-yeu-den-nam-2025-620613/",
    # Nghị quyết 11/NQ-HĐND tỉnh Phú Thọ về kế hoạch phát triển kinh tế - xã hội năm 2023
    "phu-tho-2023.txt": "http://phuthodfa.gov.vn/nghi-quyet-ve-ke-hoach-phat-trien-kinh-te-xa-hoi-nam-2023/8597/index.html",
    # Nghị quyết HĐND tỉnh Lào Cai: 25 chỉ tiêu năm 2024
    "lao-cai-2024.txt": "http://laocaitv.vn/tin-trong-nuoc/25-chi-tieu-phan-dau-nam-2024",
}


def extract(name: str):
    return extract_targets((HERE / name).read_text(encoding="utf-8").splitlines())


def test_every_fixture_has_its_source():
    assert sorted(p.name for p in HERE.iterdir()) == sorted(SOURCES)


def test_numbered_lines_under_roman_headings():
    ex = extract("nhu-xuan-2020-2025.txt")
    assert [g.title for g in ex.groups] == [
        "Về kinh tế (11 chỉ tiêu)",
        "Về văn hóa - xã hội (10 chỉ tiêu)",
    ]
    assert [t.number for t in ex.groups[0].targets] == [str(n) for n in range(1, 12)]
    assert ex.flagged == []
    # the section's title is not a target, and is said so
    assert ex.unread == [(1, "CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025")]
    t = {t.number: t for t in ex.targets}
    assert t["10"].name == "Tỷ lệ đô thị hóa đến năm 2025" and t["10"].target_text == "16% trở lên"
    assert (t["10"].form.low, t["10"].form.unit) == (Decimal("16"), "%")
    assert t["12"].form.direction == "lower" and t["12"].form.strict
    # "đạt 16%, trong đó: Nông, lâm, thủy sản tăng 6%; …" — a growth rate and its parts
    assert [p.name for p in t["1"].form.parts] == [
        "Nông, lâm, thủy sản",
        "công nghiệp - xây dựng",
        "dịch vụ",
    ]
    assert t["1"].form.parts[1].form.low == Decimal("18.4")
    assert t["6"].name == "Tổng huy động vốn đầu tư phát triển thời kỳ 2021-2025"


def test_items_inside_a_paragraph_and_structure_bands():
    ex = extract("ha-noi-2020-2025.md")
    assert [g.title for g in ex.groups] == ["Về kinh tế", "Về văn hóa - xã hội"]
    t = {t.number: t for t in ex.targets}
    assert t["1"].form.per_year and (t["1"].form.low, t["1"].form.high) == (
        Decimal("7.5"),
        Decimal("8"),
    )
    # "(2) Cơ cấu kinh tế năm 2025: Dịch vụ chiếm từ 65,0 đến 65,5%; …": three bands
    assert [t[c].form.direction for c in ("2.1", "2.2", "2.3")] == ["band"] * 3
    assert t["2.1"].name == "Cơ cấu kinh tế năm 2025: Dịch vụ"
    assert t["4"].form.also.low == Decimal("12.5")  # "(…, tăng từ 12,5 đến 13,5%/năm)"
    assert t["11"].form.direction == "lower"
    assert t["12"].form.direction == "yes_no"
    assert ex.unread == [(1, "Các chỉ tiêu chủ yếu đến năm 2025")]


def test_bullets_are_numbered_and_what_cannot_be_read_is_flagged():
    ex = extract("phu-tho-2023.txt")
    assert [g.title for g in ex.groups] == ["Về kinh tế", "Về xã hội", "Về môi trường"]
    t = {t.number: t for t in ex.targets}
    assert t["1"].target_text == "phấn đấu từ 7,5% trở lên"
    assert [t[c].name for c in ("3.1", "3.2", "3.3")] == [
        "Cơ cấu kinh tế: Công nghiệp - xây dựng",
        "Cơ cấu kinh tế: dịch vụ",
        "Cơ cấu kinh tế: nông lâm nghiệp, thủy sản",
    ]
    assert t["9"].form.comparison == "change_points"  # "Tỷ lệ hộ nghèo giảm từ 0,5% trở lên"
    flagged = {f.number: f for f in ex.flagged}
    assert sorted(flagged) == ["10", "12", "13"]
    assert "con số" in flagged["10"].problem and "viết như nghị quyết ghi" in flagged["10"].problem
    # nothing silently dropped: the heading with no target and the trailing note are listed
    assert ex.unread == [
        (1, "Các chỉ tiêu chủ yếu:"),
        (20, "Chi tiết tài liệu đính kèm: Nghị quyết số 11/NQ-HĐND"),
    ]


def test_counted_headings():
    ex = extract("lao-cai-2024.txt")
    assert [g.title for g in ex.groups] == [
        "11 chỉ tiêu kinh tế gồm",
        "8 chỉ tiêu xã hội gồm",
        "3 chỉ tiêu môi trường gồm",
    ]
    t = {t.number: t for t in ex.targets}
    assert t["1"].form.strict and t["1"].form.low == Decimal("10")  # "Trên 10%"
    assert t["8.1"].name == "Tổng khách du lịch" and t["8.2"].name == "Doanh thu"
    assert [f.number for f in ex.flagged] == ["19"]  # "72 xã đạt 19 tiêu chí nông thôn mới"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_json_names_every_line(name):
    """Every non-empty line is a heading, a target or unread: none is lost."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    ex = extract(name)
    data = ex.to_dict()
    seen = {u["line"] for u in data["unread"]}
    seen |= {t["line"] for g in data["groups"] for t in g["targets"]}
    seen |= {g.line for g in ex.groups}
    assert seen == {i for i, line in enumerate(lines, start=1) if line.strip()}
    for g in data["groups"]:
        for t in g["targets"]:
            assert {"number", "name", "target_text", "direction", "low", "high", "unit"} <= set(t)
            assert {"comparison", "approximate", "parts"} <= set(t)
