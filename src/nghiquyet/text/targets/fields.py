"""A :class:`~.form.TargetForm` as the fields of a target (``plans.Target``), with no
Django."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .form import CHANGE_POINTS, DECREASE, HIGHER, INCREASE, LEVEL, YES_NO, TargetForm

#: The tolerance of "khoảng 30%" when the office gives none: 5% either way.
APPROXIMATE_TOLERANCE = Decimal("0.05")

_CHANGE_CODES = {INCREASE: 1, DECREASE: 2}


@dataclass(frozen=True)
class TargetFields:
    """A form as the fields of a target (``plans.Target``), with no Django: what
    ``target_create`` takes, plus the unit of measure and the "trong đó" parts."""

    direction: str
    target_value: Decimal | None
    target_high: Decimal | None
    strict: bool
    tolerance: Decimal | None
    change: int
    change_measure: str
    with_change: int
    with_change_low: Decimal | None
    with_change_high: Decimal | None
    #: "average" ("bình quân"), "cumulative" (over "(5 năm)"), or "" (as the office says)
    temporal: str
    unit: str
    parts: tuple[tuple[str, TargetFields], ...] = ()

    def model_fields(self) -> dict:
        """The keyword arguments of ``plans.services.target_create`` this form sets."""
        out = {
            "direction": self.direction,
            "target_value": self.target_value,
            "target_high": self.target_high,
            "strict": self.strict,
            "tolerance": self.tolerance,
            "change": self.change,
            "change_measure": self.change_measure,
            "with_change": self.with_change,
            "with_change_low": self.with_change_low,
            "with_change_high": self.with_change_high,
        }
        if self.temporal:
            out["temporal"] = self.temporal
        return out


def _measure(form: TargetForm) -> str:
    return "points" if form.comparison == CHANGE_POINTS else "percent"


def target_fields(form: TargetForm) -> TargetFields:
    """The fields of a target that ``form`` describes.

    A level with a change ("80,4-80,8 triệu đồng, tăng 10,2-10,71%", "giảm 0,7% (còn
    4,33%)") is the level, with the change beside it (unless the change counts another
    quantity); a lone change ("giảm 5-10%") is a change target; "khoảng" gets
    :data:`APPROXIMATE_TOLERANCE`.
    """
    level, change = form, None
    if form.also is not None:
        level, change = (form, form.also) if form.comparison == LEVEL else (form.also, form)
        if change.comparison == CHANGE_POINTS and change.unit not in ("%", level.unit):
            # "58,9% (…, tăng thêm 20 thôn)": a change of another quantity than the level's
            # is not judged; the level decides, the wording keeps the rest.
            change = None
    temporal = ""
    if form.average or (form.per_year and form.period):
        temporal = "average"
    elif form.period:
        temporal = "cumulative"
    parts = tuple((p.name, target_fields(p.form)) for p in form.parts)
    tolerance = APPROXIMATE_TOLERANCE if level.approximate else None
    if level.direction == YES_NO:
        return TargetFields(
            YES_NO, None, None, False, None, 0, "", 0, None, None, temporal, "", parts
        )
    if change is None and level.comparison != LEVEL:
        return TargetFields(
            HIGHER,
            level.low,
            level.high,
            level.strict,
            tolerance,
            _CHANGE_CODES[level.change],
            _measure(level),
            0,
            None,
            None,
            temporal,
            level.unit if level.comparison == CHANGE_POINTS and level.unit != "%" else "",
            parts,
        )
    return TargetFields(
        level.direction,
        level.low,
        level.high,
        level.strict,
        tolerance,
        0,
        _measure(change) if change else "",
        _CHANGE_CODES[change.change] if change else 0,
        change.low if change else None,
        change.high if change else None,
        temporal,
        level.unit,
        parts,
    )
