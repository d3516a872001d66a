"""Query parameters shared by list endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=100, description="每页条数 page size (1–100)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="跳过条数 offset")]


def etag(version: int) -> str:
    return f'W/"{version}"'
