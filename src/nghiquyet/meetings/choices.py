"""Constants of meetings and their conclusions, and the audit codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    STANDING_COMMITTEE = "standing_committee", _("Hội nghị Ban Thường vụ")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Hội nghị Ban Chấp hành")
    PEOPLES_COMMITTEE = "peoples_committee", _("Phiên họp Ủy ban nhân dân")
    CONFERENCE = "conference", _("Hội nghị")


#: The longest text of one numbered item of a conclusion (a task group's name).
ITEM_MAX_CHARS = 500

#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions). The notice, its items and tasks are plans',
#: written through plans' services under their own codes.
AUDIT_ACTIONS = {
    "meeting.create": _("Ghi hội nghị, phiên họp"),
    "meeting.conclude": _("Ban hành thông báo kết luận của hội nghị"),
}
