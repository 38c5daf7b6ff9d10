"""Reporting pages: a plan's dashboard and its targets (the evaluation), the cascade,
reference figures, rounds, submissions and their workflow. Thin: parse, call, render."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nghiquyet import engine, text
from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors
from nghiquyet.plans.choices import QualityRuleKind
from nghiquyet.plans.selectors import (
    plan_can_manage,
    plan_get,
    quality_rule_get,
    quality_rules_for,
    scheme_list,
    target_get,
)
from nghiquyet.plans.services import quality_rule_create, quality_rule_delete

from . import charts, rounds, workflow
from .choices import PeriodKind, SubmissionAction, SubmissionStatus, Timeliness
from .filters import SubmissionFilter
from .models import ReferenceSeries
from .periods import PeriodSpec, parse_period_key
from .selectors.cascade import plan_cascade as plan_cascade_selector
from .selectors.comparisons import plan_units_comparison
from .selectors.evaluation import plan_evaluation, task_status_labels
from .selectors.periods import plan_default_period, plan_period_options
from .selectors.rounds import (
    completeness_counts,
    plan_round,
    round_completeness,
    round_get,
    round_list,
    round_preview,
    round_units,
)
from .selectors.submissions import (
    grid_rows_json,
    submission_get,
    submission_grid,
    submission_list,
    submission_rights,
    timeliness,
)
from .selectors.target_detail import reference_series_names
from .selectors.target_detail import target_detail as target_detail_selector
from .selectors.term import term_review
from .selectors.todo import todo_for
from .services import period_get_or_create, reference_point_record, reference_series_get_or_create

FIELDS = ("value", "numerator", "denominator", "status", "note")


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


@login_required
def submission_index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang_thai") or ""
    if status not in SubmissionStatus.values:
        status = ""
    subs = submission_list(user=request.user, filters=SubmissionFilter(status=status))
    rows = [(s, timeliness(s, s.due)) for s in subs]
    return render(
        request,
        "reporting/submission_list.html",
        {
            "rows": rows,
            "statuses": SubmissionStatus.choices,
            "status": status,
            "rounds": round_list(user=request.user).order_by("-opened_at")[:20],
            "timeliness_labels": dict(Timeliness.choices),
        },
    )


def _grid_rows(request: HttpRequest) -> dict[int, dict[str, str]]:
    """The grid's cells from the POST: ``e-<entry id>-<field>``."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in request.POST.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "e" and parts[1].isdigit() and parts[2] in FIELDS:
            rows.setdefault(int(parts[1]), {})[parts[2]] = value
    return rows


def _revision(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        raise ValidationError(
            _("Thiếu thông tin phiên bản của báo cáo; hãy tải lại trang.")
        ) from None


def submission_page_context(request, submission, *, errors=None, posted=None, problem=""):
    """What the submission page shows; other pages that answer on it (Excel import) reuse it."""
    grid = submission_grid(submission=submission)
    errors = errors or {}
    posted = posted or {}
    # What each cell shows: what was typed in a row that was not saved, else what is stored.
    shown = {row.entry.pk: {**row.cells, **posted.get(row.entry.pk, {})} for row in grid}
    return {
        "shown": shown,
        "submission": submission,
        "round": submission.round,
        "grid": grid,
        "rights": submission_rights(user=request.user, submission=submission),
        "events": submission.events.select_related("actor").order_by("at", "pk"),
        "timeliness": timeliness(submission, submission.due),
        "timeliness_labels": dict(Timeliness.choices),
        "errors": errors,
        "posted": posted,
        "problem": problem,
        "value_statuses": workflow.ValueStatus.choices,
        "filled": sum(1 for r in grid if r.entry.value is not None),
        # figures a rule flagged, with the unit's explanation: what the approver checks
        "flagged": [r.entry for r in grid if r.entry.implausible],
    }


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    return render(
        request, "reporting/submission_detail.html", submission_page_context(request, submission)
    )


def _problems_by_entry(problems) -> dict[int, dict[str, str]]:
    """The problems of a grid by entry and field, to show each under its cell."""
    out: dict[int, dict[str, str]] = {}
    for p in problems:
        field = out.setdefault(p.entry_id, {})
        field[p.field] = f"{field[p.field]} {p.message}" if p.field in field else p.message
    return out


@login_required
@require_POST
def submission_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the grid without JavaScript (the "Lưu" button): every valid row is written, and
    the page comes back with the bad cells as typed and their messages."""
    submission = submission_get(user=request.user, pk=pk)
    rows = _grid_rows(request)
    status, errors, problem = 200, {}, ""
    try:
        saved = workflow.submission_cells_save(
            acting_user=request.user,
            submission=submission,
            revision=_revision(request),
            rows=rows,
        )
        submission = saved.submission
        if saved.problems:
            status, errors = 422, _problems_by_entry(saved.problems)
            problem = _(
                "Đã lưu %(saved)d chỉ tiêu; %(n)d ô có lỗi chưa được lưu, xem bên dưới."
            ) % {"saved": len(saved.saved), "n": len(saved.problems)}
    except workflow.SubmissionConflict as exc:
        status, problem = 409, exc.message
        submission = exc.submission
    except ValidationError as exc:
        status, problem = 422, " ".join(exc.messages)
    if status == 200:
        messages.success(request, _("Đã lưu số liệu."))
        return redirect("reporting:submission-detail", pk=submission.pk)
    # Rows that were saved show what is stored; the others what was typed.
    kept = {pk: row for pk, row in rows.items() if pk in errors} if status == 422 else rows
    ctx = submission_page_context(request, submission, errors=errors, posted=kept, problem=problem)
    return render(request, "reporting/submission_detail.html", ctx, status=status)


@login_required
@require_POST
def submission_cells(request: HttpRequest, pk: int) -> JsonResponse:
    """The grid's autosave (``reporting/submission.js``): the rows whose cells were just
    left. Answers JSON: the new revision, each saved row as stored, each bad cell's message.
    """
    submission = submission_get(user=request.user, pk=pk)
    try:
        saved = workflow.submission_cells_save(
            acting_user=request.user,
            submission=submission,
            revision=_revision(request),
            rows=_grid_rows(request),
        )
    except workflow.SubmissionConflict as exc:
        return JsonResponse(
            {"conflict": exc.message, "revision": exc.submission.revision}, status=409
        )
    except ValidationError as exc:
        return JsonResponse({"refused": " ".join(exc.messages)}, status=422)
    except PermissionDenied:
        return JsonResponse(
            {"refused": _("Bạn không có quyền nhập số liệu cho báo cáo này.")}, status=403
        )
    problems = _problems_by_entry(saved.problems)
    # Every row sent without a problem is as stored now (saved, or the same as before).
    ok = [pk for pk in _grid_rows(request) if pk not in problems]
    return JsonResponse(
        {
            "revision": saved.submission.revision,
            "saved_at": formats.time_format(timezone.localtime(saved.submission.updated_at), "H:i"),
            "rows": grid_rows_json(submission=saved.submission, entry_ids=ok),
            "problems": problems,
        }
    )


#: The workflow's moves as the pages name them (workflow.TRANSITIONS), and what they say after.
TRANSITIONS = {
    "gui": (SubmissionAction.SUBMIT, gettext_lazy("Đã gửi báo cáo tới lãnh đạo đơn vị.")),
    "duyet": (SubmissionAction.APPROVE, gettext_lazy("Đã duyệt báo cáo.")),
    "tra-lai": (SubmissionAction.RETURN, gettext_lazy("Đã trả lại báo cáo cho đơn vị.")),
    "tiep-nhan": (SubmissionAction.ACCEPT, gettext_lazy("Đã tiếp nhận báo cáo.")),
    "mo-lai": (SubmissionAction.REOPEN, gettext_lazy("Đã mở lại báo cáo để điều chỉnh.")),
}


@login_required
@require_POST
def submission_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in TRANSITIONS:
        raise Http404
    move, done = TRANSITIONS[action]
    submission = submission_get(user=request.user, pk=pk)
    try:
        workflow.submission_transition(
            acting_user=request.user,
            submission=submission,
            action=move,
            revision=_revision(request),
            comment=request.POST.get("comment", ""),
        )
    except workflow.SubmissionConflict as exc:
        ctx = submission_page_context(request, exc.submission, problem=exc.message)
        return render(request, "reporting/submission_detail.html", ctx, status=409)
    except workflow.SubmissionInvalid as exc:
        ctx = submission_page_context(
            request,
            submission,
            errors=_problems_by_entry(exc.problems),
            problem=_("Chưa gửi được: %(n)d chỉ tiêu cần bổ sung, xem bên dưới.")
            % {"n": len(exc.problems)},
        )
        return render(request, "reporting/submission_detail.html", ctx, status=422)
    except ValidationError as exc:
        ctx = submission_page_context(request, submission, problem=" ".join(exc.messages))
        return render(request, "reporting/submission_detail.html", ctx, status=422)
    messages.success(request, str(done))
    return redirect("reporting:submission-detail", pk=submission.pk)


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


# --- a plan's evaluation: dashboard, targets, cascade, reference figures ---------------


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
            units=units,
            ranked=ranked,
            unranked=[u for u in units if not u.has_figures],
            units_chart=charts.units_classes(ranked, ev.labels, list(ev.scheme.keys))
            if ranked
            else None,
            round=rnd,
            completeness=completeness,
            completeness_counts=completeness_counts(completeness),
            partial_year=any(r.expected_share < 1 for row in ev.rows for r in (row, *row.parts)),
        )
    return render(request, "reporting/plan_dashboard.html", context)


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
        "reporting/target_detail.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "d": detail,
            "r": detail.result,
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
            url = reverse("reporting:target-detail", args=[plan.code, t.code])
            return redirect(f"{url}?ky={chosen.key}")
    names = reference_series_names(user=request.user, plan=plan, indicator=t.indicator)
    return render(
        request,
        "reporting/reference_form.html",
        {"plan": plan, "target": t, "form": form, "names": names, "today": dt.date.today()},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def plan_cascade(request: HttpRequest, code: str) -> HttpResponse:
    """How the lower units have concretised the plan's targets (cụ thể hóa)."""
    plan = plan_get(user=request.user, code=code)
    found = plan_cascade_selector(user=request.user, plan=plan)
    return render(request, "reporting/plan_cascade.html", {"plan": plan, "c": found})
