"""A target's page: its evaluation over time, its data-quality rules, the reference
figures of the region or the country."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nghiquyet import text
from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors
from nghiquyet.plans.choices import QualityRuleKind
from nghiquyet.plans.selectors import (
    plan_can_manage,
    plan_get,
    quality_rule_get,
    quality_rules_for,
    target_get,
)
from nghiquyet.plans.services import quality_rule_create, quality_rule_delete

from .. import charts
from ..choices import PeriodKind
from ..models import ReferenceSeries
from ..periods import PeriodSpec, parse_period_key
from ..selectors.evaluation import period_share
from ..selectors.periods import plan_period_options
from ..selectors.target_detail import reference_series_names
from ..selectors.target_detail import target_detail as target_detail_selector
from ..services import period_get_or_create, reference_point_record, reference_series_get_or_create
from .dashboard import chosen_period


@login_required
def target_detail(request: HttpRequest, code: str, target: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    period, periods = chosen_period(request, plan)
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
        "reporting/target_detail.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "d": detail,
            "r": detail.result,
            # part-way through the year: "% kế hoạch năm" (the dashboard's rule)
            "partial_year": period_share(period) < 1.0,
            "chart": chart,
            "can_manage": plan_can_manage(user=request.user, plan=plan),
            "rules": quality_rules_for(indicator=detail.target.indicator, unit=plan.unit)
            if detail.target.indicator_id
            else [],
            "rule_form": QualityRuleForm(),
        },
    )


class QualityRuleForm(forms.Form):
    """A data-quality rule an office sets on a target's indicator."""

    kind = forms.ChoiceField(label=gettext_lazy("Quy tắc"), choices=QualityRuleKind.choices)
    low = forms.CharField(label=gettext_lazy("Từ"), max_length=40, required=False)
    high = forms.CharField(label=gettext_lazy("Đến"), max_length=40, required=False)
    group = forms.CharField(
        label=gettext_lazy("Nhóm cơ cấu"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Chỉ với quy tắc nhóm cơ cấu: các chỉ số cùng tên nhóm."),
    )
    note = forms.CharField(label=gettext_lazy("Lý do, nguồn"), max_length=255, required=False)

    def _number(self, field: str):
        raw = (self.cleaned_data.get(field) or "").strip()
        if not raw:
            return None
        try:
            return text.read_number(raw)
        except text.TextError as exc:
            raise ValidationError(str(exc.problem)) from None

    def clean_low(self):
        return self._number("low")

    def clean_high(self):
        return self._number("high")


@login_required
@require_POST
def quality_rule_add(request: HttpRequest, code: str, target: str) -> HttpResponse:
    """An office adds a data-quality rule to a target's indicator, for its plan's unit."""
    plan = plan_get(user=request.user, code=code, action=Action.MANAGE)
    t = target_get(user=request.user, plan=plan, code=target, measured=True)
    form = QualityRuleForm(request.POST)
    url = reverse("reporting:target-detail", args=[plan.code, t.code]) + "#quy-tac"
    if form.is_valid():
        data = form.cleaned_data
        try:
            quality_rule_create(
                acting_user=request.user,
                indicator=t.indicator,
                unit=plan.unit,
                kind=data["kind"],
                low=None if data["low"] is None else Decimal(str(data["low"])),
                high=None if data["high"] is None else Decimal(str(data["high"])),
                group=data["group"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm quy tắc kiểm tra số liệu."))
            return redirect(url)
    messages.error(
        request,
        _("Chưa thêm được quy tắc: %(errors)s")
        % {"errors": " ".join(m for ms in form.errors.values() for m in ms)},
    )
    return redirect(url)


@login_required
@require_POST
def quality_rule_remove(request: HttpRequest, code: str, target: str, pk: int) -> HttpResponse:
    plan = plan_get(user=request.user, code=code, action=Action.MANAGE)
    t = target_get(user=request.user, plan=plan, code=target, measured=True)
    rule = quality_rule_get(user=request.user, pk=pk)
    quality_rule_delete(acting_user=request.user, rule=rule)
    messages.success(request, _("Đã bỏ quy tắc kiểm tra số liệu."))
    return redirect(reverse("reporting:target-detail", args=[plan.code, t.code]) + "#quy-tac")


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
            return float(text.read_number(self.cleaned_data["value"]))
        except text.TextError as exc:
            raise ValidationError(str(exc.problem)) from None


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
    plan = plan_get(user=request.user, code=code, action=Action.MANAGE)
    t = target_get(user=request.user, plan=plan, code=target, measured=True)
    period, _options = chosen_period(request, plan)
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
            url = reverse("reporting:target-detail", args=[plan.code, t.code])
            return redirect(f"{url}?ky={chosen.key}")
    names = reference_series_names(user=request.user, plan=plan, indicator=t.indicator)
    return render(
        request,
        "reporting/reference_form.html",
        {"plan": plan, "target": t, "form": form, "names": names, "today": dt.date.today()},
        status=422 if request.method == "POST" else 200,
    )
