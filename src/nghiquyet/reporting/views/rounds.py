"""Reporting rounds: open one for a period, see its completeness, extend, close."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors
from nghiquyet.plans.selectors import plan_can_manage, plan_get

from .. import rounds
from ..choices import Timeliness
from ..periods import parse_period_key
from ..selectors.rounds import (
    completeness_counts,
    round_completeness,
    round_get,
    round_list,
    round_preview,
    round_units,
)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_get(user=request.user, pk=pk)
    rows = round_completeness(user=request.user, rnd=rnd)
    return render(
        request,
        "reporting/round_detail.html",
        {
            "round": rnd,
            "can_manage": plan_can_manage(user=request.user, plan=rnd.plan),
            "rows": rows,
            "counts": completeness_counts(rows),
            "timeliness_labels": dict(Timeliness.choices),
            "sent": sum(1 for r in rows if r.submission.first_submitted_at),
        },
    )


class RoundForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Kỳ báo cáo"))
    deadline = forms.DateField(
        label=gettext_lazy("Hạn gửi báo cáo"),
        required=False,
        help_text=gettext_lazy("dd/mm/yyyy; để trống thì lấy ngày 20 của tháng cuối kỳ."),
    )
    note = forms.CharField(
        label=gettext_lazy("Yêu cầu, hướng dẫn gửi các đơn vị"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan, taken: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (spec.key, spec.label) for spec in rounds.period_choices(plan) if spec.key not in taken
        ]

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < dt.date(2000, 1, 1):
            raise ValidationError(_("Hạn gửi báo cáo không hợp lệ."))
        return deadline


@login_required
def round_open(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code, action=Action.MANAGE)
    taken = set(round_list(user=request.user, plan=plan).values_list("period__key", flat=True))
    form = RoundForm(request.POST or None, plan=plan, taken=taken)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = rounds.round_open(
                acting_user=request.user,
                plan=plan,
                spec=parse_period_key(form.cleaned_data["period"]),
                deadline=form.cleaned_data["deadline"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã mở đợt báo cáo %(period)s cho %(n)d đơn vị.")
                % {"period": rnd.period.label, "n": rnd.submissions.count()},
            )
            return redirect("reporting:round-detail", pk=rnd.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reporting/round_open.html",
        {"plan": plan, "form": form, "preview": round_preview(user=request.user, plan=plan)},
        status=status,
    )


class RoundExtendForm(forms.Form):
    deadline = forms.DateField(
        label=gettext_lazy("Hạn mới"),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Chỉ gia hạn cho các đơn vị"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Không chọn đơn vị nào là gia hạn chung cho cả đợt."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


@login_required
def round_extend(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_get(user=request.user, pk=pk)
    if not plan_can_manage(user=request.user, plan=rnd.plan):
        raise PermissionDenied
    form = RoundExtendForm(
        request.POST or None,
        units=round_units(rnd=rnd),
        initial={"units": request.GET.getlist("don_vi")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            n = rounds.round_extend(
                acting_user=request.user,
                rnd=rnd,
                deadline=data["deadline"],
                reason=data["reason"],
                units=list(data["units"]) or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gia hạn đến %(day)s cho %(n)d đơn vị.")
                % {"day": data["deadline"].strftime("%d/%m/%Y"), "n": n},
            )
            return redirect("reporting:round-detail", pk=rnd.pk)
    return render(
        request,
        "reporting/round_extend.html",
        {"round": rnd, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_get(user=request.user, pk=pk)
    if not plan_can_manage(user=request.user, plan=rnd.plan):
        raise PermissionDenied
    try:
        rounds.round_close(acting_user=request.user, rnd=rnd)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã đóng đợt báo cáo."))
    return redirect("reporting:round-detail", pk=rnd.pk)
