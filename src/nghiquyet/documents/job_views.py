"""Pages of background jobs: progress (polled), result download, the user's jobs."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from .choices import JobStatus
from .jobs import job_get, job_list


@login_required
def job_index(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/job_list.html", {"jobs": job_list(user=request.user)[:50]})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(user=request.user, pk=pk)
    template = "documents/_job_status.html" if request.htmx else "documents/job_detail.html"
    return render(request, template, {"job": job, "done": job.status == JobStatus.DONE})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_get(user=request.user, pk=pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404
    response = FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("cong-viec/", job_index, name="job-list"),
    path("cong-viec/<int:pk>/", job_detail, name="job-detail"),
    path("cong-viec/<int:pk>/tai-ve/", job_download, name="job-download"),
]
