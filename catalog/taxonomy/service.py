"""Taxonomy rules: resolving what a user typed to a category, the tree for the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.errors import ValidationFailed
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import all_categories, find_category


async def resolve_category(
    session: AsyncSession, value: str, *, field_name: str = "category", leaf_only: bool = False
) -> Category:
    """The category a code, name or alias names; unknown → 422 naming the field."""
    category = await find_category(session, value)
    if category is None:
        raise ValidationFailed.on(field_name, f"未知品类：{value[:50]}（可填写品类代码、名称或别名）")
    if leaf_only and category.level != "leaf":
        raise ValidationFailed.on(field_name, f"“{category.name}”是品类大类，请选择具体品类")
    return category


@dataclass
class CategoryNode:
    code: str
    name: str
    aliases: list[str]
    level: str
    spec_schema: list[dict[str, Any]]
    children: list[CategoryNode] = field(default_factory=list)


async def category_tree(session: AsyncSession) -> list[CategoryNode]:
    nodes: dict[str, CategoryNode] = {}
    roots: list[CategoryNode] = []
    categories = await all_categories(session)
    for c in categories:
        nodes[c.code] = CategoryNode(c.code, c.name, list(c.aliases), c.level, list(c.spec_schema))
    for c in categories:
        parent = nodes.get(c.parent_code) if c.parent_code else None
        (parent.children if parent else roots).append(nodes[c.code])
    return roots
