"""Ranking a whole candidate pool at once: the factors that need no text are computed for every
listing with numpy (the same formulas as `matching.scoring`, checked equal by tests), text is
added in bound order until no remaining listing can reach the `limit`-th score, and only the final
`limit` are scored and explained by `scoring.score`. The result is exactly that of scoring every
listing with `scoring.score` and sorting.

A pool holds per-listing arrays. Built from whole listings (`Pool(listings)`) it can rank at
once; built from the narrow columns the first pass needs (`Pool.from_columns`, what one request
fetches) it names the listings whose text it needs next (`Ranking.upcoming`), and the caller
fetches just those (`Pool.fill`) — a few dozen rows instead of thousands.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.motivations import MOTIVATION_NAMES
from matching.scoring import (
    MISSED_SPEC,
    MISSING_SPEC,
    NEAR_MISS,
    NEUTRAL,
    TRUST_PLAIN,
    TRUST_RECOMMENDED,
    DemandFeatures,
    ListingFeatures,
    MatchWeights,
    Requirement,
    Scored,
    Taxonomy,
    _spec_value,
    category_of,
    region_of,
    requirements,
    score,
    serves_regions,
    text_value,
)

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
BITS = {m: 1 << i for i, m in enumerate(MOTIVATION_NAMES)}


def budget_values(low: Floats, high: Floats, quantity: int, budget: float | None) -> Floats:
    """`scoring.budget_value` for arrays of unit prices (NaN: unknown)."""
    if budget is None:
        return np.full(low.shape, NEUTRAL)
    if budget <= 0:
        return np.where(np.isnan(low), NEUTRAL, 0.0)
    quantity = max(quantity, 1)
    with np.errstate(invalid="ignore", over="ignore"):
        decayed = 0.9 * np.exp(-3.0 * (low * quantity / budget - 1.0))
        out = np.where(high * quantity <= budget, 1.0, np.where(low * quantity <= budget, 0.9, decayed))
    return np.where(np.isnan(low) | np.isnan(high), NEUTRAL, out)


def spec_values(requirement: Requirement, column: list[Any], numbers: Floats, *, has_text: bool) -> Floats:
    """`scoring._spec_value` (MISSING_SPEC for a missing value) over one spec of every listing."""
    spec, _, kind, wanted = requirement
    textual = isinstance(wanted, str) or isinstance(wanted, bool) or not isinstance(wanted, int | float)
    if textual or has_text:  # text asked, or free text where a number is asked: value by value
        return np.array([MISSING_SPEC if v is None else _spec_value(spec, kind, v, wanted) for v in column])
    want = float(wanted)
    direction = {"min": "higher", "max": "lower"}.get(kind, spec.better if spec else "none")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if direction == "higher":
            short = MISSED_SPEC * (np.maximum(numbers, 0.0) / want) ** 2 if want > 0 else np.zeros_like(numbers)
            short = np.where(numbers >= NEAR_MISS * want, MISSING_SPEC, short)
            out = np.where(numbers >= want, 1.0, short)
        elif direction == "lower":
            short = np.where(numbers > 0, MISSED_SPEC * (max(want, 0.0) / numbers) ** 2, 0.0)
            short = np.where(numbers * NEAR_MISS <= want, MISSING_SPEC, short)
            out = np.where(numbers <= want, 1.0, short)
        else:
            out = np.maximum(0.0, 1.0 - np.abs(numbers - want) / max(abs(want), 1e-9))
    return np.where(np.isnan(numbers), MISSING_SPEC, out)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return np.nan
    return float(value)


SpecColumn = tuple[list[Any], Floats, bool]  # values, as numbers (NaN: missing or not a number), any text


def spec_column(values: list[Any]) -> SpecColumn:
    return values, np.array([_number(v) for v in values], dtype=float), any(isinstance(v, str) for v in values)


def fits_mask(fits: frozenset[str]) -> int:
    return sum(BITS[m] for m in fits)


@dataclass
class Columns:
    """What the first pass needs of each listing of a pool (one entry per listing, same order)."""

    ids: list[Any]
    category_codes: list[str]
    low: Floats  # unit price, NaN: unknown (one known end stands for both, as `ListingFeatures.prices`)
    high: Floats
    recommended: list[bool]
    fits: list[int]  # the motivations served, as `BITS`
    supplier_regions: list[str]
    named_regions: list[bool]  # service regions beyond nationwide


class Pool:
    """Published listings (one or more leaves) with their per-listing arrays, built once and
    reused for every demand that draws on them."""

    def __init__(self, listings: Sequence[ListingFeatures]) -> None:
        prices = [listing.prices for listing in listings]
        columns = Columns(
            ids=[listing.id for listing in listings],
            category_codes=[listing.category_code for listing in listings],
            low=np.array([np.nan if lo is None else lo for lo, _ in prices], dtype=float),
            high=np.array([np.nan if hi is None else hi for _, hi in prices], dtype=float),
            recommended=[listing.recommended for listing in listings],
            fits=[fits_mask(listing.fits) for listing in listings],
            supplier_regions=[listing.supplier_region for listing in listings],
            named_regions=[serves_regions(listing.service_regions) for listing in listings],
        )
        self._setup(columns, list(listings), served_in=None, specs={})

    @classmethod
    def from_columns(cls, columns: Columns, *, served_in: Sequence[str], specs: dict[str, SpecColumn]) -> Pool:
        """A pool of listings already filtered to those serving a region with ancestors
        `served_in`, with the spec columns `specs` (every key its demands ask for); the whole
        listings come later through `fill`."""
        pool = cls.__new__(cls)
        pool._setup(columns, [None] * len(columns.ids), served_in=tuple(served_in), specs=specs)
        return pool

    def _setup(
        self,
        columns: Columns,
        listings: list[ListingFeatures | None],
        *,
        served_in: tuple[str, ...] | None,
        specs: dict[str, SpecColumn],
    ) -> None:
        self.ids = columns.ids
        self.listings = listings
        self.low, self.high = columns.low, columns.high
        self.trust = np.where(np.array(columns.recommended, dtype=bool), TRUST_RECOMMENDED, TRUST_PLAIN)
        self.fits = np.array(columns.fits, dtype=np.int64)
        self.codes, self.code_index = self._index(columns.category_codes)
        self.places, self.place_index = self._index(
            list(zip(columns.supplier_regions, columns.named_regions, strict=True))
        )
        self.served_in = served_in
        self._served: dict[tuple[str, ...], Bools] = {}
        self._columns: dict[str, SpecColumn] = dict(specs)
        self._row: dict[Any, int] = {}
        self._grams: Grams | None = None
        self._id_keys: npt.NDArray[Any] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @staticmethod
    def _index(values: list[Any]) -> tuple[list[Any], npt.NDArray[np.int64]]:
        distinct: dict[Any, int] = {}
        index = np.array([distinct.setdefault(v, len(distinct)) for v in values], dtype=np.int64)
        return list(distinct), index

    def served(self, ancestors: Sequence[str]) -> Bools:
        """Which listings serve a region with these ancestors (the hard region filter)."""
        key = tuple(ancestors)
        if self.served_in is not None:
            if key != self.served_in:
                raise ValueError("a pool built from columns serves the region it was fetched for only")
            return np.ones(len(self), dtype=bool)
        if key not in self._served:
            wanted = set(ancestors)
            self._served[key] = np.array(
                [not wanted.isdisjoint(listing.service_regions) for listing in self.listings if listing is not None],
                dtype=bool,
            )
        return self._served[key]

    def column(self, key: str) -> SpecColumn:
        """One spec of every listing: the values, as numbers (NaN: missing or text), any text."""
        if key not in self._columns:
            if self.served_in is not None:
                raise KeyError(f"spec {key} was not fetched for this pool")
            self._columns[key] = spec_column(
                [listing.specs.get(key) if listing is not None else None for listing in self.listings]
            )
        return self._columns[key]

    def id_keys(self) -> npt.NDArray[Any]:
        """The listing ids as sortable array values (a UUID's bytes sort as the UUID)."""
        if self._id_keys is None:
            self._id_keys = np.array([i.bytes if isinstance(i, uuid.UUID) else str(i).encode() for i in self.ids])
        return self._id_keys

    def grams(self, taxonomy: Taxonomy) -> Grams:
        """The content bigrams of every listing (a pool of whole listings only), built once."""
        if self._grams is None:
            whole = [listing for listing in self.listings if listing is not None]
            if len(whole) != len(self.listings):
                raise ValueError("a pool built from columns holds no texts")
            codes = [listing.category_code for listing in whole]
            self._grams = Grams.of(codes, [f"{listing.title} {listing.description}" for listing in whole], taxonomy)
        return self._grams

    def fill(self, listings: Sequence[ListingFeatures]) -> None:
        """Hand over whole listings of this pool (those `Ranking.upcoming` named)."""
        if not self._row:
            self._row = {id_: r for r, id_ in enumerate(self.ids)}
        for listing in listings:
            row = self._row.get(listing.id)
            if row is not None:
                self.listings[row] = listing


def spec_keys(demand: DemandFeatures, codes: Sequence[str], taxonomy: Taxonomy) -> list[str]:
    """The listing spec keys the demand's requirements read, for listings of these leaves."""
    return list(dict.fromkeys(req[1] for code in codes for req in requirements(demand, code, taxonomy)))


_CODE_BITS = 21  # a code point fits in 21 bits; a bigram in 42; the listing above those
Ints = npt.NDArray[np.int64]


def _codes(grams: frozenset[str]) -> Ints:
    return np.array(sorted((ord(g[0]) << _CODE_BITS) | ord(g[1]) for g in grams if len(g) == 2), dtype=np.int64)


def _demand_grams(demand: DemandFeatures, code: str, taxonomy: Taxonomy) -> Ints:
    """The demand's content bigrams for listings of leaf `code` (`scoring._content`), as integers."""
    memo: dict[str, Ints] = demand.requirement_cache.setdefault("@grams", {})  # type: ignore[arg-type,assignment]
    if code not in memo:
        memo[code] = _codes(demand.bigrams - taxonomy.category_words.get(code, frozenset()))
    return memo[code]


@dataclass
class Grams:
    """The content bigrams of many listings (`scoring._content`: casefolded title and description,
    pairs of word characters, minus their leaf's own words), unique per listing, as integers:
    listing j owns `gram[start[j]:start[j + 1]]`."""

    leaves: list[str]
    leaf_of: Ints  # per listing, index into `leaves`
    owner: Ints
    gram: Ints
    start: Ints
    size: Ints  # per listing: how many
    _vocabulary: Ints | None = None
    _inverse: Ints | None = None
    _gram_leaf: Ints | None = None

    @classmethod
    def of(cls, codes: Sequence[str], texts: Sequence[str], taxonomy: Taxonomy) -> Grams:
        """`texts[j]` is listing j's title and description joined by a space, `codes[j]` its leaf."""
        n = len(texts)
        leaves = list(dict.fromkeys(codes))
        index = {code: i for i, code in enumerate(leaves)}
        leaf_of = np.array([index[c] for c in codes], dtype=np.int64)
        folded = [t.casefold() for t in texts]
        points = np.frombuffer("\n".join(folded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        word = (
            ((points >= 0x4E00) & (points <= 0x9FFF))
            | ((points >= ord("a")) & (points <= ord("z")))
            | ((points >= ord("A")) & (points <= ord("Z")))
            | ((points >= ord("0")) & (points <= ord("9")))
        )
        owner = np.repeat(np.arange(n, dtype=np.int64), [len(t) + 1 for t in folded])[: len(points)]
        pair = word[:-1] & word[1:] if n else word  # the "\n" between texts is no word character
        keys = np.sort((owner[:-1][pair] << (2 * _CODE_BITS)) | (points[:-1][pair] << _CODE_BITS) | points[1:][pair])
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys  # unique
        who, gram = keys >> (2 * _CODE_BITS), keys & ((1 << (2 * _CODE_BITS)) - 1)
        keep = np.ones(len(keys), dtype=bool)
        for i, code in enumerate(leaves):  # minus each leaf's own words
            keep &= ~((leaf_of[who] == i) & np.isin(gram, _codes(taxonomy.category_words.get(code, frozenset()))))
        who, gram = who[keep], gram[keep]
        start = np.searchsorted(who, np.arange(n + 1))
        return cls(leaves, leaf_of, who, gram, start, np.diff(start))

    def text_values(self, demand: DemandFeatures, taxonomy: Taxonomy) -> Floats:
        """`scoring.text_value` of the demand and every listing."""
        n = len(self.size)
        shared = np.zeros(n)
        ours = np.zeros(n)
        if self._vocabulary is None:  # once per set of listings: each gram as an index into the distinct ones
            self._vocabulary, self._inverse = np.unique(self.gram, return_inverse=True)
            self._gram_leaf = self.leaf_of[self.owner]
        vocabulary, inverse = self._vocabulary, self._inverse
        for i, code in enumerate(self.leaves):
            wanted = _demand_grams(demand, code, taxonomy)
            at = np.searchsorted(vocabulary, wanted)
            known = at < len(vocabulary)
            known[known] &= vocabulary[at[known]] == wanted[known]
            lookup = np.zeros(len(vocabulary) + 1, dtype=bool)
            lookup[at[known]] = True
            hit = lookup[inverse] if len(self.leaves) == 1 else lookup[inverse] & (self._gram_leaf == i)
            total = np.concatenate(([0], np.cumsum(hit)))
            shared += total[self.start[1:]] - total[self.start[:-1]]
            ours[self.leaf_of == i] = len(wanted)
        union = ours + self.size - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(union > 0, np.minimum(1.0, 4.0 * shared / union), 0.0)


def retrieval_floor(demand: DemandFeatures, ids: Sequence[Any], values: Floats) -> Floats:
    """`values` raised to each listing's closeness in the demand's full-text retrieval (as
    `scoring.text_value` does)."""
    if not demand.retrieved_listings:
        return values
    found = np.array([demand.retrieved_listings.get(i, 0.0) for i in ids], dtype=float)
    return np.maximum(values, found) if len(found) else values


def text_values(
    demand: DemandFeatures,
    codes: Sequence[str],
    texts: Sequence[str],
    taxonomy: Taxonomy,
    ids: Sequence[Any] | None = None,
) -> Floats:
    """`scoring.text_value` for many listings at once (leaf `codes[j]`, `texts[j]` its title and
    description joined by a space as `ListingFeatures.bigrams` reads them, `ids[j]` its id)."""
    values = Grams.of(codes, texts, taxonomy).text_values(demand, taxonomy)
    return retrieval_floor(demand, ids, values) if ids is not None else values


def partial_scores(demand: DemandFeatures, pool: Pool, taxonomy: Taxonomy, w: dict[str, float]) -> Floats:
    """Σ weight × factor over every factor but text, for every listing of the pool."""
    category = np.array([category_of(demand, code, taxonomy)[0] for code in pool.codes])
    region = np.array([region_of(demand, supplier, named)[0] for supplier, named in pool.places])
    wanted = demand.wanted
    table = np.array(
        [
            len([m for m in wanted if mask & BITS[m]]) / len(wanted) if wanted else NEUTRAL
            for mask in range(1 << len(BITS))
        ]
    )
    specs = np.empty(len(pool))
    for i, code in enumerate(pool.codes):
        rows = pool.code_index == i
        reqs = requirements(demand, code, taxonomy)
        if not reqs:
            specs[rows] = NEUTRAL
            continue
        total = np.zeros(len(pool))
        for requirement in reqs:
            column, numbers, has_text = pool.column(requirement[1])
            total += spec_values(requirement, column, numbers, has_text=has_text)
        specs[rows] = total[rows] / len(reqs)
    budget = float(demand.budget_max) if demand.budget_max is not None else None
    return (
        w["category"] * category[pool.code_index]
        + w["specs"] * specs
        + w["budget"] * budget_values(pool.low, pool.high, demand.quantity, budget)
        + w["region"] * region[pool.place_index]
        + w["policy"] * table[pool.fits]
        + w["trust"] * pool.trust
    )


class Ranking:
    """The `limit` best listings of some pools for one demand, found in bound order: every
    candidate's score without text is known; text (at most `w["text"]`) is added best bound
    first until no remaining candidate can reach the `limit`-th score."""

    def __init__(
        self,
        demand: DemandFeatures,
        pools: Sequence[Pool],
        ancestors: Sequence[str],
        taxonomy: Taxonomy,
        *,
        limit: int,
        weights: MatchWeights | None = None,
    ) -> None:
        self.demand, self.pools, self.taxonomy, self.limit = demand, pools, taxonomy, limit
        self.w = (weights or MatchWeights()).normalised()
        self.headroom = self.w["text"] + 1e-6
        partials: list[Floats] = []
        where: list[tuple[int, npt.NDArray[np.int64]]] = []
        for p, pool in enumerate(pools):
            if len(pool):
                rows = np.flatnonzero(pool.served(ancestors))
                partials.append(partial_scores(demand, pool, taxonomy, self.w)[rows])
                where.append((p, rows))
        self.partial: list[float] = np.concatenate(partials).tolist() if partials else []
        self.pool_of: list[int] = np.concatenate([np.full(len(r), p) for p, r in where]).tolist() if where else []
        self.row_of: list[int] = np.concatenate([r for _, r in where]).tolist() if where else []
        # bound order: the higher score without text first; equal ones by listing id, so that the
        # ranking never depends on the order rows came in (nor on how listings are split in pools)
        keys = np.concatenate([pools[p].id_keys()[rows] for p, rows in where]) if where else np.array([])
        self.order: list[int] = np.lexsort((keys, -np.array(self.partial))).tolist()
        self.position = 0  # candidates of `order` before this one are scored
        self.best: list[tuple[float, int, int, int]] = []  # min-heap of (score, -rank, pool, row)
        self.texts: dict[int, float] = {}  # candidate → text value given by the caller
        if where and all(pools[p].served_in is None for p, _ in where):
            texts = [
                retrieval_floor(
                    demand,
                    [pools[p].ids[r] for r in rows],
                    pools[p].grams(taxonomy).text_values(demand, taxonomy)[rows],
                )
                for p, rows in where
            ]
            self._settle(np.concatenate(texts))

    def _settle(self, text: Floats) -> None:
        """The final ranking from every candidate's text value at once: the same `limit` best
        by (score, -rank) that the bound-order loop keeps."""
        total = np.array(self.partial) + self.w["text"] * text
        k = min(self.limit, len(total))
        if k:
            kth = np.partition(total, len(total) - k)[len(total) - k]
            rank_of = np.empty(len(total), dtype=np.int64)
            rank_of[self.order] = np.arange(len(total))
            # scores are rounded to 6 decimals: whatever may round up to the k-th best is compared exactly
            near = np.flatnonzero(total >= kth - 2e-6).tolist()
            items = [
                (round(min(1.0, max(0.0, float(total[i]))), 6), -int(rank_of[i]), self.pool_of[i], self.row_of[i])
                for i in near
            ]
            items.sort(reverse=True)
            self.best = items[:k]
            self.texts.update((self.order[-rank], float(text[self.order[-rank]])) for _, rank, _, _ in self.best)
        self.position = len(self.order)

    def upcoming(self, n: int) -> list[tuple[int, int, int]]:
        """(candidate, pool, row) of the next `n` candidates in bound order whose text value is
        not known yet (their pool holds no whole listing for them)."""
        found: list[tuple[int, int, int]] = []
        for i in self.order[self.position :]:
            p, r = self.pool_of[i], self.row_of[i]
            if i not in self.texts and self.pools[p].listings[r] is None:
                found.append((i, p, r))
                if len(found) >= n:
                    break
        return found

    def give_texts(self, values: dict[int, float]) -> None:
        """Text values of candidates `upcoming` named (see `text_values`)."""
        self.texts.update(values)

    def advance(self) -> bool:
        """Score candidates in bound order while their text is at hand; True once final."""
        best, partial, limit, text_weight = self.best, self.partial, self.limit, self.w["text"]
        while self.position < len(self.order):
            i = self.order[self.position]
            if len(best) >= limit and partial[i] + self.headroom < best[0][0]:
                self.position = len(self.order)
                break
            p, r = self.pool_of[i], self.row_of[i]
            text = self.texts.get(i)
            if text is None:
                listing = self.pools[p].listings[r]
                if listing is None:
                    return False
                text = self.texts[i] = text_value(self.demand, listing, self.taxonomy)
            total = partial[i] + text_weight * text
            item = (round(min(1.0, max(0.0, total)), 6), -self.position, p, r)
            if len(best) < limit:
                heapq.heappush(best, item)
            elif item[:2] > best[0][:2]:
                heapq.heapreplace(best, item)
            self.position += 1
        return True

    def winners(self) -> list[tuple[int, int]]:
        """(pool, row) of the best listings, best first (once `advance` says the ranking is final)."""
        return [(p, r) for _, _, p, r in sorted(self.best, key=lambda b: (-b[0], -b[1]))]

    def _winning_texts(self) -> list[float]:
        return [self.texts[self.order[-rank]] for _, rank, _, _ in sorted(self.best, key=lambda b: (-b[0], -b[1]))]

    def ranked(self) -> list[ListingFeatures]:
        """The best listings, best first; their pools must hold them (see `Pool.fill`)."""
        found = [self.pools[p].listings[r] for p, r in self.winners()]
        if any(listing is None for listing in found):
            raise ValueError("the pools lack whole listings of the winners")
        return [listing for listing in found if listing is not None]

    def scored(self, weights: MatchWeights | None = None) -> list[tuple[ListingFeatures, Scored]]:
        return [
            (listing, score(self.demand, listing, self.taxonomy, weights, text=text))
            for listing, text in zip(self.ranked(), self._winning_texts(), strict=True)
        ]


def rank_pools(
    demand: DemandFeatures,
    pools: Sequence[Pool],
    ancestors: Sequence[str],
    taxonomy: Taxonomy,
    *,
    limit: int,
    weights: MatchWeights | None = None,
) -> list[tuple[ListingFeatures, Scored]]:
    """The `limit` best listings of these pools (built from whole listings) that serve the
    demand's region, best first."""
    ranking = Ranking(demand, pools, ancestors, taxonomy, limit=limit, weights=weights)
    if not ranking.advance():
        raise ValueError("rank_pools needs pools of whole listings")
    return ranking.scored(weights)
