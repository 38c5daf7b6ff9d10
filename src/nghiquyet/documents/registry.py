"""The registry of job kinds: which handler runs a kind and the scope action it needs.

Kept apart from :mod:`.jobs` (which runs them and writes) so that the selectors may read
which right a job's result needs (``job_result_get``) without importing writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Job

Progress = Callable[[int, str], None]
Handler = Callable[["Job", Progress], None]
KINDS: dict[str, tuple[Handler, str]] = {}


def job_kind(name: str, *, action: str):
    """Register ``handler`` as the job kind ``name``; ``action`` is the scope action required."""

    def register(handler: Handler) -> Handler:
        KINDS[name] = (handler, action)
        return handler

    return register
