"""Org units (đơn vị)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: str | None
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None
