"""The office's page that divides a target among the units under the plan's unit (giao chỉ
tiêu cho cấp dưới): equally, by population, or by hand. Thin: parse, call one service.

Reached from the cascade page (*Cụ thể hóa*) and the plan's editing page; anyone who may see
the plan sees the shares, only its office may change them (``plan_get(action=MANAGE)`` for a
change, and the service checks again).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nghiquyet.formerrors import add_service_errors

from . import selectors
from .choices import ShareMethod
from .forms import SharesForm
from .share_selectors import target_share_refusal
from .share_selectors import target_shares as target_shares_get
from .shares import target_shares_set


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def target_shares(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    shares = target_shares_get(user=request.user, target=target)
    if request.method == "POST" and not shares.may_manage:
        raise PermissionDenied
    refusal = target_share_refusal(target)
    stored = {}
    if shares.share_set is not None:
        for r in shares.share_set.rows.all():
            stored[r.unit_id] = (r.population, r.figure)
    form = SharesForm(
        request.POST or None,
        units=[r.unit for r in shares.rows],
        initial_rows=stored,
        initial={
            "method": shares.method,
            "population_source": getattr(shares.share_set, "population_source", ""),
            "population_on": getattr(shares.share_set, "population_on", None),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target_shares_set(
                acting_user=request.user,
                target=target,
                method=data["method"],
                rows=data["rows"],
                population_source=data["population_source"],
                population_on=data["population_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã giao chỉ tiêu %(t)s cho các đơn vị cấp dưới (%(how)s).")
                % {"t": target, "how": ShareMethod(data["method"]).label},
            )
            return redirect(reverse("plans:target-shares", args=[plan.code, target.pk]))
    return render(
        request,
        "plans/target_shares.html",
        {
            "plan": plan,
            "target": target,
            "shares": shares,
            "form": form,
            "refusal": refusal,
            "rows": [(r, *form.row(r.unit)) for r in shares.rows],
        },
        status=422 if request.method == "POST" else 200,
    )
