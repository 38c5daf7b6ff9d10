from . import excel_views, job_views, map_load, report_views

app_name = "documents"

urlpatterns = [
    *job_views.urlpatterns,
    *report_views.urlpatterns,
    *excel_views.urlpatterns,
    *map_load.urlpatterns,
]
