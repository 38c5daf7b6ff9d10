"""The synthetic country of the benchmarks: the map before and after 2025, linked by lineage."""

import pytest

from nghiquyet.demo.synthetic import build_country
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.reporting.figures import COMPUTED, LINEAGE, comparable_at, figures_at
from nghiquyet.reporting.models import Value

pytestmark = pytest.mark.django_db


def total(indicator, period, codes_prefix):
    return sum(
        float(v)
        for v in Value.objects.filter(
            indicator=indicator, period=period, unit__code__startswith=codes_prefix
        ).values_list("value", flat=True)
    )


def test_a_small_country_rolls_up_and_compares_across_the_reorganisation():
    c = build_country(
        old_provinces=6, districts=14, old_communes=90, provinces=4, communes=31, log=lambda m: None
    )
    assert c.counts["old_communes"] == 90 and c.counts["new_communes"] == 31
    jobs, poverty = c.indicators
    assert OrgUnit.objects.filter(code__startswith="SP", valid_to__isnull=True).count() == 4

    ids = [c.country.pk] + [p.pk for p in c.provinces]
    now = figures_at(indicators=c.indicators, unit_ids=ids, period=c.after)
    assert now[(jobs.pk, c.country.pk)].value == pytest.approx(total(jobs, c.after, "SN"))
    assert now[(jobs.pk, c.country.pk)].source == COMPUTED
    assert sum(now[(jobs.pk, p.pk)].value for p in c.provinces) == pytest.approx(
        now[(jobs.pk, c.country.pk)].value
    )

    before = comparable_at(
        indicators=c.indicators, unit_ids=ids, period=c.before, ref=c.after.end_date
    )
    country = before[(jobs.pk, c.country.pk)]
    assert country.value == pytest.approx(total(jobs, c.before, "SX"))
    # Each province of today, on the old map: its own old territory plus what it took in.
    took_in = set(
        OrgUnit.objects.filter(code__startswith="SP", predecessor_links__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert len(took_in) == 2
    assert {p.pk for p in c.provinces if before[(jobs.pk, p.pk)].source == LINEAGE} == took_in
    assert {before[(jobs.pk, p.pk)].source for p in c.provinces if p.pk not in took_in} == {
        COMPUTED
    }
    assert sum(before[(jobs.pk, p.pk)].value for p in c.provinces) == pytest.approx(country.value)
    # A ratio of sums across the change, not a mean of rates.
    num = sum(float(v.numerator) for v in Value.objects.filter(indicator=poverty, period=c.before))
    den = sum(
        float(v.denominator) for v in Value.objects.filter(indicator=poverty, period=c.before)
    )
    assert before[(poverty.pk, c.country.pk)].value == pytest.approx(num / den * 100)
