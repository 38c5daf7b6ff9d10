from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("nhiem-vu/", views.task_list, name="task-list"),
    path("nhiem-vu/qua-han/", views.task_overdue, name="task-overdue"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/minh-chung/<int:pk>/", views.evidence_download, name="evidence-download"),
]
