"""Constants of the app."""

from django.utils.translation import gettext_lazy as _

#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "submission.api_import": _("Nhập số liệu báo cáo qua API"),
}
