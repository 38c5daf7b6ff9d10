"""What every benchmark prints beside its figures: how busy the machine was (the load
average: the machine is shared, figures move with it) and the peak memory of the run.

Peak memory is the operating system's maximum resident set size (``getrusage``
``ru_maxrss``) of the benchmark's process and, separately, of the largest child process
it waited for (a server, a renderer run in a forked process); it covers memory that
libraries allocate outside Python, which ``tracemalloc`` does not see.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Callable
from multiprocessing import get_context
from typing import Any

MB = 1024 * 1024


def load_average() -> str:
    """``"load 1,23 / 0,98 / 0,75 on 2 CPU"`` (1, 5 and 15 minutes)."""
    one, five, fifteen = os.getloadavg()
    text = f"{one:.2f} / {five:.2f} / {fifteen:.2f}".replace(".", ",")
    return f"load {text} on {os.cpu_count()} CPU"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB of this process (or of its largest waited-for child)."""
    return resource.getrusage(who).ru_maxrss * 1024 / MB  # Linux reports kilobytes


def peak_line(goal_mb: float | None = None) -> str:
    """The closing line of a benchmark: peak memory of the process and of its children."""
    own = peak_rss_mb()
    children = peak_rss_mb(resource.RUSAGE_CHILDREN)
    text = f"Peak memory (max RSS): this process {own:,.0f} MB"
    if children:
        text += f", largest child process {children:,.0f} MB"
    if goal_mb is not None:
        text += f" (goal < {goal_mb:,.0f} MB: {'met' if own < goal_mb else 'NOT met'})"
    return f"{text}; {load_average()} at the end."


def _child(fn: Callable[[], Any], queue: Any) -> None:
    try:
        result = fn()
        queue.put((True, result, peak_rss_mb()))
    except BaseException as exc:  # reported to the parent, which raises it
        queue.put((False, repr(exc), peak_rss_mb()))


def in_child(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn`` in a forked process: (what it returned, that process's peak RSS in MB).

    The child starts as a copy of this process, so its peak counts the parent's memory
    at the fork plus what ``fn`` adds — the memory a worker doing only ``fn`` would
    need. ``fn`` must return something picklable.
    """
    ctx = get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, queue))
    proc.start()
    ok, result, peak = queue.get()
    proc.join()
    if not ok:
        raise RuntimeError(f"benchmark step failed in its child process: {result}")
    return result, peak
