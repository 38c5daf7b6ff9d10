from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .actions import label


class AuditEvent(models.Model):
    """One change, written in the same transaction as the change itself."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    #: shared by the events of one operation (a plan import's target creations); events
    #: written before correlation ids existed have none
    correlation_id = models.UUIDField(
        _("mã thao tác"), null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action_label}: {self.object_repr}"

    @property
    def action_label(self) -> str:
        return label(self.action)


class DataVersion(models.Model):
    """A counter of committed changes, read as one number (:mod:`nghiquyet.audit.versions`).

    Every change that writes an audit event (and every save of the data an evaluation reads)
    adds one to a row in the change's own transaction, so the sum of the rows moves exactly
    when a change becomes visible. One row per database connection that ever wrote (a random
    key), so that concurrent writers never wait on one another's row lock.
    """

    shard = models.BigIntegerField(primary_key=True)
    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")

    def __str__(self) -> str:
        return f"{self.shard}: {self.counter}"
