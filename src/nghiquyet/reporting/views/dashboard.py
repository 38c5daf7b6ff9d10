"""A plan's pages: the landing redirect, "việc cần làm", the dashboard (its evaluation)
and the cascade. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.plans import display
from nghiquyet.plans.selectors import plan_can_manage, plan_get, scheme_list

from .. import charts
from ..choices import PeriodKind, Timeliness
from ..selectors.cascade import plan_cascade as plan_cascade_selector
from ..selectors.comparisons import plan_units_comparison
from ..selectors.evaluation import period_share, plan_evaluation, task_status_labels
from ..selectors.missing import no_data_reasons
from ..selectors.periods import plan_default_period, plan_period_options
from ..selectors.rounds import completeness_counts, plan_round, round_completeness, round_list
from ..selectors.term import term_review
from ..selectors.todo import todo_for


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: "Việc cần làm" when something waits for the user, else the
    plan list (a reader, or a day with nothing to do)."""
    if todo_for(user=request.user).total:
        return redirect("reporting:todo")
    return redirect("plans:plan-list")


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """ "Việc cần làm": what waits for the user, each with one link to the work."""
    return render(
        request,
        "reporting/todo.html",
        {"todo": todo_for(user=request.user), "timeliness_labels": dict(Timeliness.choices)},
    )


def chosen_period(request: HttpRequest, plan):
    """The period asked for (``ky`` = a period key, or ``nam`` = a year), else the default."""
    options = plan_period_options(plan)
    by_key = {p.key: p for p in options}
    key = request.GET.get("ky") or request.GET.get("nam") or ""
    if key in by_key:
        return by_key[key], options
    return plan_default_period(plan, options), options


def _scheme(request: HttpRequest, plan):
    schemes = {s.key: s for s in scheme_list()}
    return schemes.get(request.GET.get("phan_loai") or "", plan.scheme), schemes.values()


@login_required
def plan_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    period, periods = chosen_period(request, plan)
    scheme, schemes = _scheme(request, plan)
    context = {
        "plan": plan,
        "periods": periods,
        "period": period,
        "schemes": schemes,
        "scheme": scheme,
        "task_labels": task_status_labels(),
        "task_keys": engine.TASK_STATUSES,
        "timeliness_labels": dict(Timeliness.choices),
        "can_open_round": plan_can_manage(user=request.user, plan=plan),
        "rounds": round_list(user=request.user, plan=plan),
        "report_formats": [
            ("docx", _("Báo cáo Word (.docx)")),
            ("pdf", _("Báo cáo PDF")),
            ("xlsx", _("Bảng số liệu Excel (.xlsx)")),
            ("dashboard", _("Bảng điều khiển (PDF)")),
        ],
    }
    if period is not None:
        ev = plan_evaluation(user=request.user, plan=plan, period=period, scheme=scheme.to_engine())
        units = plan_units_comparison(user=request.user, plan=plan, period=period)
        ranked = [u for u in units if u.has_figures]
        rnd = plan_round(user=request.user, plan=plan, period=period)
        completeness = round_completeness(user=request.user, rnd=rnd) if rnd else []
        if plan.term_start:
            last = period.year if period.kind == PeriodKind.YEAR else None
            context["term"] = term_review(user=request.user, plan=plan, last_year=last)
        context.update(
            ev=ev,
            missing=no_data_reasons(user=request.user, ev=ev),
            units=units,
            ranked=ranked,
            ranked_rows=_ranked_rows(ranked, ev, period),
            unranked=[u for u in units if not u.has_figures],
            units_chart=charts.units_classes(ranked, ev.labels, list(ev.scheme.keys))
            if ranked
            else None,
            round=rnd,
            completeness=completeness,
            completeness_counts=completeness_counts(completeness),
            # part-way through the year, the share of the year's plan owed by the period
            # (0,5 for 6 months): "% kế hoạch năm" and the pace beside it; 0 for a year
            partial_year=share if (share := period_share(period)) < 1.0 else 0,
        )
    return render(request, "reporting/plan_dashboard.html", context)


def _ranked_rows(ranked, ev, period) -> list[tuple]:
    """Each ranked unit with its dashboard's address and its counts per class other than
    "achieved" as (label, count written): written here once rather than through the
    template's lookups and number formatting, which were most of a cached province page
    (125 rows × 6 classes, each count written twice)."""
    names = [(key, label) for key, label, _n in ev.class_items() if key != "achieved"]
    with display.numbers_in_active_language():
        return [
            (
                u,
                reverse("reporting:plan-dashboard", args=[u.plan.code]) + f"?ky={period.key}",
                # a unit's plan may classify by another scheme: its count is then blank
                [(label, display.number(u.evaluation.counts.get(key), 0)) for key, label in names],
            )
            for u in ranked
        ]


@login_required
def plan_cascade(request: HttpRequest, code: str) -> HttpResponse:
    """How the lower units have concretised the plan's targets (cụ thể hóa)."""
    plan = plan_get(user=request.user, code=code)
    found = plan_cascade_selector(user=request.user, plan=plan)
    return render(request, "reporting/plan_cascade.html", {"plan": plan, "c": found})
