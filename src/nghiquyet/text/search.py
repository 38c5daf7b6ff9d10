"""Folding text for search: "An Hội", "AN HOI" and "an hoi" are the same words.

Unlike :func:`.words.fold` (which makes keys of headers and keywords, separators and all),
this folds one character for one, so that the database can do exactly the same.

Most people type Vietnamese on a phone without tones; a search must find "Đại hội" from
"dai hoi". Folding maps every Latin letter with diacritics (Vietnamese's 134 and the rest of
Latin-1 and Latin Extended-A) and ``đ``/``Đ`` to its base letter, upper case to lower case,
and drops combining marks (text pasted in decomposed form).

The same table is the database function ``nq_fold`` on both SQLite (a Python function
registered on each connection) and PostgreSQL (``translate()``, created by a migration of
``orgs``), so a search answers the same on both; :func:`search_fold` folds the query.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FOLD_DELETE", "FOLD_FROM", "FOLD_TO", "search_fold"]


def _table() -> tuple[str, str, str]:
    source, target = [], []
    ranges = [range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00)]
    for block in ranges:
        for code in block:
            char = chr(code)
            base = "d" if char in "đĐ" else unicodedata.normalize("NFD", char)[0].lower()
            if base != char and len(base) == 1 and "a" <= base <= "z":
                source.append(char)
                target.append(base)
    # Combining diacritical marks: deleted (text in decomposed form folds like composed).
    delete = "".join(chr(c) for c in range(0x300, 0x370))
    return "".join(source), "".join(target), delete


#: characters folded, one for one, to the ASCII lower-case letter at the same place of
#: ``FOLD_TO``; ``FOLD_DELETE`` are dropped
FOLD_FROM, FOLD_TO, FOLD_DELETE = _table()

_TRANSLATION = str.maketrans(FOLD_FROM, FOLD_TO, FOLD_DELETE)


def search_fold(text: str | None) -> str | None:
    """``text`` without diacritics, in lower case ("Phường An Hội" → "phuong an hoi")."""
    if text is None:
        return None
    return text.translate(_TRANSLATION)
