"""Reporting rounds and the submission workflow (services: every write is here).

draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted
  ▲                  │                      │                    │
  └──── returned ◀───┴──return──────────────┘                    │
  ▲                                                               │
  └───────────────────────── reopen (a correction: version + 1) ─┘

- the unit's reporter edits and submits (draft or returned);
- the unit's leader approves or returns a submitted report;
- the office accepts or returns an approved report, and may reopen an
  accepted one for a correction;
- figures reach :class:`~nghiquyet.reporting.models.Value` only on acceptance,
  each as a new version, so accepted data is never overwritten.

Every change carries the ``revision`` the user saw; a change made from an
older revision is refused (:class:`SubmissionConflict`) and nothing is lost.

The package: ``common`` (errors, history lines, the revision check), ``entries`` (saving
figures) and ``transitions`` (the moves). Callers import from ``nghiquyet.reporting.workflow``.
"""

from .common import (
    ENTRY_FIELDS,
    EntryProblem,
    SubmissionConflict,
    SubmissionInvalid,
    submission_event,
    user_or_none,
)
from .entries import CellsSaved, figure_value, submission_cells_save, submission_save
from .transitions import (
    TRANSITIONS,
    Transition,
    submission_accept,
    submission_approve,
    submission_problems_before_sending,
    submission_reopen,
    submission_return,
    submission_submit,
    submission_transition,
)

__all__ = [
    "ENTRY_FIELDS",
    "TRANSITIONS",
    "CellsSaved",
    "EntryProblem",
    "SubmissionConflict",
    "SubmissionInvalid",
    "Transition",
    "figure_value",
    "submission_accept",
    "submission_approve",
    "submission_cells_save",
    "submission_event",
    "submission_problems_before_sending",
    "submission_reopen",
    "submission_return",
    "submission_save",
    "submission_submit",
    "submission_transition",
    "user_or_none",
]
