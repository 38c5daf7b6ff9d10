"""Pages. Thin: parse the request, call one selector, render."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.choices import PlanKind
from nghiquyet.plans.models import Target
from nghiquyet.plans.selectors import plan_get, scheme_list
from nghiquyet.plans.selectors import plan_list as plan_list_selector
from nghiquyet.reporting import charts
from nghiquyet.reporting.cascade import plan_cascade as plan_cascade_selector
from nghiquyet.reporting.choices import PeriodKind, Timeliness
from nghiquyet.reporting.models import ReferenceSeries
from nghiquyet.reporting.periods import PeriodSpec, parse_period_key
from nghiquyet.reporting.selectors import (
    completeness_counts,
    plan_default_period,
    plan_evaluation,
    plan_period_options,
    plan_round,
    plan_units_comparison,
    round_completeness,
    round_list,
    task_status_labels,
)
from nghiquyet.reporting.selectors import target_detail as target_detail_selector
from nghiquyet.reporting.services import (
    period_get_or_create,
    reference_point_record,
    reference_series_get_or_create,
)
from nghiquyet.reporting.term import term_review

from . import assets


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


def _chosen_period(request: HttpRequest, plan):
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
    period, periods = _chosen_period(request, plan)
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
        "can_open_round": scope_for(request.user).allows(Action.MANAGE, plan.unit),
        "rounds": round_list(user=request.user, plan=plan),
        "vega_url": reverse("web:vega-embed", args=[assets.VEGA_VERSION]),
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
        rnd = plan_round(user=request.user, plan=plan, period=period)
        completeness = round_completeness(user=request.user, rnd=rnd) if rnd else []
        if plan.term_start:
            last = period.year if period.kind == PeriodKind.YEAR else None
            context["term"] = term_review(user=request.user, plan=plan, last_year=last)
        context.update(
            ev=ev,
            units=units,
            units_chart=charts.units_classes(units, ev.labels, list(ev.scheme.keys))
            if units
            else None,
            round=rnd,
            completeness=completeness,
            completeness_counts=completeness_counts(completeness),
            partial_year=any(r.expected_share < 1 for row in ev.rows for r in (row, *row.parts)),
        )
    return render(request, "web/plan_dashboard.html", context)


@login_required
def target_detail(request: HttpRequest, code: str, target: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    period, periods = _chosen_period(request, plan)
    detail = target_detail_selector(user=request.user, plan=plan, code=target, period=period)
    chart = None
    if any(p.actual is not None or p.plan_figure is not None for p in detail.series):
        chart = charts.target_series(
            detail.series,
            unit_of_measure=detail.target.unit_of_measure,
            decimals=detail.target.decimals,
            references=[line.name for line in detail.references],
        )
    return render(
        request,
        "web/target_detail.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "d": detail,
            "r": detail.result,
            "chart": chart,
            "vega_url": reverse("web:vega-embed", args=[assets.VEGA_VERSION]),
            "can_manage": scope_for(request.user).allows(Action.MANAGE, plan.unit),
        },
    )


class ReferenceForm(forms.Form):
    """A figure of the region or the country to compare the unit's with."""

    name = forms.CharField(
        label=gettext_lazy("Dãy số liệu"),
        max_length=120,
        help_text=gettext_lazy("Ví dụ: Cả nước; Vùng Đồng bằng sông Cửu Long."),
        widget=forms.TextInput(attrs={"list": "reference-names"}),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=ReferenceSeries.KIND_CHOICES)
    period = forms.ChoiceField(label=gettext_lazy("Kỳ"))
    value = forms.CharField(
        label=gettext_lazy("Giá trị"),
        max_length=40,
        help_text=gettext_lazy("Viết theo kiểu Việt Nam, ví dụ 8,02 hoặc 1.234,5."),
    )
    note = forms.CharField(
        label=gettext_lazy("Nguồn, ghi chú"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Ví dụ: Tổng cục Thống kê, Niên giám thống kê 2022."),
    )

    def __init__(self, *args, periods: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = periods

    def clean_value(self):
        try:
            return engine.parse_number(self.cleaned_data["value"])
        except engine.NumberError:
            raise ValidationError(
                _("“%(text)s” không phải là một số.") % {"text": self.cleaned_data["value"]}
            ) from None


def _reference_periods(plan, period) -> list[tuple[str, str]]:
    """The periods a reference figure may be entered for: the dashboard's, and the years
    before the plan (for "cùng kỳ")."""
    specs = {p.key: p.label for p in plan_period_options(plan)}
    first = (plan.years or [period.year])[0]
    for year in range(first - 2, first):
        spec = PeriodSpec(PeriodKind.YEAR, year)
        specs.setdefault(spec.key, spec.label)
    return sorted(specs.items(), key=lambda kv: kv[0])


@login_required
def reference_add(request: HttpRequest, code: str, target: str) -> HttpResponse:
    """Enter a figure of the region or the country for a target's indicator."""
    plan = plan_get(user=request.user, code=code)
    if not scope_for(request.user).allows(Action.MANAGE, plan.unit):
        raise PermissionDenied
    t = Target.objects.filter(plan=plan, code=target, indicator__isnull=False).first()
    if t is None:
        raise Http404
    period, _options = _chosen_period(request, plan)
    periods = _reference_periods(plan, period)
    initial = {"period": period.key if period else None, "kind": "country"}
    form = ReferenceForm(request.POST or None, periods=periods, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = period_get_or_create(spec=parse_period_key(data["period"]))
        try:
            series = reference_series_get_or_create(
                acting_user=request.user,
                indicator=t.indicator,
                owner=plan.unit,
                name=data["name"],
                kind=data["kind"],
            )
            reference_point_record(
                acting_user=request.user,
                series=series,
                period=chosen,
                value=data["value"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi số liệu %(name)s kỳ %(period)s.")
                % {"name": series.name, "period": chosen.label},
            )
            url = reverse("web:target-detail", args=[plan.code, t.code])
            return redirect(f"{url}?ky={chosen.key}")
    names = sorted(
        {"Cả nước", "Vùng Đồng bằng sông Cửu Long"}
        | set(
            ReferenceSeries.objects.filter(owner=plan.unit, indicator=t.indicator).values_list(
                "name", flat=True
            )
        )
    )
    return render(
        request,
        "web/reference_form.html",
        {"plan": plan, "target": t, "form": form, "names": names, "today": dt.date.today()},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def plan_cascade(request: HttpRequest, code: str) -> HttpResponse:
    """How the lower units have concretised the plan's targets (cụ thể hóa)."""
    plan = plan_get(user=request.user, code=code)
    cascade = plan_cascade_selector(user=request.user, plan=plan)
    return render(request, "web/plan_cascade.html", {"plan": plan, "c": cascade})
