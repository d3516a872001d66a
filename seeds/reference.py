"""Loading the reference data files into the database, idempotently (upsert by code).

taxonomy.yaml → categories, regions.csv → regions, tags.yaml → tags.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.regions.models import Region
from catalog.taxonomy.models import Category, Tag

SEEDS_DIR = Path(__file__).resolve().parent


@dataclass
class ReferenceCounts:
    regions: int
    categories: int
    tags: int


def read_regions(path: Path = SEEDS_DIR / "regions.csv") -> list[dict[str, Any]]:
    """Rows with their ancestor paths computed; parents come before children."""
    with path.open(encoding="utf-8") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}

    def ancestors(code: str) -> list[str]:
        chain = [code]
        while parent := rows[chain[-1]]["parent_code"]:
            if parent in chain or parent not in rows:
                raise ValueError(f"regions.csv: bad parent {parent} of {chain[-1]}")
            chain.append(parent)
        return chain[::-1]

    out = [
        {
            "code": c,
            "name": r["name"],
            "parent_code": r["parent_code"] or None,
            "level": r["level"],
            "ancestors": ancestors(c),
        }
        for c, r in rows.items()
    ]
    return sorted(out, key=lambda r: (len(r["ancestors"]), r["code"]))


def read_taxonomy(path: Path = SEEDS_DIR / "taxonomy.yaml") -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[dict[str, Any]] = []

    def walk(node: dict[str, Any], parents: list[str]) -> None:
        children = node.get("children") or []
        out.append(
            {
                "code": str(node["code"]),
                "name": node["name"],
                "parent_code": parents[-1] if parents else None,
                "level": "group" if children or not parents else "leaf",
                "aliases": [str(a) for a in node.get("aliases") or []],
                "replaces": [str(a) for a in node.get("replaces") or []],
                "spec_schema": node.get("specs") or [],
                "ancestors": [*parents, str(node["code"])],
                "sort_order": len(out),
            }
        )
        for child in children:
            walk(child, [*parents, str(node["code"])])

    for group in data["groups"]:
        walk(group, [])
    return out


def read_tags(path: Path = SEEDS_DIR / "tags.yaml") -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [{"name": t["name"], "meaning": t["meaning"], "sort_order": i} for i, t in enumerate(data["tags"])]


async def _upsert(session: AsyncSession, model: type[Any], rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    stmt = insert(model).values(rows)
    update = {c: stmt.excluded[c] for c in rows[0] if c != key}
    await session.execute(stmt.on_conflict_do_update(index_elements=[key], set_=update))


async def load_reference(session: AsyncSession) -> ReferenceCounts:
    """Upsert every region, category and tag; running it twice changes nothing."""
    regions = read_regions()
    # Parents first, in batches by depth, so the self-referencing foreign key always holds.
    for depth in sorted({len(r["ancestors"]) for r in regions}):
        await _upsert(session, Region, [r for r in regions if len(r["ancestors"]) == depth], "code")
    categories = read_taxonomy()
    for depth in sorted({len(c["ancestors"]) for c in categories}):
        await _upsert(session, Category, [c for c in categories if len(c["ancestors"]) == depth], "code")
    tags = read_tags()
    await _upsert(session, Tag, tags, "name")
    await session.flush()
    return ReferenceCounts(regions=len(regions), categories=len(categories), tags=len(tags))
