"""Guessing the category of a demand whose buyer gave none, from its title, description and the
old equipment it replaces. Pure function; plain longest-match of taxonomy names, aliases and
`replaces` (the search work will bring segmentation later).

Each taxonomy term found in the text (the longest one wins where terms overlap) votes for its
leaf: leaf names and aliases fully, group names and aliases spread over their leaves, `replaces`
names for the leaves that replace that equipment. Title words count three times description
words; spec names mentioned (主轴转速, 激光功率) add a little to the leaves that have them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from matching.scoring import Taxonomy

TITLE_WEIGHT = 3.0
DESCRIPTION_WEIGHT = 1.0
REPLACES_WEIGHT = 1.5
GROUP_SHARE = 0.35
REPLACED_SHARE = 0.6
SPEC_NAME_VOTE = 0.3
# Generic words that are taxonomy aliases but say little on their own.
WEAK_TERMS = frozenset({"机床", "设备", "母机", "产线"})


@dataclass(frozen=True)
class Inference:
    code: str
    confidence: float  # 0..1


@dataclass(frozen=True)
class _Term:
    text: str
    votes: tuple[tuple[str, float], ...]  # (leaf code, share)


def _terms(taxonomy: Taxonomy) -> list[_Term]:
    if "inference_terms" not in taxonomy.memo:
        taxonomy.memo["inference_terms"] = _build_terms(taxonomy)
    terms: list[_Term] = taxonomy.memo["inference_terms"]
    return terms


def _build_terms(taxonomy: Taxonomy) -> list[_Term]:
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for leaf in taxonomy.leaves():
        for word in (leaf.name, *leaf.aliases):
            votes[word][leaf.code] = max(votes[word][leaf.code], 1.0)
        for old in leaf.replaces:
            votes[old][leaf.code] = max(votes[old][leaf.code], REPLACED_SHARE)
    for info in taxonomy.categories.values():
        if info.level != "group":
            continue
        for word in (info.name, *info.aliases):
            for child in taxonomy.children(info.code):
                votes[word][child] = max(votes[word][child], GROUP_SHARE)
    return [
        _Term(word, tuple(by_leaf.items()))
        for word, by_leaf in votes.items()
        if len(word) >= 2 and word not in WEAK_TERMS
    ]


def _longest_matches(text: str, terms: list[_Term]) -> list[_Term]:
    """Terms found in `text`, longest first, none overlapping a longer one already taken."""
    folded = text.casefold()
    found: list[tuple[int, int, _Term]] = []
    for term in terms:
        start = folded.find(term.text.casefold())
        while start >= 0:
            found.append((start, start + len(term.text), term))
            start = folded.find(term.text.casefold(), start + 1)
    found.sort(key=lambda item: -(item[1] - item[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[_Term] = []
    for start, end, term in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(term)
    return chosen


def infer_category(
    taxonomy: Taxonomy, *, title: str, description: str = "", replaces: str | None = None
) -> Inference | None:
    """The most likely leaf and how sure we are (share of the votes × strength), or None."""
    terms = _terms(taxonomy)
    scores: dict[str, float] = defaultdict(float)
    for text, weight in ((title, TITLE_WEIGHT), (description, DESCRIPTION_WEIGHT), (replaces or "", REPLACES_WEIGHT)):
        if not text:
            continue
        for term in _longest_matches(text, terms):
            length_bonus = min(1.5, len(term.text) / 3)
            for code, share in term.votes:
                scores[code] += weight * share * length_bonus
        for leaf in taxonomy.leaves():
            if any(spec.name in text for spec in leaf.specs.values() if len(spec.name) >= 3):
                scores[leaf.code] += SPEC_NAME_VOTE * weight / TITLE_WEIGHT
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best_code, best = ranked[0]
    if best < 0.5:
        return None
    total = sum(value for _, value in ranked[:5])
    strength = min(1.0, best / 4.0)
    return Inference(code=best_code, confidence=round(best / total * strength, 3))
