"""Exporting a plan's figures as rows keyed like the import: the accepted figures, or the
reports' working copies; as JSON rows or CSV.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from nghiquyet.orgs.selectors import orgunit_list
from nghiquyet.plans.display import figure_text
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_get
from nghiquyet.reporting.models import SubmissionEntry
from nghiquyet.reporting.selectors.submissions import submission_list
from nghiquyet.reporting.selectors.values import value_list
from nghiquyet.text import csv_cell

from ..common import period_spec
from .rows import FIGURES

EXPORT_COLUMNS = (
    "plan_code",
    "unit_code",
    "target_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "source",
    "version",
    "submission_id",
    "submission_status",
)


def export_rows(
    *,
    user,
    plan_code: str,
    period: str | None,
    unit: str | None,
    under: str | None,
    source: str,
) -> list[dict]:
    """Rows of a plan's figures keyed like the import: ``accepted`` figures of the plan's
    targets for the units under ``under`` (default: the plan's unit and its subtree), or the
    ``submissions``' working copies. Only what the user may see."""
    plan = plan_get(user=user, code=plan_code)
    period_key = period_spec(period).key if period else None
    root = plan.unit
    if under:
        root = orgunit_list(user=user).filter(code=under).first()
        if root is None:
            return []
    targets = list(
        plan.targets.filter(is_composite=False, indicator__isnull=False).order_by("order", "pk")
    )
    rows: list[dict] = []
    if source == "submissions":
        entries = (
            SubmissionEntry.objects.filter(
                submission__in=submission_list(user=user),
                target__in=targets,
                unit__path__startswith=root.path,
            )
            .select_related("target", "unit", "submission__round__period")
            .order_by("submission__round__period__end_date", "unit__code", "order", "pk")
        )
        if period_key:
            entries = entries.filter(submission__round__period__key=period_key)
        if unit:
            entries = entries.filter(unit__code=unit)
        for e in entries:
            rows.append(
                _export_row(plan, e.unit.code, e.target.code, e.submission.round.period.key, e)
                | {
                    "source": "submission",
                    "version": e.submission.version,
                    "submission_id": e.submission_id,
                    "submission_status": e.submission.status,
                }
            )
        return rows
    by_indicator: dict[int, list] = defaultdict(list)
    for t in targets:
        by_indicator[t.indicator_id].append(t)
    values = (
        value_list(user=user)
        .filter(indicator_id__in=list(by_indicator), unit__path__startswith=root.path)
        .order_by("period__end_date", "period__kind", "unit__path", "indicator_id")
    )
    if period_key:
        values = values.filter(period__key=period_key)
    if unit:
        values = values.filter(unit__code=unit)
    for v in values:
        for t in by_indicator[v.indicator_id]:
            rows.append(
                _export_row(plan, v.unit.code, t.code, v.period.key, v)
                | {
                    "source": "accepted",
                    "version": v.version,
                    "submission_id": None,
                    "submission_status": None,
                }
            )
    return rows


def _export_row(plan: Plan, unit_code: str, target_code: str, period: str, obj) -> dict:
    return {
        "plan_code": plan.code,
        "unit_code": unit_code,
        "target_code": target_code,
        "period": period,
        "value": obj.value,
        "numerator": obj.numerator,
        "denominator": obj.denominator,
        "status": obj.status,
        "note": obj.note,
    }


def rows_to_csv(rows: list[dict]) -> str:
    """CSV with a BOM (so that Excel reads UTF-8), numbers with a dot and never ambiguous;
    text that a spreadsheet would run as a formula gets a leading apostrophe (``csv_cell``,
    OWASP), which the import takes off again."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in rows:
        line = []
        for c in EXPORT_COLUMNS:
            v = r.get(c)
            if c in FIGURES:
                line.append(figure_text(v))
            else:
                line.append("" if v is None else csv_cell(str(v)))
        writer.writerow(line)
    return out.getvalue()
