"""Shapes every router uses: counts by class, pages of a list."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field, create_model


class Count(Schema):
    """How many items of one class (or task status), with its label in the request's language."""

    key: str
    label: str
    count: int


def page_of(item: type[Schema]) -> type[Schema]:
    """``{"count": …, "limit": …, "offset": …, "items": [...]}`` of ``item``."""
    return create_model(
        f"{item.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        count=(int, Field(description="Tổng số mục khớp bộ lọc")),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[item], ...),
    )
