"""Search and matching on data the project did not write: nDCG@10 through the HTTP API alone,
against baselines computed in the same run, on the train and the held-out halves.

    .venv/bin/python -m bench.eval_unseen              # or: make bench-unseen
    .venv/bin/python -m bench.eval_unseen -v           # every query and demand, worst first
    .venv/bin/python -m bench.eval_unseen --fit        # also grid-search the match weights on TRAIN

The data (`bench/eval/`, written and graded blind to the code, see its GRADING.md and
MATCH_GRADING.md): `listings.jsonl` (POST /listings bodies + eval_id, supplier_name,
supplier_region), `queries.jsonl` + `qrels.jsonl` + `split.json` (search), `demands.jsonl` +
`match_qrels.jsonl` + `match_split.json` (matching).

The run starts from an empty database (`bench_database`: migrated, reference data only), creates
one supplier per supplier_name and one buyer per buyer (valid USCCs, registered in their region),
and loads everything through the API: POST /listings + publish, POST /demands + publish. Then
every query goes through GET /api/v1/search/listings (its filters as query parameters) and every
demand through GET /api/v1/demands/{id}/matches. Baselines, over the same listings in the same run:

- BM25: Okapi BM25 over stock jieba (cut_for_search) of title, brand, model and description, the
  query's filters applied exactly;
- keyword matcher (matching): listings of the demand's category subtree (all, when it names none)
  that serve the demand's region, then BM25 of the demand's title and description.

Weights fitting (`--fit`) re-ranks each TRAIN demand's returned top 50 by the breakdown the API
gives per factor and reports the best weights; the held-out half is never looked at for that.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import math
import random
import sys
import uuid
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.search_quality import BM25
from catalog.organizations.models import Organization
from catalog.organizations.service import create_user
from catalog.organizations.uscc import generate_uscc
from catalog.taxonomy.repository import find_category
from matching.scoring import FACTORS, MatchWeights
from service.auth import issue_token
from service.config import Settings
from service.db import make_engine, make_sessionmaker
from service.main import create_app

warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
DATA = Path(__file__).resolve().parent / "eval"
K = 10
API = "/api/v1"
# Query filters the API takes as they are (anything else in a query's filters is reported and ignored).
FILTER_PARAMS = ("category", "region", "tags", "energy_grade_max", "price_max", "price_min", "recommended", "sort")


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k with gains 2^grade − 1 (0 when nothing is relevant)."""
    dcg = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pick(row: dict[str, Any], *names: str, default: Any = None) -> Any:
    """The first of `names` present in `row` (the writers' files name a few things their own way)."""
    for name in names:
        if name in row and row[name] is not None:
            return row[name]
    return default


def qrels_of(rows: list[dict[str, Any]], query_keys: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """query id → {listing eval_id: grade}."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        qid = str(pick(row, *query_keys))
        doc = str(pick(row, "eval_id_listing", "eval_id", "listing_eval_id", "listing_id", "doc_id", "doc"))
        out[qid][doc] = int(pick(row, "grade", "relevance", "rel", "score", default=0))
    return out


def split_of(path: Path) -> dict[str, str]:
    """id → train | heldout, from {"train": [...], "heldout": [...]} or {id: half}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    halves: dict[str, str] = {}
    if isinstance(data, dict) and any(isinstance(v, list) for v in data.values()):
        for half, ids in data.items():
            if isinstance(ids, list):
                name = "train" if half.lower().startswith(("train", "dev", "tune")) else "heldout"
                halves.update({str(i): name for i in ids})
    elif isinstance(data, dict):
        halves = {
            str(k): ("train" if str(v).lower().startswith(("train", "dev")) else "heldout") for k, v in data.items()
        }
    return halves


# --------------------------------------------------------------------------- loading through the API


@dataclass
class Loaded:
    listings: dict[str, str] = field(default_factory=dict)  # listing id → eval_id
    listing_rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # eval_id → the source row
    supplier_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


async def region_lookup(engine: AsyncEngine) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(name → code, code → ancestors, code → name) of the reference regions."""
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT code, name, ancestors FROM regions"))).all()
    names = {r.name: r.code for r in rows}
    return names, {r.code: list(r.ancestors) for r in rows}, {r.code: r.name for r in rows}


def region_code_of(value: str | None, names: dict[str, str], paths: dict[str, list[str]]) -> str:
    """A region code for a code or a name (海宁市, 浙江省嘉兴市海宁市, 海宁): the deepest region
    whose name (with or without its 市/县/区/省 suffix) occurs in the text; 000000 when none."""
    if not value:
        return "000000"
    value = str(value).strip()
    if value in paths:
        return value
    best, depth = "000000", -1
    for name, code in names.items():
        short = name.rstrip("市县区省") if len(name) > 2 else name
        if code != "000000" and (name in value or (len(short) >= 2 and short in value)):
            if len(paths.get(code, [])) > depth:
                best, depth = code, len(paths.get(code, []))
    return best


async def make_org(
    engine: AsyncEngine, settings: Settings, rng: random.Random, *, kind: str, name: str, region: str
) -> dict[str, str]:
    """An organisation with one user (valid USCC registered in its region) and that user's headers."""
    async with make_sessionmaker(engine)() as session, session.begin():
        org = Organization(
            name=name[:100], uscc=generate_uscc(region if region != "000000" else "110000", rng, authority="9", kind="1"),
            kind=kind, region_code=region,
        )  # fmt: skip
        session.add(org)
        await session.flush()
        user = await create_user(
            session, email=f"{kind}-{uuid.uuid4().hex[:10]}@eval.equipmatch.cn", password="Eval@2024",
            display_name="评测", organization_id=org.id, roles=["org_admin"],
        )  # fmt: skip
        user.organization = org
        token, _ = issue_token(settings, user)
    return {"Authorization": f"Bearer {token}"}


async def post_and_publish(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str]
) -> str | None:
    created = await client.post(f"{API}/{path}", json=body, headers=headers)
    if created.status_code != 201:
        return None
    ident = str(created.json()["id"])
    published = await client.post(f"{API}/{path}/{ident}/publish", headers=headers)
    return ident if published.status_code in (200, 201) else None


async def load_listings(
    client: httpx.AsyncClient, engine: AsyncEngine, settings: Settings, rows: list[dict[str, Any]], regions: Any
) -> Loaded:
    names, paths, _ = regions
    rng = random.Random(2024)
    loaded = Loaded()
    for row in rows:
        supplier = str(pick(row, "supplier_name", default="评测供应商"))
        if supplier not in loaded.supplier_headers:
            region = region_code_of(pick(row, "supplier_region", "supplier_region_code"), names, paths)
            loaded.supplier_headers[supplier] = await make_org(
                engine, settings, rng, kind="supplier", name=supplier, region=region
            )
        body = {k: v for k, v in row.items() if k not in ("eval_id", "supplier_name", "supplier_region")}
        body.setdefault("external_id", f"eval-{row['eval_id']}")
        ident = await post_and_publish(client, "listings", body, loaded.supplier_headers[supplier])
        eval_id = str(row["eval_id"])
        loaded.listing_rows[eval_id] = row
        if ident is None:
            created = await client.post(f"{API}/listings", json=body, headers=loaded.supplier_headers[supplier])
            loaded.failures.append(f"{eval_id}: {created.status_code} {created.text[:200]}")
            continue
        loaded.listings[ident] = eval_id
    return loaded


# --------------------------------------------------------------------------- baselines


@dataclass
class Doc:
    eval_id: str
    category_path: list[str]
    tags: list[str]
    regions: list[str]
    energy_grade: int | None
    price_min: Decimal | None
    text: str


async def docs_of(engine: AsyncEngine, loaded: Loaded) -> dict[uuid.UUID, Doc]:
    """The loaded listings as the baselines see them (read back from the database)."""
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT l.id, concat_ws(' ', l.title, l.brand, l.model, l.description), c.ancestors, l.tags, "
                    "l.service_regions, l.energy_grade, l.price_min FROM listings l "
                    "JOIN categories c ON c.code = l.category_code WHERE l.status = 'published'"
                )
            )
        ).all()
    return {
        r[0]: Doc(loaded.listings[str(r[0])], list(r[2]), list(r[3]), list(r[4]), r[5], r[6], r[1])
        for r in rows
        if str(r[0]) in loaded.listings
    }


async def category_code(engine: AsyncEngine, value: str, cache: dict[str, str | None]) -> str | None:
    """A category code for a code, name or alias (as the API resolves its `category` filter)."""
    if value not in cache:
        async with make_sessionmaker(engine)() as session:
            found = await find_category(session, value)
        cache[value] = found.code if found is not None else None
    return cache[value]


def passes(doc: Doc, filters: dict[str, Any], category: str | None, region_path: list[str]) -> bool:
    """The contract's listing filters, exactly (for the baselines)."""
    if category is not None and category not in doc.category_path:
        return False
    tags = filters.get("tags")
    if tags and not set([tags] if isinstance(tags, str) else tags) <= set(doc.tags):
        return False
    if region_path and not set(region_path) & set(doc.regions):
        return False
    grade = filters.get("energy_grade_max")
    if grade is not None and (doc.energy_grade is None or doc.energy_grade > int(grade)):
        return False
    if filters.get("price_max") is not None and (
        doc.price_min is None or doc.price_min > Decimal(str(filters["price_max"]))
    ):
        return False
    return filters.get("price_min") is None or (
        doc.price_min is not None and doc.price_min >= Decimal(str(filters["price_min"]))
    )


# --------------------------------------------------------------------------- reporting


def table(title: str, rows: list[tuple[str, str, str, dict[str, float]]], systems: tuple[str, ...]) -> str:
    """rows: (half, kind, id, {system: nDCG}) → mean per half and kind, and overall per half."""
    out = [title, f"{'half':<9}{'kind':<14}{'n':>5}" + "".join(f"{s:>12}" for s in systems)]
    for half in ("train", "heldout", "all"):
        mine = [r for r in rows if half == "all" or r[0] == half]
        kinds = sorted({r[1] for r in mine})
        for kind in [*kinds, "overall"]:
            these = [r for r in mine if kind == "overall" or r[1] == kind]
            if not these:
                continue
            means = "".join(f"{sum(r[3][s] for r in these) / len(these):>12.3f}" for s in systems)
            out.append(f"{half:<9}{kind:<14}{len(these):>5}{means}")
    return "\n".join(out)


# --------------------------------------------------------------------------- search


async def run_search(
    client: httpx.AsyncClient,
    engine: AsyncEngine,
    data: Path,
    loaded: Loaded,
    docs: dict[uuid.UUID, Doc],
    regions: Any,
    verbose: bool,
) -> list[tuple[str, str, str, dict[str, float]]]:
    names, paths, _ = regions
    queries = read_jsonl(data / "queries.jsonl")
    qrels = qrels_of(read_jsonl(data / "qrels.jsonl"), ("qid", "query_id", "id"))
    halves = split_of(data / "split.json")
    bm25 = BM25([_Row(i, d.text) for i, d in docs.items()])  # type: ignore[misc]
    cache: dict[str, str | None] = {}
    ignored: Counter[str] = Counter()
    rows: list[tuple[str, str, str, dict[str, float]]] = []
    for query in queries:
        qid = str(pick(query, "qid", "query_id", "id"))
        q = str(pick(query, "q", "query", "text", default=""))
        kind = str(pick(query, "kind", "type", "category_of_query", default="?"))
        filters = dict(pick(query, "filters", default={}) or {})
        params: dict[str, Any] = {"q": q, "limit": K}
        for key, value in filters.items():
            if key in FILTER_PARAMS:
                params[key] = ",".join(value) if isinstance(value, list) else value
            else:
                ignored[key] += 1
        answer = await client.get(f"{API}/search/listings", params=params)
        ours = (
            [loaded.listings.get(str(i["id"]), "") for i in answer.json()["items"]] if answer.status_code == 200 else []
        )
        category = await category_code(engine, str(filters["category"]), cache) if filters.get("category") else None
        region = region_code_of(filters["region"], names, paths) if filters.get("region") else None
        region_path = paths.get(region, [region]) if region else []
        allowed = {i for i, d in docs.items() if passes(d, filters, category, region_path)}
        base = [docs[i].eval_id for i in bm25.rank(q, allowed)] if q.strip() else []
        grades = qrels.get(qid, {})
        scores = {"ours": ndcg(ours, grades), "BM25": ndcg(base, grades)}
        rows.append((halves.get(qid, "heldout"), kind, qid, scores))
        if verbose and answer.status_code != 200:
            print(f"  ! {qid} {answer.status_code} {answer.text[:160]}")
    if ignored:
        print(f"filters not passed to the API: {dict(ignored)}")
    if verbose:
        for half, kind, qid, s in sorted(rows, key=lambda r: r[3]["ours"] - r[3]["BM25"]):
            q = next(
                str(pick(x, "q", "query", "text")) for x in queries if str(pick(x, "qid", "query_id", "id")) == qid
            )
            print(f"  {half:<8}{kind:<12}{s['ours']:6.3f}{s['BM25']:7.3f}  {qid} {q}")
    return rows


@dataclass
class _Row:
    id: uuid.UUID
    text: str


# --------------------------------------------------------------------------- matching


@dataclass
class MatchRun:
    rows: list[tuple[str, str, str, dict[str, float]]]
    empty_with_relevant: list[str]
    breakdowns: dict[str, list[tuple[str, dict[str, float]]]]  # demand id → [(eval_id, breakdown)]
    grades: dict[str, dict[str, int]]
    halves: dict[str, str]


async def run_matching(
    client: httpx.AsyncClient, engine: AsyncEngine, settings: Settings, data: Path, loaded: Loaded,
    docs: dict[uuid.UUID, Doc], regions: Any, verbose: bool, reused: dict[str, tuple[str, dict[str, str]]],
) -> MatchRun:  # fmt: skip
    names, paths, _ = regions
    demands = read_jsonl(data / "demands.jsonl")
    qrels = qrels_of(
        read_jsonl(data / "match_qrels.jsonl"), ("demand_id", "demand_eval_id", "did", "qid", "eval_id_demand")
    )
    halves = split_of(data / "match_split.json")
    bm25 = BM25([_Row(i, d.text) for i, d in docs.items()])  # type: ignore[misc]
    rng = random.Random(7)
    buyers: dict[str, dict[str, str]] = {}
    cache: dict[str, str | None] = {}
    rows: list[tuple[str, str, str, dict[str, float]]] = []
    empty: list[str] = []
    breakdowns: dict[str, list[tuple[str, dict[str, float]]]] = {}
    for demand in demands:
        did = str(pick(demand, "eval_id", "demand_id", "id"))
        region = region_code_of(pick(demand, "region_code", "buyer_region"), names, paths)
        buyer = str(pick(demand, "buyer_name", default=f"评测需求企业{region}"))
        if buyer not in buyers and did not in reused:
            buyers[buyer] = await make_org(engine, settings, rng, kind="buyer", name=buyer, region=region)
        body = {k: v for k, v in demand.items() if k not in ("eval_id", "buyer_name", "buyer_region", "kind", "style")}
        body.setdefault("region_code", region)
        body.setdefault("external_id", f"eval-{did}")
        ident: str | None = None
        if did in reused:
            ident, buyers[buyer] = reused[did]
        else:
            ident = await post_and_publish(client, "demands", body, buyers[buyer])
        grades = qrels.get(did, {})
        kind = str(pick(demand, "kind", "style", default="categorised" if demand.get("category") else "uncategorised"))
        if ident is None:
            created = await client.post(f"{API}/demands", json=body, headers=buyers[buyer])
            print(f"  ! demand {did} not loaded: {created.status_code} {created.text[:200]}")
            ours: list[str] = []
            items: list[dict[str, Any]] = []
        else:
            answer = await client.get(f"{API}/demands/{ident}/matches", params={"limit": 50}, headers=buyers[buyer])
            items = answer.json()["items"] if answer.status_code == 200 else []
            ours = [loaded.listings.get(str(i["listing"]["id"]), "") for i in items]
            breakdowns[did] = [(loaded.listings.get(str(i["listing"]["id"]), ""), i["breakdown"]) for i in items]
        if not ours and any(g > 0 for g in grades.values()):
            empty.append(did)
        category = await category_code(engine, str(demand["category"]), cache) if demand.get("category") else None
        region_path = paths.get(body["region_code"], [body["region_code"]])
        served = {i for i, d in docs.items() if set(region_path) & set(d.regions)}
        in_category = {i for i in served if category is None or category in docs[i].category_path}
        words = f"{demand.get('title', '')} {demand.get('description', '')}"
        keyword = [docs[i].eval_id for i in bm25.rank(words, in_category)]
        plain = [docs[i].eval_id for i in bm25.rank(words, served)]
        scores = {"ours": ndcg(ours, grades), "BM25": ndcg(plain, grades), "keyword": ndcg(keyword, grades)}
        rows.append((halves.get(did, "heldout"), kind, did, scores))
    if verbose:
        for half, kind, did, s in sorted(rows, key=lambda r: r[3]["ours"] - r[3]["keyword"]):
            title = next(str(d.get("title")) for d in demands if str(pick(d, "eval_id", "demand_id", "id")) == did)
            print(f"  {half:<8}{kind:<14}{s['ours']:6.3f}{s['keyword']:7.3f}{s['BM25']:7.3f}  {did} {title}")
    return MatchRun(rows, empty, breakdowns, qrels, halves)


def fit_weights(run: MatchRun) -> tuple[dict[str, float], float, float]:
    """Grid search of the factor weights on the TRAIN demands only: re-rank each demand's returned
    top 50 by Σ weight × factor (every combination of the grid at once, with numpy); the best mean
    nDCG@10, ties to the combination found first."""
    import numpy as np

    train = [d for d, half in run.halves.items() if half == "train" and run.breakdowns.get(d)]
    grid = (0.0, 0.05, 0.1, 0.2, 0.35)
    combos = np.array([c for c in itertools.product(grid, repeat=len(FACTORS)) if any(c)], dtype=float)
    default = MatchWeights().normalised()
    combos = np.vstack([np.array([[default[f] for f in FACTORS]]), combos])
    totals = np.zeros(len(combos))
    discounts = 1.0 / np.log2(np.arange(K) + 2)
    for d in train:
        items = run.breakdowns[d]
        grades = run.grades.get(d, {})
        gains = np.array([2 ** grades.get(e, 0) - 1 for e, _ in items], dtype=float)
        ideal = sorted((2**g - 1 for g in grades.values() if g > 0), reverse=True)[:K]
        idcg = float(sum(g * discounts[i] for i, g in enumerate(ideal)))
        if not idcg:
            continue
        factors = np.array([[b.get(f, 0.0) for f in FACTORS] for _, b in items], dtype=float)
        scores = factors @ combos.T  # items × combos
        order = np.argsort(-scores, axis=0, kind="stable")[:K]  # top K per combo
        totals += (gains[order] * discounts[: len(order)][:, None]).sum(axis=0) / idcg
    means = totals / max(len(train), 1)
    best = int(np.argmax(means))
    weights = dict(zip(FACTORS, (float(v) for v in combos[best] / combos[best].sum()), strict=True))
    return weights, float(means[0]), float(means[best])


# --------------------------------------------------------------------------- main


async def reuse_loaded(
    engine: AsyncEngine, settings: Settings, data: Path
) -> tuple[Loaded, dict[str, tuple[str, dict[str, str]]]]:
    """What an earlier run loaded (by the external ids it gave: eval-<eval_id>), re-indexed with the
    current code and with its stored matches dropped, so everything is computed afresh."""
    from catalog.organizations.models import User
    from catalog.search.postgres import PostgresSearch
    from catalog.search.reindex import reindex

    maker = make_sessionmaker(engine)
    for kind in ("listing", "demand"):
        await reindex(maker, PostgresSearch(), kind)
    loaded = Loaded()
    rows = {str(r["eval_id"]): r for r in read_jsonl(data / "listings.jsonl")}
    reused: dict[str, tuple[str, dict[str, str]]] = {}
    async with maker() as session, session.begin():
        await session.execute(text("DELETE FROM matches"))
        for ident, external in await session.execute(
            text("SELECT id, external_id FROM listings WHERE external_id LIKE 'eval-%'")
        ):
            loaded.listings[str(ident)] = external.removeprefix("eval-")
        loaded.listing_rows = rows
        found = await session.execute(
            text("SELECT d.id, d.external_id, d.organization_id FROM demands d WHERE d.external_id LIKE 'eval-%'")
        )
        for ident, external, org in found.all():
            user = (await session.execute(select(User).where(User.organization_id == org))).scalars().first()
            if user is not None:
                token, _ = issue_token(settings, user)
                reused[external.removeprefix("eval-")] = (str(ident), {"Authorization": f"Bearer {token}"})
    return loaded, reused


async def evaluate(url: str, data: Path, *, verbose: bool, fit: bool, what: set[str], reuse: bool = False) -> None:
    engine = make_engine(url)
    settings = Settings(env="test", secret_key="eval-secret-" + "x" * 32, database_url=None)
    app = create_app(settings, engine=engine)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://eval", timeout=300) as client,
        ):
            regions = await region_lookup(engine)
            reused: dict[str, tuple[str, dict[str, str]]] = {}
            if reuse:
                loaded, reused = await reuse_loaded(engine, settings, data)
            else:
                loaded = await load_listings(client, engine, settings, read_jsonl(data / "listings.jsonl"), regions)
            print(
                f"loaded {len(loaded.listings)} listings from {len(loaded.supplier_headers)} suppliers through the API"
            )
            for failure in loaded.failures[:20]:
                print(f"  ! listing {failure}")
            docs = await docs_of(engine, loaded)
            if "search" in what and (data / "queries.jsonl").exists():
                rows = await run_search(client, engine, data, loaded, docs, regions, verbose)
                print(table(f"\nsearch nDCG@{K} ({len(rows)} queries)", rows, ("ours", "BM25")))
            if "match" in what and (data / "demands.jsonl").exists():
                run = await run_matching(client, engine, settings, data, loaded, docs, regions, verbose, reused)
                print(table(f"\nmatching nDCG@{K} ({len(run.rows)} demands)", run.rows, ("ours", "keyword", "BM25")))
                relevant = sum(1 for d in run.grades.values() if any(g > 0 for g in d.values()))
                print(f"published demands with relevant listings that got an empty match list: {len(run.empty_with_relevant)} of {relevant}"
                      + (f" ({', '.join(run.empty_with_relevant)})" if run.empty_with_relevant else ""))  # fmt: skip
                if fit:
                    weights, before, after = fit_weights(run)
                    print(f"\nweights fitted on TRAIN (re-ranking the returned top 50): {before:.3f} → {after:.3f}")
                    print("  " + ", ".join(f"{f}={weights[f]:.2f}" for f in FACTORS))
    finally:
        await engine.dispose()


def main() -> None:
    from bench.fixtures import bench_database

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--fit", action="store_true", help="grid-search the match weights on the TRAIN half")
    parser.add_argument("--only", choices=("search", "match"), help="run one half of the evaluation")
    parser.add_argument(
        "--reuse", action="store_true", help="the data an earlier run loaded, re-indexed, matches recomputed"
    )
    args = parser.parse_args()
    if not (args.data / "listings.jsonl").exists():
        sys.exit(f"no evaluation data in {args.data}")
    database = bench_database("bench_eval_unseen", reuse=args.reuse)
    if args.reuse:  # the code may have gained migrations since that database was loaded
        from service.migrate import upgrade

        upgrade(database.url)
    try:
        what = {args.only} if args.only else {"search", "match"}
        asyncio.run(evaluate(database.url, args.data, verbose=args.verbose, fit=args.fit, what=what, reuse=args.reuse))
    finally:
        database.stop()


if __name__ == "__main__":
    main()
