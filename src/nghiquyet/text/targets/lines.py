"""A resolution's line as a target's name and its wording (:func:`split_line`)."""

from __future__ import annotations

import re

from .words import LEAD_WORDS, NUM, YEAR, YES_NO_VERBS, normal


def split_line(text: str) -> tuple[str, str]:
    """A resolution's line as (name, wording): "Tỷ lệ đô thị hóa đến năm 2025: 16% trở lên"
    → ("Tỷ lệ đô thị hóa đến năm 2025", "16% trở lên"); "Tổng sản phẩm (GRDP) tăng từ 8,5%
    trở lên" → ("Tổng sản phẩm (GRDP)", "tăng từ 8,5% trở lên"). Years ("năm 2025",
    "2021 - 2025") are part of the name. A line without a figure is all wording when it
    states a standard ("đạt chuẩn đô thị loại I"), else all name."""
    text = normal(text)
    colon = re.search(r"(?<!trong đó)(?<!trong đó )(?<!gồm):", text, re.I)
    if colon:
        name, rest = text[: colon.start()], text[colon.end() :]
        if ";" not in name and (NUM.search(rest) or YES_NO_VERBS.search(rest)):
            return name.strip(), rest.strip()
    years = [m.span() for m in YEAR.finditer(text)]
    paren = [m.span() for m in re.finditer(r"\([^()]*\)", text)]
    first = None
    for m in NUM.finditer(text):
        inside = any(a <= m.start() < b for a, b in years + paren)
        if not inside:
            first = m.start()
            break
    if first is None:
        m = YES_NO_VERBS.search(text)
        if m:
            return text[: m.start()].strip(" ,:"), text[m.start() :].strip()
        return text, ""
    start = first
    # the sign or symbol right before the figure
    while start > 0 and text[start - 1] in " <>≤≥~":
        start -= 1
    head = text[:start].rstrip()
    while True:
        low = head.lower()
        for w in LEAD_WORDS:
            if low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum()):
                head = head[: len(head) - len(w)].rstrip()
                break
        else:
            break
    return head.strip(" ,:-"), text[len(head) :].strip(" ,:")
