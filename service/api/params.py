"""Query parameters shared by list endpoints, and the ETag / If-Match pair of optimistic concurrency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query

from catalog.errors import PreconditionFailed

Limit = Annotated[int, Query(ge=1, le=100, description="每页条数 page size (1–100)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="跳过条数 offset")]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="上次读取时的 ETag；不符则返回 412。省略时直接修改（后写者生效）。"
        " The ETag last read; a stale one gets 412. Without it the write goes ahead (last writer wins).",
    ),
]


def etag(version: int) -> str:
    return f'W/"{version}"'


def if_match_satisfied(if_match: str | None, version: int) -> bool:
    """Whether an If-Match header admits the record at `version`. Absent → yes (the write is not
    conditional); `*` → yes; otherwise one of its comma-separated tags must name the version, weak
    (W/"3") or strong ("3"): our ETags are weak, so the comparison is weak too."""
    if if_match is None:
        return True
    for tag in (part.strip() for part in if_match.split(",")):
        if tag == "*" or tag.removeprefix("W/") == f'"{version}"':
            return True
    return False


def check_if_match(if_match: str | None, version: int) -> None:
    if not if_match_satisfied(if_match, version):
        raise PreconditionFailed(f"数据已被修改（当前版本 {etag(version)}），请重新读取后再提交")
