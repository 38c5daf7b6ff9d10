from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("nghi-quyet/<slug:code>/", views.plan_dashboard, name="plan-dashboard"),
]
