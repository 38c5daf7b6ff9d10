"""The headline sentence of a review, in the seeds' style.

"15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên
80%; 1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu
không đạt." Classes with no target are left out; targets without data are
counted as "chưa có số liệu", never folded into "không đạt".
"""

from __future__ import annotations

from collections.abc import Mapping

from .classify import Scheme

#: ``{n}``, ``{total}``, ``{noun}`` and ``{label}`` are filled in per class.
VI_PART = "{n}/{total} {noun} {label}"
VI_NOUN = "chỉ tiêu"
VI_EMPTY = "Chưa có chỉ tiêu nào để đánh giá."


def summary_sentence(
    scheme: Scheme,
    counts: Mapping[str, int],
    *,
    labels: Mapping[str, str] | None = None,
    noun: str = VI_NOUN,
    part: str = VI_PART,
    empty: str = VI_EMPTY,
) -> str:
    """Join the non-empty classes into one sentence, in the scheme's order.

    ``labels`` overrides the scheme's Vietnamese labels (the web layer passes
    translated ones); ``noun`` and ``part`` shape each clause.
    """
    names = {**scheme.labels, **(labels or {})}
    total = sum(counts.get(k, 0) for k in scheme.keys)
    if total == 0:
        return empty
    clauses = [
        part.format(n=counts[k], total=total, noun=noun, label=names[k])
        for k in scheme.keys
        if counts.get(k, 0) > 0
    ]
    return "; ".join(clauses) + "."
