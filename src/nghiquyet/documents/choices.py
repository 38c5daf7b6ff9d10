from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("đang chờ")
    RUNNING = "running", _("đang chạy")
    DONE = "done", _("xong")
    FAILED = "failed", _("không thành công")


FINISHED = frozenset({JobStatus.DONE, JobStatus.FAILED})

#: The job that loads the administrative map from the data packages (documents.job_kinds).
MAP_LOAD = "vietnam_map"


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "submission.import": _("Nhập số liệu báo cáo từ tệp Excel"),
    "plan.import": _("Nhập nghị quyết, kế hoạch từ tệp Excel"),
    "job.start": _("Yêu cầu công việc nền (báo cáo, nhập tệp)"),
    "job.lost": _("Công việc nền dừng vì máy chạy nền ngừng hoạt động"),
    "job.retry": _("Chạy lại công việc nền"),
}

AUDIT_ACTIONS["reviewdraft.save"] = _("Soạn báo cáo sơ kết, tổng kết (thông tin văn bản, các phần)")


class ReviewSection(models.TextChoices):
    """The parts of a review only people can write (the data writes the rest)."""

    OPENING = "opening", _("Mở đầu: đặc điểm tình hình, thuận lợi, khó khăn")
    LIMITATIONS = "limitations", _("Hạn chế, yếu kém")
    CAUSES_OBJECTIVE = "causes_objective", _("Nguyên nhân khách quan")
    CAUSES_SUBJECTIVE = "causes_subjective", _("Nguyên nhân chủ quan")
    LESSONS = "lessons", _("Bài học kinh nghiệm (giữa nhiệm kỳ, cuối nhiệm kỳ)")
    DIRECTIONS = "directions", _("Phương hướng, nhiệm vụ, giải pháp")


class SignerTitle(models.TextChoices):
    """Who signs, under "T/M BAN THƯỜNG VỤ" (Hướng dẫn 36-HD/VPTW) or "TM. ỦY BAN NHÂN DÂN"
    (Nghị định 30/2020/NĐ-CP)."""

    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING_DEPUTY = "standing_deputy", _("Phó Bí thư Thường trực")
    CHAIRMAN = "chairman", _("Chủ tịch")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch (ký thay Chủ tịch)")
