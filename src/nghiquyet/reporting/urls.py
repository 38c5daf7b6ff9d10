from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.submission_index, name="submission-list"),
    path("<int:pk>/", views.submission_detail, name="submission-detail"),
    path("<int:pk>/luu/", views.submission_save, name="submission-save"),
    path(
        "<int:pk>/<str:action>/",
        views.submission_transition,
        name="submission-transition",
    ),
    path("dot/<int:pk>/", views.round_detail, name="round-detail"),
    path("mo-dot/<slug:code>/", views.round_open, name="round-open"),
]
