"""Comparing words the way people type them: one normaliser for column headers, keywords and
the words of the columns that choose (yes/no, statuses, directions).

``fold("Chỉ tiêu trên")`` → ``"chi_tieu_tren"``: NFC, lower case, without diacritics (``đ`` →
``d``), every run of spaces, underscores and hyphens one ``_``. ``label_key`` also drops a
parenthesised hint and any punctuation (``"Đơn vị tính (ĐVT)"`` → ``"don_vi_tinh"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

from .cells import cell_text

_SEPARATORS = re.compile(r"[\s_\-]+")
_HINT = re.compile(r"\(.*?\)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

K = TypeVar("K")


def fold(text: object) -> str:
    """Compare-friendly form of a header or keyword: ``"Chỉ tiêu trên"`` → ``"chi_tieu_tren"``."""
    text = unicodedata.normalize("NFD", str(text).replace("\ufeff", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _SEPARATORS.sub("_", text).strip("_")


def label_key(text: object) -> str:
    """Like :func:`fold`, without a parenthesised hint or punctuation: a label as a key."""
    return _NOT_WORD.sub("_", fold(_HINT.sub(" ", cell_text(text)))).strip("_")


def word_map(pairs: Iterable[tuple[K, Iterable[str]]]) -> dict[str, K]:
    """``[(value, ("word", …)), …]`` → ``{label_key(word): value}`` (a later pair wins)."""
    return {label_key(word): value for value, words in pairs for word in words}


def lookup(words: Mapping[str, K], text: object) -> K | None:
    """The value ``text`` names in a :func:`word_map`, or None."""
    return words.get(label_key(text))
