from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("moi/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/ket-luan/", views.conclusion_issue, name="conclusion-issue"),
    path("<int:pk>/muc/", views.item_add, name="item-add"),
    path("<int:pk>/nhiem-vu/", views.task_assign, name="task-assign"),
]
