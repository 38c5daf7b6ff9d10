from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_index, name="list"),
    path("da-doc/", views.notification_read, name="read"),
    path("cai-dat/", views.notification_settings, name="settings"),
    path("nhac-ngay/<int:pk>/", views.remind_round, name="remind-round"),
]
