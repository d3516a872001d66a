"""The embedded backend: listing_search / demand_search rows written in the same transaction as
every change (a weighted tsvector of our jieba tokens, a normalised text for pg_trgm, and the
filter columns), so search is always consistent with the tables.

One statement per search: the filtered, matched rows are materialised once, and the total, the
page and every requested facet are counted from them. A broad search reads at most `MATCH_CAP`
matches (in the heap's physical order, so the scan stops early): its total and facets are then
estimated from how far into the table that sample reached, and flagged inexact.

Matching: every concept of the query must match (one of its alternatives: the user's word, a
synonym, an alias); when that does not fill the page, any concept may (ranked by how many match, so
full matches come first); when nothing matches word for word, trigram word similarity catches
misspellings. Ranking: ts_rank_cd over
the field weights (title A > category and aliases B > brand and model C > description D), plus a
boost when the listing is in a category the query names, plus a small one for recommended
listings; ties go to the newest, then the id.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.regions.repository import within_sql
from catalog.search.base import Hit, Kind, SearchQuery, SearchResult
from catalog.search.documents import SearchDocument, tsquote
from catalog.search.indexing import write_search_rows
from catalog.text import Alternative, QueryAnalysis, analyzer

RANK_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"  # D, C, B, A
CATEGORY_BOOST = 0.5
RECOMMENDED_BOOST = 0.05
TRIGRAM_THRESHOLD = 0.4
FEEDBACK_BOOST = 0.5  # a partial match in the leaf of the best full matches (query naming no category)
DF_CAP = 1000  # rows counted per concept for its IDF (more is "common" either way)
# Matches ranked by text per search: the best by named category, recommendation and recency. Past
# that, a broad query (机床 over a million listings) is ranked by those alone.
CANDIDATES = 500
# Matches read per statement when ranked by relevance (and filtered rows counted per browse). The
# scan reads the heap in physical order (bitmap or sequential) and stops at the cap; past it the
# total and the facets are scaled from the fraction of the table read (`SearchResult.exact` False).
# Sorting by price or recency reads every match (the order must be exact).
MATCH_CAP = 2000
# Document frequencies of concepts (IDF weights, ranking only) remembered per process for DF_TTL
# seconds, filed under the number of published listings (a publish or unpublish since: unknown
# again); only counts above zero are kept, and a search whose full match comes out empty with a
# remembered count re-checks it (so a stale count can change a weight, never which rows match).
DF_TTL = 60.0
DF_CACHE_SIZE = 4096
_df_cache: dict[tuple[str, int, str], tuple[float, int]] = {}
# synchronize_seqscans off: a capped sample read by a sequential scan (a filtered page without
# text) must start at the table's first page, as its total is scaled by how far it got — joining
# another scan midway (PostgreSQL does for tables over a quarter of shared_buffers: at 1M listings)
# made the same count come out anywhere from 4,885 to 12,975.
SESSION_SETTINGS = (
    "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true), "
    "set_config('plan_cache_mode', 'force_custom_plan', true), set_config('synchronize_seqscans', 'off', true)"
)
# While a text query runs: the GIN index answers @@ exactly, so never read every row's tsvector (from
# TOAST) to filter — not in the matches and not in the IDF counts, whose LIMIT otherwise tempts the
# planner into a sequential scan or a walk of the browse index with the match as a filter (a common
# concept: 175–320 ms instead of 1.5–10 ms at 100k listings). Index scans are off too, for the whole
# text search: the IDF counts and the capped matches (both LIMITed) must read their rows from the
# GIN bitmap in physical order, not walk a btree with the match as a filter. The published rows the
# IDF counts are measured against are counted in the settings statement itself, with the planner's
# usual choices (an index-only scan: the settings apply from the next statement on).
TEXT_SETTINGS = (
    SESSION_SETTINGS + ", set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
)
IDF_SETTINGS = (
    TEXT_SETTINGS + ", (SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE t.status = 'published' LIMIT {cap}) s)"
)
# Listings: the exact number of published rows, from the landing page's counters (migration 0008),
# is also what remembered document frequencies are filed under — any publish or unpublish since
# makes them unknown again.
LISTING_IDF_SETTINGS = (
    TEXT_SETTINGS + ", (SELECT coalesce(sum(n), 0) FROM search_facet_counts WHERE kind = 'listing' AND facet = 'total')"
)
TEXT_RESET = "SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true)"
LANDING_COUNTS = """
    SELECT facet, value, sum(n) FROM search_facet_counts
    WHERE kind = 'listing' AND facet = ANY(CAST(:facets AS varchar[]))
    GROUP BY facet, value HAVING sum(n) > 0
"""
TABLES: dict[str, str] = {"listing": "listing_search", "demand": "demand_search"}
KEYS: dict[str, str] = {"listing": "listing_id", "demand": "demand_id"}


def _alternative(alternative: Alternative) -> str:
    parts = [tsquote(t) + (":*" if _prefixable(t) else "") for t in alternative]
    return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


def _prefixable(token: str) -> bool:
    """Latin words and model numbers, and two-character Chinese words, also match as prefixes
    (vmc → vmc850; 机床 → 机床厂)."""
    return (token.isascii() and len(token) >= 2 and not token.isdigit()) or (not token.isascii() and len(token) == 2)


def group_query(group: Sequence[Alternative]) -> str:
    """One concept as tsquery text: its alternatives OR-ed."""
    alternatives = [_alternative(a) for a in group if a]
    return alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"


def tsquery_text(analysis: QueryAnalysis, *, mode: str) -> str:
    """The tsquery (input syntax, every lexeme quoted) for `mode` all (AND of concepts) or any (OR)."""
    joiner = " & " if mode == "all" else " | "
    return joiner.join(group_query(g) for g in analysis.groups)


@dataclass
class _Statement:
    where: list[str]
    params: dict[str, Any]


def _filters(kind: Kind, query: SearchQuery, *, text_match: bool = False, named: Sequence[str] = ()) -> _Statement:
    """The WHERE clauses of the contract's filters. With a listing text match, the category, tags
    and energy grade tests are written as the match index holds them (migration 0015: one GIN
    index, so a filter that excludes most of a broad word's matches is applied inside the index,
    not row by row on the heap), and the region and recommended tests so that no index can answer
    them: the match must come from its GIN index, never be re-checked row by row (that would read
    every region-matching row's match vector from TOAST).

    The category goes into the index only when the words name no category within or above the
    filter's (`named`; category codes nest, 01 ⊃ 0101): 机床 in category 01 matches there almost
    only, so intersecting 207k matches with 300k rows of the category inside the index (41–57 ms
    at 1M listings) costs more than dropping the few others from the 2,000 rows read (23–27 ms);
    电机 in category 01 is the other way round (18 vs 34 ms), as are 喷气织机 (5 vs 19) and a brand
    naming no category (海天精工: 9 vs 10). Either way the same rows match: this picks a plan."""
    where = ["t.status = 'published'"]
    params: dict[str, Any] = {}
    if query.categories:
        leaves = "SELECT code FROM categories WHERE ancestors && CAST(:categories AS varchar[])"
        nested = any(n.startswith(c) or c.startswith(n) for n in named for c in query.categories)
        indexed = text_match and kind == "listing" and not nested
        where.append(f"ARRAY[t.category_code] && ARRAY({leaves})" if indexed else f"t.category_code IN ({leaves})")
        params["categories"] = list(query.categories)
    if query.recommended is not None and kind == "listing":
        # with a text match, never the browse index (recommended first) with the match re-checked
        where.append(
            "t.recommended IS NOT DISTINCT FROM CAST(:recommended AS boolean)"
            if text_match
            else "t.recommended = :recommended"
        )
        params["recommended"] = query.recommended
    if kind == "listing":
        if query.region is not None:
            regions = "t.service_regions && CAST(:region_ancestors AS varchar[])"
            where.append(f"({regions}) IS TRUE" if text_match else regions)
            params["region_ancestors"] = list(query.region_ancestors) or [query.region]
        if query.tags:
            where.append("t.tags @> CAST(:tags AS text[])")
            params["tags"] = list(query.tags)
        if query.energy_grade_max is not None:
            where.append("t.energy_grade <= :energy_grade_max")
            params["energy_grade_max"] = query.energy_grade_max
            if text_match:  # as the match index holds it (grades are 1..5: listings' CHECK)
                where.append("ARRAY[t.energy_grade] && CAST(:energy_grades AS smallint[])")
                params["energy_grades"] = list(range(1, query.energy_grade_max + 1))
        if query.price_max is not None:
            where.append("t.price_min <= :price_max")
            params["price_max"] = query.price_max
        if query.price_min is not None:
            where.append("t.price_min >= :price_min")
            params["price_min"] = query.price_min
    else:
        if query.region is not None:
            where.append(within_sql("t.region_code", "region"))
            params["region"] = query.region
        if query.scope is not None:
            where.append(within_sql("t.region_code", "scope"))
            params["scope"] = query.scope
        if query.motivations:
            where.append("t.motivations @> CAST(:motivations AS varchar[])")
            params["motivations"] = list(query.motivations)
        if query.budget_min is not None:
            where.append("t.budget_max >= :budget_min")
            params["budget_min"] = query.budget_min
    return _Statement(where, params)


# Each facet's key: a column or expression of the matched rows, and whether it is an array whose
# elements are the values counted.
_FACET_KEYS: dict[tuple[str, str], tuple[str, bool]] = {
    ("listing", "category"): ("category_code", False),
    ("listing", "tags"): ("tags", True),
    ("listing", "energy_grade"): ("energy_grade", False),
    ("listing", "region"): ("service_regions", True),
    ("demand", "category"): ("category_code", False),
    ("demand", "region"): (
        "CASE WHEN region_code LIKE '%0000' THEN region_code ELSE left(region_code, 4) || '00' END",
        False,
    ),
    ("demand", "motivations"): ("motivations", True),
}
# The column each facet's key is computed from, carried in the matches `m` only when asked for.
_FACET_COLUMNS: dict[str, dict[str, str]] = {
    "listing": {
        "category": "category_code",
        "tags": "tags",
        "energy_grade": "energy_grade",
        "region": "service_regions",
    },
    "demand": {"category": "category_code", "region": "region_code", "motivations": "motivations"},
}


def facet_counts_sql(kind: Kind, facets: Sequence[str], source: str) -> tuple[str, str, str]:
    """The total and every facet in ONE pass over `source` (the matched rows): a hash aggregate
    over the grouping sets (), (key 1), (key 2) … — array keys are grouped whole (few distinct tag
    or region combinations) and only those groups are unnested. Returns the CTE `g`, the total's
    select and the facets' selects (facet_<name>: {value: count})."""
    keys = [_FACET_KEYS[(kind, f)] for f in facets]
    columns = ", ".join(f"{expr} AS k{i}" for i, (expr, _) in enumerate(keys))
    exprs = ", ".join(expr for expr, _ in keys)
    sets = ", ".join(["()", *(f"({expr})" for expr, _ in keys)])
    cte = f"g AS MATERIALIZED (SELECT {columns}, GROUPING({exprs}) AS gs, count(*) AS n FROM {source} GROUP BY GROUPING SETS ({sets}))"
    everything = (1 << len(keys)) - 1  # GROUPING: a bit per key left out, the first key highest
    selects = []
    for i, (facet, (_, is_array)) in enumerate(zip(facets, keys, strict=True)):
        only = f"g.gs = {everything - (1 << (len(keys) - 1 - i))}"
        counted = (
            f"SELECT v AS k, sum(g.n) AS n FROM g, unnest(g.k{i}) v WHERE {only} GROUP BY v"
            if is_array
            else f"SELECT g.k{i} AS k, g.n FROM g WHERE {only} AND g.k{i} IS NOT NULL"
        )
        selects.append(f", (SELECT coalesce(json_object_agg(c.k, c.n), '{{}}') FROM ({counted}) c) AS facet_{facet}")
    total = f"coalesce((SELECT g.n FROM g WHERE g.gs = {everything}), 0)"
    return cte, total, "".join(selects)


class PostgresSearch:
    """Search over the tables' own search columns (migration 0005)."""

    name = "postgres"

    async def index(self, session: AsyncSession, kind: Kind, documents: Sequence[SearchDocument]) -> None:
        await write_search_rows(session, kind, documents)

    async def delete(self, session: AsyncSession, kind: Kind, ids: Sequence[uuid.UUID]) -> None:
        """Nothing to do: only published rows are ever searched, and a deleted row is gone."""
        return None

    async def search(self, session: AsyncSession, kind: Kind, query: SearchQuery) -> SearchResult:
        # For this transaction only: no JIT (compiling a big counting plan costs tens of ms on a
        # small machine, more than it saves), room to keep a broad match set in memory, and a plan
        # made for these very values (asyncpg prepares statements; after five runs PostgreSQL may
        # switch to a generic plan that cannot see how selective a tsquery or a category is).
        analysis = analyzer().analyse(query.q) if query.q.strip() else None
        if analysis is None or analysis.empty:
            if query.q.strip():  # only punctuation, emoji …: nothing can match
                return SearchResult(items=[], total=0, facets={f: {} for f in query.facets})
            await session.execute(text(SESSION_SETTINGS))
            return await self._run(session, kind, query, match=None, rank=None, params={})
        published: int | None = None
        version: int | None = None  # remembered IDF counts are filed under it (listings only)
        if len(analysis.groups) >= 2 and kind == "listing":  # IDF counts to come
            version = int((await session.execute(text(LISTING_IDF_SETTINGS))).one()[-1])
            published = min(version, DF_CAP)  # as counted below, up to the cap
        elif len(analysis.groups) >= 2:
            row = (await session.execute(text(IDF_SETTINGS.format(table=TABLES[kind], cap=DF_CAP)))).one()
            published = int(row[-1])
        else:
            await session.execute(text(TEXT_SETTINGS))
        result = await self._text_search(session, kind, query, analysis, published, version)
        # the caller's next statements (matching, a listing's leaf) plan as usual again
        await session.execute(text(TEXT_RESET))
        if kind == "listing" and not analysis.categories and not query.categories and result.items:
            return await self._same_kind(session, query, result)
        return result

    async def _same_kind(self, session: AsyncSession, query: SearchQuery, result: SearchResult) -> SearchResult:
        """A query that names no category (a brand and model, a maker, a place, a need) and does
        not fill its page: after the text matches come the other listings of the leaves of its
        best two matches (an IRB6700 asked for, other industrial robots next), recommended and
        newest first. The total counts them too, so pages stay consistent."""
        if query.offset + query.limit <= result.total:
            return result
        best = [h.id for h in result.items[:2]] if query.offset == 0 else []
        if not best:
            return result
        leaves = list(
            (
                await session.scalars(
                    text("SELECT DISTINCT category_code FROM listing_search WHERE listing_id = ANY(:ids)"),
                    {"ids": best},
                )
            ).all()
        )
        found = [h.id for h in result.items]  # offset 0, page not filled: every text match
        extra = await self._run(
            session, "listing", replace(query, offset=0, limit=query.limit - len(result.items), facets=[]),
            match="t.category_code = ANY(CAST(:leaves AS varchar[])) AND NOT t.listing_id = ANY(CAST(:found AS uuid[]))",
            rank=None, params={"leaves": leaves, "found": found}, boost="float8 '0'",
        )  # fmt: skip
        return SearchResult(
            items=[*result.items, *(Hit(h.id, 0.0) for h in extra.items)],
            total=result.total + extra.total,
            facets=result.facets,
            exact=result.exact and extra.exact,
        )

    @staticmethod
    async def _leaves_of(session: AsyncSession, kind: Kind, ids: list[uuid.UUID]) -> list[str]:
        sql = f"SELECT DISTINCT category_code FROM {TABLES[kind]} WHERE {KEYS[kind]} = ANY(CAST(:ids AS uuid[]))"
        return [str(c) for c in (await session.scalars(text(sql), {"ids": ids})).all() if c]

    async def _text_search(
        self,
        session: AsyncSession,
        kind: Kind,
        query: SearchQuery,
        analysis: QueryAnalysis,
        published: int | None,
        version: int | None,
        *,
        fresh: bool = False,
    ) -> SearchResult:
        """Every concept; then any concept, ranked by IDF-weighted coverage; then trigrams."""
        asked = analysis
        analysis, weights, remembered, occurs = await self._informative(
            session, kind, analysis, published, None if fresh else version
        )
        boost, params = self._boosts(kind, analysis)
        rank = f"ts_rank_cd('{RANK_WEIGHTS}', v.search_vector, CAST(:tsq_any AS tsquery), 1)"
        params.update(tsq_all=tsquery_text(analysis, mode="all"), tsq_any=tsquery_text(analysis, mode="any"))
        present: list[bool] = []
        result = await self._run(
            session, kind, query, match="t.match_vector @@ CAST(:tsq_all AS tsquery)", rank=rank, params=params,
            boost=boost, checks=remembered, present=present, named=analysis.categories,
        )  # fmt: skip
        if not all(present):
            # A remembered document frequency was stale: a concept whose rows are all gone since
            # made "every concept" impossible. Start afresh with counts made now.
            for key, there in zip(remembered, present, strict=True):
                if not there:
                    _df_put(kind, version, key, 0)
            return await self._text_search(session, kind, query, asked, published, version, fresh=True)
        # A full page of results matching every concept is the answer; otherwise fill it up with
        # results matching fewer concepts, ranked below them (Meilisearch's "last" strategy).
        if result.total >= query.offset + query.limit or (result.total and len(analysis.groups) < 2):
            return result
        if len(analysis.groups) > 1:
            coverage = " + ".join(
                f"float8 '{w:.6f}' * (v.search_vector @@ CAST(:g{i} AS tsquery))::int" for i, w in enumerate(weights)
            )
            params.update({f"g{i}": group_query(g) for i, g in enumerate(analysis.groups)})
            params["full"] = [h.id for h in result.items]
            if not analysis.categories and result.items:
                # no category named: the leaves of the best full matches (an M-20iD → robots) go
                # before partial matches elsewhere (a FANUC-controlled lathe)
                params["feedback"] = await self._leaves_of(session, kind, [h.id for h in result.items[:2]])
                boost += f" + CASE WHEN t.category_code = ANY(CAST(:feedback AS varchar[])) THEN float8 '{FEEDBACK_BOOST}' ELSE 0 END"
            result = await self._run(
                session, kind, query, match="t.match_vector @@ CAST(:tsq_any AS tsquery)",
                rank=f"({coverage}) / float8 '{sum(weights):.6f}' + {rank}", params=params,
                boost=f"{boost} + CASE WHEN t.{KEYS[kind]} = ANY(CAST(:full AS uuid[])) THEN 1 ELSE 0 END",
                named=analysis.categories,
            )  # fmt: skip
            if result.total:
                return result
        # Whether the words occur at all is known already when their concepts were counted (a
        # remembered count was re-checked by the empty full match's `present`): at 1M listings the
        # EXISTS builds the bitmap of every match of a broad word again (11–16 ms).
        if len(analysis.text) < 3 or (
            occurs if occurs is not None else await self._words_exist(session, kind, params["tsq_any"])
        ):
            return result  # the words exist: the filters excluded them, no misspelling to forgive
        # Nothing matches word for word anywhere: a misspelling? Trigram word similarity.
        boost, params = self._boosts(kind, analysis)
        params["qtext"] = analysis.text
        await session.execute(
            text(
                f"SELECT set_config('pg_trgm.word_similarity_threshold', '{TRIGRAM_THRESHOLD}', true), "
                "set_config('enable_seqscan', 'on', true)"
            )
        )
        return await self._run(
            session, kind, query, match="CAST(:qtext AS text) <% t.search_text",
            rank="word_similarity(CAST(:qtext AS text), t.search_text)", params=params, boost=boost,
        )  # fmt: skip

    @staticmethod
    async def _df_counts(session: AsyncSession, kind: Kind, keys: Sequence[str], version: int | None) -> dict[str, int]:
        """How many published rows match each concept (tsquery text), counted up to `DF_CAP`, in
        one statement; remembered for `DF_TTL` seconds under `version` when above zero."""
        counted = "SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE t.status = 'published'{match} LIMIT {cap}) s"
        table = TABLES[kind]
        selects = [
            f"({counted.format(table=table, match=f' AND t.match_vector @@ CAST(:g{i} AS tsquery)', cap=DF_CAP)})"
            for i in range(len(keys))
        ]
        row = (
            await session.execute(text(f"SELECT {', '.join(selects)}"), {f"g{i}": k for i, k in enumerate(keys)})
        ).one()
        counts = {k: int(n) for k, n in zip(keys, row, strict=True)}
        for key, n in counts.items():
            _df_put(kind, version, key, n)
        return counts

    @classmethod
    async def _informative(
        cls, session: AsyncSession, kind: Kind, analysis: QueryAnalysis, published: int | None, version: int | None
    ) -> tuple[QueryAnalysis, list[float], list[str], bool | None]:
        """The query's concepts that occur in some published row, each with its IDF weight (rows
        counted up to `DF_CAP`): a word no document has (太慢, 厉害 in a colloquial description)
        cannot help find anything and must not make "every concept" impossible; a rare concept
        counts more in a partial match than a common one. With fewer than two concepts, or when
        none occurs anywhere (a misspelling: trigrams take over), the analysis is left as it is.
        Also returns the concepts whose counts came from memory (see `DF_TTL`; none without a
        `version` to file them under), and whether any concept occurs in a published row (None
        when nothing was counted)."""
        groups = analysis.groups
        if len(groups) < 2 or published is None:
            return analysis, [1.0] * len(groups), [], None
        keys = [group_query(g) for g in groups]
        remembered = {k: n for k in keys if (n := _df_get(kind, version, k)) is not None}
        missing = [k for k in dict.fromkeys(keys) if k not in remembered]
        found = {**remembered, **(await cls._df_counts(session, kind, missing, version) if missing else {})}
        total, counts = published, [found[k] for k in keys]
        kept = [i for i, n in enumerate(counts) if n > 0]
        if not kept:
            return analysis, [1.0] * len(groups), list(remembered), False
        weights = [math.log(1.0 + (total + 1) / (counts[i] + 0.5)) for i in kept]
        if len(kept) == len(groups):
            return analysis, weights, list(remembered), True
        return replace(analysis, groups=[groups[i] for i in kept]), weights, list(remembered), True

    @staticmethod
    async def _words_exist(session: AsyncSession, kind: Kind, tsquery: str) -> bool:
        sql = f"SELECT EXISTS (SELECT 1 FROM {TABLES[kind]} t WHERE t.status = 'published' AND t.match_vector @@ CAST(:q AS tsquery))"
        return bool(await session.scalar(text(sql), {"q": tsquery}))

    @staticmethod
    def _boosts(kind: Kind, analysis: QueryAnalysis) -> tuple[str, dict[str, Any]]:
        """The score parts that need no text: the named category, the recommended catalogue."""
        sql = "float8 '0'"  # float arithmetic per matched row, not numeric
        params: dict[str, Any] = {}
        if analysis.categories:
            sql += (
                " + CASE WHEN t.category_code IN (SELECT code FROM categories WHERE ancestors && "
                f"CAST(:named AS varchar[])) THEN float8 '{CATEGORY_BOOST}' ELSE 0 END"
            )
            params["named"] = analysis.categories
        if kind == "listing":
            sql += f" + CASE WHEN t.recommended THEN float8 '{RECOMMENDED_BOOST}' ELSE 0 END"
        return sql, params

    async def _run(
        self,
        session: AsyncSession,
        kind: Kind,
        query: SearchQuery,
        *,
        match: str | None,
        rank: str | None,
        params: dict[str, Any],
        boost: str = "0",
        checks: Sequence[str] = (),
        present: list[bool] | None = None,
        named: Sequence[str] = (),
    ) -> SearchResult:
        """One statement: the matches (`m`, read from the indexes, no text per row), their best
        `CANDIDATES` by boost and recency (`c`), those ranked by text (`r`, where `v` is the
        candidate's positional search vector); the total and the facets come from `m`, the page
        from `r`. When nothing matched, it also tells, into `present`, whether each of `checks`
        (concepts as tsquery text) still matches some published row (only then is it asked).
        `named`: the categories the query's words name (see `_filters`)."""
        text_match = match is not None and match.startswith("t.match_vector")
        statement = _filters(kind, query, text_match=text_match, named=named)
        where = statement.where + ([match] if match else [])
        facets = [f for f in query.facets if (kind, f) in _FACET_KEYS]
        if match is None:
            if kind == "listing" and statement.where == _filters(kind, SearchQuery()).where:
                return await self._landing(session, query, statement, facets)
            return await self._browse(session, kind, query, statement, facets=facets)
        recommended = "t.recommended" if kind == "listing" else "false"
        price = "t.price_min" if kind == "listing" else "CAST(NULL AS numeric)"
        first = _sort_first(kind, query)
        facet_columns = "".join(f", t.{_FACET_COLUMNS[kind][f]}" for f in facets)
        counts, total, facet_selects = facet_counts_sql(kind, facets, "m") if facets else ("", "", "")
        ranked = "SELECT id, cheap AS score, recommended, published_at, price_min FROM c"
        if rank is not None:
            # A rank reading the candidate's vector several times (the partial matches' coverage)
            # has it fetched from TOAST once per candidate into `v`; read once, that copy costs
            # more than it saves (~1.3 ms per 500 candidates), so it is read in place.
            once = rank.count("v.search_vector") == 1
            vector = (
                ""
                if once
                else (
                    " CROSS JOIN LATERAL (SELECT t.search_vector || CAST('' AS tsvector) AS search_vector OFFSET 0) v"
                )
            )
            ranked = (
                f"SELECT c.id, c.cheap + {rank.replace('v.search_vector', 't.search_vector') if once else rank} "
                "AS score, c.recommended, c.published_at, c.price_min FROM c "
                f"JOIN {TABLES[kind]} t ON t.ctid = c.tid{vector}"  # the same row version, by address: no index probe
            )
        # Ranked by relevance, a sample of the matches is enough for the page (see MATCH_CAP); sorted
        # by price or recency every match is read.
        capped = query.sort == "relevance"
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT t.ctid AS tid, t.{KEYS[kind]} AS id, t.published_at, {recommended} AS recommended,
                       {price} AS price_min, {boost} AS cheap{facet_columns}
                FROM {TABLES[kind]} t WHERE {" AND ".join(where)}{" LIMIT :cap" if capped else ""}
            ),
            c AS (SELECT tid, id, cheap, recommended, published_at, price_min FROM m
                  ORDER BY {first}cheap DESC, recommended DESC, published_at DESC, id DESC LIMIT :candidates),
            r AS ({ranked}){f", {counts}" if counts else ""}
            SELECT {total or "(SELECT count(*) FROM m)"} AS total, {_SAMPLE_EXTENT.format(table=TABLES[kind])},
                   (SELECT coalesce(json_agg(json_build_array(p.id, p.score)), '[]') FROM (
                        SELECT id, score FROM r
                        ORDER BY {first}score DESC, recommended DESC, published_at DESC, id DESC
                        LIMIT :limit OFFSET :offset) p) AS items
                   {facet_selects}{"".join(f", {_present_sql(kind, i)} AS present_{i}" for i in range(len(checks)))}
        """
        values = {**statement.params, **params, "limit": query.limit, "offset": query.offset}
        values.update({f"check_{i}": c for i, c in enumerate(checks)})
        values["candidates"] = max(CANDIDATES, query.offset + query.limit)
        values["cap"] = max(MATCH_CAP, query.offset + query.limit)
        row = (await session.execute(text(sql), values)).one()
        if present is not None:
            present.extend(bool(getattr(row, f"present_{i}")) for i in range(len(checks)))
        items = row.items if isinstance(row.items, list) else json.loads(row.items)
        return _result(
            [Hit(id=uuid.UUID(str(i)), score=round(float(s), 6)) for i, s in items],
            row, facets, cap=values["cap"] if capped else None,
        )  # fmt: skip

    async def _landing(
        self, session: AsyncSession, query: SearchQuery, statement: _Statement, facets: list[str]
    ) -> SearchResult:
        """No text, no filter (the landing page): the total and the facets from the counters kept
        by migration 0008's triggers, the page from the browse index."""
        rows = await session.execute(text(LANDING_COUNTS), {"facets": ["total", *facets]})
        counted: dict[str, dict[str, int]] = {f: {} for f in facets}
        total = 0
        for facet, value, n in rows:
            if facet == "total":
                total = int(n)
            else:
                counted[facet][value] = int(n)
        page = await self._browse(session, "listing", query, statement, facets=[], count=False)
        return SearchResult(
            items=page.items,
            total=total,
            facets={f: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for f, c in counted.items()},
        )

    @staticmethod
    async def _browse(
        session: AsyncSession,
        kind: Kind,
        query: SearchQuery,
        statement: _Statement,
        *,
        facets: list[str],
        count: bool = True,
    ) -> SearchResult:
        """No text: newest first (recommended first), straight from the browse index; the total and
        the facets from the filtered rows' narrow columns (`m`), read once."""
        key = KEYS[kind]
        order = (
            f"t.recommended DESC, t.published_at DESC, t.{key} DESC"
            if kind == "listing" and query.sort == "relevance"
            else f"t.published_at DESC, t.{key} DESC"
        )
        if kind == "listing" and query.sort == "price":
            order = f"t.price_min ASC NULLS LAST, {order}"
        where = " AND ".join(statement.where)
        # the filtered rows counted, up to MATCH_CAP of them (the page itself is exact: it walks
        # the browse index in order)
        columns = "".join(f", t.{_FACET_COLUMNS[kind][f]}" for f in facets)
        sample = f"m AS MATERIALIZED (SELECT t.ctid AS tid{columns} FROM {TABLES[kind]} t WHERE {where} LIMIT :cap)"
        total, facet_selects, extent = "(SELECT count(*) FROM m)", "", _SAMPLE_EXTENT.format(table=TABLES[kind])
        ctes = [sample]
        if facets:
            cte, total, facet_selects = facet_counts_sql(kind, facets, "m")
            ctes.append(cte)
        if not count:
            ctes, total, extent = [], "0", "NULL AS last_page, NULL AS pages"
        sql = f"""
            {"WITH " + ", ".join(ctes) if ctes else ""}
            SELECT {total} AS total, {extent},
                   (SELECT coalesce(json_agg(json_build_array(p.id, 0)), '[]') FROM (
                        SELECT t.{key} AS id FROM {TABLES[kind]} t WHERE {where}
                        ORDER BY {order} LIMIT :limit OFFSET :offset) p) AS items
                   {facet_selects}
        """
        values = {**statement.params, "limit": query.limit, "offset": query.offset, "cap": MATCH_CAP}
        row = (await session.execute(text(sql), values)).one()
        items = row.items if isinstance(row.items, list) else json.loads(row.items)
        hits = [Hit(id=uuid.UUID(str(i)), score=0.0) for i, _ in items]
        return _result(hits, row, facets, cap=MATCH_CAP if count else None)


# How far into the table a capped sample `m` reached (the last heap page it read) and the table's
# size in pages now: a sample that hit the cap after reading a fraction of the table stands for
# that fraction of the matches.
_SAMPLE_EXTENT = (
    "(SELECT (max(m.tid)::text::point)[0] FROM m) AS last_page, "
    "pg_relation_size('{table}') / current_setting('block_size')::int AS pages"
)


def _present_sql(kind: Kind, i: int) -> str:
    """Whether concept `check_i` matches some published row — asked only when the matches `m` are
    empty (an InitPlan in a CASE branch not taken is never run)."""
    exists = f"EXISTS (SELECT 1 FROM {TABLES[kind]} x WHERE x.status = 'published' AND x.match_vector @@ CAST(:check_{i} AS tsquery))"
    return f"CASE WHEN EXISTS (SELECT 1 FROM m) THEN true ELSE {exists} END"


def _result(items: list[Hit], row: Any, facets: Sequence[str], *, cap: int | None) -> SearchResult:
    """The statement's row as a result: exact when the matches were all read (fewer than `cap`),
    otherwise the total and the facet counts scaled up from the sample (`exact` False)."""
    counted = int(row.total)
    found = {f: _counts(getattr(row, f"facet_{f}")) for f in facets}
    if cap is None or counted < cap or row.last_page is None:
        return SearchResult(items=items, total=counted, facets=found)
    scale = max(1.0, float(row.pages) / (float(row.last_page) + 1.0))
    return SearchResult(
        items=items,
        total=round(counted * scale),
        facets={f: {k: max(1, round(n * scale)) for k, n in c.items()} for f, c in found.items()},
        exact=False,
    )


def forget_document_frequencies() -> None:
    """Drop every remembered document frequency (tests: each test's rows are rolled back after it)."""
    _df_cache.clear()


def _df_get(kind: Kind, version: int | None, key: str) -> int | None:
    """A remembered document frequency, None when unknown, old, or filed under another `version`
    (the number of published listings then)."""
    found = _df_cache.get((kind, version, key)) if version is not None else None
    return found[1] if found is not None and found[0] > time.monotonic() else None


def _df_put(kind: Kind, version: int | None, key: str, n: int) -> None:
    if version is None:
        return
    if n <= 0:  # never remembered: a concept absent now may be written the next moment
        _df_cache.pop((kind, version, key), None)
        return
    if len(_df_cache) >= DF_CACHE_SIZE:
        _df_cache.clear()
    _df_cache[(kind, version, key)] = (time.monotonic() + DF_TTL, n)


def _sort_first(kind: Kind, query: SearchQuery) -> str:
    """The ORDER BY keys a `sort` puts before relevance (their trailing comma included)."""
    if query.sort == "price" and kind == "listing":
        return "price_min ASC NULLS LAST, "
    if query.sort == "newest":
        return "published_at DESC, "
    return ""


def _counts(value: Any) -> dict[str, int]:
    data = value if isinstance(value, dict) else json.loads(value or "{}")
    return {str(k): int(v) for k, v in sorted(data.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))}
