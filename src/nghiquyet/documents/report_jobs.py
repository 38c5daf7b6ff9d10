"""Reports made in the background: Word, PDF and Excel reviews, and the dashboard as PDF."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation

from nghiquyet.accounts.choices import Action
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import Timeliness
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.periods import parse_period_key
from nghiquyet.reporting.selectors import (
    completeness_counts,
    period_for_year,
    plan_round,
    round_completeness,
)

from .jobs import Progress, job_kind, job_store_result
from .models import Job
from .report import ANNUAL, HALF_YEAR, MID_TERM, build_review

FORMATS = {
    "docx": ("Word", "docx"),
    "pdf": ("PDF", "pdf"),
    "xlsx": ("Excel", "xlsx"),
    "dashboard": ("PDF bảng điều khiển", "pdf"),
}
SLUGS = {HALF_YEAR: "so-ket", ANNUAL: "tong-ket", MID_TERM: "so-ket-giua-nhiem-ky"}


def period_from_key(key: str) -> Period:
    spec = parse_period_key(key)
    return Period.objects.filter(key=spec.key).first() or period_for_year(spec.year)


@job_kind("report", action=Action.VIEW)
def run_report(job: Job, progress: Progress) -> None:
    """Build the review of a plan for a period and render it in the asked format."""
    fmt = job.params["format"]
    if fmt not in FORMATS:
        raise ValidationError(f"Định dạng '{fmt}' không hợp lệ.")
    plan = Plan.objects.select_related("unit", "scheme").get(pk=job.params["plan"])
    period = period_from_key(job.params["period"])
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
