"""``manage.py db_worker``: django-tasks' database worker, which also reaps the jobs of dead
workers.

A job whose worker was killed stays "running" until someone notices its lease expired; the
job pages do, and so does every worker: at start and then every
``NGHIQUYET_JOB_LEASE_SECONDS / 2``, a thread fails the lost jobs with their message
(:func:`nghiquyet.documents.services.job_reap_stale`), so an owner who never opens the job
page is told too (the failed job shows in the job list with "Chạy lại"). The same thread
folds the data version's rows (:func:`nghiquyet.audit.versions.data_version_compact`).

It takes the name of django-tasks-db's command (``settings.INSTALLED_APPS`` lists
``django_tasks_db`` after this app, so this one is found first), so that every documented way
of starting the worker (systemd, ``make run``, CI) reaps.
"""

from __future__ import annotations

import logging
import os
import threading

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from nghiquyet.audit.versions import data_version_compact
from nghiquyet.documents.jobs import lease_seconds
from nghiquyet.documents.services import job_reap_stale

log = logging.getLogger(__name__)


class Reaper(threading.Thread):
    """Fails lost jobs now and then, on its own database connection."""

    def __init__(self) -> None:
        super().__init__(name="job-reaper", daemon=True)
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            while True:
                try:
                    close_old_connections()
                    reaped = job_reap_stale()
                    if reaped:
                        log.warning("%d lost job(s) marked failed", reaped)
                    data_version_compact()  # keeps the data version's table small
                except Exception:  # the database away for a moment: try again next time
                    log.exception("reaping lost jobs")
                if self.stop.wait(max(1.0, lease_seconds() / 2)):
                    return
        finally:
            connection.close()


class Command(WorkerCommand):
    help = "Run a database background worker; it also fails the jobs of dead workers"

    def handle(self, *args, reload: bool, batch: bool, **options) -> None:
        reaper = None
        # With --reload only the child runs the worker; the parent merely watches the files.
        if not (reload and not batch) or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            reaper = Reaper()
            reaper.start()
        try:
            super().handle(*args, reload=reload, batch=batch, **options)
        finally:
            if reaper is not None:
                reaper.stop.set()
                reaper.join(timeout=30)
