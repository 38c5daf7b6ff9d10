"""The kinds of background job: a report (Word, PDF, Excel, the dashboard as PDF), the big
imports (a resolution, a unit's report), and loading the administrative map from the data
packages. Loaded by the app's ready(); each registers itself."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.loading import vietnam_load
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import Timeliness
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.selectors.rounds import completeness_counts, plan_round, round_completeness

from .choices import MAP_LOAD
from .jobs import Progress, job_kind, job_store_result
from .models import Job
from .plan_excel.create import plan_import_message
from .report import ANNUAL, END_TERM, HALF_YEAR, MID_TERM, build_review
from .selectors import report_period
from .services import plan_import, submission_import

FORMATS = {
    "docx": ("Word", "docx"),
    "pdf": ("PDF", "pdf"),
    "xlsx": ("Excel", "xlsx"),
    "dashboard": ("PDF bảng điều khiển", "pdf"),
}
SLUGS = {
    HALF_YEAR: "so-ket",
    ANNUAL: "tong-ket",
    MID_TERM: "so-ket-giua-nhiem-ky",
    END_TERM: "tong-ket-nhiem-ky",
}


@job_kind("report", action=Action.VIEW)
def run_report(job: Job, progress: Progress) -> None:
    """Build the review of a plan for a period and render it in the asked format."""
    fmt = job.params["format"]
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng '{fmt}' không hợp lệ.")
    plan = Plan.objects.select_related("unit", "scheme").get(pk=job.params["plan"])
    period = report_period(job.params["period"])
    progress(10, "Đang tổng hợp số liệu đã tiếp nhận")
    review = build_review(user=job.created_by, plan=plan, period=period)
    progress(45, "Đang dựng văn bản")
    with translation.override("vi"):
        if fmt == "docx":
            from .render_docx import DOCX_TYPE, render_docx

            content, content_type = render_docx(review), DOCX_TYPE
        elif fmt == "pdf":
            from .render_pdf import PDF_TYPE, render_pdf

            content, content_type = render_pdf(review), PDF_TYPE
        elif fmt == "xlsx":
            from .render_xlsx import XLSX_TYPE, render_xlsx

            content, content_type = render_xlsx(review), XLSX_TYPE
        else:
            from .render_pdf import PDF_TYPE, render_dashboard_pdf

            rnd = plan_round(user=job.created_by, plan=plan, period=period)
            rows = round_completeness(user=job.created_by, rnd=rnd) if rnd else []
            content = render_dashboard_pdf(
                {
                    "r": review,
                    "round": rnd,
                    "completeness": rows,
                    "completeness_counts": completeness_counts(rows),
                    "timeliness_labels": dict(Timeliness.choices),
                }
            )
            content_type = PDF_TYPE
    progress(90, "Đang lưu tệp")
    stem = "bang-dieu-khien" if fmt == "dashboard" else f"bao-cao-{SLUGS[review.kind]}"
    name = f"{stem}-{plan.code}-{period.key}.{FORMATS[fmt][1]}"
    job_store_result(
        job,
        content,
        name=name,
        content_type=content_type,
        outcome={"message": f"{review.title} ({FORMATS[fmt][0]})"},
    )


@job_kind("plan_import", action=Action.MANAGE)
def plan_import_job(job: Job, progress: Callable[[int, str], None]) -> None:
    """Background import of a large resolution sheet; the job page shows the outcome."""
    with job.upload.open("rb") as f:
        data = f.read()
    plan = plan_import(
        acting_user=job.created_by, data=data, filename=job.upload_name, progress=progress
    )
    Job.objects.filter(pk=job.pk).update(
        outcome={
            "message": plan_import_message(plan, job.upload_name),
            "plan": plan.code,
            "url": reverse("reporting:plan-dashboard", args=[plan.code]),
        }
    )


@job_kind("submission_import", action=Action.REPORT)
def submission_import_job(job: Job, progress: Callable[[int, str], None]) -> None:
    """Background import of a large template; the job page shows the outcome."""
    submission = Submission.objects.select_related("round__period", "round__plan", "unit").get(
        pk=job.params["submission"]
    )
    with job.upload.open("rb") as f:
        data = f.read()
    result = submission_import(
        acting_user=job.created_by,
        submission=submission,
        data=data,
        filename=job.upload_name,
        progress=progress,
    )
    Job.objects.filter(pk=job.pk).update(
        outcome={
            "message": result.message,
            "changed": result.changed,
            "url": reverse("reporting:submission-detail", args=[submission.pk]),
        }
    )


@job_kind(MAP_LOAD, action=Action.MANAGE)
def map_load_job(job: Job, progress: Progress) -> None:
    """Load the provinces asked for (all if none) and, if asked, the map before 1/7/2025."""
    report = vietnam_load(
        acting_user=job.created_by,
        provinces=job.params.get("provinces") or None,
        before_2025=bool(job.params.get("before_2025")),
        progress=progress,
    )
    Job.objects.filter(pk=job.pk).update(
        outcome={"message": report.summary(), "url": reverse("orgs:unit-index")}
    )
