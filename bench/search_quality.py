"""Search quality: nDCG@10 of our search and of a plain BM25-over-jieba baseline, on the demo
data, for the graded queries in tests/search/queries.yaml, overall and per kind.

    .venv/bin/python -m bench.search_quality          # fresh bench database, demo data, report

The baseline is computed in the same run over the same rows: jieba's stock dictionary
(cut_for_search) over title, brand, model and description, Okapi BM25 (k1 1.5, b 0.75), the same
filters applied in Python.
"""

from __future__ import annotations

import asyncio
import math
import re
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import text

from catalog.search.base import SearchQuery
from catalog.search.postgres import PostgresSearch
from catalog.search.service import resolve
from service.db import make_engine, make_sessionmaker

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "search" / "queries.yaml"
K = 10
_BATCH_SUFFIX = re.compile(r"-\d+$")
_WORD = re.compile(r"\w")


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return queries


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    """nDCG@k with gains 2^grade − 1."""
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


@dataclass
class Row:
    id: uuid.UUID
    key: str  # external id without the bench batch suffix
    text: str
    category_path: list[str]
    tags: list[str]
    regions: list[str]
    energy_grade: int | None
    price_min: Decimal | None


class BM25:
    """Okapi BM25 over jieba's stock search-mode segmentation."""

    def __init__(self, rows: list[Row], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.docs = {row.id: Counter(self.cut(row.text)) for row in rows}
        self.lengths = {i: sum(c.values()) for i, c in self.docs.items()}
        self.avg = sum(self.lengths.values()) / max(len(self.lengths), 1)
        df: Counter[str] = Counter()
        for counts in self.docs.values():
            df.update(counts.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    @staticmethod
    def cut(value: str) -> list[str]:
        import jieba

        jieba.setLogLevel(60)
        return [t for t in jieba.lcut_for_search(value.lower()) if _WORD.search(t)]

    def rank(self, q: str, allowed: set[uuid.UUID], k: int = K) -> list[uuid.UUID]:
        terms = self.cut(q)
        scores: dict[uuid.UUID, float] = defaultdict(float)
        for doc_id in allowed:
            counts, length = self.docs[doc_id], self.lengths[doc_id]
            for term in terms:
                f = counts.get(term, 0)
                if f:
                    scores[doc_id] += (
                        self.idf[term] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
                    )
        return [i for i, _ in sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))[:k]]


def passes(row: Row, filters: dict[str, Any], region_paths: dict[str, list[str]]) -> bool:
    if "category" in filters and filters["category"] not in row.category_path:
        return False
    if "tags" in filters and not set(filters["tags"]) <= set(row.tags):
        return False
    if "region" in filters and not set(region_paths.get(filters["region"], [])) & set(row.regions):
        return False
    if "energy_grade_max" in filters and (row.energy_grade is None or row.energy_grade > filters["energy_grade_max"]):
        return False
    return "price_max" not in filters or (
        row.price_min is not None and row.price_min <= Decimal(str(filters["price_max"]))
    )


@dataclass
class Report:
    ours: dict[str, float] = field(default_factory=dict)  # kind (and "overall") → mean nDCG@10
    baseline: dict[str, float] = field(default_factory=dict)
    per_query: list[tuple[str, str, float, float]] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"{'kind':<12}{'queries':>8}{'ours':>9}{'BM25':>9}"]
        kinds = Counter(kind for kind, _, _, _ in self.per_query)
        for kind in [*sorted(kinds), "overall"]:
            n = kinds[kind] if kind != "overall" else len(self.per_query)
            lines.append(f"{kind:<12}{n:>8}{self.ours[kind]:>9.3f}{self.baseline[kind]:>9.3f}")
        return "\n".join(lines)


async def evaluate(url: str, queries: list[dict[str, Any]] | None = None) -> Report:
    """Run every query through our PostgreSQL search and through the BM25 baseline."""
    queries = queries or load_queries()
    engine = make_engine(url)
    maker = make_sessionmaker(engine)
    backend = PostgresSearch()
    report = Report()
    by_kind_ours: dict[str, list[float]] = defaultdict(list)
    by_kind_base: dict[str, list[float]] = defaultdict(list)
    try:
        async with maker() as session:
            result = await session.execute(
                text(
                    "SELECT l.id, l.external_id, concat_ws(' ', l.title, l.brand, l.model, l.description) AS body, "
                    "c.ancestors, l.tags, l.service_regions, l.energy_grade, l.price_min "
                    "FROM listings l JOIN categories c ON c.code = l.category_code WHERE l.status = 'published'"
                )
            )
            rows = [
                Row(r[0], _BATCH_SUFFIX.sub("", r[1] or ""), r[2], list(r[3]), list(r[4]), list(r[5]), r[6], r[7])
                for r in result
            ]
            paths = {
                code: list(anc) for code, anc in await session.execute(text("SELECT code, ancestors FROM regions"))
            }
            keys = {row.id: row.key for row in rows}
            bm25 = BM25(rows)
            for entry in queries:
                filters = entry.get("filters", {})
                allowed = {row.id for row in rows if passes(row, filters, paths)}
                relevant = {k: g for k, g in entry["relevant"].items() if k in {keys[i] for i in allowed}}
                query = SearchQuery(
                    q=entry["q"], region=filters.get("region"), tags=filters.get("tags", []),
                    energy_grade_max=filters.get("energy_grade_max"),
                    price_max=Decimal(str(filters["price_max"])) if "price_max" in filters else None, limit=K,
                )  # fmt: skip
                query = await resolve(session, query, category=filters.get("category"))
                ours = [keys.get(h.id, "") for h in (await backend.search(session, "listing", query)).items]
                base = [keys[i] for i in bm25.rank(entry["q"], allowed)]
                a, b = ndcg(ours, relevant), ndcg(base, relevant)
                report.per_query.append((entry["kind"], entry["q"], a, b))
                by_kind_ours[entry["kind"]].append(a)
                by_kind_base[entry["kind"]].append(b)
    finally:
        await engine.dispose()
    for kind in by_kind_ours:
        report.ours[kind] = sum(by_kind_ours[kind]) / len(by_kind_ours[kind])
        report.baseline[kind] = sum(by_kind_base[kind]) / len(by_kind_base[kind])
    report.ours["overall"] = sum(a for _, _, a, _ in report.per_query) / len(report.per_query)
    report.baseline["overall"] = sum(b for _, _, _, b in report.per_query) / len(report.per_query)
    return report


def main() -> None:
    from bench.fixtures import bench_database, load_market

    verbose = "-v" in sys.argv
    database = bench_database("bench_search_quality")
    try:
        asyncio.run(load_market(database.url, listings=400, demands=300))
        report = asyncio.run(evaluate(database.url))
    finally:
        database.stop()
    if verbose:
        for kind, q, a, b in report.per_query:
            print(f"{kind:<11} {a:6.3f} {b:6.3f}  {q}")
    print(f"nDCG@{K} over {len(report.per_query)} queries (demo data, 400 listings)")
    print(report.table())


if __name__ == "__main__":
    main()
