"""Reporting pages, one module per family: a plan's dashboard and cascade (``dashboard``),
a target's page with its rules and reference figures (``targets``), rounds (``rounds``),
reports and their workflow (``submissions``). Thin: parse, call, render."""

from .dashboard import landing, plan_cascade, plan_dashboard, todo
from .rounds import round_close, round_detail, round_extend, round_open
from .submissions import (
    submission_cells,
    submission_detail,
    submission_index,
    submission_page_context,
    submission_save,
    submission_transition,
)
from .targets import quality_rule_add, quality_rule_remove, reference_add, target_detail

__all__ = [
    "landing",
    "plan_cascade",
    "plan_dashboard",
    "quality_rule_add",
    "quality_rule_remove",
    "reference_add",
    "round_close",
    "round_detail",
    "round_extend",
    "round_open",
    "submission_cells",
    "submission_detail",
    "submission_index",
    "submission_page_context",
    "submission_save",
    "submission_transition",
    "target_detail",
    "todo",
]
