"""Which way a target is judged, as people write it: tăng (higher is better), giảm (lower is
better), đạt (met or not). The keys are those of ``plans.choices.TargetDirection`` and of
``engine.Direction`` (a test holds them equal)."""

from __future__ import annotations

from .cells import cell_text
from .problems import Message, _, fail
from .words import label_key, word_map

HIGHER = "higher"
LOWER = "lower"
YES_NO = "yes_no"

DIRECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (HIGHER, (HIGHER, "tăng", "cao", "càng cao càng tốt", "trên", "ít nhất")),
    (LOWER, (LOWER, "giảm", "thấp", "càng thấp càng tốt", "dưới", "không quá")),
    (YES_NO, (YES_NO, "đạt", "đạt/không đạt", "đạt / không đạt", "mốc")),
)

_WORDS = word_map(DIRECTION_WORDS)

DIRECTION_HINT = Message(_("ghi tăng (higher), giảm (lower) hoặc đạt (yes_no)"))


def read_direction(cell: object) -> str | None:
    """The direction a cell names, ``None`` when empty; raises ``TextError``."""
    written = cell_text(cell).strip() if cell is not None else ""
    if not written:
        return None
    found = _WORDS.get(label_key(written))
    if found is None:
        raise fail(_("chiều “%(text)s” không hợp lệ; %(hint)s"), text=written, hint=DIRECTION_HINT)
    return found
