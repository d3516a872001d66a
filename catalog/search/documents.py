"""The search document: what one listing or demand looks like to a search backend, built the same
way for both backends (PostgreSQL search columns and Meilisearch documents)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.taxonomy.models import Category
from catalog.text import INSIDE, SERVES, Analyzer, normalise, normalise_joined, short_place

# Weights of the fields, best first (PostgreSQL tsvector weights).
FIELD_WEIGHTS = (("title", "A"), ("category", "B"), ("brand_model", "C"), ("description", "D"))
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
# Positions kept per lexeme and field: enough for weights and cover density, small enough that
# the tsvector stays inline in the row (no TOAST fetch per ranked row).
POSITIONS_PER_FIELD = 2


@dataclass(frozen=True)
class CategoryInfo:
    """A category as documents need it: its name and aliases and its group's."""

    code: str
    name: str
    aliases: list[str]
    path: list[str]  # ancestor codes, the group first, the category itself last
    group_name: str | None
    group_aliases: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # spec key → unit (mm, kW, 轴 …)


def category_info(category: Category, groups: dict[str, Category]) -> CategoryInfo:
    group = groups.get(category.parent_code) if category.parent_code else None
    return CategoryInfo(
        code=category.code, name=category.name, aliases=list(category.aliases), path=list(category.ancestors),
        group_name=group.name if group else None, group_aliases=list(group.aliases) if group else [],
        units={str(d["key"]): str(d["unit"]) for d in category.spec_schema or [] if d.get("unit")},
    )  # fmt: skip


@dataclass(frozen=True)
class Provenance:
    """Who offers a listing and where: the supplier's name, the names of its region (with
    ancestors) and of the listing's service regions (a demand: its region's names)."""

    supplier: str = ""
    places: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)  # SERVES/INSIDE tokens of the service regions


NUMERALS = "零一二三四五六七八九十"
# Units after which a small whole number is also written in Chinese numerals (5轴 = 五轴).
COUNTED_UNITS = ("轴", "工位", "针筒", "头", "色")


def spec_text(specs: dict[str, Any] | None, units: dict[str, str]) -> str:
    """A listing's spec values as words search can find: numbers with their unit (6000W,
    φ-less 3200mm), small counts also in Chinese numerals (五轴), text values as written."""
    words: list[str] = []
    for key, value in (specs or {}).items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, str):
            words.append(value)
            continue
        if not isinstance(value, int | float):
            continue
        unit = units.get(key, "")
        number = f"{value:g}" if isinstance(value, float) else str(value)
        words.append(f"{number}{unit}")
        if unit in COUNTED_UNITS and isinstance(value, int | float) and float(value).is_integer() and 0 < value <= 10:
            words.append(f"{NUMERALS[int(value)]}{unit}")
    return " ".join(words)


def place_names(names: list[str]) -> list[str]:
    """Region names and their short forms (海宁市 → 海宁市 海宁; 浙江省 → 浙江省 浙江)."""
    out: list[str] = []
    for name in names:
        if not name or name == "全国":
            continue
        out.extend([name, short_place(name)])
    return list(dict.fromkeys(out))


def service_tokens(chains: list[list[str]]) -> list[str]:
    """For each service region (its names from the province down to itself): SERVES + its short
    name, INSIDE + each ancestor's — so a query for 嘉兴 finds a listing serving 海宁 (inside it) or
    浙江 (around it), and one for 海宁 a listing serving 嘉兴 or 浙江."""
    out: list[str] = []
    for chain in chains:
        if chain:
            out.append(SERVES + short_place(chain[-1]))
            out.extend(INSIDE + short_place(n) for n in chain[:-1])
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class SearchDocument:
    """One listing or demand for search. `segments` holds our jieba search-mode tokens per field
    (title, category, brand_model, description)."""

    id: uuid.UUID
    kind: str  # listing | demand
    status: str
    title: str
    category: CategoryInfo | None
    brand: str | None
    model: str | None
    description: str
    tags: list[str]
    energy_grade: int | None
    price_min: Decimal | None
    budget_max: Decimal | None
    recommended: bool
    regions: list[str]  # listings: the service regions; demands: the demand's region
    motivations: list[str]
    published_at: datetime | None
    segments: dict[str, list[str]]

    @property
    def searchable(self) -> bool:
        return self.status == "published"

    def search_text(self) -> str:
        """Normalised title, brand, model and category names, for trigram (partial, misspelt)
        matching — the fallback when no word of a query is known anywhere. Not the description:
        its trigrams made the trigram GIN index the costliest part of writing a search row (an
        import paid ~100 µs a row for it), and leaving them out changed no figure of
        bench.search_quality or bench.eval_unseen (README, Spreadsheet import)."""
        parts = [self.title, self.brand or "", self.model or ""]
        if self.category is not None:
            parts += [self.category.name, *self.category.aliases]
        return normalise_joined(p for p in parts if p)

    def tsvector_literal(self) -> str:
        """The weighted tsvector as PostgreSQL's input syntax ('token':1A …): our tokens verbatim,
        no parser in between, so index and query see the same lexemes."""
        positions: dict[str, str] = {}  # token → its places, written ("3A,7A,35D")
        position = 0
        for name, weight in FIELD_WEIGHTS:
            tokens: Sequence[str] = self.segments.get(name, ())
            if position + len(tokens) >= MAX_POSITION:
                tokens = tokens[: max(MAX_POSITION - position, 0)]  # the rest would all sit at the cap
                capped = True
            else:
                capped = False
            # Each token's first place in this field, and up to POSITIONS_PER_FIELD - 1 more.
            first: dict[str, int] = {}
            more: dict[str, list[int]] = {}
            for place, token in enumerate(tokens, start=position + 1):
                if token in first:
                    extra = more.get(token)
                    if extra is None:
                        more[token] = [place]
                    elif len(extra) < POSITIONS_PER_FIELD - 1:
                        extra.append(place)
                else:
                    first[token] = place
            if capped:
                self._at_cap(self.segments.get(name, ())[len(tokens) :], first, more)
            position = min(position + len(self.segments.get(name, ())), MAX_POSITION)
            for token, place in first.items():
                extra = more.get(token)
                mark = f"{place}{weight}" if extra is None else ",".join(f"{p}{weight}" for p in (place, *extra))
                known = positions.get(token)
                positions[token] = mark if known is None else f"{known},{mark}"
            position = min(position + 10, MAX_POSITION)  # a gap: no phrase spans two fields
        quoted = _QUOTED
        if len(quoted) > 100_000:
            quoted.clear()
        out = []
        for token, marks in positions.items():
            lexeme = quoted.get(token)
            if lexeme is None:
                lexeme = quoted[token] = tsquote(token) + ":"
            out.append(lexeme + marks)
        return " ".join(out)

    @staticmethod
    def _at_cap(tokens: Sequence[str], first: dict[str, int], more: dict[str, list[int]]) -> None:
        """The tokens of a field past PostgreSQL's last position: each sits at MAX_POSITION."""
        for token in tokens:
            if token in first:
                extra = more.setdefault(token, [])
                if len(extra) < POSITIONS_PER_FIELD - 1:
                    extra.append(MAX_POSITION)
            else:
                first[token] = MAX_POSITION


_QUOTED: dict[str, str] = {}  # token → its quoted lexeme and colon, for tsvector_literal


def tsquote(token: str) -> str:
    """A lexeme quoted for tsvector/tsquery input syntax."""
    if "'" in token or "\\" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{token}'"


@lru_cache(maxsize=1024)
def _category_tokens(analyzer: Analyzer, category_text: str) -> tuple[str, ...]:
    """A category's tokens, segmented once per process rather than once per row (a third of an
    import's segmentation time went here)."""
    return tuple(analyzer.tokens(category_text))


# Words of a company name that say nothing about what it sells.
COMPANY_WORDS = frozenset(
    "有限公司 有限 公司 股份 股份有限公司 集团 控股 科技 技术 实业 工业 制造 机械 设备 装备 工程 智能 自动化 "
    "发展 贸易 国际 中国 责任 有限责任公司".split()
)


def supplier_tokens(analyzer: Analyzer, name: str) -> list[str]:
    """The tokens of a supplier's name that tell it apart (鲁宁, 恒诚, 海宁 …): not its legal form,
    and no equipment word — a 数控机床有限公司 selling a welder must not be found by 机床.
    Worked out once per name and process (an import's rows share their supplier)."""
    return list(_supplier_tokens(analyzer, name))


@lru_cache(maxsize=4096)
def _supplier_tokens(analyzer: Analyzer, name: str) -> tuple[str, ...]:
    known = analyzer.lexicon.categories.keys() | analyzer.lexicon.synonyms.keys()
    tokens = analyzer.tokens(name, index=True)
    equipment = [t for t in tokens if t in known]
    return tuple(t for t in tokens if t not in COMPANY_WORDS and not any(t in word for word in equipment))


def _segments(
    analyzer: Analyzer,
    title: str,
    category: CategoryInfo | None,
    brand_model: str,
    description: str,
    places: list[str] | None = None,
    supplier: str = "",
    serves: list[str] | None = None,
    tags: list[str] | None = None,
) -> dict[str, list[str]]:
    serves = serves or []
    tag_tokens = [token for tag in tags or [] for token in analyzer.tokens(tag, index=True)]
    category_tokens: list[str] = []
    if category is not None:
        text = " ".join([category.name, *category.aliases, category.group_name or "", *category.group_aliases])
        category_tokens = list(_category_tokens(analyzer, text))
    return {
        "title": analyzer.tokens(title, index=True),
        "category": category_tokens,
        "brand_model": analyzer.tokens(brand_model, index=True)
        + (supplier_tokens(analyzer, supplier) if supplier else []),
        "description": analyzer.tokens(description, index=True)
        + [normalise(p) for p in places or []]
        + serves
        + tag_tokens,
    }


def listing_document(
    listing: Listing, category: CategoryInfo, analyzer: Analyzer, provenance: Provenance | None = None
) -> SearchDocument:
    """The listing's document; brand, model, spec values and (with `provenance`) the supplier's
    name weigh as brand and model, the supplier's and service regions' places and the listing's
    tags (首台套, 专精特新 …: a search for 首台套 finds the listings tagged so) as description."""
    provenance = provenance or Provenance()
    specs = spec_text(listing.specs, category.units)
    brand_model = " ".join(p for p in (listing.brand, listing.model, specs) if p)
    return SearchDocument(
        id=listing.id, kind="listing", status=listing.status, title=listing.title, category=category,
        brand=listing.brand, model=listing.model, description=listing.description or "",
        tags=list(listing.tags or []), energy_grade=listing.energy_grade, price_min=listing.price_min,
        budget_max=None, recommended=bool(listing.recommended), regions=list(listing.service_regions or []),
        motivations=[], published_at=listing.published_at,
        segments=_segments(
            analyzer, listing.title, category, brand_model, listing.description or "", provenance.places,
            provenance.supplier, provenance.serves, list(listing.tags or []),
        ),
    )  # fmt: skip


def demand_document(
    demand: Demand, category: CategoryInfo | None, analyzer: Analyzer, provenance: Provenance | None = None
) -> SearchDocument:
    return SearchDocument(
        id=demand.id, kind="demand", status=demand.status, title=demand.title, category=category,
        brand=None, model=None, description=demand.description or "", tags=[], energy_grade=None,
        price_min=None, budget_max=demand.budget_max, recommended=False, regions=[demand.region_code],
        motivations=list(demand.motivations or []), published_at=demand.published_at,
        segments=_segments(
            analyzer, demand.title, category, "", demand.description or "", (provenance or Provenance()).places
        ),
    )  # fmt: skip


def as_json(document: SearchDocument, region_paths: dict[str, list[str]]) -> dict[str, Any]:
    """The Meilisearch document: display fields, filterable codes (category path, region
    ancestors), and `segments` — our jieba tokens joined by spaces, so sub-terms match."""
    category = document.category
    regions = sorted({a for code in document.regions for a in region_paths.get(code, [code])})
    return {
        "id": str(document.id),
        "title": document.title,
        "category_name": category.name if category else None,
        "category_aliases": " ".join([*category.aliases, category.group_name or ""]) if category else "",
        "brand": document.brand,
        "model": document.model,
        "description": document.description,
        "segments_title": " ".join(document.segments.get("title", [])),
        "segments_category": " ".join(document.segments.get("category", [])),
        "segments_body": " ".join(document.segments.get("brand_model", []) + document.segments.get("description", [])),
        "category_code": category.code if category else None,
        "category_path": category.path if category else [],
        "region_codes": document.regions,
        "region_path": regions,
        "tags": document.tags,
        "energy_grade": document.energy_grade,
        "price_min": float(document.price_min) if document.price_min is not None else None,
        "budget_max": float(document.budget_max) if document.budget_max is not None else None,
        "motivations": document.motivations,
        "recommended": document.recommended,
        "status": document.status,
        "published_at": int(document.published_at.timestamp()) if document.published_at else 0,
    }
