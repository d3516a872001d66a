"""The matching engine: candidates for a demand (category subtree, modern equivalents of what it
replaces; hard region and status filters), scored and ranked, stored as matches, and the strong
new ones notified. Also the other direction: the demands a listing could serve.

Candidate codes for a demand: its leaf (or every leaf of its group) and the leaves whose
`replaces` name the demand's old equipment; the sibling leaves of its group only when those give
fewer than `top_n` listings. A demand without a category gets one inferred and stored first.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.demands.service import apply_changes, saved, snapshot
from catalog.listings.models import Listing
from catalog.notifications.service import notify_all
from catalog.regions.repository import codes_under_any
from catalog.search.base import SearchQuery
from catalog.search.postgres import PostgresSearch
from matching.inference import Inference, infer_category
from matching.matches import repository
from matching.pools import Pool, Ranking, spec_keys, text_values
from matching.scoring import DemandFeatures, ListingFeatures, MatchWeights, Scored, Taxonomy, requirements, score


@dataclass(frozen=True)
class MatchConfig:
    weights: MatchWeights = field(default_factory=MatchWeights)
    top_n: int = 50  # matches stored per demand
    notify_threshold: float = 0.75  # a new match at least this strong notifies both sides
    leads_scan: int = 500  # at most this many demands scored for one listing


Ranked = list[tuple[ListingFeatures, Scored]]
RETRIEVED = 30  # listings full-text retrieval hands to matching per demand
RETRIEVED_LEAVES = 4  # at most this many leaves it adds to the candidates …
LEAF_EVIDENCE = 0.3  # … each with at least this evidence (the best leaf has 1.0)
# A demand is a lead for a listing when the listing's leaf is what it asks for (same leaf, what
# replaces its old equipment, a leaf of the group it asks for) — or a sibling leaf whose texts
# say the same things. Anything weaker is no lead, however well price and region fit.
LEAD_CATEGORY = 0.7
LEAD_SIBLING_TEXT = 0.3
INFERRED_FROM_TEXT = 0.3  # confidence of a category taken from retrieval alone (times its evidence share)
TEXT_CHUNK = 128  # texts fetched at first for a narrow pool (then 4× as many each time)
POOLS_KEPT = 128  # candidate pools an engine keeps (more than there are leaves: whole-leaf runs never refetch)


@dataclass(frozen=True)
class Retrieval:
    """What full-text search over the supply list finds for a demand's words: leaf → evidence
    (share of the rank-discounted hits, the best leaf 1.0) and listing id → closeness by rank."""

    leaves: dict[str, float]
    listings: dict[Any, float]


async def retrieve(session: AsyncSession, words: str, *, region: str | None, ancestors: Sequence[str]) -> Retrieval:
    """The demand's title and description as a search over the published listings serving its
    region (every concept if enough match, else the best partial matches — the search engine's
    own rules), as evidence for matching."""
    if not words.strip():
        return Retrieval({}, {})
    query = SearchQuery(q=words, region=region, region_ancestors=list(ancestors), limit=RETRIEVED)
    hits = (await PostgresSearch().search(session, "listing", query)).items
    if not hits:
        return Retrieval({}, {})
    leaf_of = dict(
        (
            await session.execute(select(Listing.id, Listing.category_code).where(Listing.id.in_([h.id for h in hits])))
        ).all()
    )
    leaves: dict[str, float] = defaultdict(float)
    listings: dict[Any, float] = {}
    for rank, hit in enumerate(hits):
        if hit.id in leaf_of:
            leaves[leaf_of[hit.id]] += 1.0 / math.log2(rank + 2)
            listings[hit.id] = round(1.0 / (1.0 + 0.12 * rank), 6)
    best = max(leaves.values(), default=0.0)
    return Retrieval({code: round(v / best, 6) for code, v in leaves.items()} if best else {}, listings)


def is_lead(scored: Scored) -> bool:
    """Whether a scored pair is relevant enough to offer the supplier as a lead."""
    category, text = scored.breakdown.get("category", 0.0), scored.breakdown.get("text", 0.0)
    return category >= LEAD_CATEGORY or (category > 0 and text >= LEAD_SIBLING_TEXT)


def candidate_codes(taxonomy: Taxonomy, demand: DemandFeatures) -> tuple[list[str], list[str]]:
    """(primary leaves, sibling leaves) to look for listings in: the demand's category (its leaf,
    or every leaf of its group), the leaves that replace its old equipment, and the leaves its
    words retrieve (`demand.retrieved`) — so a demand that names no category, or names one its
    words contradict, still finds what it describes."""
    primary: list[str] = []
    siblings: list[str] = []
    wanted = taxonomy.get(demand.category_code)
    if wanted is not None and wanted.level == "group":
        primary = taxonomy.children(wanted.code)
    elif wanted is not None:
        primary = [wanted.code]
        if wanted.parent_code:
            siblings = [c for c in taxonomy.children(wanted.parent_code) if c != wanted.code]
    for code in taxonomy.replacing(demand.replaces_description):
        if code not in primary:
            primary.append(code)
    evidence = sorted(demand.retrieved.items(), key=lambda item: (-item[1], item[0]))
    for code, value in evidence[:RETRIEVED_LEAVES]:
        if value >= LEAF_EVIDENCE and code not in primary and taxonomy.get(code) is not None:
            primary.append(code)
    return primary, [c for c in siblings if c not in primary]


async def ensure_category(session: AsyncSession, demand: Demand, taxonomy: Taxonomy) -> bool:
    """Infer and store the category of a demand whose buyer gave none (audited, actor None).
    Returns whether the demand changed."""
    if demand.category_code is not None and not demand.category_inferred:
        return False
    guess = infer_category(
        taxonomy,
        title=demand.title,
        description=demand.description,
        replaces=(demand.replaces or {}).get("description"),
    )
    if guess is None:  # no taxonomy word: the leaf the demand's words retrieve from the whole supply list
        found = await retrieve(session, f"{demand.title} {demand.description or ''}", region=None, ancestors=[])
        if found.leaves:
            code, value = max(found.leaves.items(), key=lambda item: (item[1], item[0]))
            share = value / sum(found.leaves.values())
            guess = Inference(code=code, confidence=round(INFERRED_FROM_TEXT * share, 3))
    values = {
        "category_code": guess.code if guess else None,
        "category_inferred": guess is not None,
        "category_confidence": guess.confidence if guess else None,
    }
    before = snapshot(demand)
    if not apply_changes(demand, values):
        return False
    await saved(
        session, demand=demand, action="infer_category", actor=None, before=before, note="系统根据需求文字推断品类"
    )
    return True


class Engine:
    """One matching run: the taxonomy, region names and candidate pools are loaded once and
    reused for every demand of the run."""

    def __init__(self, session: AsyncSession, config: MatchConfig, taxonomy: Taxonomy, *, whole_leaves: bool) -> None:
        self.session = session
        self.config = config
        self.taxonomy = taxonomy
        # One request fetches just the listings serving its region; a re-matching run fetches
        # whole leaves once and filters regions in memory for every demand.
        self.whole_leaves = whole_leaves
        self._regions: dict[str, tuple[str, list[str]]] = {}
        self._pools: dict[tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, bool], ...] | None], Pool] = {}

    @classmethod
    async def start(cls, session: AsyncSession, config: MatchConfig, *, whole_leaves: bool = False) -> Engine:
        return cls(session, config, await repository.load_taxonomy(session), whole_leaves=whole_leaves)

    async def features(self, demand: Demand) -> tuple[DemandFeatures, list[str]]:
        """The demand as scoring sees it, and its region's ancestors."""
        if demand.region_code not in self._regions:
            self._regions.update(await repository.region_info(self.session, [demand.region_code]))
        name, ancestors = self._regions.get(demand.region_code, (demand.region_code, [demand.region_code]))
        return repository.demand_features(demand, name), ancestors

    async def _pool(self, codes: Sequence[str], ancestors: Sequence[str], specs: dict[str, bool] | None) -> Pool:
        """Whole listings of these leaves (`specs` None: whole leaves, every region), or the narrow
        columns of those serving the region (`specs`: the spec keys to fetch)."""
        key = (tuple(sorted(codes)), tuple(ancestors), None if specs is None else tuple(sorted(specs.items())))
        pool = self._pools.pop(key, None)
        if pool is None:
            if specs is None:
                listings = await repository.candidate_listings(self.session, codes=codes, region_ancestors=ancestors)
                pool = Pool(listings)
            else:
                columns, spec_columns = await repository.candidate_columns(
                    self.session, codes=codes, region_ancestors=ancestors, specs=specs
                )
                pool = Pool.from_columns(columns, served_in=ancestors, specs=spec_columns)
            if len(self._pools) >= POOLS_KEPT:  # bound the memory of a long run: drop the least recent
                del self._pools[next(iter(self._pools))]
        self._pools[key] = pool
        return pool

    async def _pools_for(self, features: DemandFeatures, codes: Sequence[str], ancestors: Sequence[str]) -> list[Pool]:
        if self.whole_leaves:
            return [await self._pool([code], (), None) for code in codes]
        if not codes:
            return []
        exact: dict[str, bool] = dict.fromkeys(spec_keys(features, codes, self.taxonomy), False)
        for code in codes:
            for _, spec, _, wanted in requirements(features, code, self.taxonomy):
                if isinstance(wanted, bool) or not isinstance(wanted, int | float):
                    exact[spec] = True  # a text requirement compares the values as JSON gives them
        return [await self._pool(codes, ancestors, exact)]

    async def rank_demand(self, demand: Demand, *, limit: int | None = None) -> Ranked:
        """The best listings for a demand, best first (nothing stored)."""
        features, ancestors = await self.features(demand)
        found = await retrieve(
            self.session, f"{features.title} {features.description}", region=demand.region_code, ancestors=ancestors
        )
        features.retrieved, features.retrieved_listings = found.leaves, found.listings
        limit = limit or self.config.top_n
        primary, siblings = candidate_codes(self.taxonomy, features)
        pools = await self._pools_for(features, primary, ancestors)
        if (
            siblings
            and sum(len(p) if p.served_in is not None else int(p.served(ancestors).sum()) for p in pools) < limit
        ):
            pools += await self._pools_for(features, siblings, ancestors)
        ranking = Ranking(features, pools, ancestors, self.taxonomy, limit=limit, weights=self.config.weights)
        chunk = max(4 * limit, TEXT_CHUNK)
        while not ranking.advance():  # narrow pools: the texts of the next candidates in bound order
            wanted = ranking.upcoming(chunk)
            texts = await repository.listing_texts(self.session, [pools[p].ids[r] for _, p, r in wanted])
            values = text_values(
                features,
                [pools[p].codes[pools[p].code_index[r]] for _, p, r in wanted],
                [texts[pools[p].ids[r]] for _, p, r in wanted],
                self.taxonomy,
                [pools[p].ids[r] for _, p, r in wanted],
            )
            ranking.give_texts({i: float(v) for (i, _, _), v in zip(wanted, values, strict=True)})
            chunk *= 4
        lacking = [pools[p].ids[r] for p, r in ranking.winners() if pools[p].listings[r] is None]
        if lacking:
            fetched = await repository.listings_features_by_id(self.session, lacking)
            for pool in pools:
                pool.fill(fetched)
        return ranking.scored(self.config.weights)

    async def match_demands(
        self, demands: Sequence[Demand], *, progress: Callable[[int], None] | None = None
    ) -> dict[uuid.UUID, Ranked]:
        """Re-match published demands: infer missing categories, store each demand's top-N (status
        of existing rows kept), drop suggestions no longer found, notify strong new matches."""
        now = utcnow()
        results: dict[uuid.UUID, Ranked] = {}
        pairs: list[tuple[uuid.UUID, uuid.UUID, Scored]] = []
        for demand in demands:
            await ensure_category(self.session, demand, self.taxonomy)
        # demands that share a candidate pool one after another (inferred categories included),
        # so each pool is fetched once
        for demand in sorted(demands, key=lambda d: (d.category_code or "", d.region_code)):
            ranked = await self.rank_demand(demand)
            results[demand.id] = ranked
            pairs.extend((demand.id, listing.id, scored) for listing, scored in ranked)
            if progress:
                progress(1)
        ids = [d.id for d in demands]
        await repository.drop_suggestions_not_found(self.session, demand_ids=ids, found=[(d, ls) for d, ls, _ in pairs])
        claimed = await repository.store_scored(
            self.session, pairs, computed_at=now, notify_from=self.config.notify_threshold
        )
        await self._notify_strong(demands, results, claimed)
        return results

    async def _notify_strong(
        self,
        demands: Sequence[Demand],
        results: dict[uuid.UUID, Ranked],
        claimed: Sequence[tuple[uuid.UUID, uuid.UUID, uuid.UUID, float]],
    ) -> None:
        """Tell buyers and suppliers about strong matches not told before (`claimed` by the store:
        each pair once): one notification per demand to its buyer and one per listing to its
        supplier, naming the strongest new match and how many others came with it."""
        by_id = {d.id: d for d in demands}
        listings = {listing.id: listing for ranked in results.values() for listing, _ in ranked}
        news = [(strength, m, by_id[d], listings[ls]) for m, d, ls, strength in claimed if ls in listings]
        news.sort(key=lambda item: -item[0])
        per_demand: dict[uuid.UUID, list[tuple[float, uuid.UUID, Demand, ListingFeatures]]] = defaultdict(list)
        per_listing: dict[uuid.UUID, list[tuple[float, uuid.UUID, Demand, ListingFeatures]]] = defaultdict(list)
        for item in news:
            per_demand[item[2].id].append(item)
            per_listing[item[3].id].append(item)
        notes: list[dict[str, Any]] = []
        for side, groups in (("buyer", per_demand), ("supplier", per_listing)):
            for group in groups.values():
                strength, match_id, demand, listing = group[0]
                percent, others = round(strength * 100), len(group) - 1
                if side == "buyer":
                    organization_id, kind = demand.organization_id, "match.strong"
                    title, body = f"新的强匹配：{listing.title}", f"需求“{demand.title}”匹配度 {percent}%"
                    more = f"，另有 {others} 个新的强匹配" if others else ""
                else:
                    organization_id, kind = listing.organization_id, "lead.strong"
                    title, body = f"新的潜在客户：{demand.title}", f"与您的“{listing.title}”匹配度 {percent}%"
                    more = f"，另有 {others} 个新的潜在客户" if others else ""
                notes.append({
                    "organization_id": organization_id, "kind": kind, "title": title, "body": body + more,
                    "entity_type": "match", "entity_id": match_id, "link": f"/api/v1/matches/{match_id}",
                })  # fmt: skip
        await notify_all(self.session, notes)

    async def leads_for(self, listing: Listing) -> list[tuple[Demand, Scored]]:
        """Score the published demands this listing could serve (bounded), best first, and store
        the pairs (without dropping anything)."""
        demands = await repository.candidate_demands(
            self.session, self.served_scope(listing, siblings=False), limit=self.config.leads_scan
        )
        features = await repository.listing_features_of(self.session, listing.id)
        if features is None:
            return []
        scored: list[tuple[Demand, Scored]] = []
        for demand in demands:
            if demand.organization_id == listing.organization_id:
                continue
            demand_features, _ = await self.features(demand)
            found = score(demand_features, features, self.taxonomy, self.config.weights)
            if is_lead(found):
                scored.append((demand, found))
        scored.sort(key=lambda item: -item[1].score)
        top = scored[: self.config.top_n]
        await repository.store_scored(self.session, [(d.id, listing.id, s) for d, s in top], computed_at=utcnow())
        return top

    async def leads_outside_regions(self, listing: Listing) -> int:
        """How many published demands of the listing's leaf (or replacing what it replaces) lie
        outside its service regions: leads it would have if it served there."""
        leaf = self.taxonomy.get(listing.category_code)
        regions = list(listing.service_regions or [])
        wanted = Demand.category_code == listing.category_code
        replaced = [word for word in (leaf.replaces if leaf else ()) if len(word) >= 2]
        if replaced:
            wanted = or_(wanted, *(Demand.replaces["description"].astext.contains(word) for word in replaced))
        stmt = (
            select(func.count())
            .select_from(Demand)
            .where(
                Demand.status == "published",
                Demand.organization_id != listing.organization_id,
                wanted,
                Demand.region_code.not_in(codes_under_any(regions)) if regions else true(),
            )
        )
        return int(await self.session.scalar(stmt) or 0)

    def served_scope(self, listing: Listing, *, siblings: bool) -> repository.ServedScope:
        """The demands a listing could serve: its leaf and group (with `siblings`, the group's
        other leaves too), the equipment its leaf replaces, its service regions."""
        leaf = self.taxonomy.get(listing.category_code)
        codes = [listing.category_code, *([leaf.parent_code] if leaf and leaf.parent_code else [])]
        if siblings and leaf and leaf.parent_code:
            codes += self.taxonomy.children(leaf.parent_code)
        return repository.ServedScope(
            codes=tuple(codes), replaced=tuple(leaf.replaces) if leaf else (),
            service_regions=tuple(listing.service_regions or ()),
        )  # fmt: skip

    async def demands_affected_by(self, listings: Sequence[Listing]) -> list[list[uuid.UUID]]:
        """Per listing, the published demands (bounded) whose matches a change of it may move:
        one statement for all of them."""
        scopes = [self.served_scope(listing, siblings=True) for listing in listings]
        return await repository.candidate_demand_ids(self.session, scopes, limit=self.config.leads_scan)
