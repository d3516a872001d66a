"""What an actor may learn about a demand's place: suppliers see a demand's region at city level
until its buyer accepts contact, so anything a supplier filters or counts by is clamped to that
level too (a county filter must not find what the county shown would hide)."""

from __future__ import annotations

from catalog.regions.codes import city_of


def city_level(region_code: str) -> str:
    """A county or zone code shown at its city (330481 海宁市 → 330400 嘉兴市)."""
    return city_of(region_code)


def visible_region(region_code: str, *, reveal: bool) -> str:
    """The demand region an actor sees: exact when the buyer is revealed to it, else its city."""
    return region_code if reveal else city_level(region_code)


def region_filter(region: str | None, *, reveal: bool) -> str | None:
    """The demand-region filter an actor may apply: no finer than what it sees."""
    return None if region is None else visible_region(region, reveal=reveal)


def region_counts(counts: dict[str, int], *, reveal: bool) -> dict[str, int]:
    """Facet counts per region as the actor may see them (merged at city level when hidden)."""
    if reveal:
        return counts
    merged: dict[str, int] = {}
    for code, n in counts.items():
        city = city_level(code)
        merged[city] = merged.get(city, 0) + n
    return merged
