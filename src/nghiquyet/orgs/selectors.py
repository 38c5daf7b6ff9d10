"""Reads of org units, always filtered by the acting user's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from nghiquyet.accounts.scopes import scope_for

from .models import OrgUnit


def orgunit_list(*, user, action: str = "view") -> QuerySet[OrgUnit]:
    """Units the user may see (or act on, with ``action``)."""
    return scope_for(user).filter(OrgUnit.objects.all(), "path", action)
