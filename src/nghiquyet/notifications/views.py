from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nghiquyet.reporting.selectors.rounds import round_get

from .choices import NotificationKind
from .selectors import email_kinds, notification_list
from .services import (
    notification_email_settings_set,
    notification_mark_read,
    round_remind_now,
)


@login_required
def notification_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_list(user=request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all as read, then go to ``next`` (a local URL)."""
    pk = request.POST.get("id")
    notification_mark_read(user=request.user, pk=int(pk) if pk and pk.isdigit() else None)
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "notifications:list"
    return redirect(target)


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Which kinds of notification come by e-mail too (all of them unless turned off)."""
    if request.method == "POST":
        chosen = {k for k in request.POST.getlist("email") if k in NotificationKind.values}
        notification_email_settings_set(acting_user=request.user, emailed_kinds=chosen)
        messages.success(request, _("Đã lưu cài đặt nhận thư."))
        return redirect("notifications:settings")
    emailed = email_kinds(user=request.user)
    return render(
        request,
        "notifications/settings.html",
        {
            "kinds": [(k, label, k in emailed) for k, label in NotificationKind.choices],
            "has_email": bool(request.user.email),
        },
    )


@login_required
@require_POST
def remind_round(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Nhắc ngay" on a round's page: remind its late units today."""
    rnd = round_get(user=request.user, pk=pk)
    n = round_remind_now(acting_user=request.user, rnd=rnd)
    if n:
        messages.success(request, _("Đã gửi %(n)d lời nhắc tới các đơn vị chậm.") % {"n": n})
    else:
        messages.info(request, _("Không có đơn vị nào cần nhắc thêm hôm nay."))
    return redirect("reporting:round-detail", pk=rnd.pk)
