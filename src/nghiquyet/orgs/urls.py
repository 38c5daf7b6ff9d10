from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("", views.unit_index, name="unit-index"),
    path("them-don-vi-moi/", views.unit_create, name="unit-create"),
    path("nguoi-dung/", views.people_index, name="people"),
    path("nguoi-dung/them/", views.person_add, name="person-add"),
    path("nguoi-dung/<int:pk>/", views.person_detail, name="person-detail"),
    path("nguoi-dung/<int:pk>/<str:action>/", views.person_action, name="person-action"),
    path("<str:code>/", views.unit_detail, name="unit-detail"),
    path("<str:code>/thay-doi/<str:kind>/", views.unit_change, name="unit-change"),
    path("<str:code>/chia-tach/<int:change>/", views.unit_split_shares, name="unit-split-shares"),
]
