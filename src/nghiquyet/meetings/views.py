"""Pages of meetings: the list, a meeting with its conclusion, the items' tasks and how they
are being carried out. Thin: parse, call a selector or one service, render."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import form_submit
from nghiquyet.plans.choices import BodyKind

from . import selectors, services
from .choices import MeetingKind
from .filters import MeetingFilter

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_DATE_ERRORS = {
    "required": gettext_lazy("Hãy nhập ngày theo dạng ngày/tháng/năm."),
    "invalid": gettext_lazy("Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 15/01/2021."),
}


class MeetingForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Cấp ủy, cơ quan họp"))
    kind = forms.ChoiceField(label=gettext_lazy("Loại hội nghị"), choices=MeetingKind.choices)
    title = forms.CharField(label=gettext_lazy("Tên hội nghị, nội dung chính"), max_length=500)
    held_on = forms.DateField(
        label=gettext_lazy("Ngày họp"), input_formats=DATE_FORMATS, error_messages=_DATE_ERRORS
    )
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255, required=False)
    chair = forms.CharField(label=gettext_lazy("Chủ trì"), max_length=255)
    participants = forms.CharField(
        label=gettext_lazy("Thành phần dự"), widget=forms.Textarea, required=False
    )
    agenda = forms.CharField(
        label=gettext_lazy("Nội dung, chương trình"), widget=forms.Textarea, required=False
    )
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=255, required=False
    )
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=255, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.code: u for u in units}
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


class ConclusionForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày ban hành"), input_formats=DATE_FORMATS, error_messages=_DATE_ERRORS
    )
    issuing_body = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    superior_body = forms.CharField(
        label=gettext_lazy("Cơ quan cấp trên"), max_length=255, required=False
    )
    body_kind = forms.ChoiceField(label=gettext_lazy("Thể thức"), choices=BodyKind.choices)
    summary = forms.CharField(
        label=gettext_lazy("Đánh giá chung"), widget=forms.Textarea, required=False
    )
    items = forms.CharField(
        label=gettext_lazy("Các mục kết luận (mỗi dòng một mục)"),
        widget=forms.Textarea,
        required=False,
    )


class ItemForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Nội dung kết luận"), widget=forms.Textarea)


class TaskForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Mục kết luận"))
    owner_unit = forms.ChoiceField(label=gettext_lazy("Đơn vị chủ trì"))
    title = forms.CharField(label=gettext_lazy("Nhiệm vụ"), max_length=500)
    product = forms.CharField(label=gettext_lazy("Sản phẩm"), max_length=500)
    deadline = forms.DateField(
        label=gettext_lazy("Thời hạn"), input_formats=DATE_FORMATS, error_messages=_DATE_ERRORS
    )

    def __init__(self, *args, items, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {str(i.pk): i for i in items}
        self.units = {u.code: u for u in units}
        self.fields["item"].choices = [(str(i.pk), f"{i.code}. {i.name[:80]}") for i in items]
        self.fields["owner_unit"].choices = [(u.code, u.name) for u in units]


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    year = request.GET.get("nam") or ""
    filters = MeetingFilter(year=int(year) if year.isdigit() else None, q=query)
    meetings = filters.apply(selectors.meeting_list(user=request.user), user=request.user)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings.distinct(),
            "query": query,
            "year": filters.year,
            "can_create": selectors.meeting_units(user=request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    units = list(
        selectors.meeting_units(user=request.user).order_by("valid_to", "depth", "order")[:300]
    )
    if not units:
        raise PermissionDenied
    form = MeetingForm(request.POST or None, units=units)

    def save(data):
        data = dict(data)
        unit = form.units[data.pop("unit")]
        return services.meeting_create(acting_user=request.user, unit=unit, **data)

    return form_submit(
        request,
        form,
        save,
        message=_("Đã ghi hội nghị."),
        done=lambda meeting: redirect("meetings:meeting-detail", pk=meeting.pk),
        page=lambda status: render(
            request, "meetings/meeting_form.html", {"form": form}, status=status
        ),
    )


def _detail(request, meeting, *, conclusion_form=None, item_form=None, task_form=None, status=200):
    can_manage = selectors.meeting_can_manage(user=request.user, meeting=meeting)
    items = selectors.conclusion_items(meeting)
    units = selectors.assignable_units(meeting) if can_manage else []
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "reviewed": meeting.reviewed_plans.all(),
            "progress": selectors.conclusion_progress(user=request.user, meeting=meeting),
            "can_manage": can_manage,
            "conclusion_form": (conclusion_form or ConclusionForm(initial=_notice_initial(meeting)))
            if can_manage and not meeting.conclusion_id
            else None,
            "item_form": (item_form or ItemForm())
            if can_manage and meeting.conclusion_id
            else None,
            "task_form": (task_form or TaskForm(items=items, units=units))
            if can_manage and items
            else None,
        },
        status=status,
    )


def _notice_initial(meeting) -> dict:
    return {"issued_on": timezone.localdate().strftime("%d/%m/%Y"), "body_kind": BodyKind.PARTY}


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.meeting_get(user=request.user, pk=pk))


@login_required
@require_POST
def conclusion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = ConclusionForm(request.POST)

    def save(data):
        data = dict(data)
        data["items"] = [line for line in data["items"].splitlines() if line.strip()]
        return services.conclusion_issue(acting_user=request.user, meeting=meeting, **data)

    return form_submit(
        request,
        form,
        save,
        message=_("Đã ban hành thông báo kết luận."),
        done=lambda _notice: redirect("meetings:meeting-detail", pk=meeting.pk),
        page=lambda status: _detail(request, meeting, conclusion_form=form, status=status),
    )


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = ItemForm(request.POST)
    return form_submit(
        request,
        form,
        lambda data: services.conclusion_item_add(
            acting_user=request.user, meeting=meeting, text=data["text"]
        ),
        message=_("Đã thêm mục kết luận."),
        done=lambda _item: redirect("meetings:meeting-detail", pk=meeting.pk),
        page=lambda status: _detail(request, meeting, item_form=form, status=status),
    )


@login_required
@require_POST
def task_assign(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = TaskForm(
        request.POST,
        items=selectors.conclusion_items(meeting),
        units=selectors.assignable_units(meeting),
    )
    return form_submit(
        request,
        form,
        lambda data: services.conclusion_task_assign(
            acting_user=request.user,
            meeting=meeting,
            item=form.items[data["item"]],
            owner_unit=form.units[data["owner_unit"]],
            title=data["title"],
            product=data["product"],
            deadline=data["deadline"],
        ),
        message=_("Đã giao nhiệm vụ."),
        done=lambda _task: redirect("meetings:meeting-detail", pk=meeting.pk),
        page=lambda status: _detail(request, meeting, task_form=form, status=status),
    )
