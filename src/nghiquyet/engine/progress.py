"""How a target's figures are brought to the period being judged, before any rate is computed.

- **Part of the year.** A period covers a part of a year: 6 months is 0,5 of it, a year or
  a term the whole (:func:`period_share`). A target whose figure adds up over the year — an
  amount or a count of a flow, judged in the year, not as a change (exports, new jobs) —
  owes that part of its annual figure by the end of the period (:func:`accumulates`,
  :func:`owed_shares`); levels and rates are judged against the whole figure at any time
  of the year (the share of mediations that succeeded).
- **Over several years.** A cumulative target (over the term) is judged on the sum of its
  yearly figures, an average target on their mean (:func:`over_years`), from the plan's
  first year up to the period's (:func:`span_years`), and only for a year or a term
  (:func:`judged_over_years`). The years that had a figure and those that had none are
  said with the result (:func:`years_covered`, :func:`years_text`): "cộng dồn 2021–2024
  (thiếu số liệu năm 2022)".
- **Against the whole year.** For a part of the year, the figure so far against the whole
  year's target, in percent (:func:`annual_rate`).

Plain values in, plain values out; the codes are those of the plans and periods
(``"annual"``, ``"flow"``, ``"sum"``, ``"year"``…).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from .forecast import ANNUAL, AVERAGE, CUMULATIVE
from .rates import Change
from .rollup import SUM

#: Kinds of period that cover a whole year (or more) and of those judged over years.
YEAR = "year"
TERM = "term"
#: Natures of an indicator: a flow adds up over the year, a stock is a level at a date.
FLOW = "flow"
STOCK = "stock"


def period_share(kind: str, months: int) -> float:
    """The part of a year a period covers: 0,5 for 6 months, 1 for a year or a term.

    ``months`` is how many months the period spans from the start of its year (a quarter
    is year-to-date: the third quarter is 9 months); a year or a term counts as 1 whatever
    its months.
    """
    if kind in (YEAR, TERM):
        return 1.0
    return max(0, min(months, 12)) / 12


def accumulates(temporal: str, nature: str, aggregation: str, change: int) -> bool:
    """Does the target's figure add up over the year, so that half a year owes half of it?

    Amounts and counts of a flow do (exports, new jobs), when judged in the year and as
    themselves; rates do not, even of a flow (they are a ratio of sums), nor levels, nor
    totals over several years, nor changes against last year.
    """
    return temporal == ANNUAL and nature == FLOW and aggregation == SUM and change == Change.NONE


def owed_shares(
    temporals: Sequence[str],
    natures: Sequence[str],
    aggregations: Sequence[str],
    changes: Sequence[int],
    share: float,
) -> np.ndarray:
    """For each target, the part of its figure owed by the end of the period: ``share`` for a
    target that :func:`accumulates`, else 1."""
    return np.array(
        [
            share if accumulates(t, n, a, c) else 1.0
            for t, n, a, c in zip(temporals, natures, aggregations, changes, strict=True)
        ],
        dtype=float,
    )


def judged_over_years(temporal: str, period_kind: str) -> bool:
    """Is the target judged on several years' figures (cumulative or average), for a period
    of this kind? Only a year or a term is: within a year there is one year's figure."""
    return temporal in (CUMULATIVE, AVERAGE) and period_kind in (YEAR, TERM)


def judged_in_period(temporal: str, period_kind: str) -> bool:
    """Can a period of this kind judge the target at all? A total over the term (cumulative)
    cannot be judged within a year: a half-year's figure set against the whole term's total
    would rate 800 of 7.800 "không đạt" when it is on pace. It is judged by year (against the
    years so far) and at the end of the term."""
    return not (temporal == CUMULATIVE and period_kind not in (YEAR, TERM))


def span_years(
    plan_years: Sequence[int], period_kind: str, period_year: int, period_end_year: int | None
) -> list[int]:
    """The years whose figures a cumulative or average target takes in for a period.

    For a year: the plan's years up to it (the period's year alone when the plan has none
    before). For a term: all the plan's years, or the term's own years (2021–2025 for the
    term 2020–2025) when the plan has none.
    """
    if period_kind == TERM:
        if plan_years:
            return list(plan_years)
        end = period_end_year if period_end_year is not None else period_year
        return list(range(period_year + 1, end + 1))
    return [y for y in plan_years if y <= period_year] or [period_year]


def over_years(values: Sequence[float], temporal: str) -> float:
    """A cumulative target's figure is the sum of its yearly figures; an average target's,
    their mean. NaN when there is none."""
    numbers = [float(v) for v in values if not math.isnan(float(v))]
    if not numbers:
        return math.nan
    if temporal == CUMULATIVE:
        return float(sum(numbers))
    if temporal == AVERAGE:
        return float(np.mean(numbers))
    raise ValueError(f"{temporal!r} is not judged over years")


def years_covered(span: Iterable[int], reported: Iterable[int]) -> tuple[list[int], list[int]]:
    """(the years with a figure, the years of ``span`` without one), each in order."""
    span_set = set(span)
    have = set(reported)
    return sorted(have), sorted(span_set - have)


def years_text(years: Sequence[int]) -> str:
    """ "2021–2024" for consecutive years, "2021, 2023" otherwise (the numbers of a
    derivation's sentence, in any language)."""
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def annual_rate(actual: float | None, target: float | None) -> float | None:
    """The figure so far against the whole year's target, in percent; None without both or
    with a zero target."""
    if actual is None or target is None or target == 0:
        return None
    if math.isnan(actual) or math.isnan(target):
        return None
    return actual / target * 100.0


# --- a term's total at mid-term ---------------------------------------------------------------

#: The pace of a total over the term, judged part-way through it.
ON_PACE = "on_pace"
BEHIND = "behind"
OUT_OF_REACH = "out_of_reach"
PACES = (ON_PACE, BEHIND, OUT_OF_REACH)
#: A total at least this share of what the years so far owe is on pace. 1: exactly the run
#: rate the term forecast uses (:data:`.forecast.RUN_RATE`), so that a total "on pace" is
#: never forecast "khó đạt" in the same review — 59,2% after 3 of 5 years (owing 60%) is
#: behind, and its forecast (7.897 of 8.000) is hard to reach.
PACE_SLACK = 1.0


def term_owed_share(temporal: str, period_kind: str, years_done: int, years_total: int) -> float:
    """The part of a term's total owed after ``years_done`` of its ``years_total`` years.

    A total over the term (cumulative) is judged at mid-term against the years that have
    passed — three years of five owe 60% of it — never against the whole five years; any
    other target, and a total at the end of the term or for the term itself, owes all of it.
    """
    if temporal != CUMULATIVE or period_kind != YEAR or years_total <= 0:
        return 1.0
    if years_done >= years_total:
        return 1.0
    return max(0, years_done) / years_total


def term_pace(
    so_far: float,
    target: float,
    years_done: int,
    years_total: int,
    best_year: float,
    cannot_factor: float,
) -> str:
    """Is a higher-is-better total over the term on pace after ``years_done`` years?

    - :data:`ON_PACE` when the total so far reaches :data:`PACE_SLACK` of the part of the
      target the years so far owe (or the whole target already) — the years left at the
      same yearly pace reach the target;
    - :data:`OUT_OF_REACH` when no year is left, or when each remaining year would have to
      bring more than ``cannot_factor`` times the best year so far (the rule of the term
      forecast, :mod:`.forecast`);
    - :data:`BEHIND` otherwise.
    """
    if so_far >= target:
        return ON_PACE
    if years_total > 0 and so_far >= PACE_SLACK * target * years_done / years_total:
        return ON_PACE
    remaining = years_total - years_done
    if remaining <= 0:
        return OUT_OF_REACH
    needed = (target - so_far) / remaining
    if needed > max(cannot_factor * best_year, 0.0):
        return OUT_OF_REACH
    return BEHIND


def compares_with_last_year(temporal: str) -> bool:
    """Does "so với cùng kỳ" mean something for a target? Not for a total or an average
    over several years: a 2021–2024 running total against the single year 2023 is no change
    (+287,6%), nor is a four-year mean against one year."""
    return temporal not in (CUMULATIVE, AVERAGE)
