"""What a GB/T 2260 code says by itself: its province and city (the first two and four digits).

Pure functions on codes, so scoring, anonymising and the demo generator share one reading of the
code structure; questions that need the tree (is X inside Y) go to the regions table.
"""

from __future__ import annotations

from catalog.regions.models import NATIONWIDE


def province_of(code: str) -> str:
    """The province of a code (330481 海宁市 → 330000 浙江省); 000000 stays nationwide."""
    return code if code == NATIONWIDE else code[:2] + "0000"


def city_of(code: str) -> str:
    """A county or zone code at its city (330481 海宁市 → 330400 嘉兴市); a province or city
    code is already at city level or above and stays as it is."""
    return code if code.endswith("00") else code[:4] + "00"


def same_city(a: str, b: str) -> bool:
    return a[:4] == b[:4]


def same_province(a: str, b: str) -> bool:
    return a[:2] == b[:2]
