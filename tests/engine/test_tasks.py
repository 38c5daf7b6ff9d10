"""Task status: hoàn thành đúng hạn / quá hạn, chưa hoàn thành trong hạn / quá hạn."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet import engine
from nghiquyet.engine import TASK_STATUS_LABELS, TASK_STATUSES

D = dt.date
AS_OF = D(2025, 6, 14)  # 6-month cut-off (Nghị định 09/2019)


def status(deadline: dt.date | None, completed: dt.date | None, as_of: dt.date = AS_OF) -> str:
    return TASK_STATUSES[int(engine.task_status([deadline], [completed], as_of)[0])]


class TestFourStates:
    def test_done_on_time(self) -> None:
        assert status(D(2025, 5, 31), D(2025, 5, 20)) == "done_on_time"

    def test_done_on_the_deadline_day_is_on_time(self) -> None:
        assert status(D(2025, 5, 31), D(2025, 5, 31)) == "done_on_time"

    def test_done_late(self) -> None:
        assert status(D(2025, 5, 31), D(2025, 6, 1)) == "done_late"

    def test_open_on_time(self) -> None:
        assert status(D(2025, 6, 30), None) == "open_on_time"

    def test_open_on_the_deadline_day_is_still_on_time(self) -> None:
        assert status(AS_OF, None) == "open_on_time"

    def test_open_overdue(self) -> None:
        assert status(D(2025, 6, 13), None) == "open_overdue"

    def test_labels(self) -> None:
        assert [TASK_STATUS_LABELS[s] for s in TASK_STATUSES] == [
            "hoàn thành đúng hạn",
            "hoàn thành quá hạn",
            "chưa hoàn thành trong hạn",
            "chưa hoàn thành quá hạn",
        ]


class TestEdgeCases:
    def test_no_deadline_is_never_late(self) -> None:
        assert status(None, D(2030, 1, 1), as_of=D(2030, 1, 1)) == "done_on_time"
        assert status(None, None) == "open_on_time"
        assert status(None, None, as_of=D(2099, 12, 31)) == "open_on_time"

    def test_completion_after_the_as_of_date_does_not_count_yet(self) -> None:
        # completed 20/6 but the report is as of 14/6: still open on that day
        assert status(D(2025, 6, 30), D(2025, 6, 20)) == "open_on_time"
        assert status(D(2025, 6, 1), D(2025, 6, 20)) == "open_overdue"
        # on the next report it counts
        assert status(D(2025, 6, 30), D(2025, 6, 20), as_of=D(2025, 7, 14)) == "done_on_time"
        assert status(D(2025, 6, 1), D(2025, 6, 20), as_of=D(2025, 7, 14)) == "done_late"

    def test_accepts_strings_datetime64_and_nat(self) -> None:
        codes = engine.task_status(
            np.array(["2025-05-31", "NaT", "2025-01-01"], dtype="datetime64[D]"),
            ["2025-05-01", None, None],
            np.datetime64("2025-06-14"),
        )
        assert [TASK_STATUSES[c] for c in codes] == [
            "done_on_time",
            "open_on_time",
            "open_overdue",
        ]

    def test_count_statuses(self) -> None:
        codes = engine.task_status(
            [D(2025, 5, 31), D(2025, 5, 31), D(2025, 7, 1), D(2025, 1, 1), None],
            [D(2025, 5, 1), D(2025, 6, 2), None, None, None],
            AS_OF,
        )
        assert engine.count_statuses(codes) == {
            "done_on_time": 1,
            "done_late": 1,
            "open_on_time": 2,
            "open_overdue": 1,
        }

    def test_empty(self) -> None:
        codes = engine.task_status(
            np.array([], dtype="datetime64[D]"), np.array([], dtype="datetime64[D]"), AS_OF
        )
        assert engine.count_statuses(codes) == dict.fromkeys(TASK_STATUSES, 0)


def reference_status(deadline: dt.date | None, completed: dt.date | None, as_of: dt.date) -> str:
    """One task at a time, straight from the Government's definitions."""
    done = completed is not None and completed <= as_of
    if done:
        late = deadline is not None and completed > deadline
        return "done_late" if late else "done_on_time"
    overdue = deadline is not None and as_of > deadline
    return "open_overdue" if overdue else "open_on_time"


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
tasks = st.lists(st.tuples(st.none() | dates, st.none() | dates), max_size=200)


@given(tasks, dates)
def test_vectorised_equals_reference(data: list, as_of: dt.date) -> None:
    codes = engine.task_status([d for d, _ in data], [c for _, c in data], as_of)
    assert codes.shape == (len(data),)
    got = [TASK_STATUSES[c] for c in codes]
    assert got == [reference_status(d, c, as_of) for d, c in data]


@given(tasks, dates)
def test_exactly_one_status_and_completed_means_done(data: list, as_of: dt.date) -> None:
    codes = engine.task_status([d for d, _ in data], [c for _, c in data], as_of)
    assert all(0 <= c < len(TASK_STATUSES) for c in codes)
    assert sum(engine.count_statuses(codes).values()) == len(data)
    for (_, completed), code in zip(data, codes, strict=True):
        is_done = TASK_STATUSES[code].startswith("done_")
        assert is_done == (completed is not None and completed <= as_of)


@pytest.mark.parametrize("n", [100_000])
def test_many_rows(n: int) -> None:
    rng = np.random.default_rng(7)
    start = np.datetime64("2025-01-01")
    deadline = start + rng.integers(0, 365, n).astype("timedelta64[D]")
    completed = start + rng.integers(0, 365, n).astype("timedelta64[D]")
    completed[rng.random(n) < 0.3] = np.datetime64("NaT")
    deadline[rng.random(n) < 0.1] = np.datetime64("NaT")
    as_of = np.datetime64("2025-07-14")
    codes = engine.task_status(deadline, completed, as_of)
    # recount each status from its definition with plain array masks
    done = ~np.isnat(completed) & (completed <= as_of)
    late = ~np.isnat(deadline) & (completed > deadline)
    overdue = ~np.isnat(deadline) & (as_of > deadline)
    assert engine.count_statuses(codes) == {
        "done_on_time": int((done & ~late).sum()),
        "done_late": int((done & late).sum()),
        "open_on_time": int((~done & ~overdue).sum()),
        "open_overdue": int((~done & overdue).sum()),
    }
    # a sample row by row
    for i in rng.integers(0, n, 500):
        d = None if np.isnat(deadline[i]) else deadline[i].astype(object)
        c = None if np.isnat(completed[i]) else completed[i].astype(object)
        assert TASK_STATUSES[codes[i]] == reference_status(d, c, as_of.astype(object))
