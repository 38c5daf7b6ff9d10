"""The office's pages that make and edit a plan: the plan itself, its groups, targets and tasks,
adjustments of a target, deadline extensions. Thin: parse the form, call one service, redirect.

Who may do what is the services' and selectors' (``plan_get(action=MANAGE)``); the forms
offer only what the user may pick.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors
from nghiquyet.orgs.selectors import orgunit_assignable

from . import selectors, services
from .choices import TARGET_FIGURE_FIELDS, GroupKind
from .forms import (
    AdjustForm,
    BulkAssignForm,
    CloseForm,
    EndForm,
    ExtendForm,
    GroupForm,
    PlanForm,
    TargetForm,
    TaskForm,
)
from .models import Plan

_METHODS = ["GET", "HEAD", "POST"]


def _form_page(request, *, plan: Plan | None, title: str, form, submit: str, extra=None, status):
    return render(
        request,
        "plans/edit_form.html",
        {"plan": plan, "title": title, "form": form, "submit": submit, **(extra or {})},
        status=status,
    )


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


def _editor_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plans:plan-editor", args=[plan.code]) + (f"#{anchor}" if anchor else "")


def _units(user):
    return orgunit_assignable(user=user, on=timezone.localdate())


# --- the plan -------------------------------------------------------------------------------


@login_required
@require_http_methods(_METHODS)
def plan_create(request: HttpRequest) -> HttpResponse:
    selectors.plan_create_require(user=request.user)
    form = PlanForm(
        request.POST or None,
        plans=selectors.plan_list(user=request.user),
        units=selectors.plan_unit_choices(user=request.user),
        schemes=selectors.scheme_list(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo %(plan)s.") % {"plan": plan.heading})
            return redirect(_editor_url(plan))
    return _form_page(
        request,
        plan=None,
        title=_("Tạo nghị quyết, kế hoạch"),
        form=form,
        submit=_("Tạo"),
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def plan_edit(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    form = PlanForm(
        request.POST or None,
        plan=plan,
        plans=selectors.plan_list(user=request.user),
        units=None,
        schemes=selectors.scheme_list(),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["scheme"] = data["scheme"] or plan.scheme
        try:
            services.plan_update(acting_user=request.user, plan=plan, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin văn bản."))
            return redirect(_editor_url(plan))
    return _form_page(
        request,
        plan=plan,
        title=_("Sửa thông tin văn bản"),
        form=form,
        submit=_("Lưu"),
        status=_status(request),
    )


@login_required
def plan_editor(request: HttpRequest, code: str) -> HttpResponse:
    """Everything of a plan that can be edited, in the order it is printed."""
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    return render(
        request,
        "plans/plan_editor.html",
        {"plan": plan, **selectors.plan_outline(user=request.user, plan=plan)},
    )


# --- groups -----------------------------------------------------------------------------------


@login_required
@require_http_methods(_METHODS)
def group_add(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    kind = GroupKind(kind) if kind in GroupKind.values else GroupKind.TARGETS
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_create(
                acting_user=request.user,
                plan=plan,
                kind=kind,
                order=selectors.group_next_order(plan=plan, kind=kind),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(_editor_url(plan, f"nhom-{kind}"))
    title = _("Thêm nhóm chỉ tiêu") if kind == GroupKind.TARGETS else _("Thêm nhóm nhiệm vụ")
    return _form_page(
        request, plan=plan, title=title, form=form, submit=_("Thêm"), status=_status(request)
    )


@login_required
@require_http_methods(_METHODS)
def group_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    group = selectors.group_get(plan=plan, pk=pk)
    form = GroupForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(acting_user=request.user, group=group, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(_editor_url(plan, f"nhom-{group.kind}"))
    return _form_page(
        request,
        plan=plan,
        title=_("Đổi tên nhóm"),
        form=form,
        submit=_("Lưu"),
        status=_status(request),
    )


@login_required
@require_POST
def group_move(request: HttpRequest, code: str, pk: int, direction: str) -> HttpResponse:
    """Move a group one place up (``len``) or down (``xuong``)."""
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    group = selectors.group_get(plan=plan, pk=pk)
    groups = list(plan.groups.filter(kind=group.kind))
    i = groups.index(group)
    j = i - 1 if direction == "len" else i + 1
    if 0 <= j < len(groups):
        groups[i], groups[j] = groups[j], groups[i]
        services.group_reorder(acting_user=request.user, plan=plan, kind=group.kind, groups=groups)
    return redirect(_editor_url(plan, f"nhom-{group.kind}"))


# --- targets ----------------------------------------------------------------------------------


@login_required
@require_http_methods(_METHODS)
def target_add(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    form = TargetForm(
        request.POST or None,
        plan=plan,
        units=_units(request.user),
        indicators=selectors.indicator_choices(),
        initial={"code": selectors.target_next_code(plan=plan)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_add(
                acting_user=request.user, plan=plan, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu %(t)s.") % {"t": target})
            return redirect(_editor_url(plan, "chi-tieu"))
    return _form_page(
        request,
        plan=plan,
        title=_("Thêm chỉ tiêu"),
        form=form,
        submit=_("Thêm"),
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def target_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    locked = selectors.target_has_figures(target=target)
    form = TargetForm(
        request.POST or None,
        plan=plan,
        target=target,
        units=_units(request.user),
        indicators=selectors.indicator_choices(),
        figures_locked=locked,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("new_indicator")}
        try:
            services.target_update(acting_user=request.user, target=target, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu %(t)s.") % {"t": target})
            return redirect(_editor_url(plan, "chi-tieu"))
    return _form_page(
        request,
        plan=plan,
        title=_("Sửa chỉ tiêu %(t)s") % {"t": target},
        form=form,
        submit=_("Lưu"),
        extra={
            "target": target,
            "figures_locked": locked,
            "adjustments": selectors.target_adjustments(user=request.user, target=target),
        },
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def target_adjust(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    form = AdjustForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_adjust(
                acting_user=request.user,
                target=target,
                data={k: data[k] for k in TARGET_FIGURE_FIELDS},
                effective_on=data["effective_on"],
                document=data["document"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi điều chỉnh chỉ tiêu %(t)s.") % {"t": target})
            return redirect(reverse("plans:target-edit", args=[plan.code, target.pk]))
    return _form_page(
        request,
        plan=plan,
        title=_("Điều chỉnh chỉ tiêu %(t)s") % {"t": target},
        form=form,
        submit=_("Ghi điều chỉnh"),
        extra={
            "target": target,
            "adjustments": selectors.target_adjustments(user=request.user, target=target),
        },
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def target_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_end(acting_user=request.user, target=target, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi bãi bỏ chỉ tiêu %(t)s.") % {"t": target})
            return redirect(_editor_url(plan, "chi-tieu"))
    return _form_page(
        request,
        plan=plan,
        title=_("Bãi bỏ chỉ tiêu %(t)s") % {"t": target},
        form=form,
        submit=_("Ghi bãi bỏ"),
        status=_status(request),
    )


# --- tasks ------------------------------------------------------------------------------------


@login_required
@require_http_methods(_METHODS)
def task_add(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    form = TaskForm(request.POST or None, plan=plan, units=_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["partner_units"] = list(data["partner_units"])
        try:
            task = services.task_create(acting_user=request.user, plan=plan, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã giao nhiệm vụ “%(t)s”.") % {"t": task.title})
            return redirect(_editor_url(plan, "nhiem-vu"))
    return _form_page(
        request,
        plan=plan,
        title=_("Giao nhiệm vụ"),
        form=form,
        submit=_("Giao"),
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    form = TaskForm(request.POST or None, plan=task.plan, task=task, units=_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["partner_units"] = list(data["partner_units"])
        try:
            services.task_update(acting_user=request.user, task=task, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("plans:task-detail", pk=task.pk)
    return _form_page(
        request,
        plan=task.plan,
        title=_("Sửa, giao lại nhiệm vụ"),
        form=form,
        submit=_("Lưu"),
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def task_extend(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.task_extend(acting_user=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, str(selectors.DeadlineLine(change)))
            return redirect("plans:task-detail", pk=task.pk)
    return _form_page(
        request,
        plan=task.plan,
        title=_("Gia hạn nhiệm vụ"),
        form=form,
        submit=_("Gia hạn"),
        extra={"deadlines": selectors.task_deadline_lines(task=task)},
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def task_close(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    form = CloseForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_close(acting_user=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi: nhiệm vụ không còn theo dõi."))
            return redirect("plans:task-detail", pk=task.pk)
    return _form_page(
        request,
        plan=task.plan,
        title=_("Hủy hoặc gộp nhiệm vụ"),
        form=form,
        submit=_("Ghi"),
        status=_status(request),
    )


@login_required
@require_http_methods(_METHODS)
def task_bulk_assign(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    form = BulkAssignForm(request.POST or None, plan=plan, units=_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            n = services.task_bulk_assign(
                acting_user=request.user,
                tasks=list(form.cleaned_data["tasks"]),
                owner_unit=form.cleaned_data["owner_unit"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã giao lại %(n)d nhiệm vụ.") % {"n": n})
            return redirect(_editor_url(plan, "nhiem-vu"))
    return _form_page(
        request,
        plan=plan,
        title=_("Giao nhiều nhiệm vụ cho một đơn vị"),
        form=form,
        submit=_("Giao"),
        status=_status(request),
    )
