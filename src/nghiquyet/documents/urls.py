from django.urls import path

from . import extract_views, views

app_name = "documents"

urlpatterns = [
    path("cong-viec/", views.job_index, name="job-list"),
    path("cong-viec/<int:pk>/", views.job_detail, name="job-detail"),
    path("cong-viec/<int:pk>/tai-ve/", views.job_download, name="job-download"),
    path("cong-viec/<int:pk>/chay-lai/", views.job_retry_view, name="job-retry"),
    path("bao-cao/<slug:code>/", views.report_start, name="report-start"),
    path(
        "bao-cao/<slug:code>/soan/<str:period_key>/",
        views.review_draft_edit,
        name="review-draft",
    ),
    path(
        "bao-cao/<slug:code>/kiem-tra/<str:period_key>/",
        views.review_check,
        name="review-check",
    ),
    path(
        "excel/bao-cao/<int:pk>/mau/",
        views.submission_template_download,
        name="submission-template",
    ),
    path("excel/bao-cao/<int:pk>/nhap/", views.submission_import_upload, name="submission-import"),
    path("excel/nghi-quyet/mau/", views.plan_template_download, name="plan-template"),
    path("excel/nghi-quyet/nhap/", views.plan_import_page, name="plan-import"),
    path("nghi-quyet/doc-van-ban/", extract_views.plan_extract_page, name="plan-extract"),
    path("ban-do-hanh-chinh/", views.map_load, name="map-load"),
    path("khen-thuong/<int:pk>/quyet-dinh.docx", views.award_decision, name="award-decision"),
    path(
        "khen-thuong/giay-chung-nhan/<int:pk>.pdf",
        views.award_certificate,
        name="award-certificate",
    ),
    path(
        "khen-thuong/ca-nhan/<int:pk>/du-lieu.xlsx",
        views.person_export_xlsx,
        name="person-export-xlsx",
    ),
    path("hoi-nghi/<int:pk>/thong-bao.docx", views.conclusion_notice, name="conclusion-notice"),
    path("hoi-nghi/<int:pk>/tinh-hinh.docx", views.conclusion_progress, name="conclusion-progress"),
]
