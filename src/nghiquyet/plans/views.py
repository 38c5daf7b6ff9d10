"""Pages of plans and tasks: the plan list, task tracking. Thin: parse the request, call
selectors or one service, render. (A plan's dashboard is an evaluation: reporting's pages.)

Scope and permissions are decided in :mod:`.selectors` and :mod:`.services`;
templates only show what they were given.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from nghiquyet.orgs.selectors import map_load_allowed, map_missing

from . import evidence, selectors, services
from .choices import PlanKind
from .filters import PlanFilter
from .models import Task

PAGE_SIZE = 50
#: Room for the note and the multipart envelope on top of the files themselves.
_REQUEST_OVERHEAD = 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Any number of files; they are checked by the service, not here."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        return [f for f in (data if isinstance(data, list | tuple) else [data]) if f]


_PROGRESS_MESSAGE = gettext_lazy("Tiến độ phải là số nguyên từ 0 đến 100.")


class TaskUpdateForm(forms.Form):
    """Parses the progress form; the rules themselves are the service's."""

    progress = forms.IntegerField(
        label=gettext_lazy("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": gettext_lazy("Hãy nhập tiến độ (%), từ 0 đến 100."),
            "invalid": _PROGRESS_MESSAGE,
            "min_value": _PROGRESS_MESSAGE,
            "max_value": _PROGRESS_MESSAGE,
        },
    )
    completed_on = forms.DateField(
        label=gettext_lazy("Ngày hoàn thành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "invalid": gettext_lazy(
                "Ngày hoàn thành phải viết theo dạng ngày/tháng/năm, ví dụ 18/06/2021."
            )
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Nội dung cập nhật"),
        required=False,
        strip=False,
        error_messages={
            "null_characters_not_allowed": gettext_lazy(
                "Nội dung cập nhật có ký tự không hợp lệ (NUL); hãy gõ lại."
            )
        },
    )
    files = EvidenceFilesField(label=gettext_lazy("Tệp minh chứng"))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("loai") or ""
    year = _int(request.GET.get("nam"))
    query = (request.GET.get("q") or "").strip()
    filters = PlanFilter(kind=kind, year=year, q=query)
    plans = filters.apply(selectors.plan_list(user=request.user), user=request.user).order_by(
        "unit__depth", "-year", "code"
    )
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans.distinct(),
            "kinds": PlanKind.choices,
            "kind": kind,
            "year": year,
            "query": query,
            "targets": selectors.target_search(user=request.user, query=query) if query else [],
            "offer_map": map_missing() and map_load_allowed(user=request.user),
        },
    )


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    units = list(selectors.task_owner_units(user=request.user))
    plans = list(selectors.task_plans(user=request.user))
    unit_id = _int(request.GET.get("don_vi"))
    unit = next((u for u in units if u.pk == unit_id), None)
    plan_code = request.GET.get("nghi_quyet") or ""
    plan = next((p for p in plans if p.code == plan_code), None)
    status = request.GET.get("trang_thai") or ""
    statuses = selectors.task_status_choices()
    if status not in dict(statuses):
        status = ""
    query = (request.GET.get("q") or "").strip()[:200]
    as_of = timezone.localdate()
    rows = selectors.task_list(user=request.user, unit=unit, plan=plan, query=query, as_of=as_of)
    counts = selectors.task_status_counts(rows)
    if status:
        rows = [r for r in rows if r.status == status]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    no_status = request.GET.copy()
    for key in ("trang", "trang_thai"):
        no_status.pop(key, None)
    return render(
        request,
        "plans/task_list.html",
        {
            "page": page,
            "rows": page.object_list,
            "as_of": as_of,
            "total": len(rows),
            "units": units,
            "unit": unit,
            "plans": plans,
            "plan": plan,
            "statuses": statuses,
            "status": status,
            "counts": counts,
            "query": query,
            "querystring": params.urlencode(),
            "status_querystring": no_status.urlencode(),
        },
    )


def _render_detail(
    request: HttpRequest, task: Task, form: TaskUpdateForm | None, status: int = 200
) -> HttpResponse:
    can_update = selectors.task_can_update(request.user, task)
    as_of = timezone.localdate()
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "row": selectors.task_row(user=request.user, task=task, as_of=as_of),
            "as_of": as_of,
            "partners": selectors.task_partner_units(task=task),
            "deadlines": selectors.task_deadline_lines(task=task),
            "can_manage": selectors.task_can_manage(user=request.user, task=task),
            "updates": selectors.task_updates(user=request.user, task=task),
            "can_update": can_update,
            "form": (form or TaskUpdateForm(initial={"progress": task.progress}))
            if can_update
            else None,
            "accept": evidence.ACCEPT,
            "max_files": evidence.MAX_FILES,
            "max_mb": evidence.megabytes(evidence.max_bytes()),
        },
        status=status,
    )


def _max_request_bytes() -> int:
    return evidence.MAX_FILES * evidence.max_bytes() + _REQUEST_OVERHEAD


# CSRF is checked in _task_update_post(), *after* the size guard: Django's CSRF
# middleware reads request.POST, which would first receive and spool the whole
# body to disk however large it is. Nothing is written before that check.
@csrf_exempt
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _render_detail(request, task, None)
    if not selectors.task_can_update(request.user, task):
        raise PermissionDenied
    length = _int(request.META.get("CONTENT_LENGTH")) or 0
    if length > _max_request_bytes():
        form = TaskUpdateForm(data={"progress": task.progress})
        form.is_valid()
        form.add_error(
            "files",
            _(
                "Dữ liệu gửi lên quá lớn (%(size)s MB). Mỗi lần chỉ gửi tối đa %(n)d tệp, "
                "mỗi tệp không quá %(limit)s MB. Chưa có gì được lưu."
            )
            % {
                "size": evidence.megabytes(length),
                "n": evidence.MAX_FILES,
                "limit": evidence.megabytes(evidence.max_bytes()),
            },
        )
        return _render_detail(request, task, form, status=413)
    return _task_update_post(request, task)


@csrf_protect
def _task_update_post(request: HttpRequest, task: Task) -> HttpResponse:
    form = TaskUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_update_create(
                acting_user=request.user,
                task=task,
                progress=data["progress"],
                note=data["note"],
                completed_on=data["completed_on"],
                files=data["files"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã ghi cập nhật tiến độ."))
            return redirect(reverse("plans:task-detail", args=[task.pk]) + "#lich-su")
    if request.FILES:
        form.add_error(None, _("Các tệp đã chọn chưa được lưu; hãy chọn lại sau khi sửa lỗi."))
    return _render_detail(request, task, form, status=400)


@login_required
@require_GET
def task_overdue(request: HttpRequest) -> HttpResponse:
    sort = "unit" if request.GET.get("sap_xep") == "don-vi" else "overdue"
    as_of = timezone.localdate()
    units = selectors.task_overdue_by_unit(user=request.user, sort=sort, as_of=as_of)
    return render(
        request,
        "plans/task_overdue.html",
        {
            "units": units,
            "sort": sort,
            "as_of": as_of,
            "statuses": selectors.task_status_choices(),
            "overdue_total": sum(u.overdue_count for u in units),
        },
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.evidence_get(user=request.user, pk=pk)
    try:
        handle = item.file.storage.open(item.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
