"""Reads of the audit trail, filtered by the acting user's scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.scopes import scope_for

from .models import AuditEvent


def audit_event_list(*, user) -> QuerySet[AuditEvent]:
    """Audit events the user may read, newest first.

    Administrators read everything; an office reads the events of the units it
    manages (its subtree); everyone reads the events of their own actions.
    Events with no unit (users, periods, tokens) are thus an administrator's or
    their author's only.
    """
    scope = scope_for(user)
    qs = AuditEvent.objects.select_related("actor", "unit").order_by("-at", "-id")
    if scope.everything:
        return qs
    mine = Q(actor_id=scope.user_id) if scope.user_id is not None else Q(pk__in=[])
    managed = scope.q("unit_path", Action.MANAGE) & ~Q(unit_path="")
    return qs.filter(mine | managed)
