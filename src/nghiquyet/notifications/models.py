from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import NotificationKind


class Notification(models.Model):
    """A message for one user, shown in the app and, if the user has an address, e-mailed.

    ``key`` names the event it is about (``report_late:12``); one user gets one
    notification per key, so a reminder is never sent twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=32, choices=NotificationKind.choices)
    key = models.CharField(_("khóa"), max_length=64)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    #: whether it goes by e-mail too (decided when it is made, by the user's settings)
    email = models.BooleanField(_("gửi thư"), default=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = pgettext_lazy("plural", "thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class EmailOptOut(models.Model):
    """A kind of notification a user wants in the app only, not by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_email_opt_outs",
    )
    kind = models.CharField(_("loại"), max_length=32, choices=NotificationKind.choices)

    class Meta:
        verbose_name = _("loại thông báo không gửi thư")
        verbose_name_plural = pgettext_lazy("plural", "loại thông báo không gửi thư")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()}"
