from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    REPORT_DUE = "report_due", _("báo cáo sắp đến hạn")
    REPORT_LATE = "report_late", _("báo cáo quá hạn")
    TASK_DUE = "task_due", _("nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task_overdue", _("nhiệm vụ quá hạn")
    TASK_ASSIGNED = "task_assigned", _("được giao nhiệm vụ")


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "reminder.run": _("Gửi nhắc việc"),
}
