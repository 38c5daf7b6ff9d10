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
}
