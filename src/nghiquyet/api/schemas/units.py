"""Org units (đơn vị)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from nghiquyet.orgs.choices import OrgUnitKind


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


UnitKindIn = Literal[tuple(OrgUnitKind.values)]  # type: ignore[valid-type]
CODE_HELP = "Chữ cái không dấu, chữ số và . _ - (bắt đầu bằng chữ hoặc số), ví dụ 86-SNV"


class UnitCreateIn(Schema):
    code: str = Field(..., min_length=1, max_length=32, description=CODE_HELP)
    name: str = Field(..., min_length=1, max_length=255)
    short_name: str = Field("", max_length=100)
    kind: UnitKindIn
    parent: str = Field(..., min_length=1, max_length=32, description="Mã đơn vị cấp trên")
    valid_from: dt.date | None = Field(
        None, description="Có hiệu lực từ ngày; bỏ trống nếu đơn vị đã có từ trước"
    )


class UnitRenameIn(Schema):
    on: dt.date = Field(..., description="Có hiệu lực từ ngày")
    name: str = Field(..., min_length=1, max_length=255, description="Tên mới")
    short_name: str = Field("", max_length=100)
    code: str | None = Field(
        None, max_length=32, description=f"Mã mới (bỏ trống: giữ mã). {CODE_HELP}"
    )
    kind: UnitKindIn | None = None
    decision: str = Field("", max_length=255, description="Căn cứ, ví dụ Nghị quyết số …")
    note: str = Field("", max_length=4000)
