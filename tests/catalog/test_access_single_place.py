"""Region scope is decided in one place: `catalog/access` (policy, SQL scopes, reveal rules) on top
of `catalog/regions` (the tree). This test reads the source tree and fails when another module
starts computing region ancestry or code prefixes itself — call the access package instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog.access import city_level, region_counts, region_filter, visible_region

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("catalog", "matching", "service", "seeds")  # the product; bench/ grades it from outside
ALLOWED = ("catalog/access/", "catalog/regions/", "seeds/reference.py")  # the tree is built from regions.csv there

# Each pattern is a way region ancestry or a region's parent has been computed by hand before.
COPIES = {
    "the regions tree in SQL": re.compile(
        r"Region\.(ancestors|parent_code)\b|\bFROM\s+regions\b|ANY\(ancestors\)", re.I
    ),
    "an ancestor lookup for a decision": re.compile(r"\b(ancestors_of|is_within)\("),
    "a region code cut to a prefix": re.compile(r"region\w*\[:\d\]|\bcode\[:[24]\]\s*\+\s*[\"']0"),
    "a city or province built in SQL": re.compile(r"substr\(\s*[\w.]*region", re.I),
    "a scope membership test by hand": re.compile(r"actor\.region_code\s+(not\s+)?in\b"),
}


def copies_in(text: str) -> list[str]:
    return [name for name, pattern in COPIES.items() if pattern.search(text)]


def test_no_module_outside_access_computes_region_ancestry() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(ALLOWED):
                continue
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for name in copies_in(line):
                    found.append(f"{relative}:{lineno}: {name}: {line.strip()}")
    assert found == [], "region scope belongs in catalog/access:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        "    stmt = select(Region.code).where(literal(scope) == any_(Region.ancestors))",
        '    where.append("t.region_code IN (SELECT code FROM regions WHERE :r = ANY(ancestors))")',
        "    if actor.region_code not in await ancestors_of(session, code):",
        '    city = region_code if region_code.endswith("0000") else region_code[:4] + "00"',
        '    return code[:2] + "0000"',
        '    city = func.substr(Demand.region_code, 1, 4) + literal("00")',
        "    inside = actor.region_code in path",
    ],
)
def test_the_scan_recognises_each_known_copy(line: str) -> None:
    assert copies_in(line), line


def test_the_scan_leaves_category_paths_alone() -> None:
    assert copies_in("    wanted = codes | {c[:2] for c in codes}") == []
    assert copies_in("    select(Category.code).where(literal(code) == any_(Category.ancestors))") == []


def test_reveal_rules() -> None:
    assert city_level("330481") == "330400" and city_level("330400") == "330400" and city_level("330000") == "330000"
    assert city_level("370871") == "370800"  # a development zone shows as its city
    assert visible_region("330481", reveal=True) == "330481"
    assert region_filter("330481", reveal=False) == "330400" and region_filter(None, reveal=False) is None
    assert region_counts({"330481": 2, "330402": 1, "370811": 4}, reveal=False) == {"330400": 3, "370800": 4}
