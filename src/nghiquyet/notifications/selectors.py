from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(*, user) -> int:
    return notification_list(user=user).filter(read_at__isnull=True).count()
