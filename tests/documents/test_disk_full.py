"""A full disk when a report's file is written: the job fails with a clear message, no partial
file is left, and "Chạy lại" makes the file once there is room again.

A real full file system needs root (a tiny tmpfs); the storage's write is replaced by one that
does what a full disk does — writes part of the file, then fails with ENOSPC."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from nghiquyet.documents.choices import JobStatus
from nghiquyet.documents.models import Job
from nghiquyet.documents.services import job_start
from tests.documents.helpers import client_for
from tests.factories import make_report, make_user


def _files(root) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names]


def _full_disk_save(self, name, content):
    path = self.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = content.read()
    with open(path, "wb") as f:
        f.write(data[: len(data) // 2])  # as far as the disk had room
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


@pytest.mark.django_db
def test_a_full_disk_fails_the_report_visibly_and_leaves_no_partial_file(
    land, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    submission, _reporter = make_report(land, "day-dia")
    plan = submission.round.plan
    reader = make_user("doc.daydia", ("viewer", land["T1"]))
    monkeypatch.setattr(FileSystemStorage, "_save", _full_disk_save)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            acting_user=reader,
            kind="report",
            unit=plan.unit,
            title="Báo cáo khi đĩa đầy",
            params={"plan": plan.pk, "period": "2031", "format": "xlsx"},
        )
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "hết chỗ trống trên đĩa" in job.error and "không có gì ghi dở" in job.error
    assert not job.result and not job.result_name
    assert _files(tmp_path) == []  # the half-written file is gone
    client = client_for(reader)
    page = client.get(reverse("documents:job-detail", args=[job.pk])).content.decode()
    assert "hết chỗ trống trên đĩa" in page and 'data-testid="retry"' in page

    monkeypatch.undo()  # the administrator made room
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:job-retry", args=[job.pk]))
    assert response.status_code == 302
    again = Job.objects.exclude(pk=job.pk).get(created_by=reader)
    assert again.status == JobStatus.DONE, again.error
    assert len(_files(tmp_path)) == 1
    assert client.get(reverse("documents:job-download", args=[again.pk])).status_code == 200
