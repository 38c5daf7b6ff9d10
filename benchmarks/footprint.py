"""What every benchmark prints beside its figures: how busy the machine was (the load
average: the machine is shared, figures move with it) and the peak memory of the run.

Peak memory is the operating system's maximum resident set size (``getrusage``
``ru_maxrss``) of the benchmark's process and, separately, of the largest child process
it waited for (a server); per step, the high-water mark that Linux lets a process reset
(:func:`measured`). Both cover memory that libraries allocate outside Python, which
``tracemalloc`` does not see.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
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


def reset_peak() -> None:
    """Start measuring a step's peak afresh: Linux resets the process's high-water mark of
    resident memory (VmHWM) to what it holds now when "5" is written to clear_refs."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def step_peak_mb() -> float:
    """Peak resident memory (MB) since the last :func:`reset_peak` (or the start)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mb()


def rss_mb() -> float:
    """Resident memory (MB) of this process now."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measured(fn: Callable[[], Any]) -> tuple[Any, float, float, float]:
    """(what ``fn`` returned, seconds, peak resident MB of the process while it ran, MB it
    held when the step started).

    The peak counts what the process held before the step too (the difference is what
    the step itself needed at its height).
    """
    reset_peak()
    before = rss_mb()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    return result, elapsed, step_peak_mb(), before


def _pss_mb(pid: int) -> float:
    """Proportional set size (MB) of a process: its private memory plus its share of pages
    it shares (a forked worker shares the parent's), so that a sum over processes counts
    each page once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def measured_with_workers(fn: Callable[[], Any], every_s: float = 0.5) -> tuple:
    """Like :func:`measured` for a step that runs worker processes: (result, seconds, peak of
    the memory of this process and its children together (summed proportional set sizes,
    sampled every ``every_s``: reading them costs the kernel a walk of each process's pages),
    that memory when the step started, CPU seconds of this process and of its children)."""
    import threading

    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        me = os.getpid()
        while not done.is_set():
            peak = max(peak, _pss_mb(me) + sum(_pss_mb(c) for c in _children(me)))
            done.wait(every_s)

    sampler = threading.Thread(target=sample, daemon=True)
    at_start = _pss_mb(os.getpid())
    before = os.times()
    start = time.perf_counter()
    sampler.start()
    try:
        result = fn()
    finally:
        done.set()
        sampler.join()
    elapsed = time.perf_counter() - start
    after = os.times()
    own = after.user + after.system - before.user - before.system
    children = (
        after.children_user + after.children_system - before.children_user - before.children_system
    )
    return result, elapsed, peak, at_start, own, children
