from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("khoa-api/", views.token_list, name="token-list"),
    path("khoa-api/<int:pk>/thu-hoi/", views.token_revoke, name="token-revoke"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password-change"),
    path("doi-mat-khau/xong/", views.password_change_done, name="password-change-done"),
    path("dat-mat-khau/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password-set"),
]
