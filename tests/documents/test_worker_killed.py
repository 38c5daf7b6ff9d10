"""A worker killed mid-job, for real: ``db_worker`` runs as a separate process, a plan import
is half written inside its transaction when the worker gets SIGKILL; a new worker finds the
job's lease expired, fails it with a message its owner sees, nothing of the import is left,
and "Chạy lại" imports the file once, completely."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nghiquyet.audit.models import AuditEvent
from nghiquyet.documents.choices import JobStatus
from nghiquyet.documents.models import Job
from nghiquyet.documents.plan_excel.template import plan_template
from nghiquyet.plans.models import Plan, Target, Task
from tests.dbstate import changed_tables, database_state
from tests.documents.helpers import client_for
from tests.programs import ROOT, database_url, program_env

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEASE = "6"  # seconds; the worker reaps every 3 s


def _wait(what: str, done, seconds: float = 600):
    """Poll until ``done()`` is true (a bound on a stuck run, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = done()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"still waiting for {what}")


def _job_status(pk: int) -> str:
    connection.close()  # a fresh read each time (SQLite's snapshot, PostgreSQL's cache)
    return Job.objects.get(pk=pk).status


def _worker(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_runs_again(
    demo_loaded, settings, tmp_path
):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NGHIQUYET_IMPORT_INLINE_LIMIT = 5  # the template's rows go to the worker
    settings.NGHIQUYET_JOB_LEASE_SECONDS = int(LEASE)
    # As in production: jobs wait in the database for a worker (django-tasks resets on this).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    office = get_user_model().objects.get(username="vanphong.thanhpho")
    client = client_for(office)
    data = plan_template(user=office)
    before = database_state()

    response = client.post(
        reverse("documents:plan-import"),
        {"tep": SimpleUploadedFile("nghi-quyet.xlsx", data, content_type=XLSX)},
    )
    assert response.status_code == 302
    job = Job.objects.get(pk=int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1)))
    assert job.status == JobStatus.QUEUED
    code = f"thanh-pho-ben-tre-{timezone.localdate().year + 1}"  # the template's plan
    connection.close()

    env = program_env(
        database_url=database_url(),
        media=settings.MEDIA_ROOT,
        NGHIQUYET_JOB_LEASE_SECONDS=LEASE,
        STALL_MARKER=str(tmp_path / "stalled"),
    )
    stalling = _worker(
        [str(Path(__file__).with_name("stalling_worker.py"))], env, tmp_path / "w1.log"
    )
    try:
        # The worker stops inside the import's transaction: plan, groups, targets written.
        _wait("the import to be half written", (tmp_path / "stalled").exists)
        assert _job_status(job.pk) == JobStatus.RUNNING
        assert not Plan.objects.filter(code=code).exists()  # written, not committed
        os.killpg(stalling.pid, signal.SIGKILL)  # the worker dies, for real
        stalling.wait()
    finally:
        _stop(stalling)

    worker = _worker(
        ["manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        env,
        tmp_path / "w2.log",
    )
    try:
        # The new worker reaps the job whose lease expired (nobody opens the job page).
        _wait("the lost job to be failed", lambda: _job_status(job.pk) == JobStatus.FAILED)
        job.refresh_from_db()
        assert "Máy chạy nền đã ngừng hoạt động" in job.error and "Chạy lại" in job.error
        assert AuditEvent.objects.filter(action="job.lost", object_id=str(job.pk)).exists()
        # Nothing of the import was written: only the job and its audit events are new (and
        # the data version, which the events move and the worker folds into one row).
        changed = changed_tables(before, database_state())
        assert set(changed) <= {"documents.Job", "audit.AuditEvent", "audit.DataVersion"}, changed
        page = client.get(reverse("documents:job-detail", args=[job.pk])).content.decode()
        assert "Máy chạy nền đã ngừng hoạt động" in page and 'data-testid="retry"' in page

        # "Chạy lại": a new job with the same file, done by the live worker.
        response = client.post(reverse("documents:job-retry", args=[job.pk]))
        assert response.status_code == 302
        again = Job.objects.exclude(pk=job.pk).get(created_by=office)
        connection.close()
        _wait(
            "the job run again", lambda: _job_status(again.pk) in (JobStatus.DONE, JobStatus.FAILED)
        )
        again.refresh_from_db()
        assert again.status == JobStatus.DONE, again.error
        assert again.outcome["plan"] == code
        plan = Plan.objects.get(code=code)
        assert Target.objects.filter(plan=plan).count() == 10
        assert Task.objects.filter(plan=plan).count() == 4
    finally:
        _stop(worker)
