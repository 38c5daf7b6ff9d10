from django.db.models import QuerySet

from .choices import NotificationKind
from .models import EmailOptOut, Notification


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(*, user) -> int:
    return notification_list(user=user).filter(read_at__isnull=True).count()


def email_kinds(*, user) -> set[str]:
    """The kinds of notification ``user`` gets by e-mail too."""
    off = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return set(NotificationKind.values) - off
