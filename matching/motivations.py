"""改造方向 as data (seeds/motivations.yaml): what a demand's motivation is called and what makes a
listing serve it. The scorer (`scoring.fit_reason`) and the SQL candidate query
(`matches.repository`) are both generated from these records, so the rule lives here once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

GRADE_NAMES = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}


@dataclass(frozen=True)
class Citation:
    file: str
    clause: str


@dataclass(frozen=True)
class Motivation:
    key: str
    name: str
    citations: tuple[Citation, ...]
    basis: str
    energy_grade_at_most: int | None = None
    grade_reason: str = ""
    tags: tuple[tuple[str, str], ...] = ()  # (tag, reason), in order
    words: tuple[tuple[str, str], ...] = ()  # (word in title or description, reason), in order

    def reason(self, energy_grade: int | None, tags: Any, text: str) -> str | None:
        """Why a listing with this energy grade, these tags and this title + description serves
        the motivation — the first of grade, tags, words that holds — or None."""
        limit = self.energy_grade_at_most
        if limit is not None and energy_grade is not None and energy_grade <= limit:
            return self.grade_reason.format(grade=GRADE_NAMES.get(energy_grade, str(energy_grade)))
        found = next((why for tag, why in self.tags if tag in tags), None)
        if found is None:
            found = next((why for word, why in self.words if word in text), None)
        return found


def _motivation(raw: dict[str, Any]) -> Motivation:
    return Motivation(
        key=raw["key"],
        name=raw["name"],
        citations=tuple(Citation(c["file"], c["clause"]) for c in raw["citations"]),
        basis=raw["basis"],
        energy_grade_at_most=raw.get("energy_grade_at_most"),
        grade_reason=raw.get("grade_reason", ""),
        tags=tuple((str(t), str(w)) for t, w in (raw.get("tags") or {}).items()),
        words=tuple((str(t), str(w)) for t, w in (raw.get("words") or {}).items()),
    )


@cache
def motivations() -> tuple[Motivation, ...]:
    """The motivations shipped in seeds/motivations.yaml, in file order (the order of `pools.BITS`)."""
    text = resources.files("seeds").joinpath("motivations.yaml").read_text(encoding="utf-8")
    return tuple(_motivation(m) for m in yaml.safe_load(text)["motivations"])


MOTIVATIONS = motivations()
MOTIVATION_NAMES = {m.key: m.name for m in MOTIVATIONS}
