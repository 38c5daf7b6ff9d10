"""Pages of one's own account: personal API tokens. Thin: parse, call one service, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .choices import API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS
from .selectors import api_token_get, api_token_list
from .services import (
    api_token_create,
    api_token_default_expiry,
    api_token_revoke,
    password_changed_record,
)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên gợi nhớ"),
        max_length=100,
        help_text=gettext_lazy(
            "Khóa dùng để làm gì, ví dụ: “Cổng thông tin tỉnh”, “Tập lệnh nhập số liệu”."
        ),
    )
    expires_on = forms.DateField(label=gettext_lazy("Hết hạn sau ngày"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].help_text = _(
            "dd/mm/yyyy; mặc định %(default)s ngày, tối đa %(max)s ngày."
        ) % {"default": API_TOKEN_DEFAULT_DAYS, "max": API_TOKEN_MAX_DAYS}


def _page(request: HttpRequest, form: ApiTokenForm, *, secret: str = "", status: int = 200):
    tokens = api_token_list(user=request.user)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "secret": secret, "now": timezone.now()},
        status=status,
    )


#: Where a new token's text waits for the one page view that shows it (then it is gone).
_NEW_TOKEN = "accounts.new_api_token"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form to create one.

    A new token's text is shown once: the POST stores it in the session and redirects
    (so that reloading the page cannot create another token), and the next page view
    takes it out of the session as it shows it.
    """
    if request.method != "POST":
        secret = request.session.pop(_NEW_TOKEN, "")
        initial = {"expires_on": api_token_default_expiry().strftime("%d/%m/%Y")}
        return _page(request, ApiTokenForm(initial=initial), secret=secret)
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = api_token_create(
                acting_user=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            # By field (a past or too distant expiry) or for the whole form.
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo khóa “%(name)s”. Hãy sao chép khóa ngay: hệ thống không lưu và sẽ "
                    "không hiện lại."
                )
                % {"name": token.name},
            )
            request.session[_NEW_TOKEN] = secret
            return redirect(reverse("accounts:token-list"))
    return _page(request, form, status=422)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_get(user=request.user, pk=pk)
    api_token_revoke(acting_user=request.user, token=token)
    messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect(reverse("accounts:token-list"))


# --- passwords: one's own change, and the one-time link an office sends -----------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password (signed in); audited."""

    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("accounts:password-change-done")
    extra_context = {"title": gettext_lazy("Đổi mật khẩu")}

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed_record(user=self.request.user, how="change")
        return response


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The one-time link an office sent: its owner sets a password; audited."""

    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("login")
    post_reset_login = False
    extra_context = {"title": gettext_lazy("Đặt mật khẩu")}

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed_record(user=form.user, how="link")
        messages.success(self.request, _("Đã đặt mật khẩu. Hãy đăng nhập."))
        return response


@login_required
def password_change_done(request: HttpRequest) -> HttpResponse:
    messages.success(request, _("Đã đổi mật khẩu."))
    return redirect("plans:plan-list")
