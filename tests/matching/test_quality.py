"""The matching engine keeps its measured quality on the hand-graded demands (bench/match_quality.py):
nDCG@10 at least the level reached (0.985 on 2026-11-25) minus a small margin, and well above the
category-only baseline."""

from __future__ import annotations

from bench.fixtures import load_market
from bench.match_quality import evaluate, load_judgements, ndcg
from service.config import Settings
from tests.conftest import ReadyDatabase

REACHED = 0.985
MARGIN = 0.03


def test_the_judgements_are_enough_and_graded() -> None:
    judged = load_judgements()
    assert len(judged) >= 40
    assert all(j.grades and set(j.grades.values()) <= {1, 2, 3} for j in judged)
    assert ndcg(["a", "b"], {"a": 3, "b": 1}) == 1.0 and ndcg(["b", "a"], {"a": 3, "b": 1}) < 1.0


async def test_engine_quality_does_not_fall(ready_database: ReadyDatabase, settings: Settings) -> None:
    url = await ready_database("test_match_quality")
    await load_market(url, listings=400, demands=300)
    result = await evaluate(url)
    assert result["engine"]["all"] >= REACHED - MARGIN
    assert result["engine"]["all"] > result["baseline"]["all"] + 0.1
    assert result["engine"]["all"] > result["baseline+region"]["all"]
