from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.task_list, name="task-list"),
    path("qua-han/", views.task_overdue, name="task-overdue"),
    path("<int:pk>/", views.task_detail, name="task-detail"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence-download"),
]
