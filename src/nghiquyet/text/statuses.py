"""A figure's status as people write it: ước (thực hiện), sơ bộ, chính thức.

The keys are those of ``reporting.choices.ValueStatus`` (a test holds them equal).
"""

from __future__ import annotations

from .cells import cell_text
from .problems import Message, _, fail
from .words import label_key, word_map

ESTIMATE = "estimate"
PRELIMINARY = "preliminary"
OFFICIAL = "official"

STATUS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (ESTIMATE, (ESTIMATE, "ước thực hiện", "ước", "ước tính", "ước đạt", "số ước", "estimated")),
    (PRELIMINARY, (PRELIMINARY, "sơ bộ", "số sơ bộ")),
    (OFFICIAL, (OFFICIAL, "chính thức", "số chính thức", "final")),
)

_WORDS = word_map(STATUS_WORDS)

STATUS_HINT = Message(_("ghi ước thực hiện (hoặc ước), sơ bộ hoặc chính thức"))


def read_status(cell: object) -> str | None:
    """The status key a cell names, ``None`` when empty; raises ``TextError``."""
    text = cell_text(cell).strip() if cell is not None else ""
    if not text:
        return None
    found = _WORDS.get(label_key(text))
    if found is None:
        raise fail(
            _("“%(text)s” không phải tình trạng số liệu; %(hint)s"), text=text, hint=STATUS_HINT
        )
    return found
