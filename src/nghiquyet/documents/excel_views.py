"""Excel templates and imports: a unit's report, and a whole resolution. Thin views.

Large imports (more figures or rows than ``settings.NGHIQUYET_IMPORT_INLINE_LIMIT``)
run as background jobs; the user is sent to the job's page and may leave.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nghiquyet.reporting.selectors import submission_get
from nghiquyet.reporting.views import submission_page_context

from .jobs import job_start
from .plan_excel import (
    TEMPLATE_NAME,
    plan_import,
    plan_import_allowed,
    plan_import_message,
    plan_import_size,
    plan_import_units,
    plan_template,
)
from .submission_excel import (
    import_size,
    submission_import,
    submission_import_require,
    submission_template,
)
from .xlsx_safety import limits, size_problem

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _inline_limit() -> int:
    return getattr(settings, "NGHIQUYET_IMPORT_INLINE_LIMIT", 10_000)


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _upload(request: HttpRequest) -> tuple[bytes | None, str, list[str]]:
    """The uploaded file's bytes and name, or the problems (no file, too large to read)."""
    upload = request.FILES.get("tep")
    if upload is None:
        return None, "", [_("Hãy chọn tệp Excel (.xlsx) để tải lên.")]
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    refused = size_problem(upload.size or 0, name)
    if refused is not None:  # refused before reading a byte of it
        return None, name, refused.messages
    return upload.read(), name, []


# --- a unit's report ------------------------------------------------------------------------


@login_required
@require_GET
def submission_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    data, filename = submission_template(user=request.user, submission=submission)
    return _xlsx(data, filename)


@login_required
@require_POST
def submission_import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    submission_import_require(acting_user=request.user, submission=submission)
    data, name, problems = _upload(request)
    if data is not None:
        if import_size(submission) > _inline_limit():
            job = job_start(
                acting_user=request.user,
                kind="submission_import",
                unit=submission.unit,
                title=_("Nhập số liệu từ tệp %(name)s — %(unit)s, %(period)s")
                % {
                    "name": name,
                    "unit": submission.unit.name,
                    "period": submission.round.period.label,
                },
                params={"submission": submission.pk},
                upload=data,
                upload_name=name,
            )
            return redirect("documents:job-detail", pk=job.pk)
        try:
            result = submission_import(
                acting_user=request.user, submission=submission, data=data, filename=name
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, result.message)
            return redirect(reverse("reporting:submission-detail", args=[submission.pk]) + "#excel")
    submission.refresh_from_db()
    context = submission_page_context(
        request,
        submission,
        problem=_("Chưa nhập được tệp %(name)s: %(n)s lỗi, xem phần Nhập, xuất Excel bên dưới.")
        % {"name": name or "", "n": len(problems)},
    )
    context.update(excel_problems=problems, excel_filename=name)
    return render(request, "reporting/submission_detail.html", context, status=422)


# --- a whole resolution ---------------------------------------------------------------------


def _require_importer(request: HttpRequest) -> None:
    if not plan_import_allowed(user=request.user):
        raise PermissionDenied


@login_required
@require_GET
def plan_template_download(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    return _xlsx(plan_template(user=request.user), TEMPLATE_NAME)


@login_required
def plan_import_page(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    problems: list[str] = []
    name = ""
    if request.method == "POST":
        data, name, problems = _upload(request)
        if data is not None:
            try:
                rows = plan_import_size(data, name)
            except ValidationError as exc:
                rows, problems = 0, exc.messages
            if not problems and rows > _inline_limit():
                unit = plan_import_units(user=request.user).first()
                job = job_start(
                    acting_user=request.user,
                    kind="plan_import",
                    unit=unit,
                    title=_("Nhập nghị quyết từ tệp %(name)s") % {"name": name},
                    upload=data,
                    upload_name=name,
                )
                return redirect("documents:job-detail", pk=job.pk)
            if not problems:
                try:
                    plan = plan_import(acting_user=request.user, data=data, filename=name)
                except ValidationError as exc:
                    problems = exc.messages
                else:
                    messages.success(request, plan_import_message(plan, name))
                    return redirect("web:plan-dashboard", code=plan.code)
    return render(
        request,
        "documents/plan_import.html",
        {
            "problems": problems,
            "filename": name,
            "max_mb": limits().max_bytes // (1024 * 1024),
        },
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [
    path(
        "excel/bao-cao/<int:pk>/mau/",
        submission_template_download,
        name="submission-template",
    ),
    path("excel/bao-cao/<int:pk>/nhap/", submission_import_upload, name="submission-import"),
    path("excel/nghi-quyet/mau/", plan_template_download, name="plan-template"),
    path("excel/nghi-quyet/nhap/", plan_import_page, name="plan-import"),
]
