"""Two saved versions of a review's draft (:class:`~.models.ReviewDraftRevision`) compared:
the document's facts field by field, and each section the office wrote paragraph by
paragraph, a changed paragraph word by word — what the page shows as deleted and inserted
text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .choices import SignerTitle

SAME = "same"
ADDED = "added"
REMOVED = "removed"

#: How the facts of a revision are labelled on the page, in their order.
FACT_LABELS = {
    "number": "Số văn bản",
    "issued_on": "Ngày văn bản",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "final": "Bản chính thức",
}


@dataclass(frozen=True)
class Piece:
    """A run of text, kept, added or removed."""

    kind: str
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """One section (or fact) of the two versions: its label, its paragraphs as runs of
    pieces, and whether anything changed."""

    key: str
    label: str
    paragraphs: list[list[Piece]]
    changed: bool


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` → ``new`` as runs of kept, removed and added words, one space between runs."""
    a, b = old.split(), new.split()
    runs: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(Piece(SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Piece(REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(Piece(ADDED, " ".join(b[j1:j2])))
    out: list[Piece] = []
    for run in runs:
        if out:
            out.append(Piece(SAME, " "))
        out.append(run)
    # kept text and the spaces beside it as one run
    merged: list[Piece] = []
    for piece in out:
        if merged and piece.kind == SAME and merged[-1].kind == SAME:
            merged[-1] = Piece(SAME, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def text_diff(old: str, new: str) -> list[list[Piece]]:
    """Paragraph by paragraph (one a line, as the office writes them): a kept paragraph
    whole, a removed or added one whole, a changed one word by word."""
    a = [line.strip() for line in (old or "").splitlines() if line.strip()]
    b = [line.strip() for line in (new or "").splitlines() if line.strip()]
    out: list[list[Piece]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend([Piece(SAME, line)] for line in a[i1:i2])
        elif op == "delete":
            out.extend([Piece(REMOVED, line)] for line in a[i1:i2])
        elif op == "insert":
            out.extend([Piece(ADDED, line)] for line in b[j1:j2])
        else:  # replace: pair the paragraphs up, the rest removed or added whole
            pairs = min(i2 - i1, j2 - j1)
            out.extend(word_diff(a[i1 + k], b[j1 + k]) for k in range(pairs))
            out.extend([Piece(REMOVED, line)] for line in a[i1 + pairs : i2])
            out.extend([Piece(ADDED, line)] for line in b[j1 + pairs : j2])
    return out


def _fact_text(key: str, value) -> str:
    if key == "final":
        return "có" if value else "không"
    if key == "signer_title" and value in SignerTitle.values:
        return str(SignerTitle(value).label)
    if key == "issued_on" and value:
        year, month, day = str(value).split("-")
        return f"{day}/{month}/{year}"
    return str(value or "")


def revision_diff(
    old_facts: dict, old_sections: dict, new_facts: dict, new_sections: dict, labels: dict
) -> list[SectionDiff]:
    """The facts, then every section of ``labels`` (key → label, in order), old → new."""
    out = []
    for key, label in FACT_LABELS.items():
        before, after = _fact_text(key, old_facts.get(key)), _fact_text(key, new_facts.get(key))
        paragraphs = [word_diff(before, after)] if before or after else []
        out.append(SectionDiff(key, label, paragraphs, before != after))
    for key, label in labels.items():
        before, after = old_sections.get(key, ""), new_sections.get(key, "")
        paragraphs = text_diff(before, after)
        changed = any(p.kind != SAME for para in paragraphs for p in para)
        out.append(SectionDiff(key, str(label), paragraphs, changed))
    return out
