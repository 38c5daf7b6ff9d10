"""When the engine runs its compiled kernels (:mod:`.kernel`) instead of NumPy.

Long columns — a national dashboard's 200.000 values of a period — go through the
kernels, which are 5-10× faster; short ones (a plan's 60 targets, a province's 7.500)
stay on NumPy, which is fast enough there and does not cost a process the import of
numba (~0,5 s and ~60 MB, once per process) for nothing. ``compiled=`` on the engine's
functions overrides the choice: True asks for the kernels (the tests compare both
paths), False for NumPy.

The kernels are imported on first need, not with the engine: that is a cost being
deferred, not a cycle. Where numba is missing or cannot run (no wheel for the platform,
no writable cache folder, ``NGHIQUYET_ENGINE_KERNEL=0`` in the environment), the engine
stays on NumPy and gives the same answers.
"""

from __future__ import annotations

import logging
import os
import threading
from types import ModuleType

#: Rows from which the kernels are used when the caller does not say.
MIN_ROWS = 1 << 14

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: list[ModuleType | None] = []


def kernel() -> ModuleType | None:
    """The kernel module, imported once; None where it cannot run here."""
    if not _loaded:
        with _lock:
            if not _loaded:
                _loaded.append(_load())
    return _loaded[0]


def _load() -> ModuleType | None:
    if os.environ.get("NGHIQUYET_ENGINE_KERNEL", "1").strip().lower() in {"0", "false", "no"}:
        return None
    try:
        from . import kernel as module
    except Exception as exc:  # numba missing or unable to cache: NumPy gives the same answers
        logger.warning("engine kernels unavailable, using NumPy: %s", exc)
        return None
    return module


def use_kernel(n: int, compiled: bool | None) -> ModuleType | None:
    """The kernel module if ``n`` rows should go through it, else None (NumPy)."""
    if compiled is False or (compiled is None and n < MIN_ROWS):
        return None
    return kernel()
