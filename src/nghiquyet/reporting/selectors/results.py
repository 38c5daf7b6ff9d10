"""What an evaluation answers: a target's and a group's result, the plan's evaluation, and the
labels and summary sentence they are shown with. Built by :mod:`.evaluation`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from nghiquyet import engine
from nghiquyet.engine import progress
from nghiquyet.plans.display import is_growth_rate
from nghiquyet.plans.models import Group, Plan, Target

from ..models import (
    Period,
    Value,
)

# Labels of the preset classes and task statuses, for the English catalogue.
_LABELS_FOR_TRANSLATION = (
    gettext_noop("đạt và vượt"),
    gettext_noop("đạt"),
    gettext_noop("xấp xỉ đạt"),
    gettext_noop("đạt trên 80%"),
    gettext_noop("đạt trên 70%"),
    gettext_noop("đạt trên 50%"),
    gettext_noop("không đạt"),
    gettext_noop("chưa có số liệu"),
    gettext_noop("hoàn thành đúng hạn"),
    gettext_noop("hoàn thành quá hạn"),
    gettext_noop("chưa hoàn thành trong hạn"),
    gettext_noop("chưa hoàn thành quá hạn"),
    # the preset schemes' names (engine.PRESETS); pages show a scheme's name with {% translate %}
    gettext_noop("Sáu mức (đạt và vượt … không đạt)"),
    gettext_noop("Hai mức (đạt / không đạt)"),
)


def class_labels(scheme: engine.Scheme) -> dict[str, str]:
    """The scheme's class labels in the active language (custom labels stay as written)."""
    return {key: _(label) for key, label in scheme.labels.items()}


def task_status_labels() -> dict[str, str]:
    return {key: _(label) for key, label in engine.TASK_STATUS_LABELS.items()}


def summary_text(scheme: engine.Scheme, counts: dict[str, int]) -> str:
    """The headline sentence in the active language."""
    return engine.summary_sentence(
        scheme,
        counts,
        labels=class_labels(scheme),
        noun=pgettext("summary sentence", "chỉ tiêu"),
        part=_("{n}/{total} {noun} {label}"),
        empty=_("Chưa có chỉ tiêu nào để đánh giá."),
    )


@dataclass
class TargetResult:
    target: Target
    actual: float | None = None
    value: Value | None = None
    baseline: float | None = None
    rate: float | None = None
    class_key: str = engine.NO_DATA
    class_label: str = ""
    met: bool = False
    exceeded: bool = False
    #: the figure compared with the target: the actual, or its % change for change targets
    measured: float | None = None
    #: how the actual was obtained when it is not one reported figure
    derivation: str = ""
    #: where the period's figure came from (reporting.figures: reported, computed, lineage)
    source: str = ""
    source_note: str = ""
    #: how the same period last year was obtained, when not as its unit reported it
    baseline_note: str = ""
    #: number of the footnote that carries ``baseline_note`` (1, 2…; 0: none)
    baseline_ref: int = 0
    #: for a year-to-date figure of a part of the year: actual / the whole year's target, in %
    annual_rate: float | None = None
    #: the share of the year's target expected by the end of the period (0,5 for 6 months)
    expected_share: float = 1.0
    #: for a total over the term judged part-way through it: the years so far and in all,
    #: and its pace (engine.progress: on_pace, behind, out_of_reach)
    years_done: int = 0
    years_total: int = 0
    pace: str = ""
    #: the share of the term's total the years so far owe (0,6 after 3 of 5 years)
    term_share: float = 1.0
    parts: list[TargetResult] = field(default_factory=list)

    @property
    def annual_plan_rate(self) -> float | None:
        """The result in % of the whole year's plan, as offices report it ("% kế hoạch
        năm"): part-way through the year, 73 of 150 is 48,67%, not the part owed so far."""
        return self.annual_rate if self.expected_share < 1.0 else self.rate

    @property
    def pace_rate(self) -> float | None:
        """Part-way through the year, the result against the part of the year's plan owed so
        far (the half-year pace: 73 of half of 150 is 97,33%); None otherwise."""
        return self.rate if self.expected_share < 1.0 else None

    @property
    def yoy_percent(self) -> float | None:
        """Change against the same period last year, in percent ("so với cùng kỳ")."""
        if self.actual is None or not self.baseline:
            return None
        if not progress.compares_with_last_year(self.target.temporal):
            return None
        if is_growth_rate(self.target):
            # a growth rate set against last year's rate says nothing ("10,8% against 6,8%"
            # is not "+58,8%"); the pages and documents leave it empty too
            return None
        return (self.actual - self.baseline) / abs(self.baseline) * 100.0


@dataclass
class GroupResult:
    group: Group | None
    rows: list[TargetResult]
    counts: dict[str, int]


@dataclass
class PlanEvaluation:
    plan: Plan
    period: Period
    scheme: engine.Scheme
    rows: list[TargetResult]
    counts: dict[str, int]
    summary: str
    groups: list[GroupResult]
    labels: dict[str, str]
    task_counts: dict[str, int]
    task_as_of: dt.date

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def baseline_notes(self) -> list[str]:
        """The footnotes on "cùng kỳ" figures not taken as reported, numbered from 1."""
        notes: list[str] = []
        for row in self.rows:
            for r in (row, *row.parts):
                if r.baseline_note and r.baseline_note not in notes:
                    notes.append(r.baseline_note)
        return notes

    @property
    def task_total(self) -> int:
        return sum(self.task_counts.values())

    def class_items(self) -> list[tuple[str, str, int]]:
        """(key, label, count) for every class of the scheme, in order."""
        return [(k, self.labels[k], self.counts[k]) for k in self.scheme.keys]
