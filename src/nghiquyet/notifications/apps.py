from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "nghiquyet.notifications"
    verbose_name = _("Thông báo, nhắc việc")

    def ready(self) -> None:
        from nghiquyet.audit.actions import register

        from .choices import AUDIT_ACTIONS

        register(AUDIT_ACTIONS)

        from nghiquyet.plans.signals import task_assigned

        from .services import task_owner_notify

        def _tell_owner(sender, *, task, acting_user, **kwargs):
            task_owner_notify(task=task, assigned_by=acting_user)

        task_assigned.connect(_tell_owner, weak=False, dispatch_uid="notifications.task_owner")
