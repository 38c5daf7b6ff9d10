from django.urls import path

from .views import awards, rounds

app_name = "emulation"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("cum/moi/", rounds.cluster_create, name="cluster-create"),
    path("cum/<int:pk>/", rounds.cluster_detail, name="cluster-detail"),
    path("phong-trao/moi/", rounds.movement_create, name="movement-create"),
    path("phong-trao/<int:pk>/", rounds.movement_detail, name="movement-detail"),
    path("dot/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("dot/<int:pk>/tieu-chi/", rounds.criterion_add, name="criterion-add"),
    path("dot/<int:pk>/dang-ky/", rounds.registration_add, name="registration-add"),
    path("dot/<int:pk>/khoa-so/", rounds.round_close, name="round-close"),
    path("dot/<int:pk>/don-vi/<int:unit>/", rounds.score_detail, name="score-detail"),
    path("dot/<int:pk>/de-nghi/moi/", awards.proposal_create, name="proposal-create"),
    path("dot/<int:pk>/quyet-dinh/moi/", awards.decision_create, name="decision-create"),
    path("de-nghi/<int:pk>/", awards.proposal_detail, name="proposal-detail"),
    path("de-nghi/<int:pk>/binh-xet/", awards.proposal_review, name="proposal-review"),
    path("quyet-dinh/<int:pk>/", awards.decision_detail, name="decision-detail"),
    path("lich-su/<int:pk>/", awards.unit_history, name="unit-history"),
    path("ca-nhan/<int:pk>/", awards.person_detail, name="person-detail"),
    path("ca-nhan/<int:pk>/du-lieu.json", awards.person_export_json, name="person-export"),
    path("ca-nhan/<int:pk>/xoa/", awards.person_erase, name="person-erase"),
]
