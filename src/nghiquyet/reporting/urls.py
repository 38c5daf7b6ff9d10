from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("viec-can-lam/", views.todo, name="todo"),
    path("bat-dau/", views.landing, name="landing"),
    path("nghi-quyet/<slug:code>/", views.plan_dashboard, name="plan-dashboard"),
    path("nghi-quyet/<slug:code>/cu-the-hoa/", views.plan_cascade, name="plan-cascade"),
    path(
        "nghi-quyet/<slug:code>/chi-tieu/<str:target>/",
        views.target_detail,
        name="target-detail",
    ),
    path(
        "nghi-quyet/<slug:code>/chi-tieu/<str:target>/tham-chieu/",
        views.reference_add,
        name="reference-add",
    ),
    path(
        "nghi-quyet/<slug:code>/chi-tieu/<str:target>/quy-tac/",
        views.quality_rule_add,
        name="quality-rule-add",
    ),
    path(
        "nghi-quyet/<slug:code>/chi-tieu/<str:target>/quy-tac/<int:pk>/bo/",
        views.quality_rule_remove,
        name="quality-rule-remove",
    ),
    path("bao-cao/", views.submission_index, name="submission-list"),
    path("bao-cao/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("bao-cao/<int:pk>/luu/", views.submission_save, name="submission-save"),
    path("bao-cao/<int:pk>/o/", views.submission_cells, name="submission-cells"),
    path(
        "bao-cao/<int:pk>/<str:action>/",
        views.submission_transition,
        name="submission-transition",
    ),
    path("bao-cao/dot/<int:pk>/", views.round_detail, name="round-detail"),
    path("bao-cao/dot/<int:pk>/gia-han/", views.round_extend, name="round-extend"),
    path("bao-cao/dot/<int:pk>/dong/", views.round_close, name="round-close"),
    path("bao-cao/mo-dot/<slug:code>/", views.round_open, name="round-open"),
]
