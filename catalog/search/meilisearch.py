"""The Meilisearch backend (meilisearch-python-sdk, AsyncClient), for search traffic at scale.

Meilisearch matches Chinese words by prefix only (机床 does not find 数控机床, meilisearch issues
#4874, #4935) and multi-word Chinese queries can come back empty (#5015). The work-around: every
document carries our jieba search-mode tokens joined by spaces (`segments_*`), and the query is
sent as our own tokens joined by spaces with matching strategy `last`, so a sub-word is a whole
word on both sides. Synonyms come from taxonomy aliases and seeds/synonyms.yaml.

Every write waits for its task and raises when the task failed: a failure is an error the outbox
retries with back-off, never silence.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.models.settings import LocalizedAttributes, MeilisearchSettings
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.regions.repository import paths_of
from catalog.search.base import DEMAND_FACETS, LISTING_FACETS, Hit, Kind, SearchQuery, SearchResult
from catalog.search.documents import SearchDocument, as_json
from catalog.text import Lexicon, analyzer

INDEX_UIDS: dict[str, str] = {"listing": "listings", "demand": "demands"}
SEARCHABLE = ["title", "segments_title", "category_name", "category_aliases", "segments_category", "brand", "model", "segments_body", "description"]  # fmt: skip
FILTERABLE = ["category_path", "region_path", "region_codes", "tags", "energy_grade", "price_min", "budget_max", "motivations", "recommended", "status"]  # fmt: skip
SORTABLE = ["published_at", "recommended", "price_min"]
RANKING = ["words", "typo", "proximity", "attribute", "sort", "exactness"]
# Our facet names → Meilisearch attributes.
FACET_ATTRIBUTES = {"category": "category_path", "tags": "tags", "energy_grade": "energy_grade", "region": "region_codes", "motivations": "motivations"}  # fmt: skip
TASK_TIMEOUT_MS = 60_000


class MeilisearchTaskFailed(RuntimeError):
    """A Meilisearch task ended in `failed` or `canceled`."""


def index_settings(lexicon: Lexicon) -> MeilisearchSettings:
    """The index settings, applied by code on every reindex (never by hand)."""
    synonyms: dict[str, list[str]] = {key: sorted(values) for key, values in sorted(lexicon.synonyms.items())}
    return MeilisearchSettings(
        searchable_attributes=SEARCHABLE,
        filterable_attributes=list(FILTERABLE),
        sortable_attributes=SORTABLE,
        ranking_rules=[*RANKING[:4], "sort", "exactness"],
        synonyms=synonyms,
        localized_attributes=[
            LocalizedAttributes(
                locales=["cmn"], attribute_patterns=["title", "category_*", "description", "segments_*"]
            )
        ],
        dictionary=sorted({w for w in lexicon.words if not w.isascii()}),
    )


def quote(value: str) -> str:
    """A user value as a Meilisearch filter string: double-quoted, backslash and quote escaped.
    Operators inside (AND, OR, =, :) stay text."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def filter_expression(kind: Kind, query: SearchQuery) -> list[str | list[str]]:
    """The query's filters as a list of expressions Meilisearch ANDs together; every user value quoted."""
    filters: list[str | list[str]] = ['status = "published"']
    if query.categories:
        filters.append([f"category_path = {quote(c)}" for c in query.categories])
    if kind == "listing":
        if query.region is not None:
            filters.append([f"region_codes = {quote(c)}" for c in (query.region_ancestors or [query.region])])
        filters.extend(f"tags = {quote(t)}" for t in query.tags)
        if query.energy_grade_max is not None:
            filters.append(f"energy_grade <= {int(query.energy_grade_max)}")
        if query.price_max is not None:
            filters.append(f"price_min <= {float(query.price_max)}")
        if query.price_min is not None:
            filters.append(f"price_min >= {float(query.price_min)}")
        if query.recommended is not None:
            filters.append(f"recommended = {'true' if query.recommended else 'false'}")
    else:
        if query.region is not None:
            filters.append(f"region_path = {quote(query.region)}")
        if query.scope is not None:
            filters.append(f"region_path = {quote(query.scope)}")
        filters.extend(f"motivations = {quote(m)}" for m in query.motivations)
        if query.budget_min is not None:
            filters.append(f"budget_max >= {float(query.budget_min)}")
    return filters


def query_text(q: str) -> str:
    """Our tokens for the query, spaces between: what Meilisearch matches against `segments_*`."""
    analysis = analyzer().analyse(q)
    return " ".join(t for group in analysis.groups for t in group[0])


def sort_of(kind: Kind, query: SearchQuery) -> list[str] | None:
    """The query's sort as Meilisearch sort rules (None: by relevance)."""
    if query.sort == "price" and kind == "listing":
        return ["price_min:asc"]
    if query.sort == "newest":
        return ["published_at:desc"]
    if query.q.strip():
        return None
    return ["recommended:desc", "published_at:desc"] if kind == "listing" else ["published_at:desc"]


class MeilisearchSearch:
    """Listings and demands in two Meilisearch indexes."""

    name = "meilisearch"

    def __init__(self, url: str, api_key: str | None = None, *, prefix: str = "") -> None:
        self.client = AsyncClient(url, api_key)
        self.prefix = prefix

    def sibling(self, prefix: str) -> MeilisearchSearch:
        """The same server and client, other index names (a rebuild fills `rebuild_listings`)."""
        other = MeilisearchSearch.__new__(MeilisearchSearch)
        other.client, other.prefix = self.client, self.prefix + prefix
        return other

    def uid(self, kind: Kind) -> str:
        return f"{self.prefix}{INDEX_UIDS[kind]}"

    async def aclose(self) -> None:
        await self.client.aclose()

    async def wait(self, task_uid: int) -> None:
        result = await self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if result.status != "succeeded":
            raise MeilisearchTaskFailed(f"Meilisearch task {task_uid} {result.status}: {result.error}")

    async def apply_settings(self, kind: Kind) -> None:
        index = await self.client.get_or_create_index(self.uid(kind), primary_key="id")
        await self.wait((await index.update_settings(index_settings(analyzer().lexicon))).task_uid)

    async def push(self, kind: Kind, documents: Sequence[dict[str, Any]]) -> None:
        if documents:
            index = self.client.index(self.uid(kind))
            await self.wait((await index.add_documents(list(documents), primary_key="id")).task_uid)

    async def index(self, session: AsyncSession, kind: Kind, documents: Sequence[SearchDocument]) -> None:
        """Add or replace the published documents, delete the others."""
        paths = await paths_of(session, {c for d in documents for c in d.regions})
        await self.push(kind, [as_json(d, paths) for d in documents if d.searchable])
        await self.delete(session, kind, [d.id for d in documents if not d.searchable])

    async def delete(self, session: AsyncSession, kind: Kind, ids: Sequence[uuid.UUID]) -> None:
        if ids:
            index = self.client.index(self.uid(kind))
            await self.wait((await index.delete_documents([str(i) for i in ids])).task_uid)

    async def search(self, session: AsyncSession, kind: Kind, query: SearchQuery) -> SearchResult:
        allowed = LISTING_FACETS if kind == "listing" else DEMAND_FACETS
        facets = [f for f in query.facets if f in allowed]
        index = self.client.index(self.uid(kind))
        results = await index.search(
            query_text(query.q) if query.q.strip() else None,
            offset=query.offset,
            limit=query.limit,
            filter=filter_expression(kind, query),
            facets=[FACET_ATTRIBUTES[f] for f in facets] or None,
            sort=sort_of(kind, query),
            matching_strategy="last",
            show_ranking_score=True,
            attributes_to_retrieve=["id"],
        )
        distribution = results.facet_distribution or {}
        return SearchResult(
            items=[Hit(id=uuid.UUID(h["id"]), score=float(h.get("_rankingScore", 0.0))) for h in results.hits],
            total=int(results.estimated_total_hits or 0),
            facets={f: {str(k): int(v) for k, v in distribution.get(FACET_ATTRIBUTES[f], {}).items()} for f in facets},
        )
