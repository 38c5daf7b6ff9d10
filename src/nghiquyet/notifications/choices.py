from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a notification is about; a user may turn e-mail off per kind."""

    REPORT_DUE = "report_due", _("báo cáo sắp đến hạn")
    REPORT_LATE = "report_late", _("báo cáo quá hạn")
    TASK_DUE = "task_due", _("nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task_overdue", _("nhiệm vụ quá hạn")
    SUBMISSION_SUBMITTED = "submission_submitted", _("báo cáo chờ lãnh đạo duyệt")
    SUBMISSION_APPROVED = "submission_approved", _("báo cáo chờ văn phòng tiếp nhận")
    SUBMISSION_RETURNED = "submission_returned", _("báo cáo bị trả lại")
    SUBMISSION_ACCEPTED = "submission_accepted", _("báo cáo đã được tiếp nhận")
    SUBMISSION_REOPENED = "submission_reopened", _("báo cáo được mở lại để điều chỉnh")
    TASK_ASSIGNED = "task_assigned", _("nhiệm vụ được giao")
    TASK_EXTENDED = "task_extended", _("nhiệm vụ được gia hạn")


#: The reminders' kinds (the name the reminder run has always used).
ReminderKind = NotificationKind


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "reminder.run": _("Gửi nhắc việc"),
    "notification.email_settings": _("Đổi cài đặt nhận thư thông báo"),
}
