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

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from nghiquyet.audit.services import audit_operation
from nghiquyet.orgs.scopes import scope_for

from .choices import JobStatus
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
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    handler, _action = KINDS[job.kind]

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(
            progress=max(0, min(100, int(percent))), message=message[:255]
        )

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


def job_store_result(
    job: Job, content: bytes, *, name: str, content_type: str, outcome: dict | None = None
) -> None:
    """Keep the job's result file (private; downloaded through a scope-checked view)."""
    job.result.save("result", ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(
        result=job.result.name,
        result_name=name[:255],
        result_type=content_type,
        outcome=outcome or {},
    )
