"""Writes for org units. Hierarchy changes (merge, split, move) come with lineage later."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from nghiquyet.audit.services import audit_log

from .models import OrgUnit
from .tree import rebuild_paths


@transaction.atomic
def orgunit_create(
    *,
    acting_user,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    order: int = 0,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> OrgUnit:
    """Create a unit under ``parent`` and compute its path."""
    unit = OrgUnit(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        order=order,
        valid_from=valid_from,
        valid_to=valid_to,
        path="",
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    rebuild_paths(unit)
    audit_log(
        acting_user=acting_user,
        action="orgunit.create",
        obj=unit,
        unit=unit,
        changes={"code": [None, code], "name": [None, name], "kind": [None, kind]},
    )
    return unit
