"""Check a draft review's figures against the data.

An office hands in any draft review (.docx: one this system made and people edited, or one
typed by hand) for a plan and a period. :func:`check_report` finds every claim in it — the
headline's counts ("15/25 chỉ tiêu đạt và vượt"), each target's figure in the text ("GRDP
tăng 7,35%", "thu ngân sách nhà nước đạt 6.388,3 tỷ đồng, bằng 109,58% kế hoạch", "có 103 xã
đạt chuẩn") and in the tables (a row per target: thực hiện, kế hoạch, % kế hoạch, đánh giá;
the appendix's too) —, matches it to its target and checks it against the evaluation of the
plan for the period: **right**, **wrong** (with the right figure) or **unmatched** (the
figure is not in the data). :func:`annotate_docx` returns the document with a Word comment
on each claim and a summary page at the end.

- :mod:`.claims`: the claim, the verdicts and the rule that decides them;
- :mod:`.prose`: claims in running text (and where text is not a claim: task titles, plans,
  the next period's chapter);
- :mod:`.tables`: claims in tables, columns known by their headings;
- :mod:`.document`: the .docx read in order, and given back with comments.
"""

from .claims import RIGHT, UNMATCHED, VERDICT_WORDS, WRONG, CheckResult, Claim
from .document import annotate_docx, check_report, find_document_claims
from .prose import find_claims
from .tables import column_role, table_claims
from .units import outlook_counts, unit_evaluations

__all__ = [
    "RIGHT",
    "UNMATCHED",
    "VERDICT_WORDS",
    "WRONG",
    "CheckResult",
    "Claim",
    "annotate_docx",
    "check_report",
    "column_role",
    "find_claims",
    "find_document_claims",
    "outlook_counts",
    "table_claims",
    "unit_evaluations",
]
