"""Running work in the background (Django tasks API, the django-tasks backport).

A *job kind* is a function ``handler(job, progress) -> None`` registered with
:func:`job_kind`; it reads ``job.params`` (and ``job.upload``), calls
``progress(percent, message)`` as it goes, and stores its result with
:func:`job_store_result`. :func:`job_start` records the job and enqueues it;
the worker (``python manage.py db_worker``) runs it. A failing handler leaves
the job ``failed`` with its Vietnamese message; nothing else is written,
because handlers do their writes in one transaction through the services.
"""

from __future__ import annotations

import errno
import logging
import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from nghiquyet.audit.services import audit_operation
from nghiquyet.orgs.scopes import scope_for

from .choices import FINISHED, JobStatus
from .models import Job
from .registry import KINDS, Handler, Progress, job_kind

log = logging.getLogger(__name__)

__all__ = ["KINDS", "Handler", "Progress", "enqueue", "job_kind", "job_store_result", "run_job"]


def enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(getattr(result, "id", ""))[:64])


@task()
def run_job(job_id: int) -> None:
    """The one task every job goes through."""
    job = Job.objects.select_related("created_by", "unit").get(pk=job_id)
    if job.finished:
        return
    now = timezone.now()
    started = (
        Job.objects.filter(pk=job.pk)
        .exclude(status__in=FINISHED)
        .update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, progress=0)
    )
    if not started:
        return  # failed as stale, or taken by another worker, meanwhile
    handler, _action = KINDS[job.kind]

    if connection.in_atomic_block:
        # Run at once inside the caller's transaction (the immediate backend): no worker to
        # lose, and no other connection could see the job.
        def progress(percent: int, message: str = "") -> None:
            Job.objects.filter(pk=job.pk).update(**_progress_fields(percent, message))

        _run(job, handler, progress)
        return
    with _Heartbeat(job.pk) as beat:
        _run(job, handler, beat.progress)


def _progress_fields(percent: int, message: str) -> dict:
    return {
        "progress": max(0, min(100, int(percent))),
        "message": message[:255],
        "heartbeat_at": timezone.now(),
    }


class _Heartbeat:
    """While a job runs, a thread renews its lease (``heartbeat_at``) every few seconds and
    writes its progress, on its own database connection; a worker that dies stops renewing.

    Progress goes through this thread, not the job's connection: a handler reports progress
    from inside its one transaction (an import's thousands of rows), where the update would
    stay invisible until the commit and would lock the job's row — the beats would wait
    behind it, and a long live import would look dead to the reaper.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.stop = threading.Event()
        self.wake = threading.Event()
        self.lock = threading.Lock()
        self.pending: dict | None = None
        self.thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat")

    def progress(self, percent: int, message: str = "") -> None:
        with self.lock:
            self.pending = _progress_fields(percent, message)
        self.wake.set()

    def _write(self) -> None:
        with self.lock:
            fields, self.pending = self.pending, None
        fields = fields or {}
        fields["heartbeat_at"] = timezone.now()
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(**fields)

    def _beat(self) -> None:
        try:
            while not self.stop.is_set():
                self.wake.wait(heartbeat_seconds())
                self.wake.clear()
                if not self.stop.is_set():
                    self._write()
        except Exception:  # a failed beat must not kill the job; the lease says the rest
            log.exception("heartbeat of job %s", self.job_id)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.daemon = True
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.wake.set()
        self.thread.join()


def heartbeat_seconds() -> float:
    return max(0.05, lease_seconds() / 6)


def lease_seconds() -> float:
    """How long a running job may go without a heartbeat before it counts as dead."""
    return float(getattr(settings, "NGHIQUYET_JOB_LEASE_SECONDS", 120))


def _run(job: Job, handler: Handler, progress: Progress) -> None:
    try:
        # The user may have lost the right since asking.
        scope_for(job.created_by).require(KINDS[job.kind][1], job.unit)
        with audit_operation():
            handler(job, progress)
    except (ValidationError, PermissionDenied) as exc:
        messages = getattr(exc, "messages", None) or [_("Bạn không có quyền thực hiện việc này.")]
        _finish(job, JobStatus.FAILED, error="\n".join(messages))
    except Exception:
        log.exception("job %s failed", job.pk)
        _finish(
            job,
            JobStatus.FAILED,
            error=_("Lỗi ngoài dự kiến; chưa có gì được ghi. Hãy thử lại hoặc báo quản trị."),
        )
    else:
        _finish(job, JobStatus.DONE)


def _finish(job: Job, status: str, *, error: str = "") -> None:
    update = {"status": status, "finished_at": timezone.now(), "error": error}
    if status == JobStatus.DONE:
        update.update(progress=100, message="")
    Job.objects.filter(pk=job.pk).update(**update)


def store_file(field, path: str, content: bytes, *, what: str, again: str = "") -> str:
    """Write ``content`` to ``field``'s storage at ``path``; the stored name.

    A failed write (a full disk above all) leaves no partial file and raises a
    ``ValidationError`` its owner reads ("what" names the file, "again" says how to try
    again), never an OSError.
    """
    again = again or _("làm lại")
    storage = field.storage
    try:
        return storage.save(path, ContentFile(content), max_length=field.field.max_length)
    except OSError as exc:
        storage.delete(path)  # what the write left half done, if anything
        log.error("writing %s failed: %s", path, exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            message = _(
                "Máy chủ hết chỗ trống trên đĩa khi lưu %(what)s; tệp chưa được lưu, không "
                "có gì ghi dở. Hãy báo người quản trị giải phóng chỗ trống rồi %(again)s."
            )
        else:
            message = _(
                "Không ghi được %(what)s lên đĩa của máy chủ; tệp chưa được lưu, không có gì "
                "ghi dở. Hãy %(again)s, hoặc báo người quản trị nếu lỗi lặp lại."
            )
        raise ValidationError(message % {"what": what, "again": again}) from exc


def job_store_result(
    job: Job, content: bytes, *, name: str, content_type: str, outcome: dict | None = None
) -> None:
    """Keep the job's result file (private; downloaded through a scope-checked view).

    A disk that fills up (or any failed write) leaves no partial file behind: the job fails
    with a message its owner sees, and "Chạy lại" makes the file again once there is room.
    """
    field = job.result
    path = field.storage.get_available_name(
        field.field.generate_filename(job, "result"), max_length=field.field.max_length
    )
    field.name = store_file(field, path, content, what=_("tệp kết quả"), again=_("bấm “Chạy lại”"))
    Job.objects.filter(pk=job.pk).update(
        result=field.name,
        result_name=name[:255],
        result_type=content_type,
        outcome=outcome or {},
    )
