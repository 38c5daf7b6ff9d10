"""``display.number`` and ``display.percent`` write what Django's ``number_format`` wrote
before them (they moved to the engine's writer for speed), in Vietnamese and in English."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nghiquyet.engine import round_half_away
from nghiquyet.plans import display
from nghiquyet.plans.display import decimals_needed


def django_number(value, max_decimals: int) -> str:
    """The previous implementation, kept as the reference."""
    places = decimals_needed(round_half_away(float(value), max_decimals), max_decimals)
    return formats.number_format(
        round_half_away(float(value), places), places, use_l10n=True, force_grouping=True
    )


def django_percent(value, decimals: int) -> str:
    rounded = round_half_away(float(value), decimals)
    return formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True) + "%"


values = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False).map(Decimal),
    st.sampled_from([0.005, 69.995, 1234.5, 0.1 + 0.2, 2.675, 1e-9, 999.9995, 150, 73]),
)


@settings(max_examples=400, deadline=None)
@given(value=values, places=st.integers(0, 4), language=st.sampled_from(["vi", "en"]))
def test_number_and_percent_write_what_number_format_wrote(value, places, language):
    # Within the 15 significant digits both round to (beyond them a float's digits are noise).
    assume(abs(float(value)) * 10**places < 1e14)
    with translation.override(language):
        expected = django_number(value, places)
        # Django wrote minus zero ("-0"); the engine's writer does not.
        if expected.lstrip("-").strip("0.,") == "":
            expected = expected.lstrip("-")
        assert display.number(value, places) == expected
        expected_pct = django_percent(value, places)
        if expected_pct.lstrip("-").strip("0.,%") == "":
            expected_pct = expected_pct.lstrip("-")
        assert display.percent(value, places) == expected_pct


def test_vietnamese_and_english_examples():
    with translation.override("vi"):
        assert display.number(1234.5, 2) == "1.234,5"
        assert display.number(Decimal("6388.30"), 2) == "6.388,3"
        assert display.percent(48.666, 2) == "48,67%"
        assert display.number(None) == "" and display.percent(float("nan")) == ""
    with translation.override("en"):
        assert display.number(1234.5, 2) == "1,234.5"
        assert display.percent(48.666, 1) == "48.7%"


def test_numbers_held_in_the_language_active_when_the_block_began():
    with translation.override("en"), display.numbers_in_active_language():
        assert display.number(1234.5) == "1,234.5"
    with translation.override("vi"):
        with display.numbers_in_active_language():
            assert display.number(1234.5) == "1.234,5"
        with translation.override("en"):  # the hold ended with its block
            assert display.number(1234.5) == "1,234.5"
