"""Audit events and the caller's own account (grants, token)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor: str | None
    action: str
    action_label: str
    object_type: str
    object_id: str
    object_repr: str
    unit_code: str | None
    changes: dict[str, Any]
    note: str
    correlation_id: str | None = Field(
        description="Mã thao tác: các sự kiện của cùng một thao tác (ví dụ một lần nhập nghị "
        "quyết) có cùng mã"
    )


class GrantOut(Schema):
    role: str
    role_label: str
    unit_code: str
    unit_name: str


class TokenInfoOut(Schema):
    name: str
    prefix: str
    expires_at: dt.datetime
    last_used_at: dt.datetime | None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_superuser: bool
    language: str
    grants: list[GrantOut]
    token: TokenInfoOut | None
