from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("", views.index, name="index"),
    path("cum/moi/", views.cluster_create, name="cluster-create"),
    path("cum/<int:pk>/", views.cluster_detail, name="cluster-detail"),
    path("phong-trao/moi/", views.movement_create, name="movement-create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement-detail"),
    path("dot/<int:pk>/", views.round_detail, name="round-detail"),
    path("dot/<int:pk>/tieu-chi/", views.criterion_add, name="criterion-add"),
    path("dot/<int:pk>/dang-ky/", views.registration_add, name="registration-add"),
    path("dot/<int:pk>/khoa-so/", views.round_close, name="round-close"),
    path("dot/<int:pk>/don-vi/<int:unit>/", views.score_detail, name="score-detail"),
    path("de-nghi/<int:pk>/binh-xet/", views.proposal_review, name="proposal-review"),
]
