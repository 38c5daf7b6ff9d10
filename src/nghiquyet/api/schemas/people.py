"""People an office manages: accounts of the units in its subtree and their roles."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from nghiquyet.accounts.choices import Role

RoleIn = Literal[tuple(Role.values)]  # type: ignore[valid-type]


class AccountGrantOut(Schema):
    id: int
    role: str
    role_label: str
    unit_code: str
    unit_name: str
    revocable: bool = Field(description="Người gọi có thu hồi được vai trò này không")


class AccountOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_active: bool
    last_login: dt.datetime | None
    never_signed_in: bool
    grants: list[AccountGrantOut]


class AccountIn(Schema):
    username: str = Field(..., min_length=1, max_length=150, description="Tên đăng nhập")
    full_name: str = Field(..., min_length=1, max_length=150, description="Họ và tên")
    email: str = Field("", max_length=254, description="Nhận liên kết đặt mật khẩu")
    role: RoleIn
    unit: str = Field(..., min_length=1, max_length=32, description="Mã đơn vị")


class GrantIn(Schema):
    role: RoleIn
    unit: str = Field(..., min_length=1, max_length=32, description="Mã đơn vị")


class PasswordLinkOut(Schema):
    sent_to: str = Field(description="Địa chỉ thư nhận liên kết (rỗng: chưa có địa chỉ)")
