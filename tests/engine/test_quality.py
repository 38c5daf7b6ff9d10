"""The data-quality checks' numbers (engine.quality)."""

from nghiquyet.engine import quality as q


def test_same_kind_history_gives_its_min_max_widened_by_half_the_median():
    band = q.history_band([11, 9, 13], [], part_of_year=False, percent=False)
    assert (band.low, band.high, band.reference, band.method) == (3.5, 18.5, 11, q.SAME_KIND)
    assert band.holds(10) and not band.holds(30) and not band.holds(3)


def test_a_part_of_the_year_is_judged_against_whole_years_from_zero():
    # Issue 12: 10 accidents in six months after 11 in the whole year were flagged against
    # a "reference" of 5,5 (half of 11). A part of a year may be anything up to 1,5 years.
    band = q.history_band([], [11], part_of_year=True, percent=False)
    assert band.method == q.YEAR_PART and (band.low, band.high) == (0.0, 16.5)
    assert band.holds(10) and band.holds(0) and not band.holds(17)
    # Ten times a ward's yearly jobs in nine months is still flagged.
    assert not q.history_band([], [233], part_of_year=True, percent=False).holds(2330)


def test_percentages_get_twenty_points_and_small_counts_at_least_one():
    band = q.history_band([95.0, 96.5], [], part_of_year=False, percent=True)
    assert (band.low, band.high) == (75.0, 116.5)
    assert q.history_band([0], [], part_of_year=False, percent=False).holds(1)
    assert q.history_band([], [], part_of_year=True, percent=False) is None


def test_whole_numbers_ranges_and_shares():
    assert q.is_whole(1234.0) and not q.is_whole(1234.5)
    assert q.outside(103.8, 0, 100) and not q.outside(50, None, 100) and q.outside(-1, 0, None)
    # Structure shares as Bến Tre prints them: agriculture, industry, services.
    assert q.sums_to([28.5, 39.5, 32.0], 100, 0.5) and not q.sums_to([28, 39, 32], 100, 0.5)
