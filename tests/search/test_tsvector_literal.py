"""The weighted tsvector literal (catalog/search/documents.py) against the plain definition: one
position per token, POSITIONS_PER_FIELD kept per lexeme and field, a gap of 10 between fields,
positions capped at PostgreSQL's largest, lexemes quoted — with quotes, backslashes, Chinese
tokens and fields long enough to reach the cap."""

from __future__ import annotations

import random

from catalog.search.documents import FIELD_WEIGHTS, MAX_POSITION, POSITIONS_PER_FIELD, SearchDocument


def _plainly(segments: dict[str, list[str]]) -> str:
    positions: dict[str, list[str]] = {}
    position = 0
    for name, weight in FIELD_WEIGHTS:
        seen: dict[str, int] = {}
        for token in segments.get(name, []):
            position = min(position + 1, MAX_POSITION)
            seen[token] = seen.get(token, 0) + 1
            if seen[token] <= POSITIONS_PER_FIELD:
                positions.setdefault(token, []).append(f"{position}{weight}")
        position = min(position + 10, MAX_POSITION)
    quoted = ("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in positions)
    return " ".join(f"{q}:{','.join(p)}" for q, p in zip(quoted, positions.values(), strict=True))


def _document(segments: dict[str, list[str]]) -> SearchDocument:
    return SearchDocument(
        id=None, kind="listing", status="draft", title="", category=None, brand=None, model=None,  # type: ignore[arg-type]
        description="", tags=[], energy_grade=None, price_min=None, budget_max=None, recommended=False,
        regions=[], motivations=[], published_at=None, segments=segments,
    )  # fmt: skip


def test_the_literal_is_the_plain_definition() -> None:
    rng = random.Random(14)
    words = ["加工中心", "机床", "vmc850", "it's", "a\\b", "'", "数控", "五轴"]
    for _ in range(400):
        segments = {name: [rng.choice(words) for _ in range(rng.randint(0, 6000))] for name, _ in FIELD_WEIGHTS}
        assert _document(segments).tsvector_literal() == _plainly(segments)
    literal = _document({"title": ["it's", "机床", "机床", "机床"], "description": ["机床"]}).tsvector_literal()
    assert literal == "'it''s':1A '机床':2A,3A,35D"  # gaps of 10 after each field
