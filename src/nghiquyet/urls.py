from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from nghiquyet.accounts.forms import SignInForm
from nghiquyet.api.api import api

admin.site.site_header = _("Quản trị nghiquyet")
admin.site.site_title = _("Quản trị nghiquyet")
admin.site.index_title = _("Dữ liệu hệ thống")


def _superusers_only(request) -> bool:
    # The admin shows every unit's data, so only those whose scope is everything may enter.
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("thong-bao/", include("nghiquyet.notifications.urls")),
    path("tai-lieu/", include("nghiquyet.documents.urls")),
    path("don-vi/", include("nghiquyet.orgs.urls")),
    path("thi-dua/", include("nghiquyet.emulation.urls")),
    path("hoi-nghi/", include("nghiquyet.meetings.urls")),
    path("tai-khoan/", include("nghiquyet.accounts.urls")),
    path("api/v1/", api.urls),
    # Apps whose pages span several prefixes ("", nhiem-vu/, nghi-quyet/, bao-cao/).
    path("", include("nghiquyet.plans.urls")),
    path("", include("nghiquyet.reporting.urls")),
    path("", include("nghiquyet.web.urls")),
]

# The database refusing connections answers 503 with a clear message, never a traceback.
handler500 = "nghiquyet.failures.server_error"
