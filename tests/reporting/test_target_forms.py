"""The forms of targets that resolutions print (issue 10, item 3), evaluated end to end:
strict bounds, a range rated against either bound, a two-sided band, a level with a change,
a reduction in percentage points, "trong đó" parts, the scheme ``dat_vuot``, and a rate
that has no meaning. The figures are those of the issue's published cases."""

from decimal import Decimal

import pytest

from nghiquyet import engine
from nghiquyet.plans.models import ClassificationScheme
from nghiquyet.plans.services import indicator_get_or_create, target_create
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def years():
    return {y: period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, y)) for y in (2030, 2031)}


@pytest.fixture
def plan(system, land):
    return make_plan(land["T1"], "forms-2031")


def target(system, plan, code, unit, figures, years, **form):
    """A target of ``plan`` on an indicator of its own, with ``figures`` {year: value}."""
    indicator = indicator_get_or_create(
        acting_user=system, code=f"forms-{code.replace('.', '-')}", name=code, unit_of_measure=unit
    )
    made = target_create(
        acting_user=system, plan=plan, code=code, name=code, indicator=indicator, **form
    )
    for year, value in figures.items():
        value_record(
            acting_user=system,
            indicator=indicator,
            unit=plan.unit,
            period=years[year],
            value=Decimal(str(value)),
            status="official",
        )
    return made


def rows(system, plan, years, scheme=None):
    ev = plan_evaluation(user=system, plan=plan, period=years[2031], scheme=scheme)
    return ev, {r.target.code: r for r in ev.rows}


def test_a_figure_equal_to_a_strict_bound_counts_unless_the_scheme_says_not(system, plan, years):
    # "< 7,6" with 7,6 reported was "Đạt" (the province's own review).
    target(
        system, plan, "1", "%", {2031: 7.6}, years, direction="lower", target_value=7.6, strict=True
    )
    target(system, plan, "2", "%", {2031: 90}, years, target_value=90, strict=True)  # "trên 90"
    _ev, got = rows(system, plan, years)
    assert got["1"].class_key == got["2"].class_key == "achieved"
    strict = engine.scheme_from_dict({**engine.BINARY.to_dict(), "strict_met": False})
    _ev, got = rows(system, plan, years, strict)
    assert got["1"].class_key == got["2"].class_key == "not_achieved"
    assert got["1"].rate == pytest.approx(100.0)  # the rate is the same; only the verdict moves


def test_a_range_rated_against_its_upper_bound_as_ninh_thuan_does(system, plan, years):
    # Ninh Thuận: 20.105 against "30.000–30.500" is 65,9%.
    target(
        system, plan, "1", "tỷ đồng", {2031: 20105}, years, target_value=30000, target_high=30500
    )
    _ev, got = rows(system, plan, years)
    assert round(got["1"].rate, 2) == 67.02  # against the lower bound, the default
    upper = engine.scheme_from_dict({**engine.BANDS.to_dict(), "range_bound": "ambitious"})
    _ev, got = rows(system, plan, years, upper)
    assert round(got["1"].rate, 1) == 65.9
    # The option is kept on the scheme in the database too.
    scheme = ClassificationScheme.objects.create(
        key="ninh-thuan", name="Ninh Thuận", bands=engine.BANDS.to_dict()["bands"]
    )
    scheme.range_bound = "ambitious"
    assert scheme.to_engine().range_bound == "ambitious"


def test_a_structure_share_is_met_inside_its_band_only(system, plan, years):
    # "nông nghiệp 28-29%, công nghiệp 39-40%, dịch vụ 32-33%" of the economy.
    band = {"direction": "band", "target_value": 28, "target_high": 29}
    target(system, plan, "1", "%", {2031: 28.4}, years, **band)
    target(system, plan, "2", "%", {2031: 30.5}, years, **band)
    target(system, plan, "3", "%", {2031: 26.6}, years, **band)
    _ev, got = rows(system, plan, years)
    assert got["1"].class_key == "achieved" and got["1"].rate == 100.0
    assert got["2"].class_key == "near" and round(got["2"].rate, 2) == 95.08  # 29 / 30,5
    assert got["3"].class_key == "near" and round(got["3"].rate, 2) == 95.0  # 26,6 / 28
    assert not any(r.exceeded for r in got.values())


def test_a_level_and_a_change_in_one_target(system, plan, years):
    # "80,4-80,8 triệu đồng, tăng 10,2-10,71% so với ước thực hiện năm 2017"
    form = {
        "target_value": "80.4",
        "target_high": "80.8",
        "with_change": 1,
        "with_change_low": "10.2",
        "with_change_high": "10.71",
    }
    target(system, plan, "1", "triệu đồng", {2030: 73.0, 2031: 80.6}, years, **form)  # +10,41%
    target(system, plan, "2", "triệu đồng", {2030: 74.0, 2031: 80.5}, years, **form)  # +8,78%
    target(system, plan, "3", "triệu đồng", {2030: 74.0, 2031: 80.5}, years, decided_by=1, **form)
    target(system, plan, "4", "triệu đồng", {2030: 74.0, 2031: 80.5}, years, decided_by=2, **form)
    _ev, got = rows(system, plan, years)
    assert got["1"].class_key == "achieved"
    assert got["2"].class_key == "above_80"  # the level is met, the change is not: 8,78 / 10,2
    assert round(got["2"].rate, 2) == round((80.5 - 74) / 74 * 100 / 10.2 * 100, 2)
    assert got["3"].class_key == "achieved"  # judged by the level only
    assert got["4"].class_key == "above_80"  # judged by the change only


def test_a_rate_is_reduced_in_points_a_count_in_percent(system, plan, years):
    # "giảm 0,7% (còn 4,33%)" of the poverty rate: 5,03% → 4,33% is 0,7 points.
    target(system, plan, "1", "%", {2030: 5.03, 2031: 4.33}, years, target_value=0.7, change=2)
    # "giảm 5-10% số vụ": 112 → 101 cases is a 9,82% fall.
    target(
        system,
        plan,
        "2",
        "vụ",
        {2030: 112, 2031: 101},
        years,
        target_value=5,
        target_high=10,
        change=2,
    )
    # The same fall of a rate, read as a percentage because the office said so: 13,9%.
    target(
        system,
        plan,
        "3",
        "%",
        {2030: 5.03, 2031: 4.33},
        years,
        target_value=0.7,
        change=2,
        change_measure="percent",
    )
    _ev, got = rows(system, plan, years)
    assert got["1"].measured == pytest.approx(0.7) and got["1"].class_key == "achieved"
    assert got["2"].measured == pytest.approx(9.82, abs=0.01) and got["2"].class_key == "achieved"
    assert got["3"].measured == pytest.approx(13.92, abs=0.01)


def test_negative_growth_has_no_rate_but_a_class(system, plan, years):
    # −4,13% against a plan of 2,28%: never "−181%".
    target(system, plan, "1", "%", {2031: -4.13}, years, target_value="2.28")
    _ev, got = rows(system, plan, years)
    assert got["1"].rate is None
    assert got["1"].class_key == "not_achieved"


def test_trong_do_parts_have_their_own_figure_and_the_parent_keeps_its_own(system, plan, years):
    # "từ 12.650 tỷ đồng trở lên (trong đó vốn tư nhân trên 8.250 tỷ đồng)"
    whole = target(system, plan, "1", "tỷ đồng", {2031: 13000}, years, target_value=12650)
    target(
        system,
        plan,
        "1.1",
        "tỷ đồng",
        {2031: 8000},
        years,
        target_value=8250,
        strict=True,
        part_of=whole,
    )
    ev, got = rows(system, plan, years)
    assert list(got) == ["1"] and ev.total == 1  # the part is not a target of its own count
    assert got["1"].class_key == "achieved"  # not a composite: the part does not pull it down
    (part,) = got["1"].parts
    assert part.target.code == "1.1" and part.class_key == "near"


def test_the_dat_vuot_scheme(system, plan, years):
    target(system, plan, "1", "%", {2031: 8}, years, target_value=7)
    target(system, plan, "2", "%", {2031: 7}, years, target_value=7)
    target(system, plan, "3", "%", {2031: 6}, years, target_value=7)
    dat_vuot = ClassificationScheme.objects.get(key="dat_vuot").to_engine()
    ev, got = rows(system, plan, years, dat_vuot)
    assert [got[c].class_key for c in "123"] == ["exceeded", "achieved", "not_achieved"]
    assert ev.summary == "1/3 chỉ tiêu vượt; 1/3 chỉ tiêu đạt; 1/3 chỉ tiêu không đạt."
    chua_dat = engine.scheme_from_dict(
        {
            **engine.DAT_VUOT.to_dict(),
            "bands": [
                *engine.DAT_VUOT.to_dict()["bands"][:2],
                {"key": "not_achieved", "label": "chưa đạt", "min_rate": None},
            ],
        }
    )
    ev, _got = rows(system, plan, years, chua_dat)
    assert ev.summary.endswith("1/3 chỉ tiêu chưa đạt.")


def test_the_forms_are_written_as_offices_write_them(system, plan, years):
    from nghiquyet.plans.display import target_text

    def text(code, unit, **form):
        return target_text(target(system, plan, code, unit, {}, years, **form))

    assert text("1", "%", direction="lower", target_value="7.6", strict=True) == "< 7,6"
    assert text("2", "%", target_value=90, strict=True) == "> 90"
    assert text("3", "%", direction="lower", target_value=4) == "≤ 4"
    assert text("4", "%", target_value="0.7", change=2) == "giảm 0,7 điểm % so với cùng kỳ"
    assert text("5", "vụ", target_value=5, target_high=10, change=2) == (
        "giảm 5 – 10% so với cùng kỳ"
    )
    assert text("6", "%", direction="band", target_value=28, target_high=29) == "28 – 29"
    level_change = {"with_change": 1, "with_change_low": "10.2", "with_change_high": "10.71"}
    assert text("7", "triệu đồng", target_value="80.4", target_high="80.8", **level_change) == (
        "80,4 – 80,8; tăng 10,2 – 10,71% so với cùng kỳ"
    )
