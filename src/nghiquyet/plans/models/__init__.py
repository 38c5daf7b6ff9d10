"""Plans (resolutions, programs…), their target groups, targets and tasks.

What is *measured* (an :class:`Indicator`, e.g. "tỷ lệ hộ nghèo") is kept apart
from what a plan *demands* of it (a :class:`Target`, e.g. "còn 2,25 % năm 2022").
Figures are recorded per indicator, unit and period, so the annual resolution,
the term resolution and last year's plan all read the same numbers.

One module per concern; every model (and the two callables the migrations name,
``default_scheme_id`` and ``evidence_upload_to``) is importable from here.
"""

from .indicators import ClassificationScheme, Indicator, default_scheme_id
from .plans import Group, Plan
from .quality import QualityRule
from .shares import TargetShare, TargetShareSet
from .targets import Target, TargetAdjustment
from .tasks import Task, TaskDeadlineChange, TaskEvidence, TaskUpdate, evidence_upload_to

__all__ = [
    "ClassificationScheme",
    "Group",
    "Indicator",
    "Plan",
    "QualityRule",
    "Target",
    "TargetAdjustment",
    "TargetShare",
    "TargetShareSet",
    "Task",
    "TaskDeadlineChange",
    "TaskEvidence",
    "TaskUpdate",
    "default_scheme_id",
    "evidence_upload_to",
]
