"""The office's pages that make and edit a plan: the plan itself, its groups, targets and tasks,
adjustments of a target, deadline extensions. Thin: parse the form, call one service, redirect.

Who may do what is the services' and selectors' (``plan_get(action=MANAGE)``); the forms
offer only what the user may pick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def _edit(
    request,
    form,
    *,
    save: Callable[[dict], Any],
    done: Callable[[Any], tuple[str, str]],
    page: Callable[[], dict],
) -> HttpResponse:
    """Every editing page: on a valid POST, ``save`` calls the one service with the form's
    data; what the service refuses goes onto the form, else ``done(result)`` gives the
    message ("" for none) and the address to go to. Otherwise — a GET, or a refused POST
    (422) — the form page, with what ``page()`` gives (plan, title, submit, extra), asked
    after the service, since a refused update may have changed the object it shows."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message, url = done(result)
            if message:
                messages.success(request, message)
            return redirect(url)
    return _form_page(request, form=form, status=_status(request), **page())


def _editor_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plans:plan-editor", args=[plan.code]) + (f"#{anchor}" if anchor else "")


def _task_url(task) -> str:
    return reverse("plans:task-detail", kwargs={"pk": task.pk})


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
    return _edit(
        request,
        form,
        save=lambda data: services.plan_create(acting_user=request.user, **data),
        done=lambda plan: (_("Đã tạo %(plan)s.") % {"plan": plan.heading}, _editor_url(plan)),
        page=lambda: {"plan": None, "title": _("Tạo nghị quyết, kế hoạch"), "submit": _("Tạo")},
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
    return _edit(
        request,
        form,
        save=lambda data: services.plan_update(
            acting_user=request.user,
            plan=plan,
            data={**data, "scheme": data["scheme"] or plan.scheme},
        ),
        done=lambda _changes: (_("Đã lưu thông tin văn bản."), _editor_url(plan)),
        page=lambda: {"plan": plan, "title": _("Sửa thông tin văn bản"), "submit": _("Lưu")},
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
    title = _("Thêm nhóm chỉ tiêu") if kind == GroupKind.TARGETS else _("Thêm nhóm nhiệm vụ")
    return _edit(
        request,
        GroupForm(request.POST or None),
        save=lambda data: services.group_create(
            acting_user=request.user,
            plan=plan,
            kind=kind,
            order=selectors.group_next_order(plan=plan, kind=kind),
            **data,
        ),
        done=lambda _group: ("", _editor_url(plan, f"nhom-{kind}")),
        page=lambda: {"plan": plan, "title": title, "submit": _("Thêm")},
    )


@login_required
@require_http_methods(_METHODS)
def group_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    group = selectors.group_get(plan=plan, pk=pk)
    return _edit(
        request,
        GroupForm(request.POST or None, group=group),
        save=lambda data: services.group_update(acting_user=request.user, group=group, data=data),
        done=lambda _changes: ("", _editor_url(plan, f"nhom-{group.kind}")),
        page=lambda: {"plan": plan, "title": _("Đổi tên nhóm"), "submit": _("Lưu")},
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
    return _edit(
        request,
        form,
        save=lambda data: services.target_add(acting_user=request.user, plan=plan, data=data),
        done=lambda target: (
            _("Đã thêm chỉ tiêu %(t)s.") % {"t": target},
            _editor_url(plan, "chi-tieu"),
        ),
        page=lambda: {"plan": plan, "title": _("Thêm chỉ tiêu"), "submit": _("Thêm")},
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
    return _edit(
        request,
        form,
        save=lambda data: services.target_update(
            acting_user=request.user,
            target=target,
            data={k: v for k, v in data.items() if not k.startswith("new_indicator")},
        ),
        done=lambda _changes: (
            _("Đã lưu chỉ tiêu %(t)s.") % {"t": target},
            _editor_url(plan, "chi-tieu"),
        ),
        page=lambda: {
            "plan": plan,
            "title": _("Sửa chỉ tiêu %(t)s") % {"t": target},
            "submit": _("Lưu"),
            "extra": {
                "target": target,
                "figures_locked": locked,
                "adjustments": selectors.target_adjustments(user=request.user, target=target),
            },
        },
    )


@login_required
@require_http_methods(_METHODS)
def target_adjust(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    return _edit(
        request,
        AdjustForm(request.POST or None, target=target),
        save=lambda data: services.target_adjust(
            acting_user=request.user,
            target=target,
            data={k: data[k] for k in TARGET_FIGURE_FIELDS},
            effective_on=data["effective_on"],
            document=data["document"],
            reason=data["reason"],
        ),
        done=lambda _adjustment: (
            _("Đã ghi điều chỉnh chỉ tiêu %(t)s.") % {"t": target},
            reverse("plans:target-edit", args=[plan.code, target.pk]),
        ),
        page=lambda: {
            "plan": plan,
            "title": _("Điều chỉnh chỉ tiêu %(t)s") % {"t": target},
            "submit": _("Ghi điều chỉnh"),
            "extra": {
                "target": target,
                "adjustments": selectors.target_adjustments(user=request.user, target=target),
            },
        },
    )


@login_required
@require_http_methods(_METHODS)
def target_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    target = selectors.target_get_by_pk(user=request.user, plan=plan, pk=pk)
    return _edit(
        request,
        EndForm(request.POST or None),
        save=lambda data: services.target_end(acting_user=request.user, target=target, **data),
        done=lambda _adjustment: (
            _("Đã ghi bãi bỏ chỉ tiêu %(t)s.") % {"t": target},
            _editor_url(plan, "chi-tieu"),
        ),
        page=lambda: {
            "plan": plan,
            "title": _("Bãi bỏ chỉ tiêu %(t)s") % {"t": target},
            "submit": _("Ghi bãi bỏ"),
        },
    )


# --- tasks ------------------------------------------------------------------------------------


@login_required
@require_http_methods(_METHODS)
def task_add(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    return _edit(
        request,
        TaskForm(request.POST or None, plan=plan, units=_units(request.user)),
        save=lambda data: services.task_create(
            acting_user=request.user,
            plan=plan,
            **{**data, "partner_units": list(data["partner_units"])},
        ),
        done=lambda task: (
            _("Đã giao nhiệm vụ “%(t)s”.") % {"t": task.title},
            _editor_url(plan, "nhiem-vu"),
        ),
        page=lambda: {"plan": plan, "title": _("Giao nhiệm vụ"), "submit": _("Giao")},
    )


@login_required
@require_http_methods(_METHODS)
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    return _edit(
        request,
        TaskForm(request.POST or None, plan=task.plan, task=task, units=_units(request.user)),
        save=lambda data: services.task_update(
            acting_user=request.user,
            task=task,
            data={**data, "partner_units": list(data["partner_units"])},
        ),
        done=lambda _changes: (_("Đã lưu nhiệm vụ."), _task_url(task)),
        page=lambda: {"plan": task.plan, "title": _("Sửa, giao lại nhiệm vụ"), "submit": _("Lưu")},
    )


@login_required
@require_http_methods(_METHODS)
def task_extend(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    return _edit(
        request,
        ExtendForm(request.POST or None),
        save=lambda data: services.task_extend(acting_user=request.user, task=task, **data),
        done=lambda change: (str(selectors.DeadlineLine(change)), _task_url(task)),
        page=lambda: {
            "plan": task.plan,
            "title": _("Gia hạn nhiệm vụ"),
            "submit": _("Gia hạn"),
            "extra": {"deadlines": selectors.task_deadline_lines(task=task)},
        },
    )


@login_required
@require_http_methods(_METHODS)
def task_close(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get_to_manage(user=request.user, pk=pk)
    return _edit(
        request,
        CloseForm(request.POST or None, task=task),
        save=lambda data: services.task_close(acting_user=request.user, task=task, **data),
        done=lambda _changes: (_("Đã ghi: nhiệm vụ không còn theo dõi."), _task_url(task)),
        page=lambda: {"plan": task.plan, "title": _("Hủy hoặc gộp nhiệm vụ"), "submit": _("Ghi")},
    )


@login_required
@require_http_methods(_METHODS)
def task_bulk_assign(request: HttpRequest, code: str) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, code=code, action=Action.MANAGE)
    return _edit(
        request,
        BulkAssignForm(request.POST or None, plan=plan, units=_units(request.user)),
        save=lambda data: services.task_bulk_assign(
            acting_user=request.user, tasks=list(data["tasks"]), owner_unit=data["owner_unit"]
        ),
        done=lambda n: (_("Đã giao lại %(n)d nhiệm vụ.") % {"n": n}, _editor_url(plan, "nhiem-vu")),
        page=lambda: {
            "plan": plan,
            "title": _("Giao nhiều nhiệm vụ cho một đơn vị"),
            "submit": _("Giao"),
        },
    )
