from decimal import Decimal

import pytest

from nghiquyet.engine import emulation as scoring


def test_share_and_points_round_half_away():
    share = scoring.share_of(7, 8)
    assert share == Decimal("0.8750")
    assert scoring.criterion_points(share, Decimal("20")) == Decimal("17.50")
    assert scoring.criterion_points(scoring.share_of(1, 3), Decimal("10")) == Decimal("3.33")
    assert scoring.criterion_points(scoring.share_of(2, 3), Decimal("10")) == Decimal("6.67")


def test_nothing_counted_is_no_share_and_no_points_not_zero():
    assert scoring.share_of(0, 0) is None
    assert scoring.criterion_points(None, Decimal("30")) is None


def test_weighted_total_skips_missing_points():
    total = scoring.weighted_total(
        [Decimal("10"), None, Decimal("7.5")], [Decimal("2"), Decimal("1"), Decimal("1")]
    )
    assert total == Decimal("27.50")


def test_competition_ranks_share_equal_totals():
    totals = [Decimal("80"), Decimal("95"), Decimal("80"), Decimal("60")]
    assert scoring.competition_ranks(totals) == [2, 1, 2, 4]


@pytest.mark.parametrize(("hits", "counted"), [(-1, 3), (4, 3)])
def test_impossible_counts_are_refused(hits, counted):
    with pytest.raises(ValueError, match="outside"):
        scoring.share_of(hits, counted)
