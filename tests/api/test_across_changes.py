"""The API says, like the pages, when a figure was carried across the 2025 reorganisation."""

import pytest

pytestmark = pytest.mark.django_db

NOTE = (
    "tính từ số liệu của Tỉnh Bến Tre, Tỉnh Trà Vinh, Tỉnh Vĩnh Long trước sắp xếp ngày 01/07/2025"
)


def test_vinh_long_evaluation_carries_last_year_from_its_predecessors(as_user):
    body = as_user("vanphong.vinhlong").get("/plans/vinhlong-2026/evaluation").json()
    assert body["period"] == "2026-H1"  # the latest period with figures, as the dashboard
    exports = next(t for t in body["targets"] if t["code"] == "2")
    assert exports["baseline"] == pytest.approx(612.4 + 805.3 + 598.7)
    assert exports["baseline_note"] == NOTE
    assert exports["actual_source"] == "reported" and exports["actual_note"] == ""


def test_target_series_and_units_across_the_change(as_user):
    body = (
        as_user("vanphong.vinhlong")
        .get("/plans/vinhlong-2026/evaluation/targets/8?period=2026-H1")
        .json()
    )
    series = {p["period"]: p for p in body["series"]}
    assert series["2025-H1"]["note"] == NOTE and series["2026-H1"]["note"] == ""
    wards = {b["unit_code"]: b for b in body["breakdown"]}
    assert set(wards) == {"28777", "28756", "28789", "28783", "28858"}
    assert all(b["baseline"] and b["baseline_note"] for b in wards.values())


def test_reference_series_come_with_the_target_series(as_user):
    body = as_user("lanhdao.tinh").get("/plans/tinh-2022/evaluation/targets/1?period=2022").json()
    year = {p["period"]: p for p in body["series"]}["2022"]
    assert year["references"] == [
        {"series": "Cả nước", "value": 8.02},
        {"series": "Vùng Đồng bằng sông Cửu Long", "value": 7.1},
    ]
