from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Role


class Grant(models.Model):
    """A role held over a unit and its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="grants"
    )
    created_at = models.DateTimeField(_("thời điểm cấp"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = pgettext_lazy("plural", "phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
