"""Filling reports in tests with figures a ward could plausibly send."""

from decimal import Decimal

from nghiquyet.plans.choices import COUNT_UNITS
from nghiquyet.reporting.models import Value


def plausible_rows(submission, *, as_post: bool = False) -> dict:
    """A figure per entry, close to the unit's last accepted yearly figure.

    Figures that add up over the year are scaled to the part of the year the
    period covers (6 months: half; counts stay whole numbers), ratios are sent as
    numerator / denominator, yes/no targets as met. ``as_post`` gives the grid's POST
    fields instead of the service's rows.
    """
    period = submission.round.period
    share = Decimal(period.spec.months) / 12 if period.kind not in ("year", "term") else 1
    rows = {}
    for e in submission.entries.select_related("target__indicator"):
        target = e.target
        last = (
            Value.objects.current()
            .filter(indicator=target.indicator, unit=e.unit, period__kind="year")
            .order_by("-period__end_date")
            .first()
        )
        base = last.value if last else (target.target_value or Decimal(1))
        if target.direction == "yes_no":
            row = {"value": "1"}
        elif target.indicator.aggregation == "ratio":
            row = {"numerator": str(round(base * 100)), "denominator": "10000", "value": ""}
        else:
            scaled = base * share if target.indicator.nature == "flow" else base
            counted = (target.indicator.unit_of_measure or "").lower() in COUNT_UNITS
            row = {"value": str(round(scaled) if counted else round(scaled, 2)).replace(".", ",")}
        rows[e.pk] = row
    if not as_post:
        return rows
    return {f"e-{pk}-{field}": text for pk, row in rows.items() for field, text in row.items()}
