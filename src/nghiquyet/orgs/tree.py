"""Keeping materialised paths right when a unit is created or re-parented."""

from __future__ import annotations

from django.db import transaction

from .models import OrgUnit


@transaction.atomic
def rebuild_paths(unit: OrgUnit) -> None:
    """Recompute ``path`` and ``depth`` for ``unit`` and every descendant."""
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    for child in OrgUnit.objects.filter(parent=unit):
        rebuild_paths(child)
