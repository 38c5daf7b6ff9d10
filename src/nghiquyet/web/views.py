"""Pages. Thin: parse the request, call one selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nghiquyet import engine
from nghiquyet.plans.choices import PlanKind
from nghiquyet.plans.selectors import plan_get, scheme_list
from nghiquyet.plans.selectors import plan_list as plan_list_selector
from nghiquyet.reporting.selectors import (
    period_for_year,
    plan_default_year,
    plan_evaluation,
    task_status_labels,
)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plan_list_selector(user=request.user).order_by("unit__depth", "-year", "code")
    kind = request.GET.get("loai") or ""
    year = _int(request.GET.get("nam"))
    query = (request.GET.get("q") or "").strip()
    if kind in PlanKind.values:
        plans = plans.filter(kind=kind)
    if year:
        plans = plans.filter(year=year) | plans.filter(term_start__lt=year, term_end__gte=year)
    if query:
        plans = (
            plans.filter(title__icontains=query)
            | plans.filter(number__icontains=query)
            | (plans.filter(unit__name__icontains=query))
        )
    return render(
        request,
        "web/plan_list.html",
        {
            "plans": plans.distinct(),
            "kinds": PlanKind.choices,
            "kind": kind,
            "year": year,
            "query": query,
        },
    )


@login_required
def plan_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    years = plan.years
    year = _int(request.GET.get("nam"))
    if year not in years:
        year = plan_default_year(plan)
    schemes = {s.key: s for s in scheme_list()}
    scheme_key = request.GET.get("phan_loai") or plan.scheme.key
    scheme = schemes.get(scheme_key, plan.scheme)
    evaluation = None
    if year is not None:
        evaluation = plan_evaluation(
            user=request.user, plan=plan, period=period_for_year(year), scheme=scheme.to_engine()
        )
    return render(
        request,
        "web/plan_dashboard.html",
        {
            "plan": plan,
            "years": years,
            "year": year,
            "schemes": schemes.values(),
            "scheme": scheme,
            "ev": evaluation,
            "task_labels": task_status_labels(),
            "task_keys": engine.TASK_STATUSES,
        },
    )
