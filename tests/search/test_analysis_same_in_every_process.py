"""A query reads the same in every process: two API processes behind one port must not answer one
query differently. Python salts string hashes per process (PYTHONHASHSEED), so an analysis that
depends on the order of a set varies from process to process; this runs the analyzer under several
seeds and compares."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from catalog.text import analyzer

ROOT = Path(__file__).resolve().parents[2]
DUMP = """
import json, sys
from catalog.text import analyzer
a = analyzer()
queries = sorted(set(a.lexicon.synonyms) | set(a.lexicon.categories)) + ["龙门加工中心 惠州", "立式加工中心 需要3台"]
print(json.dumps({q: repr(a.analyse(q)) for q in queries}, ensure_ascii=False))
"""


def analyses(seed: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    out = subprocess.run([sys.executable, "-c", DUMP], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result: dict[str, str] = json.loads(out.stdout)
    return result


def test_every_known_phrase_reads_the_same_under_any_hash_seed() -> None:
    first = analyses(0)
    assert len(first) > 700
    for seed in (1, 5):  # 1 and 5 read 龙门加工中心 as the place 龙门 + 加工中心 before
        other = analyses(seed)
        assert [q for q in first if first[q] != other[q]] == []


def test_a_qualifier_split_off_an_alias_is_not_a_place() -> None:
    """龙门加工中心 is a gantry machining centre: 龙门 is its qualifier, not 惠州's 龙门县."""
    analysis = analyzer().analyse("龙门加工中心")
    assert analysis.groups == [[("龙门",)], [("加工中心",)]]
    assert "0101" in analysis.categories
    # a place named on its own is still a place
    assert ("服务@龙门",) in analyzer().analyse("龙门 数控机床").groups[0]
