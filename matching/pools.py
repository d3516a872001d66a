"""Ranking a whole candidate pool at once: the factors that need no text are computed for every
listing with numpy (the same formulas as `matching.scoring`, checked equal by tests), text is
added in bound order until no remaining listing can reach the `limit`-th score, and only the final
`limit` are scored and explained by `scoring.score`. The result is exactly that of scoring every
listing with `scoring.score` and sorting.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.scoring import (
    MISSING_SPEC,
    MOTIVATION_NAMES,
    NEUTRAL,
    DemandFeatures,
    ListingFeatures,
    MatchWeights,
    Requirement,
    Scored,
    Taxonomy,
    _spec_value,
    category_factor,
    region_factor,
    requirements,
    score,
    text_value,
    trust_factor,
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
            short = 0.6 * (np.maximum(numbers, 0.0) / want) ** 2 if want > 0 else np.zeros_like(numbers)
            out = np.where(numbers >= want, 1.0, short)
        elif direction == "lower":
            short = np.where(numbers > 0, 0.6 * (max(want, 0.0) / numbers) ** 2, 0.0)
            out = np.where(numbers <= want, 1.0, short)
        else:
            out = np.maximum(0.0, 1.0 - np.abs(numbers - want) / max(abs(want), 1e-9))
    return np.where(np.isnan(numbers), MISSING_SPEC, out)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return np.nan
    return float(value)


class Pool:
    """Published listings (one or more leaves) with their per-listing arrays, built once and
    reused for every demand that draws on them."""

    def __init__(self, listings: Sequence[ListingFeatures]) -> None:
        self.listings = list(listings)
        prices = [listing.prices for listing in self.listings]
        self.low = np.array([np.nan if lo is None else lo for lo, _ in prices], dtype=float)
        self.high = np.array([np.nan if hi is None else hi for _, hi in prices], dtype=float)
        self.trust = np.array([trust_factor(listing)[0] for listing in self.listings], dtype=float)
        self.fits = np.array([sum(BITS[m] for m in listing.fits) for listing in self.listings], dtype=np.int64)
        self.codes, self.code_index = self._index([listing.category_code for listing in self.listings])
        self.places, self.place_index = self._index(
            [
                (listing.supplier_region, any(c != "000000" for c in listing.service_regions))
                for listing in self.listings
            ]
        )
        self._served: dict[tuple[str, ...], Bools] = {}
        self._columns: dict[str, tuple[list[Any], Floats, bool]] = {}

    def __len__(self) -> int:
        return len(self.listings)

    @staticmethod
    def _index(values: list[Any]) -> tuple[list[Any], npt.NDArray[np.int64]]:
        distinct: dict[Any, int] = {}
        index = np.array([distinct.setdefault(v, len(distinct)) for v in values], dtype=np.int64)
        return list(distinct), index

    def served(self, ancestors: Sequence[str]) -> Bools:
        """Which listings serve a region with these ancestors (the hard region filter)."""
        key = tuple(ancestors)
        if key not in self._served:
            wanted = set(ancestors)
            self._served[key] = np.array(
                [not wanted.isdisjoint(listing.service_regions) for listing in self.listings], dtype=bool
            )
        return self._served[key]

    def column(self, key: str) -> tuple[list[Any], Floats, bool]:
        """One spec of every listing: the values, as numbers (NaN: missing or text), any text."""
        if key not in self._columns:
            values = [listing.specs.get(key) for listing in self.listings]
            numbers = np.array([_number(v) for v in values], dtype=float)
            self._columns[key] = (values, numbers, any(isinstance(v, str) for v in values))
        return self._columns[key]


def partial_scores(demand: DemandFeatures, pool: Pool, taxonomy: Taxonomy, w: dict[str, float]) -> Floats:
    """Σ weight × factor over every factor but text, for every listing of the pool."""
    sample = {code: pool.listings[int(np.argmax(pool.code_index == i))] for i, code in enumerate(pool.codes)}
    category = np.array([category_factor(demand, sample[code], taxonomy)[0] for code in pool.codes])
    place_sample = [pool.listings[int(np.argmax(pool.place_index == i))] for i in range(len(pool.places))]
    region = np.array([region_factor(demand, listing)[0] for listing in place_sample])
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


def rank_pools(
    demand: DemandFeatures,
    pools: Sequence[Pool],
    ancestors: Sequence[str],
    taxonomy: Taxonomy,
    *,
    limit: int,
    weights: MatchWeights | None = None,
) -> list[tuple[ListingFeatures, Scored]]:
    """The `limit` best listings of these pools that serve the demand's region, best first."""
    w = (weights or MatchWeights()).normalised()
    headroom = w["text"] + 1e-6
    partials: list[Floats] = []
    where: list[tuple[int, npt.NDArray[np.int64]]] = []
    for p, pool in enumerate(pools):
        if len(pool):
            rows = np.flatnonzero(pool.served(ancestors))
            partials.append(partial_scores(demand, pool, taxonomy, w)[rows])
            where.append((p, rows))
    if not partials:
        return []
    partial = np.concatenate(partials)
    pool_of = np.concatenate([np.full(len(rows), p) for p, rows in where])
    row_of = np.concatenate([rows for _, rows in where])
    order = np.argsort(-partial, kind="stable")
    best: list[tuple[float, int, int, int]] = []  # min-heap of (score, -rank, pool, row)
    for rank, i in enumerate(order.tolist()):
        if len(best) >= limit and partial[i] + headroom < best[0][0]:
            break
        p, r = int(pool_of[i]), int(row_of[i])
        total = float(partial[i]) + w["text"] * text_value(demand, pools[p].listings[r], taxonomy)
        item = (round(min(1.0, max(0.0, total)), 6), -rank, p, r)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item[:2] > best[0][:2]:
            heapq.heapreplace(best, item)
    ranked = [pools[p].listings[r] for _, _, p, r in sorted(best, key=lambda b: (-b[0], -b[1]))]
    return [(listing, score(demand, listing, taxonomy, weights)) for listing in ranked]
