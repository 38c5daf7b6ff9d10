"""The registry of audit action codes and their labels (Wagtail's log action registry).

A code is ``<entity>.<verb>`` (``submission.approve``). Each app declares the codes it
writes, with their labels, in its ``choices.AUDIT_ACTIONS`` and registers them when it is
ready (its ``AppConfig.ready``); :func:`nghiquyet.audit.services.audit_log` refuses a code
nobody registered, and the trail shows each event by its label.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, object] = {}

#: The audit app's own codes: changes made in the Django admin.
AUDIT_ACTIONS = {
    "admin.add": _("Thêm trong trang quản trị"),
    "admin.change": _("Sửa trong trang quản trị"),
    "admin.delete": _("Xóa trong trang quản trị"),
}


def register(actions: Mapping[str, object]) -> None:
    """Register ``code → label`` pairs; a code registered again must keep its label."""
    for code, text in actions.items():
        known = _LABELS.get(code)
        if known is not None and str(known) != str(text):
            raise ImproperlyConfigured(f"audit action {code!r} is registered twice")
        _LABELS[code] = text


def is_registered(code: str) -> bool:
    return code in _LABELS


def registered() -> dict[str, str]:
    """Every registered code with its label in the active language."""
    return {code: str(text) for code, text in _LABELS.items()}


def label(code: str) -> str:
    """The label of ``code`` in the active language (the code itself if unknown)."""
    return str(_LABELS.get(code, code))
