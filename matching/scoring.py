"""How well one listing serves one demand: seven factors, each 0..1 with a reason in Chinese, and
their weighted sum. Pure functions on plain data — no database, no I/O.

The factors (weights in `MatchWeights`, set through settings `EQM_MATCH_WEIGHTS__<FACTOR>`):

- category — same leaf 1.0; the listing's leaf replaces what the demand replaces 0.85; a leaf of
  the demand's group 0.7; a sibling leaf 0.45; otherwise 0.
- specs — each requirement of the demand (`key`, `key_min`, `key_max`; the schema's `better`
  direction) met 1.0, missed by a little less, a missing value 0.4; their mean; none asked 0.5.
- budget — `budget_max` is the TOTAL budget for `quantity` units: unit price × quantity within it
  1.0, only the low end within 0.9, beyond it decays smoothly; unknown price or budget 0.5.
- region — the hard filter is the candidate query's; here a supplier in the buyer's city 1.0, its
  province 0.7, one serving the region explicitly 0.4, nationwide only 0.3.
- policy — the share of the demand's motivations (green, safety, high_end, smart) the listing
  fits; no motivation 0.5.
- text — character-bigram Jaccard of both texts beyond the category's own names, stretched ×4.
- trust — recommended by a bureau 1.0, otherwise 0.3.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from pydantic import BaseModel, Field

from catalog.regions.codes import same_city, same_province
from catalog.taxonomy.specs import SpecDef, requirement_key, schema_by_key
from matching.motivations import MOTIVATION_NAMES, MOTIVATIONS

FACTORS = ("category", "specs", "budget", "region", "policy", "text", "trust")

MISSING_SPEC = 0.4
# A stated threshold that is missed scores at most this (below MISSING_SPEC: a listing that says
# it falls short ranks under one that does not say), shrinking with the shortfall.
MISSED_SPEC = 0.3
# A miss within 5 % counts as a value not given (as a buyer reads a spec sheet).
NEAR_MISS = 0.95
NEUTRAL = 0.5
MOTIVATIONS_BY_KEY = {m.key: m for m in MOTIVATIONS}
# The category factor a leaf earns from the demand's own words (full-text retrieval over the
# supply list points to it) when the taxonomy rules give less: evidence, not a veto.
TEXT_EVIDENCE = 0.8


class MatchWeights(BaseModel):
    """Relative weight of each factor in the score (normalised by their sum)."""

    # Fitted on the TRAIN half of the independent demand set (bench/eval, `bench.eval_unseen --fit`):
    # category, specs, budget, region, policy and text as the grid search found them; trust kept
    # (every listing of that set is unreviewed, so it cannot be fitted there and ranks nothing).
    category: float = Field(default=0.19, ge=0)
    specs: float = Field(default=0.33, ge=0)
    budget: float = Field(default=0.10, ge=0)
    region: float = Field(default=0.0, ge=0)
    policy: float = Field(default=0.05, ge=0)
    text: float = Field(default=0.33, ge=0)
    trust: float = Field(default=0.10, ge=0)

    def normalised(self) -> dict[str, float]:
        total = sum(getattr(self, f) for f in FACTORS) or 1.0
        return {f: getattr(self, f) / total for f in FACTORS}


@dataclass(frozen=True)
class CategoryInfo:
    code: str
    name: str
    parent_code: str | None
    level: str  # group | leaf
    aliases: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    spec_schema: tuple[dict[str, Any], ...] = ()

    @cached_property
    def specs(self) -> dict[str, SpecDef]:
        return schema_by_key(list(self.spec_schema))


@dataclass
class Taxonomy:
    """The category tree as plain data, loaded once per matching run."""

    categories: dict[str, CategoryInfo]
    # Derived tables other modules build once per taxonomy (inference terms …).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def get(self, code: str | None) -> CategoryInfo | None:
        return self.categories.get(code) if code else None

    def group_of(self, code: str | None) -> str | None:
        info = self.get(code)
        if info is None:
            return None
        return info.code if info.level == "group" else info.parent_code

    def leaves(self) -> list[CategoryInfo]:
        return [c for c in self.categories.values() if c.level == "leaf"]

    def children(self, group: str) -> list[str]:
        return [c.code for c in self.categories.values() if c.parent_code == group]

    def replacing(self, old: str | None) -> list[str]:
        """Leaves whose `replaces` name the old equipment described by `old` (普通车床 → 0101, 0102)."""
        if not old:
            return []
        return [c.code for c in self.leaves() if any(_names_match(r, old) for r in c.replaces)]

    @cached_property
    def category_words(self) -> dict[str, frozenset[str]]:
        """Per category: the bigrams of its name and aliases (and its group's), which `text` ignores."""
        own = {code: bigrams(" ".join((c.name, *c.aliases))) for code, c in self.categories.items()}
        return {
            code: own[code] | (own.get(c.parent_code, frozenset()) if c.parent_code else frozenset())
            for code, c in self.categories.items()
        }


def _names_match(known: str, said: str) -> bool:
    return len(known) >= 2 and (known in said or (len(said) >= 2 and said in known))


@dataclass
class DemandFeatures:
    id: Any
    title: str
    description: str
    category_code: str | None
    quantity: int
    budget_max: Decimal | None
    region_code: str
    region_name: str
    motivations: Sequence[str] = ()
    replaces_description: str | None = None
    specs: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        return bigrams(f"{self.title} {self.description}")

    content: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    content_bits: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    requirement_cache: dict[str, list[Any]] = field(default_factory=dict, repr=False, compare=False)
    # What full-text retrieval of the demand's words over the supply list found (matching.recommend):
    # leaf → evidence 0..1 (the best leaf 1.0), listing id → closeness 0..1 by rank.
    retrieved: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    retrieved_listings: dict[Any, float] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def title_bigrams(self) -> frozenset[str]:
        return bigrams(self.title)

    @cached_property
    def wanted(self) -> frozenset[str]:
        return frozenset(m for m in self.motivations if m in MOTIVATION_NAMES)


@dataclass
class ListingFeatures:
    id: Any
    organization_id: Any
    supplier_region: str
    category_code: str
    title: str
    description: str
    price_min: Decimal | None
    price_max: Decimal | None
    energy_grade: int | None
    tags: Sequence[str]
    specs: dict[str, Any]
    recommended: bool
    service_regions: Sequence[str]
    content: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    content_bits: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        return bigrams(f"{self.title} {self.description}")

    @cached_property
    def prices(self) -> tuple[float | None, float | None]:
        """Unit price (low, high) in yuan; one known end stands for both."""
        low = self.price_min if self.price_min is not None else self.price_max
        high = self.price_max if self.price_max is not None else self.price_min
        return (float(low) if low is not None else None, float(high) if high is not None else None)

    @cached_property
    def fits(self) -> frozenset[str]:
        """The motivations this listing serves (see `_fits`)."""
        return frozenset(m for m in MOTIVATION_NAMES if _fits(m, self) is not None)


@dataclass
class Scored:
    score: float
    breakdown: dict[str, float]
    reasons: list[str]


# --------------------------------------------------------------------------- helpers

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of each run of Chinese letters, Latin letters and digits."""
    out: set[str] = set()
    for run in _WORD.findall(text.casefold()):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out)


def wan(amount: float) -> str:
    """Yuan as 万元 text: 380000 → "38", 125000 → "12.5"."""
    value = float(amount) / 10000
    return f"{value:.1f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.0f}"


def fmt_number(value: float) -> str:
    return f"{value:g}"


# --------------------------------------------------------------------------- factors


def category_factor(demand: DemandFeatures, listing: ListingFeatures, taxonomy: Taxonomy) -> tuple[float, str | None]:
    return category_of(demand, listing.category_code, taxonomy)


def category_of(demand: DemandFeatures, code: str, taxonomy: Taxonomy) -> tuple[float, str | None]:
    """The category factor for a listing of leaf `code` (all it depends on): the taxonomy's rules,
    or what the demand's words point to when that is more (what the buyer wants done beats what
    the old machine was)."""
    value, why = _category_rules(demand, code, taxonomy)
    evidence = TEXT_EVIDENCE * demand.retrieved.get(code, 0.0)
    if evidence > value:
        leaf = taxonomy.get(code)
        return round(evidence, 6), f"需求描述指向{leaf.name if leaf else code}"
    return value, why


def _category_rules(demand: DemandFeatures, code: str, taxonomy: Taxonomy) -> tuple[float, str | None]:
    leaf = taxonomy.get(code)
    name = leaf.name if leaf else code
    wanted = taxonomy.get(demand.category_code)
    if wanted is not None and wanted.code == code:
        return 1.0, f"品类一致：{name}"
    old = demand.replaces_description
    if leaf is not None and old and any(_names_match(r, old) for r in leaf.replaces):
        return 0.85, f"{name}可替代现有的{old}"
    if wanted is not None and leaf is not None:
        if wanted.level == "group" and leaf.parent_code == wanted.code:
            return 0.7, f"属于需求品类大类：{wanted.name}"
        if wanted.parent_code is not None and wanted.parent_code == leaf.parent_code:
            group = taxonomy.get(leaf.parent_code)
            return 0.45, f"同属{group.name if group else ''}大类的{name}"
    return 0.0, None


def _requirements(demand: DemandFeatures, defs: dict[str, SpecDef]) -> Iterable[tuple[SpecDef | None, str, str, Any]]:
    """(definition, listing key, kind min|max|threshold, wanted value) per demand requirement."""
    for key, wanted in demand.specs.items():
        spec = defs.get(key)
        base, kind = (key, "threshold") if spec is not None else requirement_key(key)
        yield defs.get(base), base, kind, wanted


def _spec_value(spec: SpecDef | None, kind: str, have: Any, wanted: Any) -> float:
    if isinstance(wanted, str) or isinstance(have, str):
        return 1.0 if str(wanted).casefold() in str(have).casefold() else 0.3
    if isinstance(have, bool) or not isinstance(have, int | float) or not isinstance(wanted, int | float):
        return MISSING_SPEC
    better = spec.better if spec else "none"
    direction = {"min": "higher", "max": "lower"}.get(kind, better)
    have_f, wanted_f = float(have), float(wanted)
    if direction == "higher":
        if have_f >= wanted_f:
            return 1.0
        if have_f >= NEAR_MISS * wanted_f:
            return MISSING_SPEC
        return MISSED_SPEC * (max(have_f, 0.0) / wanted_f) ** 2 if wanted_f > 0 else 0.0
    if direction == "lower":
        if have_f <= wanted_f:
            return 1.0
        if have_f * NEAR_MISS <= wanted_f:
            return MISSING_SPEC
        return MISSED_SPEC * (max(wanted_f, 0.0) / have_f) ** 2 if have_f > 0 else 0.0
    scale = max(abs(wanted_f), 1e-9)
    return max(0.0, 1.0 - abs(have_f - wanted_f) / scale)


def _spec_reason(spec: SpecDef | None, key: str, kind: str, have: Any, wanted: Any, value: float) -> str:
    name = spec.name if spec else key
    unit = (spec.unit or "") if spec else ""
    if have is None:
        return f"未标注{name}（需求 {_fmt(wanted)}{unit}）"
    direction = {"min": "higher", "max": "lower"}.get(kind, spec.better if spec else "none")
    shown = f"{name} {_fmt(have)}{unit}"
    if isinstance(wanted, str) or isinstance(have, str):
        return f"{shown}，符合需求" if value >= 1 else f"{shown}，需求为 {wanted}"
    if direction == "higher":
        sign = "≥" if value >= 1 else "<"
    elif direction == "lower":
        sign = "≤" if value >= 1 else ">"
    else:
        sign = "≈" if value >= 0.8 else "≠"
    return f"{shown} {sign} 需求 {_fmt(wanted)}{unit}"


def _fmt(value: Any) -> str:
    return fmt_number(float(value)) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


Requirement = tuple[SpecDef | None, str, str, Any]  # (definition, listing key, min|max|threshold, wanted)


def requirements(demand: DemandFeatures, listing_code: str, taxonomy: Taxonomy) -> list[Requirement]:
    """The demand's requirements read with the schemas of its category and the listing's (cached
    on the demand per listing category)."""
    found = demand.requirement_cache.get(listing_code)
    if found is None:
        defs: dict[str, SpecDef] = {}
        for code in (demand.category_code, listing_code):
            info = taxonomy.get(code)
            if info is not None:
                defs = {**info.specs, **defs}
        found = demand.requirement_cache[listing_code] = list(_requirements(demand, defs))
    return found


def _requirement_values(reqs: list[Requirement], listing: ListingFeatures) -> list[float]:
    return [
        MISSING_SPEC if listing.specs.get(key) is None else _spec_value(spec, kind, listing.specs[key], wanted)
        for spec, key, kind, wanted in reqs
    ]


def specs_value(reqs: list[Requirement], listing: ListingFeatures) -> float:
    """Mean over the requirements; no requirement is neutral."""
    if not reqs:
        return NEUTRAL
    values = _requirement_values(reqs, listing)
    return sum(values) / len(values)


def specs_factor(demand: DemandFeatures, listing: ListingFeatures, taxonomy: Taxonomy) -> tuple[float, list[str]]:
    """Mean over the demand's requirements; reasons for every requirement, the misses first."""
    reqs = requirements(demand, listing.category_code, taxonomy)
    values = _requirement_values(reqs, listing)
    lines = sorted(
        zip(values, (_spec_reason(spec, key, kind, listing.specs.get(key), wanted, value)
                     for (spec, key, kind, wanted), value in zip(reqs, values, strict=True)), strict=True),
        key=lambda line: line[0],
    )  # fmt: skip
    return (sum(values) / len(values) if values else NEUTRAL), [text for _, text in lines]


def budget_value(low: float | None, high: float | None, quantity: int, budget: float | None) -> float:
    """The budget factor from unit prices and the total budget for `quantity` units."""
    if low is None or high is None or budget is None:
        return NEUTRAL
    if budget <= 0:
        return 0.0
    quantity = max(quantity, 1)
    if high * quantity <= budget:
        return 1.0
    if low * quantity <= budget:
        return 0.9
    return 0.9 * math.exp(-3.0 * (low * quantity / budget - 1.0))


def budget_factor(demand: DemandFeatures, listing: ListingFeatures) -> tuple[float, str | None]:
    """`budget_max` is the total for `quantity` units; the listing's unit prices × quantity against it."""
    low, high = listing.prices
    budget = float(demand.budget_max) if demand.budget_max is not None else None
    value = budget_value(low, high, demand.quantity, budget)
    if low is None or high is None:
        return value, "报价面议"
    quantity = max(demand.quantity, 1)
    price = f"{wan(low)}–{wan(high)} 万元" if high != low else f"{wan(low)} 万元"
    each = f"报价 {price}" if quantity == 1 else f"单价 {price}，{quantity}台合计 {wan(low * quantity)} 万元起"
    if budget is None:
        return value, f"{each}（需求未给预算）"
    if budget <= 0:
        return value, f"{each}，需求预算为 0"
    if value >= 1.0:
        return value, f"{each}，在总预算 {wan(budget)} 万元内"
    if value >= 0.9:
        return value, f"{each}，低配在总预算 {wan(budget)} 万元内"
    over = round((low * quantity / budget - 1) * 100)
    return value, f"{each}，超出总预算 {wan(budget)} 万元约 {over}%"


def region_factor(demand: DemandFeatures, listing: ListingFeatures) -> tuple[float, str]:
    return region_of(demand, listing.supplier_region, serves_regions(listing.service_regions))


def serves_regions(service_regions: Sequence[str]) -> bool:
    """Whether a listing names service regions beyond nationwide (000000)."""
    return any(code != "000000" for code in service_regions)


def region_of(demand: DemandFeatures, supplier_region: str, named_regions: bool) -> tuple[float, str]:
    """The region factor from all it depends on: the supplier's region and whether the listing
    names service regions beyond nationwide."""
    here = demand.region_name
    if same_city(supplier_region, demand.region_code):
        return 1.0, f"本地供应商，服务区域覆盖 {here}"
    if same_province(supplier_region, demand.region_code):
        return 0.7, f"省内供应商，服务区域覆盖 {here}"
    if named_regions:
        return 0.4, f"服务区域覆盖 {here}"
    return 0.3, f"全国服务，覆盖 {here}"


def _fits(motivation: str, listing: ListingFeatures) -> str | None:
    """Why the listing fits one motivation (seeds/motivations.yaml), or None."""
    return MOTIVATIONS_BY_KEY[motivation].reason(
        listing.energy_grade, listing.tags, listing.title + listing.description
    )


def policy_value(wanted: frozenset[str], listing: ListingFeatures) -> float:
    return len(wanted & listing.fits) / len(wanted) if wanted else NEUTRAL


def policy_factor(demand: DemandFeatures, listing: ListingFeatures) -> tuple[float, list[str]]:
    wanted = demand.wanted
    reasons = []
    for motivation in (m for m in MOTIVATION_NAMES if m in wanted):
        why = _fits(motivation, listing)
        if why:
            reasons.append(f"{why}，符合{MOTIVATION_NAMES[motivation]}改造方向")
    return policy_value(wanted, listing), reasons


def _content(features: DemandFeatures | ListingFeatures, code: str, taxonomy: Taxonomy) -> frozenset[str]:
    """The bigrams of a side's text without the category's own words (cached per category)."""
    cache = features.content
    found = cache.get(code)
    if found is None:
        found = cache[code] = features.bigrams - taxonomy.category_words.get(code, frozenset())
    return found


def _content_bits(features: DemandFeatures | ListingFeatures, code: str, taxonomy: Taxonomy) -> tuple[int, int]:
    """`_content` as a bit set over the run's bigram vocabulary, and its size: ranking computes
    the overlap for many pairs, and `&` on integers is much cheaper than on sets of strings."""
    found = features.content_bits.get(code)
    if found is None:
        vocabulary: dict[str, int] = taxonomy.memo.setdefault("bigram_bits", {})
        bits = 0
        for gram in _content(features, code, taxonomy):
            bits |= 1 << vocabulary.setdefault(gram, len(vocabulary))
        found = features.content_bits[code] = (bits, bits.bit_count())
    return found


def text_value(demand: DemandFeatures, listing: ListingFeatures, taxonomy: Taxonomy) -> float:
    """Shared bigrams beyond the category names, as Jaccard × 4 capped at 1 — or the listing's
    closeness in the full-text retrieval of the demand's words, when that is more."""
    ours, our_count = _content_bits(demand, listing.category_code, taxonomy)
    theirs, their_count = _content_bits(listing, listing.category_code, taxonomy)
    shared = (ours & theirs).bit_count()
    union = our_count + their_count - shared
    value = min(1.0, 4.0 * shared / union) if union else 0.0
    return max(value, demand.retrieved_listings.get(listing.id, 0.0))


def text_factor(
    demand: DemandFeatures, listing: ListingFeatures, taxonomy: Taxonomy, value: float | None = None
) -> tuple[float, str | None]:
    """`value`: the text value when the caller knows it already (ranking computes it in bulk)."""
    if value is None:
        value = text_value(demand, listing, taxonomy)
    if value < 0.2:
        return value, None
    # A bigram of word characters lies within one run, so it is one of the listing's bigrams
    # exactly when it occurs in its casefolded text: no need to build the listing's bigram set.
    folded = f"{listing.title} {listing.description}".casefold()
    ignored = taxonomy.category_words.get(listing.category_code, frozenset())
    title_words = [b for b in demand.title_bigrams if b not in ignored and b in folded and not b.isdigit()]
    if not title_words:
        return value, None
    return value, f"描述相近：{'、'.join(sorted(title_words)[:4])}"


TRUST_RECOMMENDED, TRUST_PLAIN = 1.0, 0.3


def trust_factor(listing: ListingFeatures) -> tuple[float, str | None]:
    if listing.recommended:
        return TRUST_RECOMMENDED, "已列入主管部门先进适用设备推荐目录"
    return TRUST_PLAIN, None


# --------------------------------------------------------------------------- score and rank


def _total(values: dict[str, float], w: dict[str, float]) -> float:
    return round(min(1.0, max(0.0, sum(w[f] * values[f] for f in FACTORS))), 6)


def score(
    demand: DemandFeatures,
    listing: ListingFeatures,
    taxonomy: Taxonomy,
    weights: MatchWeights | None = None,
    *,
    text: float | None = None,
) -> Scored:
    """The full score of one pair, its breakdown and its reasons (most telling first); `text`:
    the text value if already known."""
    w = (weights or MatchWeights()).normalised()
    category, category_why = category_factor(demand, listing, taxonomy)
    specs, specs_why = specs_factor(demand, listing, taxonomy)
    budget, budget_why = budget_factor(demand, listing)
    region, region_why = region_factor(demand, listing)
    policy, policy_why = policy_factor(demand, listing)
    text, text_why = text_factor(demand, listing, taxonomy, text)
    trust, trust_why = trust_factor(listing)
    values = {
        "category": category, "specs": specs, "budget": budget, "region": region,
        "policy": policy, "text": text, "trust": trust,
    }  # fmt: skip
    reasons = [
        r
        for r in (category_why, *specs_why[:3], budget_why, *policy_why, trust_why, region_why, text_why)
        if r is not None
    ]
    return Scored(score=_total(values, w), breakdown={f: round(v, 4) for f, v in values.items()}, reasons=reasons)
