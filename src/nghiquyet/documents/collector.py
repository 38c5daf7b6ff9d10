"""Python's cyclic garbage collector paused while a document is built or written.

Why: building a review allocates tens of thousands of objects that live until the document is
written (7.500 model instances and their state for a province's appendix, the rows, the XML
elements of the tables), and CPython's collector walks every tracked object again each time
enough of them have been allocated — work that frees almost nothing here. Measured on the
benchmark's review (60 targets × 125 units, ``benchmarks/documents.py``, one process, same
minutes): ``build_review`` 1,43–1,65 s with the collector, 0,90–1,08 s without; rendering the
Word file 0,50–0,58 s either way once warm. The PDF (``render_pdf``, WeasyPrint's layout in
:func:`.pdf_parts.set_pdf`, the drawn appendix) and the Excel file are written the same way.

The pause is short (seconds) and bounded by one document; what it leaves uncollected is
collected at the next collection after it. Nested pauses keep the collector off until the
outermost one ends. The collector is process-wide: a threaded server pauses it for the other
threads too, for as long as the document takes.

This module imports nothing from Django.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def without_collector(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run with the collector paused (:func:`collector_paused`)."""

    @functools.wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return fn(*args, **kwargs)

    return paused
