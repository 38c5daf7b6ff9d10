"""Task status in the Government's task-tracking practice.

Four states, decided by the deadline, the completion date and the day of the
report:

- ``done_on_time``  — hoàn thành đúng hạn (completed on or before the deadline);
- ``done_late``     — hoàn thành quá hạn (completed after the deadline);
- ``open_on_time``  — chưa hoàn thành trong hạn (not completed, deadline not passed);
- ``open_overdue``  — chưa hoàn thành quá hạn (not completed, deadline passed).

A task without a deadline is never late. A completion recorded after the
reporting day does not count yet on that day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import ArrayLike, NDArray

TASK_STATUSES = ("done_on_time", "done_late", "open_on_time", "open_overdue")
TASK_STATUS_LABELS = {
    "done_on_time": "hoàn thành đúng hạn",
    "done_late": "hoàn thành quá hạn",
    "open_on_time": "chưa hoàn thành trong hạn",
    "open_overdue": "chưa hoàn thành quá hạn",
}
DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME, OPEN_OVERDUE = range(4)


def _days(values: ArrayLike) -> NDArray[np.datetime64]:
    arr = np.asarray(values, dtype="datetime64[D]")
    return arr.reshape(1) if arr.ndim == 0 else arr


def task_status(
    deadline: ArrayLike, completed_on: ArrayLike, as_of: dt.date | np.datetime64
) -> NDArray[np.int8]:
    """Status index (into :data:`TASK_STATUSES`) of every task on the day ``as_of``.

    ``deadline`` and ``completed_on`` are date columns with ``None``/NaT where
    there is no deadline or no completion yet.
    """
    deadline = _days(deadline)
    completed = _days(completed_on)
    today = np.datetime64(as_of, "D")
    done = ~np.isnat(completed) & (completed <= today)
    has_deadline = ~np.isnat(deadline)
    late_done = has_deadline & (completed > deadline)
    overdue = has_deadline & (today > deadline)
    return np.select(
        [done & ~late_done, done, ~overdue],
        [DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME],
        OPEN_OVERDUE,
    ).astype(np.int8)


def count_statuses(codes: NDArray[np.integer]) -> dict[str, int]:
    """Number of tasks per status, every status present."""
    counts = np.bincount(np.asarray(codes, dtype=np.intp), minlength=len(TASK_STATUSES))
    return dict(zip(TASK_STATUSES, (int(c) for c in counts), strict=True))
