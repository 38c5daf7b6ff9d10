from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("khoa-api/", views.token_list, name="token-list"),
    path("khoa-api/<int:pk>/thu-hoi/", views.token_revoke, name="token-revoke"),
]
