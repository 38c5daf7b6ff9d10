"""Run as a program: the real ``db_worker``, except that a plan import stops for good right
after writing its first task — inside its one transaction, with the plan, its groups and
targets written but not committed — and says so by writing its process id to the file in
``STALL_MARKER``. The test then kills it with SIGKILL: a worker dying mid-job, for real
(tests/documents/test_worker_killed.py)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src")]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from nghiquyet.plans import services

    task_create = services.task_create

    def task_create_then_stall(**kwargs):
        task = task_create(**kwargs)
        Path(os.environ["STALL_MARKER"]).write_text(str(os.getpid()))
        while True:
            time.sleep(60)
        return task

    services.task_create = task_create_then_stall
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")


if __name__ == "__main__":
    main()
