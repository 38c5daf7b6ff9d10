"""``pdf_parts._with_stack_room``: deep calls made inside it do not map and unmap CPython's
frame-stack chunks again and again (the cost that was a quarter of a PDF part's CPU on
CPython 3.11). Measured by the process's minor page faults: each new chunk is fresh memory,
and touching it faults."""

from __future__ import annotations

import resource
import sys

import pytest

from nghiquyet.documents.pdf_parts import _with_stack_room

DIVES = 2_000
DEPTH = 300  # ~300 frames of ~100 bytes: more than a 16 KiB chunk, wherever the stack stands


def dive(depth: int) -> int:
    return 0 if depth == 0 else 1 + dive(depth - 1)


def churn() -> int:
    return sum(dive(DEPTH) for _ in range(DIVES))


def page_faults(fn, *args) -> tuple[int, object]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    result = fn(*args)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before, result


def test_deep_calls_inside_the_room_map_no_new_stack_chunks():
    plain, plain_result = page_faults(churn)
    roomy, roomy_result = page_faults(_with_stack_room, churn)

    assert plain_result == roomy_result == DIVES * DEPTH
    if sys.version_info < (3, 13):
        # the CPython behaviour this works around: each dive crossed into a fresh chunk
        assert plain >= DIVES
    assert roomy < DIVES / 10


def test_the_room_passes_arguments_and_exceptions_through():
    assert _with_stack_room(divmod, 17, 5) == (3, 2)
    with pytest.raises(TypeError):
        _with_stack_room(dive, "x")
