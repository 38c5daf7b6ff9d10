"""Jobs survive a crash of their worker: a running job renews a lease (``heartbeat_at``); one
whose worker died (killed, the machine restarted) is found by its stale lease, failed with a
message the user sees — nothing half written, its writes were one transaction — and can be
run again."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet.audit.models import AuditEvent
from nghiquyet.documents import jobs
from nghiquyet.documents.choices import JobStatus
from nghiquyet.documents.models import Job
from nghiquyet.documents.services import job_reap_stale, job_start
from nghiquyet.plans.models import Plan


def _report_job(user, plan):
    return job_start(
        acting_user=user,
        kind="report",
        unit=plan.unit,
        title="Báo cáo thử",
        params={"plan": plan.pk, "period": "2022", "format": "xlsx"},
    )


@pytest.mark.django_db
def test_a_job_whose_worker_died_fails_with_a_message_and_runs_again(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    leader = users["lanhdao.tinh"]
    plan = Plan.objects.get(code="tinh-2022")
    with django_capture_on_commit_callbacks(execute=False):
        job = _report_job(leader, plan)  # queued; no worker took it yet
    # What a worker killed at 20 % leaves behind: "running" forever, its lease long expired.
    long_ago = timezone.now() - dt.timedelta(seconds=settings.NGHIQUYET_JOB_LEASE_SECONDS + 60)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress=20, started_at=long_ago, heartbeat_at=long_ago
    )
    c = Client()
    c.force_login(leader)
    page = c.get(reverse("documents:job-detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert "Máy chạy nền đã ngừng hoạt động" in job.error
    assert "Máy chạy nền đã ngừng hoạt động" in page and 'data-testid="retry"' in page
    assert not job.result
    assert AuditEvent.objects.filter(action="job.lost", object_id=str(job.pk)).exists()
    # Run again: a new job with the same request, done by the worker.
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("documents:job-retry", args=[job.pk]))
    again = Job.objects.exclude(pk=job.pk).get(created_by=leader)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job-detail", args=[again.pk])
    again.refresh_from_db()
    assert again.status == JobStatus.DONE and again.params == job.params
    assert again.result_name.endswith(".xlsx")


@pytest.mark.django_db
def test_only_the_owner_may_run_a_failed_job_again(users, django_capture_on_commit_callbacks):
    plan = Plan.objects.get(code="tinh-2022")
    with django_capture_on_commit_callbacks(execute=False):
        job = _report_job(users["lanhdao.tinh"], plan)
    other = Client()
    other.force_login(users["baocao.anhoi"])
    assert other.post(reverse("documents:job-retry", args=[job.pk])).status_code == 404
    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_a_job_with_a_fresh_lease_is_left_alone(users, django_capture_on_commit_callbacks):
    plan = Plan.objects.get(code="tinh-2022")
    with django_capture_on_commit_callbacks(execute=False):
        job = _report_job(users["lanhdao.tinh"], plan)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now)
    assert job_reap_stale() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_running_job_renews_its_lease(demo_loaded, settings):
    """Run in a worker (outside any transaction), a long job's heartbeat moves on while its
    handler works, so the reaper never takes a live job for a dead one."""
    from django.contrib.auth import get_user_model

    settings.NGHIQUYET_JOB_LEASE_SECONDS = 3  # a beat every 0,5 s
    seen = {}

    def slow(job, progress):
        first = Job.objects.get(pk=job.pk).heartbeat_at
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            beat = Job.objects.get(pk=job.pk).heartbeat_at
            if beat > first:
                break
            time.sleep(0.1)
        seen["renewed"] = beat > first
        seen["reaped"] = job_reap_stale()

    jobs.KINDS["test_slow"] = (slow, "view")
    try:
        leader = get_user_model().objects.get(username="lanhdao.tinh")
        plan = Plan.objects.get(code="tinh-2022")
        job = Job.objects.create(
            kind="test_slow", title="Chậm", unit=plan.unit, created_by=leader, params={}
        )
        jobs.run_job.call(job.pk)
    finally:
        del jobs.KINDS["test_slow"]
    job.refresh_from_db()
    assert seen == {"renewed": True, "reaped": 0}
    assert job.status == JobStatus.DONE
