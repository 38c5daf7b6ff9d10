from django.urls import path

from . import assets, views

app_name = "web"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
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
    path("tai-nguyen/vega-embed-<str:version>.js", assets.vega_embed, name="vega-embed"),
]
