from django.urls import path

from . import editor, share_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("nhiem-vu/", views.task_list, name="task-list"),
    path("nhiem-vu/qua-han/", views.task_overdue, name="task-overdue"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/minh-chung/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("nhiem-vu/<int:pk>/sua/", editor.task_edit, name="task-edit"),
    path("nhiem-vu/<int:pk>/gia-han/", editor.task_extend, name="task-extend"),
    path("nhiem-vu/<int:pk>/ket-thuc/", editor.task_close, name="task-close"),
    # The office's editing pages of a plan (before reporting's nghi-quyet/<code>/… pages).
    path("nghi-quyet-moi/", editor.plan_create, name="plan-create"),
    path("nghi-quyet/<slug:code>/soan/", editor.plan_editor, name="plan-editor"),
    path("nghi-quyet/<slug:code>/soan/thong-tin/", editor.plan_edit, name="plan-edit"),
    path("nghi-quyet/<slug:code>/soan/nhom/<str:kind>/them/", editor.group_add, name="group-add"),
    path("nghi-quyet/<slug:code>/soan/nhom/<int:pk>/", editor.group_edit, name="group-edit"),
    path(
        "nghi-quyet/<slug:code>/soan/nhom/<int:pk>/<str:direction>/",
        editor.group_move,
        name="group-move",
    ),
    path("nghi-quyet/<slug:code>/soan/chi-tieu/them/", editor.target_add, name="target-add"),
    path("nghi-quyet/<slug:code>/soan/chi-tieu/<int:pk>/", editor.target_edit, name="target-edit"),
    path(
        "nghi-quyet/<slug:code>/soan/chi-tieu/<int:pk>/dieu-chinh/",
        editor.target_adjust,
        name="target-adjust",
    ),
    path(
        "nghi-quyet/<slug:code>/soan/chi-tieu/<int:pk>/bai-bo/",
        editor.target_end,
        name="target-end",
    ),
    path(
        "nghi-quyet/<slug:code>/cu-the-hoa/<int:pk>/phan-giao/",
        share_views.target_shares,
        name="target-shares",
    ),
    path("nghi-quyet/<slug:code>/soan/nhiem-vu/them/", editor.task_add, name="task-add"),
    path(
        "nghi-quyet/<slug:code>/soan/nhiem-vu/giao/",
        editor.task_bulk_assign,
        name="task-bulk-assign",
    ),
]
