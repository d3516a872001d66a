"""Reference data: the taxonomy tree, regions and the tag vocabulary."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from catalog.regions.repository import list_regions
from catalog.taxonomy.repository import all_tags
from catalog.taxonomy.service import CategoryNode, category_tree
from service.db import SessionDep

router = APIRouter(tags=["reference"])


class CategoryOut(BaseModel):
    code: str
    name: str
    aliases: list[str]
    level: str
    spec_schema: list[dict[str, object]]
    children: list[CategoryOut]


class RegionOut(BaseModel):
    code: str
    name: str
    parent_code: str | None
    level: str


class TagOut(BaseModel):
    name: str
    meaning: str


def _out(node: CategoryNode) -> CategoryOut:
    return CategoryOut(
        code=node.code, name=node.name, aliases=node.aliases, level=node.level,
        spec_schema=node.spec_schema, children=[_out(c) for c in node.children],
    )  # fmt: skip


@router.get("/categories", response_model=list[CategoryOut])
async def categories(session: SessionDep) -> list[CategoryOut]:
    """The equipment taxonomy as a tree, with aliases and each leaf's spec schema."""
    return [_out(n) for n in await category_tree(session)]


@router.get("/regions", response_model=list[RegionOut])
async def regions(
    session: SessionDep,
    parent: Annotated[str | None, Query(pattern=r"^(\d{6})?$", description="只列出该区划的下级（空 = 全部）")] = None,
    q: Annotated[
        str | None,
        Query(max_length=32, pattern=r"^[^\x00-\x1f]*$", description="名称包含（如 海宁），或代码前缀（如 3304）"),
    ] = None,
    code: Annotated[str | None, Query(pattern=r"^(\d{6})?$", description="区划代码")] = None,
) -> list[RegionOut]:
    """GB/T 2260 regions (and development zones): `parent` lists one level below a code, `q` finds
    by name (or code prefix), `code` one region; each with its parent and level."""
    regions = await list_regions(session, parent=parent or None, q=(q or "").strip() or None, code=code or None)
    return [RegionOut.model_validate(r, from_attributes=True) for r in regions]


@router.get("/tags", response_model=list[TagOut])
async def tags(session: SessionDep) -> list[TagOut]:
    """The tag vocabulary listings may carry (首台套, 节能降碳推广目录 …), each with its meaning."""
    return [TagOut.model_validate(t, from_attributes=True) for t in await all_tags(session)]
