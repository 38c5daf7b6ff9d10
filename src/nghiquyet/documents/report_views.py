"""Starting a report from a plan's dashboard: it is made in the background."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from nghiquyet.plans.selectors import plan_get

from .jobs import job_start
from .report import REVIEW_TITLES, review_kind_for
from .report_jobs import FORMATS, period_from_key


@login_required
@require_POST
def report_start(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    fmt = request.POST.get("dinh_dang", "")
    if fmt not in FORMATS:
        raise Http404
    try:
        period = period_from_key(request.POST.get("ky", ""))
    except ValueError:
        raise Http404 from None
    if period.year not in plan.years:
        raise Http404
    what = "Bảng điều khiển" if fmt == "dashboard" else REVIEW_TITLES[review_kind_for(plan, period)]
    try:
        job = job_start(
            acting_user=request.user,
            kind="report",
            unit=plan.unit,
            title=f"{what} — {plan.heading} — {period.label} ({FORMATS[fmt][0]})",
            params={"plan": plan.pk, "period": period.key, "format": fmt},
        )
    except ValidationError:
        raise Http404 from None
    return redirect("documents:job-detail", pk=job.pk)


urlpatterns = [path("bao-cao/<slug:code>/", report_start, name="report-start")]
