"""Term reviews: can each target of a term resolution still be reached by the end of the term?

A mid-term review ("sơ kết giữa nhiệm kỳ", after two and a half years) and the
reviews after it take the yearly figures so far, forecast the end of the term
(:func:`nghiquyet.engine.term_forecast`: the trend for levels and rates, the
run-rate for totals) and say, with the reasoning, which targets are likely,
hard or impossible to reach — the "dự báo khó đạt" of seed 003.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetChange, TargetDirection, Temporal
from nghiquyet.plans.models import Plan, Target

from ..figures import comparable_at
from ..models import Period

# The outlook labels, for the English catalogue (engine.OUTLOOK_LABELS holds the same).
_OUTLOOKS = (
    gettext_noop("có khả năng đạt"),
    gettext_noop("khó đạt"),
    gettext_noop("không thể đạt"),
    gettext_noop("chưa đủ số liệu để dự báo"),
)


def outlook_labels() -> dict[str, str]:
    return {key: _(label) for key, label in engine.OUTLOOK_LABELS.items()}


@dataclass
class TermRow:
    target: Target
    #: the figure of each year of the term (None where there is none)
    yearly: dict[int, float | None]
    so_far: float | None
    forecast: float | None
    required: float | None
    best: float | None
    years_used: int
    years_left: int
    method: str
    outlook: str
    outlook_label: str
    reason: str
    #: the year the trend hinges on (engine.forecast: an exceptional year), 0 where none
    hinge_year: int = 0
    #: the pace so far (a level's trend per year, a total's or an average's mean per year)
    pace: float | None = None
    #: the year of ``best`` (0 where none)
    best_year: int = 0
    #: the columns of the forecast table, as offices write them: the yearly rate the years
    #: left need, the best year's (with its year), the trend so far
    need_text: str = ""
    best_text: str = ""
    trend_text: str = ""


@dataclass
class TermReview:
    plan: Plan
    years: list[int]
    #: the review year: figures up to it count; the years after it remain
    last_year: int
    rows: list[TermRow]
    labels: dict[str, str]

    @property
    def is_mid_term(self) -> bool:
        return self.last_year == mid_term_year(self.plan)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(engine.OUTLOOKS, 0)
        for r in self.rows:
            counts[r.outlook] += 1
        return counts

    def outlook_items(self) -> list[tuple[str, str, int]]:
        counts = self.counts
        return [(k, self.labels[k], counts[k]) for k in engine.OUTLOOKS]

    @property
    def at_risk(self) -> list[TermRow]:
        """Targets forecast hard or impossible to reach, the ones a review must name."""
        return [r for r in self.rows if r.outlook in (engine.HARD, engine.CANNOT)]

    @property
    def summary(self) -> str:
        counts = self.counts
        parts = [
            f"{counts[k]}/{len(self.rows)} {_('chỉ tiêu')} {self.labels[k]}"
            for k in engine.OUTLOOKS
            if counts[k]
        ]
        return "; ".join(parts) + "." if parts else ""


def mid_term_year(plan: Plan) -> int | None:
    """The year of a mid-term review: two and a half years in, figures up to the third year."""
    years = plan.years
    return years[min(2, len(years) - 1)] if years else None


def _yearly(plan: Plan, targets: list[Target], years: list[int]) -> dict[tuple[int, int], float]:
    """(indicator id, year) → the figure of the plan's unit (carried across changes)."""
    periods = {p.year: p for p in Period.objects.filter(kind="year", year__in=years)}
    indicators = list({t.indicator_id: t.indicator for t in targets}.values())
    out = {}
    for year, period in periods.items():
        got = comparable_at(
            indicators=indicators, unit_ids=[plan.unit_id], period=period, ref=None, rollup=False
        )
        for (ind, _u), fig in got.items():
            if fig.value is not None:
                out[(ind, year)] = fig.value
    return out


def term_review(*, user, plan: Plan, last_year: int | None = None) -> TermReview | None:
    """Forecast every target of a term plan to the end of its term.

    ``last_year`` is the review year (default: the latest year with any figure).
    Returns None for a plan that is not a term plan.
    """
    scope_for(user).require(Action.VIEW, plan.unit)
    years = plan.years
    if not (plan.term_start and plan.term_end and years):
        return None
    targets = list(
        Target.objects.filter(plan=plan, is_composite=False, indicator__isnull=False)
        .select_related("indicator")
        .order_by("order", "pk")
    )
    # Change targets ("tăng 7%/năm") are judged on yearly changes: one year more is needed.
    figures = _yearly(plan, targets, [years[0] - 1, *years])
    if last_year is None:
        have = [y for (_i, y) in figures if y in years]
        last_year = max(have) if have else years[0]
    last_year = min(max(last_year, years[0]), years[-1])
    matrix = np.full((len(targets), len(years)), np.nan)
    for i, t in enumerate(targets):
        for j, y in enumerate(years):
            v = figures.get((t.indicator_id, y))
            if t.change != TargetChange.NONE:
                b = figures.get((t.indicator_id, y - 1))
                v = None if v is None or not b else (v - b) / abs(b) * 100.0
                if v is not None and t.change == TargetChange.DECREASE:
                    v = -v
            matrix[i, j] = np.nan if v is None else v

    def column(attr):
        return np.array(
            [np.nan if getattr(t, attr) is None else float(getattr(t, attr)) for t in targets]
        )

    temporal = [t.temporal for t in targets]
    fc = engine.term_forecast(
        temporal or np.empty(0, dtype="U10"),
        [t.direction for t in targets] or np.empty(0, dtype="U6"),
        column("target_value"),
        years,
        matrix,
        last_year=last_year,
        end_year=years[-1],
        target_high=column("target_high"),
        tolerance=column("tolerance"),
    )
    labels = outlook_labels()
    rows = []
    for i, t in enumerate(targets):
        row = TermRow(
            target=t,
            yearly={
                y: None if np.isnan(matrix[i, j]) else float(matrix[i, j])
                for j, y in enumerate(years)
            },
            so_far=_num(fc.so_far[i]),
            forecast=_num(fc.forecast[i]),
            required=_num(fc.required[i]),
            best=_num(fc.best[i]),
            years_used=int(fc.years_used[i]),
            years_left=int(fc.years_left[i]),
            method=str(fc.method[i]),
            outlook=str(fc.outlook[i]),
            outlook_label=labels[str(fc.outlook[i])],
            reason="",
            hinge_year=int(fc.hinge_year[i]),
            pace=_num(fc.pace[i]),
            best_year=int(fc.best_year[i]),
        )
        row.reason = _reason(row, years, last_year)
        row.need_text, row.best_text, row.trend_text = _columns(row)
        rows.append(row)
    return TermReview(plan, years, last_year, rows, labels)


def _num(x) -> float | None:
    return None if np.isnan(x) else float(x)


def _n(value: float | None, target: Target) -> str:
    return display.number(value, target.decimals) if value is not None else "–"


def _good(t: Target) -> float:
    """+1 where up is progress, −1 where down is (lower is better)."""
    return -1.0 if t.direction == TargetDirection.LOWER else 1.0


def _units(t: Target) -> tuple[str, str, str]:
    """(the unit after a figure, the unit after a level's yearly change, the word for a
    change in the good direction): ("%", " điểm %", "tăng"), (" km", " km", "giảm")."""
    uom = t.unit_of_measure
    unit = f" {uom}" if uom and uom != "%" else ("%" if uom == "%" else "")
    if t.change != TargetChange.NONE:
        unit = "%"
    step = " " + _("điểm %") if unit == "%" else unit
    word = (
        pgettext("term pace", "giảm")
        if t.direction == TargetDirection.LOWER
        else pgettext("term pace", "tăng")
    )
    return unit, step, word


def _columns(row: TermRow) -> tuple[str, str, str]:
    """The forecast table's columns: the yearly rate needed over the years left, the best
    year's rate (which year), the trend so far — each "" where it says nothing."""
    t = row.target
    if t.direction == TargetDirection.YES_NO or row.years_used == 0:
        return "", "", ""
    n = lambda v: _n(abs(v), t)  # noqa: E731
    unit, step, word = _units(t)
    good = _good(t)
    level = t.temporal not in (Temporal.CUMULATIVE, Temporal.AVERAGE)
    per_year = _("/năm")
    need = ""
    if row.years_left and row.required is not None:
        if row.required * good <= 0:
            need = _("đã đạt, không cần thêm") if level or row.outlook == engine.LIKELY else ""
        elif level:
            need = f"{word} {n(row.required)}{step}{per_year}"
        else:
            need = f"{n(row.required)}{unit}{per_year}"
    best = ""
    if row.best is not None and row.best_year:
        if level:
            best = (
                f"{word} {n(row.best)}{step} ({row.best_year})"
                if row.best * good > 0
                else _("chưa năm nào %(word)s") % {"word": word}
            )
        else:
            best = f"{n(row.best)}{unit} ({row.best_year})"
    trend = ""
    if row.pace is not None:
        if level:
            if row.years_used >= 2:
                moved = word if row.pace * good > 0 else _units_opposite(word)
                trend = f"{moved} {n(row.pace)}{step}{per_year}"
                if not round(row.pace, 6):
                    trend = _("đi ngang")
        else:
            trend = _("bình quân %(pace)s%(unit)s/năm") % {"pace": n(row.pace), "unit": unit}
        if trend and row.hinge_year and row.method in (engine.TREND, engine.AVERAGE_TREND):
            trend += " " + _("(dựa vào năm %(year)s bất thường)") % {"year": row.hinge_year}
    return need, best, trend


def _units_opposite(word: str) -> str:
    return (
        pgettext("term pace", "tăng")
        if word == pgettext("term pace", "giảm")
        else pgettext("term pace", "giảm")
    )


def _reason(row: TermRow, years: list[int], last_year: int) -> str:
    """Why the forecast says what it says, in a sentence or two for the review."""
    t = row.target
    uom = t.unit_of_measure
    unit = f" {uom}" if uom and uom != "%" else ("%" if uom == "%" else "")
    if t.change != TargetChange.NONE:
        unit = "%"
    n = lambda v: _n(v, t)  # noqa: E731
    if row.outlook == engine.NO_FORECAST:
        if row.years_used == 0:
            return _("Chưa có số liệu năm nào của nhiệm kỳ.")
        if t.direction == TargetDirection.YES_NO:
            return _("Chưa hoàn thành; còn %(left)s năm để thực hiện.") % {"left": row.years_left}
        return _("Mới có số liệu %(n)s năm, chưa đủ để thấy xu hướng.") % {"n": row.years_used}
    if t.direction == TargetDirection.YES_NO:
        if row.outlook == engine.LIKELY:
            return _("Đã hoàn thành.")
        return _("Chưa hoàn thành và đã hết nhiệm kỳ.")
    so_far_years = f"{years[0]}–{last_year}" if last_year > years[0] else str(years[0])
    target_text = display.target_text(t) + ("" if t.change != TargetChange.NONE else unit)
    if t.temporal == Temporal.CUMULATIVE:
        text = _(
            "Cộng dồn %(years)s đạt %(so_far)s%(unit)s, bình quân %(pace)s%(unit)s/năm; giữ nhịp "
            "này thì cả nhiệm kỳ đạt khoảng %(forecast)s%(unit)s (chỉ tiêu %(target)s)."
        ) % {
            "years": so_far_years,
            "so_far": n(row.so_far),
            "pace": n(
                row.so_far / row.years_used if row.so_far is not None and row.years_used else None
            ),
            "forecast": n(row.forecast),
            "target": target_text,
            "unit": unit,
        }
    elif t.temporal == Temporal.AVERAGE:
        text = _(
            "Bình quân %(years)s đạt %(so_far)s%(unit)s/năm; theo xu hướng các năm, bình quân cả "
            "nhiệm kỳ ước đạt %(forecast)s%(unit)s (chỉ tiêu %(target)s)."
        ) % {
            "years": so_far_years,
            "so_far": n(row.so_far),
            "forecast": n(row.forecast),
            "target": target_text,
            "unit": unit,
        }
    else:
        latest = max(
            (y for y, v in row.yearly.items() if v is not None and y <= last_year), default=None
        )
        text = _(
            "Năm %(year)s đạt %(so_far)s%(unit)s; theo xu hướng các năm, năm %(end)s ước đạt "
            "%(forecast)s%(unit)s (chỉ tiêu %(target)s)."
        ) % {
            "year": latest,
            "so_far": n(row.so_far),
            "end": years[-1],
            "forecast": n(row.forecast),
            "target": target_text,
            "unit": unit,
        }
    if row.hinge_year and row.method in (engine.TREND, engine.AVERAGE_TREND):
        text += " " + _(
            "Xu hướng này dựa nhiều vào số liệu năm %(year)s, một năm bất thường: không tính "
            "nhịp độ đó cho các năm còn lại."
        ) % {"year": row.hinge_year}
    if row.years_left == 0:
        return text if row.outlook == engine.LIKELY else text + " " + _("Nhiệm kỳ đã hết.")
    if row.outlook == engine.LIKELY and (row.required is None or row.required * _good(t) <= 0):
        return text  # reached already: nothing more is needed
    required = abs(row.required) if row.required is not None else None
    if t.temporal in (Temporal.CUMULATIVE, Temporal.AVERAGE):
        need = _("%(left)s năm còn lại phải đạt bình quân %(required)s%(unit)s/năm") % {
            "left": row.years_left,
            "required": n(required),
            "unit": unit,
        }
        best = _("năm cao nhất mới đạt %(best)s%(unit)s") % {"best": n(row.best), "unit": unit}
    else:
        # A change of a percentage is in percentage points.
        step = " " + _("điểm %") if unit == "%" else unit
        word = (
            pgettext("term pace", "giảm")
            if t.direction == TargetDirection.LOWER
            else pgettext("term pace", "tăng")
        )
        need = _("mỗi năm còn lại phải %(word)s %(required)s%(unit)s") % {
            "word": word,
            "required": n(required),
            "unit": step,
        }
        if row.best is not None and row.best > 0:
            best = _("mức %(word)s cao nhất một năm mới là %(best)s%(unit)s") % {
                "word": word,
                "best": n(row.best),
                "unit": step,
            }
        else:
            best = _("chưa năm nào %(word)s") % {"word": word}
    if row.outlook == engine.LIKELY:
        # every target shows the yearly rate it needs beside the best year
        return (
            text
            + " "
            + _("Để đạt chỉ tiêu, %(need)s (%(best)s).")
            % {
                "need": need,
                "best": best,
            }
        )
    if row.outlook == engine.CANNOT:
        verdict = _("vượt xa khả năng đã thể hiện")
    elif (
        row.best is not None
        and required is not None
        and n(required) != n(row.best)
        and (required > row.best)
    ):
        # "khó đạt" needing more than the best year ever gave: not "within reach" (10%/năm
        # against a best year of 7,35%); compared as printed, so "0,7 against 0,7" is not more
        verdict = _("cao hơn cả năm cao nhất đã đạt")
    else:
        verdict = _("cao hơn nhịp độ hiện nay nhưng còn trong tầm với")
    return (
        text
        + " "
        + _("Để đạt chỉ tiêu, %(need)s — %(verdict)s (%(best)s).")
        % {
            "need": need,
            "verdict": verdict,
            "best": best,
        }
    )
