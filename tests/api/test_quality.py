"""The API checks figures with the same data-quality rules as the grid (issue 12, item 2)."""

from decimal import Decimal

import pytest

from nghiquyet.plans.services import quality_rule_create
from nghiquyet.reporting.models import Submission

pytestmark = pytest.mark.django_db


def test_a_figure_pushed_through_the_api_is_flagged_by_an_offices_rule(as_user, users, units):
    anhoi = Submission.objects.get(round__period__key="2021-H1", unit__code="28777-cu")
    jobs = anhoi.entries.select_related("target__indicator").get(target__code="23")
    quality_rule_create(
        acting_user=users["vanphong.thanhpho"],
        indicator=jobs.target.indicator,
        unit=anhoi.round.plan.unit,
        kind="range",
        high=Decimal(1000),
    )
    response = as_user("baocao.anhoi").patch(
        f"/submissions/{anhoi.pk}/entries",
        {"revision": anhoi.revision, "entries": [{"id": jobs.pk, "value": "1.500"}]},
    )
    assert response.status_code == 200, response.json()
    jobs.refresh_from_db()
    assert jobs.implausible and "1.500 cao hơn 1.000" in jobs.quality
    row = next(e for e in response.json()["entries"] if e["id"] == jobs.pk)
    assert row["implausible"] is True
